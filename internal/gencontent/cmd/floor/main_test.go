package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/gencontent"
	"tdsite/internal/testkit"
)

// The floor renders every Markdown text of a generated site with the
// extensions tdsite uses: one page per file, tables and footnotes as HTML.
func TestFloorRendersEveryText(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, 300); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	content := filepath.Join(src, "content")
	n, err := run(content, dest, 2)
	if err != nil {
		t.Fatal(err)
	}
	var texts int
	_ = filepath.WalkDir(content, func(p string, _ os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			texts++
		}
		return err
	})
	if n != texts || n < 100 {
		t.Errorf("%d pages written, want one for each of the %d texts", n, texts)
	}
	data, err := os.ReadFile(filepath.Join(dest, "strategien/beispiel-k001/massnahmen/K001-101/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{"<title>Synthetische Maßnahme 1 der Kopie 1</title>", "<table>", `<h2 id="`} {
		if !strings.Contains(page, want) {
			t.Errorf("generated measure lacks %q:\n%.300s", want, page)
		}
	}
	if strings.Contains(gencontent.MeasureBody("K001-101", 1), "[^1]") != strings.Contains(page, `class="footnotes"`) {
		t.Error("footnotes not rendered as footnotes")
	}
}
