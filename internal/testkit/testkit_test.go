package testkit

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Date must stay the build day of the bundled site: tests that build the
// site and tests that use Date directly have to agree on "today".
func TestDateIsBuildDatum(t *testing.T) {
	cfg, err := os.ReadFile(filepath.Join(Root(), "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^build_datum\s*=\s*"([^"]+)"`).FindSubmatch(cfg)
	if m == nil {
		t.Fatal("config.toml: kein build_datum")
	}
	if want := Date.Format("02.01.2006"); string(m[1]) != want {
		t.Errorf("config.toml: build_datum = %q, testkit.Date = %s", m[1], want)
	}
}

func TestCopy(t *testing.T) {
	src := t.TempDir()
	for p, data := range map[string]string{"config.toml": "a", "content/x/y.md": "b", "rest.txt": "c"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := Snapshot(t, Copy(t, src, "config.toml", "content"))
	if len(got) != 2 || got["config.toml"] != "a" || got["content/x/y.md"] != "b" {
		t.Errorf("copy of config.toml and content: %v", got)
	}
	if got := Snapshot(t, Copy(t, src)); len(got) != 3 {
		t.Errorf("copy of everything: %v", got)
	}
}

func TestChromiumPath(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(bin, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TDSITE_CHROMIUM", bin)
	if p, err := chromiumPath(); p != bin || err != nil {
		t.Errorf("TDSITE_CHROMIUM=%s: %q, %v", bin, p, err)
	}
	// A wrong TDSITE_CHROMIUM must not fall back to another browser unnoticed.
	t.Setenv("TDSITE_CHROMIUM", bin+"-fehlt")
	if _, err := chromiumPath(); err == nil || !strings.Contains(err.Error(), "TDSITE_CHROMIUM") {
		t.Errorf("missing TDSITE_CHROMIUM: %v", err)
	}
}
