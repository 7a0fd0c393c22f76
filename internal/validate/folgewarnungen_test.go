package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/testsite"
)

// TestFolgewarnungen: an error while reading a file is reported once; the
// warnings that only follow from its missing content are left out (issue
// 16: a TOML syntax error in messwerte.toml brought 7 warnings
// "noch keinen Messwert" along). Once the error is fixed, they return.
func TestFolgewarnungen(t *testing.T) {
	dir := "content/strategien/beispiel-kommunen/"
	cases := []struct {
		name, file, old, new string
		rule                 string // the warning that follows without the mechanism
	}{
		{"Syntaxfehler in messwerte.toml", "messwerte.toml", "wert = 15\n", "wert = 15 x\n", "messwert-veraltet"},
		{"Messwerte fehlen ganz", "messwerte.toml", "", "", "messwert-veraltet"},
		{"kaputter Kopf eines Handlungsfelds", "handlungsfelder/digitale-kompetenzen-kommunen.md", "+++\n# FIKTIVES", "+++\n[# FIKTIVES", "ist-analyse"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := testsite.Bundled(t, filepath.Join("..", ".."))
			p := filepath.Join(root, filepath.FromSlash(dir+c.file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if c.old == "" { // without the error: the warnings are real and stay
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
				if n := count(checkFixture(t, root), c.rule); n == 0 {
					t.Fatalf("ohne %s keine Warnung [%s]", c.file, c.rule)
				}
				return
			}
			if !strings.Contains(string(data), c.old) {
				t.Fatalf("%s enthält %q nicht mehr", c.file, c.old)
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
				if d.Severity == diag.Error && d.Pos.File != dir+c.file {
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
