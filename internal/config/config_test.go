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
