package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// options wraps flag.FlagSet so that every command has the same shared
// options, German help and German messages for wrong calls. The standard
// flag package prints English and stops at the first argument that is not
// an option; editors write `tdsite new massnahme "Titel" --strategie x`,
// so options may follow arguments here.
type options struct {
	fs       *flag.FlagSet
	name     string // "build", "new massnahme"
	synopsis string // what follows "tdsite <name>" in the Aufruf line
	about    string // German description, several lines
	entries  []optEntry

	// Shared options; registered by common().
	Source  string
	Quiet   bool
	Verbose bool
}

type optEntry struct {
	names  string // "--source ORDNER" or "-q, --quiet"
	usage  string
	shared bool // one of the options every command has; listed last
}

func newOptions(name, synopsis, about string) *options {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and help are printed in German below
	return &options{fs: fs, name: name, synopsis: synopsis, about: about}
}

// common registers --source, --quiet and --verbose, which mean the same in
// every command.
func (o *options) common() *options {
	n := len(o.entries)
	o.fs.StringVar(&o.Source, "source", ".", "")
	o.entries = append(o.entries, optEntry{names: "--source ORDNER", usage: "Ordner der Website mit content/ und config.toml (Standard: aktueller Ordner)"})
	o.boolean(&o.Quiet, "quiet", "q", "nur Fehler ausgeben")
	o.boolean(&o.Verbose, "verbose", "v", "ausführlicher ausgeben, auch quittierte Warnungen")
	for i := n; i < len(o.entries); i++ {
		o.entries[i].shared = true
	}
	return o
}

func (o *options) str(p *string, name, arg, def, usage string) {
	o.fs.StringVar(p, name, def, usage)
	if def != "" {
		usage += fmt.Sprintf(" (Standard: %s)", def)
	}
	o.entries = append(o.entries, optEntry{names: "--" + name + " " + arg, usage: usage})
}

func (o *options) boolean(p *bool, name, short, usage string) {
	o.fs.BoolVar(p, name, false, usage)
	names := "--" + name
	if short != "" {
		o.fs.BoolVar(p, short, false, usage)
		names = "-" + short + ", " + names
	}
	o.entries = append(o.entries, optEntry{names: names, usage: usage})
}

func (o *options) integer(p *int, name, arg string, def int, usage string) {
	o.fs.IntVar(p, name, def, usage)
	o.entries = append(o.entries, optEntry{names: "--" + name + " " + arg, usage: fmt.Sprintf("%s (Standard: %d)", usage, def)})
}

// list registers an option that may be given several times or with commas:
// --handlungsfeld a --handlungsfeld b, or --handlungsfeld a,b.
func (o *options) list(p *[]string, name, arg, usage string) {
	o.fs.Func(name, usage, func(v string) error {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				*p = append(*p, part)
			}
		}
		return nil
	})
	o.entries = append(o.entries, optEntry{names: "--" + name + " " + arg, usage: usage + " (mehrfach oder mit Komma)"})
}

// help writes the German help of the command.
func (o *options) help(w io.Writer) {
	fmt.Fprintf(w, "Aufruf: tdsite %s %s\n\n%s\n", o.name, o.synopsis, strings.TrimSpace(o.about))
	var entries []optEntry
	for _, shared := range []bool{false, true} {
		for _, e := range o.entries {
			if e.shared == shared {
				entries = append(entries, e)
			}
		}
	}
	entries = append(entries, optEntry{names: "-h, --help", usage: "diese Hilfe anzeigen"})
	width := 0
	for _, e := range entries {
		width = max(width, len([]rune(e.names)))
	}
	fmt.Fprintln(w, "\nOptionen:")
	for _, e := range entries {
		fmt.Fprintf(w, "  %-*s  %s\n", width, e.names, e.usage)
	}
	fmt.Fprintln(w, "\nExit-Codes: 0 erfolgreich, 1 Inhalte fehlerhaft, 2 falscher Aufruf, 3 Lesen oder Schreiben fehlgeschlagen.")
}

// parse reads options and arguments in any order. It returns the arguments
// and ok; when ok is false the command must return code (help was shown or
// the call was wrong).
func (o *options) parse(args []string, stdout, stderr io.Writer) (rest []string, code int, ok bool) {
	for {
		err := o.fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			o.help(stdout)
			return nil, ExitOK, false
		}
		if err != nil {
			fmt.Fprintf(stderr, "tdsite %s: %s\nMit „tdsite %s --help“ sehen Sie alle Optionen.\n", o.name, germanFlagError(err), o.name)
			return nil, ExitUsage, false
		}
		args = o.fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" { // everything after -- is an argument, even if it starts with -
			rest = append(rest, args[1:]...)
			break
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
	if o.Quiet && o.Verbose {
		fmt.Fprintf(stderr, "tdsite %s: --quiet und --verbose schließen sich aus; wählen Sie eine der beiden Optionen.\n", o.name)
		return nil, ExitUsage, false
	}
	return rest, ExitOK, true
}

// wantArgs checks the number of arguments.
func (o *options) wantArgs(rest []string, min, max int, stderr io.Writer) bool {
	if len(rest) >= min && len(rest) <= max {
		return true
	}
	switch {
	case len(rest) < min:
		fmt.Fprintf(stderr, "tdsite %s: Es fehlt eine Angabe.\nAufruf: tdsite %s %s\n", o.name, o.name, o.synopsis)
	default:
		fmt.Fprintf(stderr, "tdsite %s: Zu viele Angaben: %s.\nSetzen Sie Namen mit Leerzeichen in Anführungszeichen, z. B. \"Digitalstrategie für die Thüringer Kultur\".\nAufruf: tdsite %s %s\n",
			o.name, quoteAll(rest[max:]), o.name, o.synopsis)
	}
	return false
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = "„" + s + "“"
	}
	return strings.Join(q, ", ")
}

// germanFlagError translates the flag package's English messages. The
// package reports every option with one dash; editors type two.
func germanFlagError(err error) string {
	msg := strings.NewReplacer(": -", ": --", "flag -", "flag --").Replace(err.Error())
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return fmt.Sprintf("Die Option „%s“ gibt es nicht.", strings.TrimPrefix(msg, "flag provided but not defined: "))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return fmt.Sprintf("Die Option „%s“ braucht einen Wert.", strings.TrimPrefix(msg, "flag needs an argument: "))
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		// invalid value "x" for flag -port: parse error
		if i := strings.Index(msg, " for flag "); i >= 0 {
			name, _, _ := strings.Cut(msg[i+len(" for flag "):], ":")
			val := strings.TrimPrefix(strings.TrimPrefix(msg[:i], "invalid boolean value "), "invalid value ")
			return fmt.Sprintf("Der Wert %s passt nicht zur Option „%s“.", val, name)
		}
	case strings.HasPrefix(msg, "bad flag syntax: "):
		return fmt.Sprintf("Die Schreibweise „%s“ ist keine gültige Option.", strings.TrimPrefix(msg, "bad flag syntax: "))
	}
	return msg
}
