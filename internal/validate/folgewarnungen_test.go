package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// TestFolgewarnungen: an error while reading a file is reported once; the
// findings that only follow from its missing content are left out (issue
// 16: a TOML syntax error in messwerte.toml brought 7 warnings
// "noch keinen Messwert" along; a broken akteure.toml brought over 100
// errors). Without the broken file, the findings are real and stay.
func TestFolgewarnungen(t *testing.T) {
	testkit.Slow(t)
	const dir = "content/strategien/beispiel-kommunen/"
	cases := []struct {
		name, file, old, new string
		rule                 string // what follows from the file's content
	}{
		{"Syntaxfehler in messwerte.toml", dir + "messwerte.toml", "wert = 15\n", "wert = 15 x\n", "messwert-veraltet"},
		{"kaputter Kopf eines Handlungsfelds der Strategie", dir + "handlungsfelder/digitale-kompetenzen-kommunen.md", "+++\n# FIKTIVES", "+++\n[# FIKTIVES", "ist-analyse"},
		{"Syntaxfehler in ziele.toml", dir + "ziele.toml", "id = \"Z1\"\n", "id = \"Z1\" x\n", "verweis-ziel"},
		{"Syntaxfehler in akteure.toml", "content/akteure.toml", "kuerzel = \"TMDI\"\n", "kuerzel = \"TMDI\" x\n", "verweis-akteur"},
		{"kaputter Kopf eines Handlungsfelds im Verzeichnis", "content/handlungsfelder/arbeitswelt-4-0.md", "+++\nname", "+++\n[name", "verweis-handlungsfeld"},
		{"kaputter Kopf von strategie.md", dir + "strategie.md", "+++\n# FIKTIVES", "+++\n[# FIKTIVES", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := testkit.Bundled(t)
			p := filepath.Join(root, filepath.FromSlash(c.file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), c.old) {
				t.Fatalf("%s enthält %q nicht mehr", c.file, c.old)
			}
			if c.rule != "" {
				// The rule really follows from the file: without it, it fires.
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
				if n := count(checkFixture(t, root), c.rule); n == 0 {
					t.Fatalf("ohne %s keine Meldung [%s]", c.file, c.rule)
				}
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(data), c.old, c.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			diags := checkFixture(t, root)
			e, w := diags.Count()
			if e != 1 || w != 0 {
				var b strings.Builder
				diags.Print(&b, false)
				t.Fatalf("%d Fehler, %d Warnungen, erwartet 1 Fehler und keine Warnung:\n%s", e, w, b.String())
			}
			for _, d := range diags.Items() {
				if d.Severity == diag.Error && d.Pos.File != c.file {
					t.Errorf("Fehler in %s statt %s", d.Pos.File, c.file)
				}
			}
		})
	}
}

func count(l *diag.List, rule string) int {
	n := 0
	for _, d := range l.Items() {
		if d.Rule == rule && d.Accepted == "" {
			n++
		}
	}
	return n
}
