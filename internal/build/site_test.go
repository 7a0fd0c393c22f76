package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBundledSite builds the real content shipped in content/ and checks
// that it has no errors and that the expected pages exist.
func TestBundledSite(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dest := filepath.Join(t.TempDir(), "public")
	res, diags, err := Run(Options{Source: root, Dest: dest, BuildDate: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("build: %v\n%s", err, b.String())
	}
	if e, w := diags.Count(); e != 0 || w != 0 {
		var b strings.Builder
		diags.Print(&b, false)
		t.Errorf("bundled content: %d errors, %d open warnings\n%s", e, w, b.String())
	}
	for _, p := range []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml",
		"strategien/index.html", "strategien/smart-state/index.html", "strategien/beispiel-kommunen/index.html",
		"strategien/digitale-gesellschaft/index.html", "handlungsfelder/index.html",
		"handlungsfelder/transparenz-teilhabe-daten/index.html", "massnahmen/m1-01/index.html",
		"suche/index.html",
	} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v: web servers cannot read it", fi.Mode().Perm())
	}
	if res.Pages < 100 {
		t.Errorf("only %d pages", res.Pages)
	}
}
