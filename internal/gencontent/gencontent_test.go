package gencontent_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/gencontent"
	"tdsite/internal/testkit"
)

// The generated 1,000-page site is valid content and builds completely,
// with every internal link checked: the large corpus of the benchmarks is
// a correct site, not just many files.
func TestSmoke1000(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 pages")
	}
	src := filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, 1000); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, diags, err := build.Run(context.Background(), build.Options{Source: src, Dest: dest, BuildDate: testkit.Date})
	if err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("%v\n%s", err, b.String())
	}
	if e, w := diags.Count(); e+w != 0 {
		t.Errorf("%d errors, %d warnings in generated content", e, w)
	}
	// Long lists add pages …/seite/n/ (page-weight budget, internal/pages/gewicht.go);
	// Pages counts the site without them.
	folge, err := filepath.Glob(filepath.Join(dest, "*", "*", "seite", "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	tiefer, _ := filepath.Glob(filepath.Join(dest, "*", "*", "*", "seite", "*", "index.html"))
	if want := gencontent.Pages(1000); res.Pages-len(folge)-len(tiefer) != want {
		t.Errorf("%d pages (%d of them further pages of lists), want %d", res.Pages, len(folge)+len(tiefer), want)
	}
	if res.Links == nil || res.Links.Internal < 10*res.Pages {
		t.Errorf("link check did not run over the site: %+v", res.Links)
	}
	for _, p := range []string{"massnahmen/k001-101/index.html", "strategien/beispiel-k012/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("generated page missing: %v", err)
		}
	}
}
