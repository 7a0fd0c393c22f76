package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func load(t *testing.T, text string) (*Config, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, File), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, l := Load(dir)
	var b strings.Builder
	l.Print(&b, true)
	return c, b.String()
}

// Raw HTML stays off unless a site switches it on explicitly.
func TestRawHTMLOffByDefault(t *testing.T) {
	c, out := load(t, "titel = \"x\"\nbaseURL = \"https://example.org/\"\n")
	// A minimal config only gets a warning about the missing accessibility statement.
	if strings.Contains(out, "Fehler:") || strings.Contains(out, "markdown") || c.Markdown.UnsafeHTML {
		t.Errorf("default: unsafe_html=%v, findings %q", c.Markdown.UnsafeHTML, out)
	}
	c, _ = load(t, "titel = \"x\"\nbaseURL = \"https://example.org/\"\n[markdown]\nunsafe_html = true\n")
	if !c.Markdown.UnsafeHTML {
		t.Errorf("opt-in not read")
	}
}

func TestLicenceURLChecked(t *testing.T) {
	for u, bad := range map[string]bool{"javascript:alert(1)": true, "//example.org/x": true, "data:text/html,x": true,
		"https://www.govdata.de/dl-de/by-2-0": false, "/lizenz/": false} {
		_, out := load(t, "titel = \"x\"\nbaseURL = \"https://example.org/\"\n[lizenz]\nname = \"L\"\nurl = \""+u+"\"\n")
		if got := strings.Contains(out, "config.toml:5: Fehler: Die Adresse der Lizenz"); got != bad {
			t.Errorf("%s: %q", u, out)
		}
	}
}

func TestVeraltetNachTagen(t *testing.T) {
	for _, c := range []struct {
		wert   string
		tage   int
		fehler bool
	}{{"", 180, false}, {"veraltet_nach_tagen = 90\n", 90, false}, {"veraltet_nach_tagen = -1\n", 0, true}, {"veraltet_nach_tagen = 100000\n", 0, true}} {
		root := t.TempDir()
		text := "titel = \"T\"\nbaseURL = \"/\"\n[agenda]\n" + c.wert
		if err := os.WriteFile(filepath.Join(root, "config.toml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, l := Load(root)
		if l.HasErrors() != c.fehler {
			t.Errorf("%q: Fehler %v, erwartet %v: %v", c.wert, l.HasErrors(), c.fehler, l.Items())
			continue
		}
		if !c.fehler && cfg.VeraltetNach() != c.tage {
			t.Errorf("%q: %d Tage, erwartet %d", c.wert, cfg.VeraltetNach(), c.tage)
		}
		for _, d := range l.Items() {
			if d.Rule == "zahl" && d.Pos.String() != "config.toml:4" {
				t.Errorf("%q: Stelle %s", c.wert, d.Pos)
			}
		}
	}
}
