package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/validate"
)

func schreibe(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const massnahme = `+++
id = "M-1"
titel = "Testmaßnahme"
handlungsfeld = "hf"
status = "umgesetzt"
federfuehrung = ["TMDI"]
stand = "30.09.2026"

[[verlauf]]
datum = "Q3/2025"
status = "laufend"

[[verlauf]]
datum = "01.01.2025"
status = "fertig"

[[verlauf]]
datum = "2025 bis 2026"
status = "geplant"

[[verlauf]]
datum = "31.12.2026"
status = "laufend"
+++
Text.
`

// finde returns the findings of one rule in one file.
func finde(l *diag.List, rule, file string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range l.Items() {
		if d.Rule == rule && d.Pos.File == file {
			out = append(out, d)
		}
	}
	return out
}

func TestVerlaufUndBerichte(t *testing.T) {
	root := t.TempDir()
	schreibe(t, root, map[string]string{
		"content/akteure.toml":          "[[ressort]]\nkuerzel = \"TMDI\"\nname = \"Ministerium\"\n",
		"content/handlungsfelder/hf.md": "+++\nname = \"Handlungsfeld\"\n+++\n",
		"content/strategien/s/strategie.md": "+++\nname = \"Digitalstrategie für Tests\"\nmethode = \"vor-leitfaden\"\n" +
			"federfuehrung = \"TMDI\"\nstand = \"30.09.2026\"\nhandlungsfelder = [\"hf\"]\n+++\n",
		"content/strategien/s/massnahmen/M-1.md":     massnahme,
		"content/agenda/fortschrittsbericht-2025.md": "+++\nstand = \"31.12.2024\"\n+++\nEinleitung.\n",
		"content/agenda/fortschrittsbericht-2026.md": "+++\nstand = \"Q3/2026\"\n+++\n",
		"content/agenda/notiz.md":                    "+++\n+++\n",
	})
	site, l := content.Load(root)
	l.Merge(validate.Check(site))

	m := "content/strategien/s/massnahmen/M-1.md"
	got := finde(l, "verlauf", m)
	var texts []string
	for _, d := range got {
		if d.Pos.Line == 0 || d.Hint == "" {
			t.Errorf("Meldung ohne Zeile oder Hinweis: %s", d)
		}
		texts = append(texts, d.String())
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		":14: Fehler: Der Eintrag vom 01.01.2025 steht nach einem späteren Eintrag.",
		":18: Fehler: Ein Eintrag im Verlauf braucht einen Zeitpunkt, keinen Zeitraum („2025 bis 2026“).",
		":22: Warnung: Der Eintrag vom 31.12.2026 liegt nach dem Stand der Maßnahme (30.09.2026).",
		":23: Fehler: Der letzte Eintrag im Verlauf („laufend“) passt nicht zum Status der Maßnahme („umgesetzt“).",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("erwartet „%s“; gefunden:\n%s", want, all)
		}
	}
	if s := finde(l, "status", m); len(s) != 1 || s[0].Pos.Line != 15 || !strings.Contains(s[0].Message, "„fertig“") {
		t.Errorf("unbekannter Status im Verlauf nicht gemeldet: %v", s)
	}

	if b := finde(l, "bericht", "content/agenda/fortschrittsbericht-2025.md"); len(b) != 1 ||
		!strings.Contains(b[0].Message, "vor dem Berichtsjahr 2025") || b[0].Pos.Line != 2 {
		t.Errorf("Stand vor dem Berichtsjahr nicht gemeldet: %v", b)
	}
	if b := finde(l, "datum", "content/agenda/fortschrittsbericht-2026.md"); len(b) != 1 || !strings.Contains(b[0].Message, "genauer Tag") {
		t.Errorf("ungenauer Stand nicht gemeldet: %v", b)
	}
	if u := finde(l, "unbekannte-datei", "content/agenda/notiz.md"); len(u) != 1 {
		t.Errorf("unbekannte Datei in content/agenda nicht gemeldet: %v", u)
	}
	if len(site.Berichte) != 2 || site.Berichte[0].Jahr != 2025 || site.Berichte[1].Jahr != 2026 {
		t.Errorf("Berichte: %+v", site.Berichte)
	}
}
