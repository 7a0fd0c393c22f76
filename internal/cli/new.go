package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"tdsite/internal/diag"
	"tdsite/internal/scaffold"
)

const newUsage = `Aufruf: tdsite new <Art> <Angaben> [Optionen]

Legt neue Inhalte an, die „tdsite check“ ohne Fehler besteht. Vorhandene Dateien werden nie
überschrieben. Kommentare in den neuen Dateien erklären jedes Feld.

Arten:
  strategie "<Name>"                 neue Strategie mit allen Dateien
  handlungsfeld "<Name>"             neues Handlungsfeld (mit --strategie: der Strategie hinzufügen)
  massnahme "<Titel>" --strategie S  neue Maßnahme im Aktionsplan
  meldung "<Titel>" --strategie S    neue Meldung mit dem heutigen Datum
  messwert <Ziel> <Wert>             neuer Messwert für ein quantitatives Ziel

Mit „tdsite new <Art> --help“ sehen Sie die Optionen einer Art.
`

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return ExitUsage
	}
	switch args[0] {
	case "strategie":
		return newStrategie(args[1:], stdout, stderr)
	case "handlungsfeld":
		return newHandlungsfeld(args[1:], stdout, stderr)
	case "massnahme", "maßnahme":
		return newMassnahme(args[1:], stdout, stderr)
	case "meldung":
		return newMeldung(args[1:], stdout, stderr)
	case "messwert":
		return newMesswert(args[1:], stdout, stderr)
	case "-h", "--help", "help", "hilfe":
		fmt.Fprint(stdout, newUsage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "tdsite new: Die Art „%s“ gibt es nicht.\n\n%s", args[0], newUsage)
	return ExitUsage
}

// newCommand holds what every "new" command shares.
type newCommand struct {
	*options
	dryRun bool
}

func newNewCommand(kind, synopsis, about string) *newCommand {
	c := &newCommand{options: newOptions("new "+kind, synopsis, about).common()}
	c.boolean(&c.dryRun, "dry-run", "", "nur anzeigen, was angelegt würde")
	c.entries[len(c.entries)-1].shared = true
	return c
}

// main parses the call, expects n arguments and creates the content with
// them.
func (c *newCommand) main(args []string, n int, stdout, stderr io.Writer, create func(rest []string, s *scaffold.Site) (*scaffold.Result, error)) int {
	rest, code, ok := c.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !c.wantArgs(rest, n, n, stderr) {
		return ExitUsage
	}
	return c.run(stdout, stderr, func(s *scaffold.Site) (*scaffold.Result, error) { return create(rest, s) })
}

// run opens the site, calls create and reports the result.
func (c *newCommand) run(stdout, stderr io.Writer, create func(*scaffold.Site) (*scaffold.Result, error)) int {
	root, _ := filepath.Abs(c.Source)
	site, err := scaffold.Open(root, now())
	if err == nil {
		site.DryRun = c.dryRun
		var res *scaffold.Result
		res, err = create(site)
		if err == nil {
			return c.report(res, stdout, stderr)
		}
	}
	var p *scaffold.Problem
	if errors.As(err, &p) {
		fmt.Fprintf(stderr, "tdsite %s: %s\n", c.name, p.Msg)
		if p.Hint != "" {
			fmt.Fprintf(stderr, "    Hinweis: %s\n", p.Hint)
		}
		if p.IO {
			return ExitIO
		}
		return ExitContent
	}
	fmt.Fprintf(stderr, "tdsite %s: %s\n", c.name, diag.Explain(err))
	return ExitIO
}

func (c *newCommand) report(res *scaffold.Result, stdout, stderr io.Writer) int {
	for _, n := range res.Notes {
		if !c.Quiet {
			fmt.Fprintf(stderr, "Hinweis: %s\n", n)
		}
	}
	verb, verbChanged := "Angelegt", "Ergänzt"
	if c.dryRun {
		verb, verbChanged = "Würde anlegen", "Würde ergänzen"
	}
	if !c.Quiet {
		for _, f := range res.Created {
			fmt.Fprintf(stdout, "%s: %s\n", verb, f)
		}
		for _, f := range res.Changed {
			fmt.Fprintf(stdout, "%s: %s\n", verbChanged, f)
		}
	}
	errs := 0
	var todo []diag.Diagnostic
	for _, d := range res.Findings {
		if d.Severity == diag.Error {
			errs++
		}
		if d.Severity == diag.Error || !c.Quiet {
			todo = append(todo, d)
		}
	}
	if len(todo) > 0 {
		fmt.Fprintln(stdout, "\nNoch zu tun (aus „tdsite check“):")
		for _, d := range todo {
			fmt.Fprintln(stdout, d.String())
		}
	}
	if c.dryRun && !c.Quiet {
		fmt.Fprintln(stdout, "Probelauf: Es wurde nichts geschrieben.")
	}
	if errs > 0 {
		return ExitContent
	}
	return ExitOK
}

func newStrategie(args []string, stdout, stderr io.Writer) int {
	var o scaffold.StrategieOptions
	c := newNewCommand("strategie", `"<Name>" [Optionen]`, `
Legt eine neue Strategie unter content/strategien/<slug>/ an: strategie.md, ziele.toml,
initiativen.toml, messwerte.toml, backlog.toml und für jedes Handlungsfeld die Datei mit dem
Leitbild-Abschnitt. Der Ordnername (Slug) wird aus dem Namen gebildet, Umlaute umschrieben
(ü → ue, ß → ss). Folgt der Name nicht dem Namensschema des Leitfadens, gibt es einen Hinweis.

Beispiel:
  tdsite new strategie "Digitalstrategie für die Thüringer Kultur" --federfuehrung TMDI`)
	c.str(&o.Slug, "slug", "SLUG", "", "Ordnername und Adresse, z. B. kultur (Standard: aus dem Namen)")
	c.str(&o.Kurzname, "kurzname", "TEXT", "", "kurzer Name für Karten und Navigation (Standard: Thema aus dem Namen)")
	c.str(&o.Federfuehrung, "federfuehrung", "KÜRZEL", "", "federführendes Ressort aus content/akteure.toml, z. B. TMDI")
	c.str(&o.Rahmenstrategie, "rahmenstrategie", "SLUG", "", "Rahmenstrategie (Standard: die aktuelle, z. B. smart-state)")
	c.list(&o.Handlungsfelder, "handlungsfeld", "SCHLÜSSEL", "Handlungsfeld aus content/handlungsfelder/")
	c.boolean(&o.Beispiel, "beispiel", "", "als fiktives Beispiel kennzeichnen")
	return c.main(args, 1, stdout, stderr, func(rest []string, s *scaffold.Site) (*scaffold.Result, error) {
		o.Name = rest[0]
		return s.NewStrategie(o)
	})
}

func newHandlungsfeld(args []string, stdout, stderr io.Writer) int {
	var o scaffold.HandlungsfeldOptions
	c := newNewCommand("handlungsfeld", `"<Name>" [Optionen]`, `
Legt ein Handlungsfeld im gemeinsamen Verzeichnis content/handlungsfelder/ an. Mit --strategie
wird es außerdem in die Liste handlungsfelder der Strategie eingetragen und die Datei für den
Leitbild-Abschnitt angelegt. Gibt es das Handlungsfeld schon (gleicher Name oder Schlüssel),
wird das vorhandene übernommen, wie der Leitfaden es verlangt.

Beispiele:
  tdsite new handlungsfeld "Digitale Kulturangebote" --kurzname "Kulturangebote"
  tdsite new handlungsfeld digitales-kulturgut --strategie kultur`)
	c.str(&o.Key, "schluessel", "SCHLÜSSEL", "", "Dateiname und Adresse (Standard: aus dem Namen)")
	c.str(&o.Kurzname, "kurzname", "TEXT", "", "kurzer Name für enge Darstellungen")
	c.str(&o.Strategie, "strategie", "SLUG", "", "auch dieser Strategie hinzufügen")
	return c.main(args, 1, stdout, stderr, func(rest []string, s *scaffold.Site) (*scaffold.Result, error) {
		o.Name = rest[0]
		return s.NewHandlungsfeld(o)
	})
}

func newMassnahme(args []string, stdout, stderr io.Writer) int {
	var o scaffold.MassnahmeOptions
	var federfuehrung []string
	c := newNewCommand("massnahme", `"<Titel>" --strategie SLUG [Optionen]`, `
Legt eine Maßnahme im Aktionsplan einer Strategie an:
content/strategien/<slug>/massnahmen/<id>.md. Die ID setzt die Nummerierung der Strategie fort
(z. B. BSP-10 → BSP-11), Federführung und Handlungsfeld kommen aus der Strategie, wenn sie
eindeutig sind. Der Status steht als erster datierter Eintrag [[verlauf]] mit dem heutigen Tag
und der Quelle (--quelle) in der Datei.

Beispiel:
  tdsite new massnahme "Digitale Sprechstunde für Vereine" --strategie beispiel-kommunen --ziel E1.1`)
	c.str(&o.Strategie, "strategie", "SLUG", "", "Strategie (Ordnername unter content/strategien/)")
	c.str(&o.ID, "id", "ID", "", "Maßnahmen-ID, eindeutig in der ganzen Website (Standard: nächste Nummer)")
	c.str(&o.Handlungsfeld, "handlungsfeld", "SCHLÜSSEL", "", "Handlungsfeld der Strategie")
	c.list(&federfuehrung, "federfuehrung", "KÜRZEL", "federführendes Ressort oder Organisation")
	c.list(&o.Ziele, "ziel", "ID", "unterstütztes Ziel oder Etappenziel, z. B. E1.1")
	c.str(&o.Status, "status", "STATUS", "geplant", "geplant, laufend, umgesetzt oder ausgesetzt")
	c.str(&o.Quelle, "quelle", "TEXT", scaffold.StandardQuelle, "woher der Status stammt, z. B. „Kabinettsbeschluss vom 12.03.2027“")
	return c.main(args, 1, stdout, stderr, func(rest []string, s *scaffold.Site) (*scaffold.Result, error) {
		o.Titel = rest[0]
		if federfuehrung != nil {
			o.Federfuehrung = federfuehrung
		}
		return s.NewMassnahme(o)
	})
}

func newMeldung(args []string, stdout, stderr io.Writer) int {
	var o scaffold.MeldungOptions
	c := newNewCommand("meldung", `"<Titel>" --strategie SLUG [Optionen]`, `
Legt eine Meldung zu einer Strategie an:
content/strategien/<slug>/meldungen/<JJJJ-MM-TT>-<titel>.md mit dem heutigen Datum.

Beispiel:
  tdsite new meldung "Steuerkreis beschließt das Leitbild" --strategie kultur`)
	c.str(&o.Strategie, "strategie", "SLUG", "", "Strategie (Ordnername unter content/strategien/)")
	c.str(&o.Datum, "datum", "TT.MM.JJJJ", "", "Datum der Meldung (Standard: heute)")
	c.str(&o.Zusammenfassung, "zusammenfassung", "TEXT", "", "ein Satz für Übersichten und den Feed")
	return c.main(args, 1, stdout, stderr, func(rest []string, s *scaffold.Site) (*scaffold.Result, error) {
		o.Titel = rest[0]
		return s.NewMeldung(o)
	})
}

func newMesswert(args []string, stdout, stderr io.Writer) int {
	var o scaffold.MesswertOptions
	c := newNewCommand("messwert", `<Ziel-ID> <Wert> [Optionen]`, `
Fügt einen Messwert des Monitorings unten an content/strategien/<slug>/messwerte.toml an.
Alles, was schon in der Datei steht, bleibt unverändert. Die Strategie ist nur nötig, wenn es
die Ziel-ID in mehreren Strategien gibt. Werte schreiben Sie wie gewohnt (35, 12,5); bei
Ja/Nein-Zielen „ja“ oder „nein“.

Beispiel:
  tdsite new messwert E1.1 80 --strategie beispiel-kommunen --datum 31.12.2026`)
	c.str(&o.Strategie, "strategie", "SLUG", "", "Strategie des Ziels")
	c.str(&o.Datum, "datum", "TT.MM.JJJJ", "", "Tag der Messung (Standard: heute)")
	c.str(&o.Kommentar, "kommentar", "TEXT", "", "Erläuterung zum Messwert, z. B. woher er stammt")
	c.boolean(&o.Gefaehrdet, "gefaehrdet", "", "Zielerreichung ist gefährdet (dann mit --korrektur)")
	c.str(&o.Korrektur, "korrektur", "TEXT", "", "vorgeschlagene Korrektur für den Steuerkreis")
	return c.main(args, 2, stdout, stderr, func(rest []string, s *scaffold.Site) (*scaffold.Result, error) {
		o.Ziel, o.Wert = rest[0], rest[1]
		return s.NewMesswert(o)
	})
}
