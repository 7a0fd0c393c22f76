package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// fuzzPaths are the kinds of content files, one path each.
var fuzzPaths = []string{
	"content/akteure.toml",
	"content/handlungsfelder/verwaltung.md",
	"content/strategien/s/strategie.md",
	"content/strategien/s/handlungsfelder/verwaltung.md",
	"content/strategien/s/ziele.toml",
	"content/strategien/s/initiativen.toml",
	"content/strategien/s/massnahmen/m-01.md",
	"content/strategien/s/messwerte.toml",
	"content/strategien/s/backlog.toml",
	"content/strategien/s/meldungen/2025-01-01-x.md",
	"content/strategien/s/leichte-sprache.md",
	"content/seiten/impressum.md",
}

// addBundledContent seeds a fuzz target with every file of the bundled
// content, tagged with the index of its kind in fuzzPaths.
func addBundledContent(f *testing.F) {
	root := filepath.Join(testkit.Root(), "content")
	n := 0
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Dir(root), p)
		k, _ := classify(strings.TrimPrefix(filepath.ToSlash(rel), "content/"))
		for i, fp := range fuzzPaths {
			if kk, _ := classify(strings.TrimPrefix(fp, "content/")); kk == k {
				data, err := os.ReadFile(p)
				if err == nil {
					f.Add(uint8(i), data)
					n++
				}
				break
			}
		}
		return nil
	})
	if n < 100 {
		f.Fatalf("only %d seed files from content/", n)
	}
}

// FuzzParseFile feeds arbitrary bytes to the decoder of every kind of
// content file: never a panic or hang, and every finding points into the
// file with a plausible line.
func FuzzParseFile(f *testing.F) {
	addBundledContent(f)
	f.Add(uint8(2), []byte("+++\nname = \"x\"\n+++\n"))
	f.Add(uint8(4), []byte("\xef\xbb\xbf[[zielset]]\r\nid = 1\r\n"))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		rel := fuzzPaths[int(kind)%len(fuzzPaths)]
		k, slug := classify(strings.TrimPrefix(rel, "content/"))
		p := &parsed{kind: k, slug: slug}
		testkit.WithinTime(t, 5*time.Second, func() { parseData(p, rel, data) })
		lines := testkit.Lines(data)
		for _, d := range p.diags.Items() {
			if d.Pos.File != rel {
				t.Errorf("finding for %q, want %q: %v", d.Pos.File, rel, d)
			}
			if d.Pos.Line < 0 || d.Pos.Line > lines+1 {
				t.Errorf("line %d outside the file (%d lines): %v", d.Pos.Line, lines, d)
			}
			if d.Message == "" {
				t.Errorf("finding without message: %+v", d)
			}
		}
		if p.value == nil && p.diags.Len() == 0 {
			t.Errorf("file neither read nor rejected: silent drop")
		}
	})
}
