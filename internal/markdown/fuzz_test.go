package markdown

import (
	"bytes"
	stdhtml "html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// FuzzMarkdown renders arbitrary Markdown with the default (safe)
// renderer: never a panic, never a script, event handler or dangerous
// address in the HTML, and Scan finds every link on a line of the text.
func FuzzMarkdown(f *testing.F) {
	root, _ := filepath.Abs("../../content")
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
		done := make(chan struct{})
		go func() {
			defer close(done)
			out = []byte(safe.Render(src, Options{Prefix: "p-", Offset: 1}))
			scanned, _ = CheckedScan(src)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("keine Antwort nach 5 s")
		}
		for _, p := range problems(out) {
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

// problems lists what the safe renderer must never produce.
func problems(data []byte) []string {
	var out []string
	lx := html.NewLexer(parse.NewInputBytes(data))
	tag := ""
	for {
		tt, _ := lx.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			tag = strings.ToLower(string(lx.Text()))
			switch tag {
			case "script", "iframe", "object", "embed", "style", "form", "base", "meta", "link":
				out = append(out, "<"+tag+">")
			}
		case html.AttributeToken:
			name := strings.ToLower(string(lx.AttrKey()))
			val := strings.Trim(string(lx.AttrVal()), `"'`)
			switch {
			case strings.HasPrefix(name, "on"), name == "style":
				out = append(out, name+" on <"+tag+">")
			case name == "href" || name == "src":
				switch Scheme(stdhtml.UnescapeString(val)) {
				case "", "http", "https", "mailto", "tel", "ftp":
				default:
					out = append(out, name+"="+val)
				}
			}
		}
	}
}
