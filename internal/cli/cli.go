// Package cli implements the tdsite command line: German help texts,
// consistent flags and documented exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"tdsite/internal/build"
	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
	"tdsite/internal/markdown"
	"tdsite/internal/validate"
)

// Exit codes (documented in README.md).
const (
	ExitOK      = 0 // success
	ExitContent = 1 // the content has errors; nothing was published
	ExitUsage   = 2 // wrong command or option
	ExitIO      = 3 // files could not be read or written
)

// now is today for commands that date what they write; tests replace it.
var now = time.Now

// Speicher says what the command did about huge pages
// (internal/hugepages); cmd/tdsite sets it, `build -v` prints it.
var Speicher string

// WholeSite reports whether the command named cmd loads and checks the
// whole site once: build and check, by either of the names Run knows them
// by. cmd/tdsite asks for huge pages for these.
func WholeSite(cmd string) bool {
	switch cmd {
	case "check", "pruefen", "build", "bauen":
		return true
	}
	return false
}

// Run executes the command line and returns the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	// File names and values in messages are the editors' text; escaping
	// here keeps control characters in them from rewriting the terminal.
	stdout, stderr = diag.NewWriter(stdout), diag.NewWriter(stderr)
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "check", "pruefen":
		return runCheck(args[1:], stdout, stderr)
	case "build", "bauen":
		return runBuild(args[1:], stdout, stderr)
	case "serve", "vorschau":
		return runServe(args[1:], stdout, stderr)
	case "new", "neu":
		return runNew(args[1:], stdout, stderr)
	case "import", "importieren":
		return runImport(args[1:], stdout, stderr)
	case "bericht":
		return runBericht(args[1:], stdout, stderr)
	case "version", "--version":
		return runVersion(args[1:], stdout, stderr)
	case "help", "hilfe", "-h", "--help":
		return runHelp(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "tdsite: Den Befehl „%s“ gibt es nicht.\n\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `tdsite – Website-Generator für die Digitalstrategien des Freistaats Thüringen (#thüringendigital)

Aufruf: tdsite <Befehl> [Angaben] [Optionen]

Befehle:
  new       Neue Inhalte anlegen: strategie, handlungsfeld, massnahme, meldung, messwert
  check     Inhalte prüfen, ohne etwas zu veröffentlichen
  serve     Vorschau im Browser unter http://127.0.0.1:1313/
  import    Status und Meilensteine aus dem Projektmanagement übernehmen (openproject)
  bericht   Fortschrittsbericht nach dem Stichtag einfrieren: bericht abschliessen JAHR
  build     Website erzeugen (prüft vorher alle Inhalte)
  version   Version von tdsite anzeigen
  help      Diese Hilfe anzeigen; „tdsite help <Befehl>“ zeigt die Hilfe eines Befehls

Optionen, die jeder Befehl kennt:
  --source ORDNER   Ordner der Website (Standard: aktueller Ordner)
  -q, --quiet       nur Fehler ausgeben
  -v, --verbose     ausführlicher ausgeben
  -h, --help        Hilfe zum Befehl anzeigen

Exit-Codes:
  0  erfolgreich
  1  Inhalte fehlerhaft oder unvollständig übernommen (bei build: nichts veröffentlicht)
  2  falscher Aufruf (unbekannter Befehl, unbekannte Option, fehlende Angabe)
  3  Dateien konnten nicht gelesen oder geschrieben werden

Beispiele:
  tdsite new strategie "Digitalstrategie für den Thüringer Sport" --federfuehrung TMDI
  tdsite new massnahme "Sportvereine digital" --strategie digitalstrategie-fuer-den-thueringer-sport
  tdsite import openproject export.csv --dry-run
  tdsite build
`)
}

// runHelp shows the general help or the help of one command.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return ExitOK
	}
	return Run(append(args, "--help"), stdout, stderr)
}

// printDiags writes findings: only errors when quiet, acknowledged warnings
// too when verbose.
func printDiags(w io.Writer, l *diag.List, o *options) {
	if l == nil {
		return
	}
	if !o.Quiet {
		l.Print(w, o.Verbose)
		return
	}
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			fmt.Fprintln(w, d.String())
		}
	}
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	o := newOptions("check", "[Optionen]", `
Prüft alle Inhalte in content/ und config.toml nach den Regeln des Leitfadens und nennt
zu jedem Fehler und jeder Warnung Datei, Zeile und einen Hinweis. Es wird nichts geschrieben.`).common()
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 0, 0, stderr) {
		return ExitUsage
	}
	root, _ := filepath.Abs(o.Source)
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		fmt.Fprintf(stderr, "tdsite check: Im Ordner %s gibt es keinen Unterordner content/.\n    Hinweis: Wechseln Sie in den Ordner der Website oder geben Sie ihn mit --source an.\n", root)
		return ExitIO
	}
	site, diags := content.Load(root)
	diags.Merge(validate.Check(site))
	cfg, cd := config.Load(root)
	diags.Merge(cd)
	if cfg != nil {
		// Staleness and closed reports need the linked model and the build day.
		bd := cfg.BuildDatum
		if bd.IsZero() {
			bd = datum.FromTime(now())
		}
		m := build.ModelChecked(site, cfg, markdown.New(cfg.Markdown.UnsafeHTML), bd, diags)
		cfg.Quittieren(diags)
		if m != nil && !diags.HasErrors() {
			diags.Merge(build.ModelChecks(site, m, bd, o.Verbose))
		}
	}
	printDiags(stdout, diags, o)
	if !o.Quiet || diags.HasErrors() {
		fmt.Fprintf(stdout, "Geprüft: %d Dateien, %s.\n", len(site.Files), diags.Summary())
	}
	if diags.HasErrors() {
		return ExitContent
	}
	return ExitOK
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var dest string
	var noMinify, noCache bool
	o := newOptions("build", "[Optionen]", `
Prüft alle Inhalte und erzeugt die Website im Ausgabeordner (Standard: public/). Bei Fehlern
in den Inhalten bleibt der bisherige Ausgabeordner unverändert. Dauert der Bau länger, zeigt
tdsite im Terminal an, wie viele Seiten schon fertig sind. Hat sich seit dem letzten Bau
nichts geändert (Inhalte, Vorlagen, Design, config.toml, Ausgabeordner, tdsite selbst),
bleibt der Ausgabeordner, wie er ist. Haben sich nur Dateien in content/ geändert, entstehen
nur die Seiten neu, die sie zeigen; alle Inhalte werden trotzdem vollständig geprüft.`).common()
	o.str(&dest, "dest", "ORDNER", "", "Ausgabeordner (Standard: <source>/public)")
	o.boolean(&noMinify, "no-minify", "", "Ausgabe nicht verkleinern (zum Nachsehen)")
	o.boolean(&noCache, "no-cache", "", "immer alles neu bauen, auch wenn sich nichts oder nur wenig geändert hat")
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 0, 0, stderr) {
		return ExitUsage
	}
	// Ctrl+C or SIGTERM (e.g. from systemd or CI) stops the build cleanly:
	// the staging directory is removed and the published site stays as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	prog := newProgress(stdout, o.Quiet)
	res, diags, err := build.Run(ctx, build.Options{Source: o.Source, Dest: dest, NoMinify: noMinify, Progress: prog.update, Cache: !noCache})
	prog.done()
	printDiags(stderr, diags, o)
	if errors.Is(err, build.ErrAbgebrochen) {
		fmt.Fprintf(stderr, "tdsite build: %s\n", diag.Explain(err))
		return ExitIO
	}
	if errors.Is(err, build.ErrContent) {
		fmt.Fprintf(stderr, "%s Gefunden: %s. Der bisherige Ausgabeordner bleibt unverändert.\n", err, diags.Summary())
		return ExitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "tdsite build: %s\n", diag.Explain(err))
		return ExitIO
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "Warnung: %s\n", n)
	}
	if !o.Quiet && res.Unchanged {
		fmt.Fprintf(stdout, "Unverändert seit dem letzten Bau (%s): %d Seiten, %d Dateien (%d KB), nichts neu geschrieben. %s. Neu bauen erzwingen: tdsite build --no-cache\n",
			res.Built.Local().Format("02.01.2006, 15:04 Uhr"), res.Pages, res.Files, res.Bytes/1024, diags.Summary())
		return ExitOK
	}
	if !o.Quiet {
		fmt.Fprintf(stdout, "Fertig: %d Seiten, %d Dateien (%d KB) in %s. %s.\n", res.Pages, res.Files, res.Bytes/1024, res.Duration.Round(1e6), diags.Summary())
		if res.Incremental {
			fmt.Fprintf(stdout, "Nur geänderte Inhalte: %d Seiten neu erzeugt, die übrigen aus dem bisherigen Ausgabeordner übernommen. Alles neu bauen: tdsite build --no-cache\n", res.Rendered)
		}
		if o.Verbose {
			var parts []string
			for _, ph := range res.Phases {
				part := fmt.Sprintf("%s %s", ph.Name, ph.Took.Round(1e6))
				if ph.CPU > 0 && ph.Took >= 50*time.Millisecond {
					// how many cores the step kept busy, for longer steps
					part += fmt.Sprintf(" (%.1f Kerne)", ph.CPU.Seconds()/ph.Took.Seconds())
				}
				parts = append(parts, part)
			}
			fmt.Fprintf(stdout, "Zeiten (Kerne: Rechenzeit je Sekunde): %s.\n", strings.Join(parts, ", "))
			if Speicher != "" {
				fmt.Fprintf(stdout, "Speicher: %s.\n", Speicher)
			}
		}
		printLinks(stdout, res, o.Verbose)
	}
	return ExitOK
}
