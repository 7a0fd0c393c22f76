package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// FuzzMarkdown renders arbitrary Markdown with the default (safe)
// renderer: never a panic, never a script, event handler or dangerous
// address in the HTML, and Scan finds every link on a line of the text.
func FuzzMarkdown(f *testing.F) {
	root := filepath.Join(testkit.Root(), "content")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				if i := bytes.Index(data[min(3, len(data)):], []byte("\n+++")); i >= 0 {
					data = data[i+3+4:]
				}
				f.Add(data)
			}
		}
		return err
	})
	for _, s := range []string{"<script>alert(1)</script>", "[a](javascript:alert(1))", "<img src=x onerror=alert(1)>",
		"![x](java\tscript:x)", "[a](JaVaScRiPt&#58;x)", "<a href=\"javascript:x\">a</a>", "[a]: vbscript:x\n\n[a]",
		"| a |\n|:-:|\n| <b onclick=x> |", "[^1]\n\n[^1]: <script>"} {
		f.Add([]byte(s))
	}
	safe := New(false)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			return // goldmark is quadratic on some long inputs; CheckedScan guards those
		}
		var out []byte
		var scanned Scanned
		testkit.WithinTime(t, 5*time.Second, func() {
			out = []byte(safe.Render(src, Options{Prefix: "p-", Offset: 1}))
			scanned, _ = CheckedScan(src)
		})
		for _, p := range testkit.HTMLProblems(out) {
			t.Errorf("%s in %q", p, out)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, r := range scanned.Refs {
			if r.Line < 1 || r.Line > lines {
				t.Errorf("link %q in line %d of %d", r.Dest, r.Line, lines)
			}
		}
		for _, h := range scanned.HTML {
			if h.Line < 1 || h.Line > lines {
				t.Errorf("HTML %q in line %d of %d", h.HTML, h.Line, lines)
			}
		}
	})
}
