package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Control characters written as TOML escapes and IDs that leave their
// folder stop a real build with a finding; nothing is published.
func TestBuildRefusesEscapedControlsAndBadIDs(t *testing.T) {
	t.Parallel()
	const bsp = "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"
	const ziele = "content/strategien/beispiel-kommunen/ziele.toml"
	cases := []struct {
		name, file, old, new string
		where, rule          string
	}{
		{"ESC, NUL und BEL im Titel", bsp, `titel = "Schulungsprogramm`, `titel = "A \u0000 \u001b[31m \u0007 Schulungsprogramm`, bsp + ":4:", "[kodierung]"},
		{"NUL in einer Inline-Tabelle", ziele, `basis = { wert = 12, datum = "31.03.2025" }`, `basis = { wert = 12, datum = "31.03.2025\u0000" }`, ziele + ":32:", "[kodierung]"},
		{"Maßnahmen-ID ../../etc", bsp, `id = "BSP-01"`, `id = "../../etc"`, bsp + ":3:", "[schluessel]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := copySite(t)
			replaceIn(t, root, c.file, c.old, c.new)
			dest := filepath.Join(t.TempDir(), "public")
			_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
			out := printDiags(diags)
			if err == nil {
				t.Fatalf("build succeeded:\n%s", out)
			}
			if !strings.Contains(out, c.where) || !strings.Contains(out, c.rule) {
				t.Errorf("no %s finding at %s:\n%s", c.rule, c.where, out)
			}
			if strings.ContainsAny(out, "\x00\x1b\x07") {
				t.Errorf("findings print control characters raw: %q", out)
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("something was published: %v", err)
			}
		})
	}
}
