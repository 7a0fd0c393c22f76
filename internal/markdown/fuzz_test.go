package markdown

import (
	"bytes"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
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

// FuzzOhneLinkify: a text without "http", "ftp:", "www." and "@" renders
// to the same HTML and findings without Linkify as with it, whatever
// goldmark makes of blanks, tabs, line ends, quotes and emphasis; the
// renderer relies on it (Renderer.goldmark).
func FuzzOhneLinkify(f *testing.F) {
	for _, s := range []string{
		"Wort wort  \nZeile mit zwei Blanks\nfoo \nbar\tbaz\n\n\tEingerückt\n",
		"„Zitat“ und \"Zitat\" und 'einfach' -- und --- und ... (Klammer) ~~durch~~ *a* _b_ **c**",
		"- a\n\t- b  \n  c\n\n1. x\n   \"y\"\n\n> Zitat *mit\nZeilen* (a)\n",
		"| a | b |\n|:-|-:|\n| *x* (y) | \"z\" |\n\nText[^1] mit Fußnote.\n\n[^1]: Die Fußnote (hier).\n",
		"# Titel (1)\n\nTitel\n---\n\n[Link (a)](/ziel/ \"T (t)\") und [ref] und ![Bild](/b.png)\n\n[ref]: /r/\n",
		"\\ Blank nach Backslash \\\nund `code (a) b` und <b>roh</b> &amp; &#40; \\*x\\*\n",
		"[Open Data]{lang=en} und [Anschrift eintragen] ( a ) ~a~ _a_b_ *a*b*\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || brauchtLinkify(src) || precheck(src) != nil {
			return
		}
		for _, opt := range []Options{{}, {Prefix: "p-", Offset: 1}, {Zeilen: true}} {
			ohne, mit := New(false), New(false)
			ohne.md, mit.ohne = ohne.ohne, mit.md
			var a, b template.HTML
			var sa, sb Scanned
			testkit.WithinTime(t, 5*time.Second, func() {
				a, b = ohne.Render(src, opt), mit.Render(src, opt)
				sa, _ = ohne.Scanned(src)
				sb, _ = mit.Scanned(src)
			})
			if a != b {
				t.Fatalf("%+v: without Linkify\n%s\nwith Linkify\n%s", opt, a, b)
			}
			if !reflect.DeepEqual(sa, sb) {
				t.Fatalf("%+v: without Linkify %#v, with %#v", opt, sa, sb)
			}
		}
	})
}
