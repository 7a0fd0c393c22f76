package testkit

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// WithinTime fails the test if fn does not finish in time. In a fuzz target
// the fuzzer then keeps the input like a crash (a hanging worker would just
// stall the run).
func WithinTime(t testing.TB, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("keine Antwort nach %v", d)
	}
}

// Lines counts the lines of a text the way decode.Clean and editors do:
// LF, CR LF and a lone CR each end a line.
func Lines(data []byte) int {
	n := 1
	for i, c := range data {
		if c == '\n' || c == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			n++
		}
	}
	return n
}

// HTMLProblems lists what generated HTML must never contain: inline or
// foreign scripts, frames, plugins and styles, event handlers, style
// attributes and links or sources with an address that runs code or embeds
// data. Whole pages may load the theme's own scripts (<script src="/…">)
// and send forms to the site itself; fragments (feed entries, Markdown)
// may do neither.
func HTMLProblems(data []byte) []string {
	var out []string
	page := inHead(data)
	lx := phtml.NewLexer(parse.NewInputBytes(data))
	tag, inScript := "", false
	attrs := map[string]string{}
	for {
		tt, _ := lx.Next()
		switch tt {
		case phtml.ErrorToken:
			return out
		case phtml.StartTagToken:
			tag = strings.ToLower(string(lx.Text()))
			clear(attrs)
		case phtml.AttributeToken:
			name := strings.ToLower(string(lx.AttrKey()))
			val := strings.Trim(string(lx.AttrVal()), `"'`)
			attrs[name] = val
			switch {
			case strings.HasPrefix(name, "on"), name == "style":
				out = append(out, name+" an <"+tag+">")
			case name == "href" || name == "src" || name == "action" || name == "srcset":
				if dangerous(val) {
					out = append(out, name+"="+val+" an <"+tag+">")
				}
			}
		case phtml.StartTagCloseToken, phtml.StartTagVoidToken:
			inScript = tag == "script"
			switch tag {
			case "script":
				if !page || !ownPath(attrs["src"]) {
					out = append(out, "<script>-Element")
				}
			case "form":
				// Without action a form goes to its own page.
				if action, ok := attrs["action"]; !page || ok && !ownPath(action) {
					out = append(out, "<form>-Element")
				}
			case "iframe", "frame", "object", "embed", "style", "base":
				out = append(out, "<"+tag+">-Element")
			case "meta", "link":
				if !page {
					out = append(out, "<"+tag+">-Element")
				}
			}
		case phtml.TextToken:
			if inScript && strings.TrimSpace(string(lx.Text())) != "" {
				out = append(out, "Inline-Skript")
			}
		case phtml.EndTagToken:
			inScript = false
		}
	}
}

// ownPath is an address on the site itself: a path, not a scheme or "//host".
func ownPath(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.Contains(u, "\\")
}

// inHead is true for whole pages, where <meta> and <link> belong.
func inHead(data []byte) bool { return strings.Contains(string(data[:min(len(data), 200)]), "<html") }

// dangerous reads an address as browsers do: entities decoded, control
// characters and white space dropped, case ignored.
func dangerous(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(html.UnescapeString(u)))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(u, s) {
			return true
		}
	}
	return false
}
