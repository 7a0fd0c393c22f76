package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/model"
	"tdsite/internal/tomledit"
)

const berichtUsage = `Aufruf: tdsite bericht abschliessen JAHR [Optionen]

Schließt den Fortschrittsbericht eines Jahres ab: tdsite schreibt das heutige Datum
(abgeschlossen) und den Stand jeder Maßnahme am Stichtag ([abschluss]) in
content/agenda/fortschrittsbericht-JAHR.md. Danach ist der Bericht eingefroren:
Ändert ein späterer Eintrag (z. B. ein zurückdatierter Status) seine Zahlen,
meldet „tdsite check“ einen Fehler mit Bericht und Eintrag.

Mit „tdsite bericht abschliessen --help“ sehen Sie die Optionen.
`

func runBericht(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, berichtUsage)
		return ExitUsage
	}
	switch args[0] {
	case "abschliessen", "abschließen":
		return berichtAbschliessen(args[1:], stdout, stderr)
	case "-h", "--help", "help", "hilfe":
		fmt.Fprint(stdout, berichtUsage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "tdsite bericht: Den Befehl „%s“ gibt es nicht.\n\n%s", args[0], berichtUsage)
	return ExitUsage
}

func berichtAbschliessen(args []string, stdout, stderr io.Writer) int {
	o := newOptions("bericht abschliessen", "JAHR [Optionen]", `
Friert den Fortschrittsbericht JAHR ein: schreibt abgeschlossen = heute und den Stand jeder
Maßnahme am Stichtag des Berichts in seine Datei. Die Inhalte müssen fehlerfrei sein.`).common()
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 1, 1, stderr) {
		return ExitUsage
	}
	fail := func(code int, msg, hint string) int {
		fmt.Fprintf(stderr, "tdsite bericht abschliessen: %s\n", msg)
		if hint != "" {
			fmt.Fprintf(stderr, "    Hinweis: %s\n", hint)
		}
		return code
	}
	jahr, err := strconv.Atoi(rest[0])
	if err != nil || jahr < 2000 || jahr > 2100 {
		return fail(ExitUsage, fmt.Sprintf("„%s“ ist kein Berichtsjahr.", rest[0]), "Nennen Sie das Jahr mit vier Ziffern, z. B. „tdsite bericht abschliessen 2025“.")
	}
	root, _ := filepath.Abs(o.Source)
	p, diags := build.Prepare(root, time.Time{}, nil)
	if p == nil {
		printDiags(stderr, diags, o)
		return fail(ExitContent, "Die Inhalte enthalten Fehler; der Bericht wurde nicht abgeschlossen.", "Beheben Sie zuerst die Fehler (tdsite check).")
	}
	var b *model.Bericht
	for _, x := range p.Model.Berichte {
		if x.Jahr == jahr {
			b = x
		}
	}
	if b == nil {
		return fail(ExitContent, fmt.Sprintf("Für %d gibt es keinen Fortschrittsbericht.", jahr),
			fmt.Sprintf("Legen Sie content/agenda/fortschrittsbericht-%d.md an (siehe docs/inhaltsformat.md).", jahr))
	}
	if !b.Abgeschlossen.IsZero() {
		return fail(ExitContent, fmt.Sprintf("%s ist schon abgeschlossen (%s).", b.File, b.Abgeschlossen.String()),
			"Ein abgeschlossener Bericht bleibt, wie er ist. Wer ihn bewusst neu abschließen will, löscht abgeschlossen und [abschluss] in der Datei.")
	}
	heute := now()
	if !p.Model.BuildDate.IsZero() {
		heute = p.Model.BuildDate.Start()
	}
	if _, bis := agenda.BerichtZeitraum(b); heute.Before(bis) {
		return fail(ExitContent, fmt.Sprintf("Der Stichtag des Berichts (%s) liegt in der Zukunft.", bis.Format("02.01.2006")),
			"Ein Bericht lässt sich erst nach seinem Stichtag abschließen.")
	}
	abs := filepath.Join(root, filepath.FromSlash(b.File))
	data, err := os.ReadFile(abs)
	if err != nil {
		return fail(ExitIO, fmt.Sprintf("%s kann nicht gelesen werden: %v", b.File, err), "")
	}
	stand := agenda.Abschluss(p.Model, b)
	out, err := abschlussSchreiben(data, heute, stand)
	if err != nil {
		return fail(ExitContent, fmt.Sprintf("%s: %v", b.File, err), "Die Datei beginnt mit einem Kopf zwischen zwei Zeilen „+++“.")
	}
	if err := tomledit.WriteFile(abs, out); err != nil {
		return fail(ExitIO, fmt.Sprintf("%s kann nicht geschrieben werden: %v", b.File, err), "")
	}
	fmt.Fprintf(stdout, "Fortschrittsbericht %d abgeschlossen: Stand von %d Maßnahmen am Stichtag in %s eingefroren.\n", jahr, len(stand), b.File)
	return ExitOK
}

// abschlussSchreiben adds abgeschlossen before the first table of the front
// matter and the [abschluss] table at its end; everything else stays.
func abschlussSchreiben(data []byte, heute time.Time, stand map[string]string) ([]byte, error) {
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "+++" {
		return nil, fmt.Errorf("kein Kopf mit „+++“ gefunden")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "+++" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("der Kopf endet nicht mit „+++“")
	}
	top := end
	for i := 1; i < end; i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			top = i
			break
		}
	}
	keys := make([]string, 0, len(stand))
	for k := range stand {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var tbl strings.Builder
	tbl.WriteString("\n# Von „tdsite bericht abschliessen“ geschrieben: Stand jeder Maßnahme am Stichtag.\n")
	tbl.WriteString("# Nicht von Hand ändern; „tdsite check“ vergleicht damit.\n[abschluss]\n")
	for _, k := range keys {
		tbl.WriteString(tomledit.String(k) + " = " + tomledit.String(stand[k]) + "\n")
	}
	var out strings.Builder
	for i, l := range lines {
		if i == top {
			out.WriteString("abgeschlossen = " + tomledit.String(heute.Format("02.01.2006")) + "\n")
		}
		if i == end {
			out.WriteString(tbl.String())
		}
		out.WriteString(l)
	}
	return []byte(out.String()), nil
}
