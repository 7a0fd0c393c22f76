package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
	"tdsite/internal/openproject"
)

const importUsage = `Aufruf: tdsite import <Quelle> <Datei> [Optionen]

Übernimmt Angaben aus anderen Werkzeugen in die Inhalte.

Quellen:
  openproject DATEI.csv   Status und Meilensteine der Maßnahmen aus einem
                          Arbeitspaket-Export von OpenProject

Mit „tdsite import openproject --help“ sehen Sie die Optionen.
`

func runImport(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, importUsage)
		return ExitUsage
	}
	switch args[0] {
	case "openproject":
		return importOpenProject(args[1:], stdout, stderr)
	case "-h", "--help", "help", "hilfe":
		fmt.Fprint(stdout, importUsage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "tdsite import: Die Quelle „%s“ gibt es nicht.\n\n%s", args[0], importUsage)
	return ExitUsage
}

func importOpenProject(args []string, stdout, stderr io.Writer) int {
	var dryRun bool
	var spalte, stand, exportdatum string
	o := newOptions("import openproject", "DATEI.csv [Optionen]", `
Liest einen Arbeitspaket-Export von OpenProject (CSV) und übernimmt Status, Start und
Meilensteine in die Maßnahmen unter content/strategien/*/massnahmen/. Nur die betroffenen
Zeilen werden geändert; Kommentare und alles andere bleiben, wie sie sind. Ein zweiter Lauf
mit derselben Datei ändert nichts mehr. Ein neuer Status wird als datierter [[verlauf]]-Eintrag
mit dem Export als Quelle angefügt (Datum: Spalte „Aktualisiert am“, sonst Tag des Exports).

Erwartete Spalten: ID, Status und ein benutzerdefiniertes Feld mit der tdsite-Maßnahmen-ID
(z. B. „Maßnahmen-ID“); außerdem Typ, Thema, Startdatum, Endtermin, % erledigt und
Übergeordnetes Arbeitspaket. Trennzeichen „;“ oder „,“, UTF-8 (mit oder ohne BOM) oder
Windows-1252. Spalten und Zuordnung der Status: docs/openproject.md.

Exit-Code 1 heißt hier: Einige Zeilen konnten nicht übernommen werden (unbekannte
Maßnahmen-IDs oder Status); alle anderen Änderungen wurden geschrieben.

Beispiel:
  tdsite import openproject export.csv --dry-run`).common()
	o.boolean(&dryRun, "dry-run", "", "nur anzeigen, was sich ändern würde (mit --verbose als Diff)")
	o.str(&spalte, "spalte", "NAME", "", "Spalte mit der tdsite-Maßnahmen-ID (Standard: aus config.toml oder „Maßnahmen-ID“)")
	o.str(&stand, "stand", "TT.MM.JJJJ", "", "„stand“ geänderter Maßnahmen (Standard: heute)")
	o.str(&exportdatum, "exportdatum", "TT.MM.JJJJ", "", "Tag des Exports für Verlauf und Quelle (Standard: aus dem Dateinamen, sonst heute)")
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 1, 1, stderr) {
		return ExitUsage
	}
	root, _ := filepath.Abs(o.Source)
	fail := func(code int, msg, hint string) int {
		fmt.Fprintf(stderr, "tdsite import openproject: %s\n", msg)
		if hint != "" {
			fmt.Fprintf(stderr, "    Hinweis: %s\n", hint)
		}
		return code
	}
	standDay := now()
	if stand != "" {
		d, err := datum.ParseDay(stand)
		if err != nil {
			return fail(ExitUsage, fmt.Sprintf("--stand %s: %v", stand, err), "Schreiben Sie den Tag als TT.MM.JJJJ.")
		}
		standDay = d.Start()
	}
	var exportDay time.Time
	if exportdatum != "" {
		d, err := datum.ParseDay(exportdatum)
		if err != nil {
			return fail(ExitUsage, fmt.Sprintf("--exportdatum %s: %v", exportdatum, err), "Schreiben Sie den Tag als TT.MM.JJJJ.")
		}
		exportDay = d.Start()
	} else if d, ok := openproject.DatumAusDateiname(rest[0]); ok {
		exportDay = d
	}
	cfg, cd := config.Load(root)
	if cfg == nil || cd.HasErrors() {
		printDiags(stderr, cd, o)
		return ExitContent
	}
	if spalte == "" {
		spalte = cfg.OpenProject.Spalte
	}
	zuordnung, err := openproject.NewStatuszuordnung(cfg.OpenProject.Status)
	if err != nil {
		return fail(ExitContent, err.Error(), "")
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		return fail(ExitIO, fmt.Sprintf("Die Datei %s kann nicht gelesen werden: %s", rest[0], diag.Explain(errors.Unwrap(err))), "Prüfen Sie Name und Ort der Datei.")
	}
	ex, err := openproject.Read(data, spalte)
	if err != nil {
		hint := "Exportieren Sie in OpenProject die Arbeitspakete als CSV (Arbeitspakete → Exportieren → CSV)."
		var ce *openproject.ColumnError
		if errors.As(err, &ce) {
			hint = ce.Hint()
		}
		return fail(ExitContent, fmt.Sprintf("%s: %v", rest[0], err), hint)
	}
	site, ld := content.Load(root)
	if ld.HasErrors() {
		printDiags(stderr, ld, o)
		fmt.Fprintln(stderr, "Hinweis: Dateien mit Fehlern werden nicht geändert; ihre Maßnahmen gelten als unbekannt.")
	}
	heute := now()
	res := openproject.Plan(site, ex, openproject.Options{Stand: time.Date(standDay.Year(), standDay.Month(), standDay.Day(), 0, 0, 0, 0, time.UTC), Status: zuordnung,
		Datei: rest[0], Exportdatum: exportDay, Importtag: time.Date(heute.Year(), heute.Month(), heute.Day(), 0, 0, 0, 0, time.UTC)})
	if !dryRun {
		if err := res.Write(root); err != nil {
			return fail(ExitIO, diag.Explain(err), "Prüfen Sie die Zugriffsrechte. Bereits geschriebene Dateien sind vollständig; ein neuer Lauf übernimmt den Rest.")
		}
	}
	reportImport(stdout, stderr, o, rest[0], ex, res, dryRun)
	if len(res.Probleme) > 0 {
		return ExitContent
	}
	return ExitOK
}

// reportImport prints the German change summary.
func reportImport(stdout, stderr io.Writer, o *options, file string, ex *openproject.Export, res *openproject.Ergebnis, dryRun bool) {
	if o.Verbose {
		var cols []string
		for _, role := range []string{"id", "typ", "thema", "status", "start", "ende", "prozent", "geaendert", "parent", "massnahme"} {
			if h, ok := ex.Spalten[role]; ok {
				cols = append(cols, "„"+h+"“")
			}
		}
		fmt.Fprintf(stdout, "%s: %d Arbeitspakete, Trennzeichen %q, %s; erkannte Spalten: %s.\n\n", file, len(ex.Pakete), ex.Trennzeichen, ex.Kodierung, strings.Join(cols, ", "))
	}
	if !o.Quiet {
		for _, ch := range res.Aenderungen {
			fmt.Fprintf(stdout, "%s (%s, OpenProject %s):\n", ch.File, ch.Massnahme, strings.Join(ch.Pakete, ", "))
			for _, z := range ch.Zeilen {
				fmt.Fprintf(stdout, "  %s\n", z)
			}
			if o.Verbose {
				fmt.Fprint(stdout, indent(ch.Diff(), "    "))
			}
		}
		if len(res.Aenderungen) > 0 {
			fmt.Fprintln(stdout)
		}
	}
	if len(res.Probleme) > 0 {
		fmt.Fprintf(stderr, "Nicht übernommen (%s):\n", file)
		for _, p := range res.Probleme {
			where := file
			if p.Zeile > 0 {
				where = fmt.Sprintf("%s:%d", file, p.Zeile)
			}
			fmt.Fprintf(stderr, "%s: %s\n", where, p.Text)
			if p.Hinweis != "" {
				fmt.Fprintf(stderr, "    Hinweis: %s\n", p.Hinweis)
			}
		}
		fmt.Fprintln(stderr)
	}
	if o.Quiet {
		return
	}
	if o.Verbose {
		if len(res.OhneID) > 0 {
			fmt.Fprintf(stdout, "Ohne Maßnahmen-ID (nicht für tdsite bestimmt): %s\n", strings.Join(res.OhneID, ", "))
		}
		if len(res.NichtImExport) > 0 {
			fmt.Fprintf(stdout, "Maßnahmen dieser Strategien, die im Export fehlen: %s\n", strings.Join(res.NichtImExport, ", "))
		}
	}
	verb := "geändert"
	if dryRun {
		verb = "würden geändert"
		if len(res.Aenderungen) == 1 {
			verb = "würde geändert"
		}
	}
	fmt.Fprintf(stdout, "Zusammenfassung: %s %s, %s aktuell, %s ohne Maßnahmen-ID übersprungen, %s.\n",
		count(len(res.Aenderungen), "Maßnahme", "Maßnahmen"), verb,
		count(len(res.Unveraendert), "Maßnahme", "Maßnahmen"),
		count(len(res.OhneID), "Arbeitspaket", "Arbeitspakete"),
		count(len(res.Probleme), "Problem", "Probleme"))
	if dryRun {
		fmt.Fprintln(stdout, "Probelauf: Es wurde nichts geschrieben. Ohne --dry-run werden die Änderungen gespeichert.")
	}
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}
