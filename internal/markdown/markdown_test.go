package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	r := New(false)
	out := string(r.Render([]byte("## Größe \"Test\" geht's\n\nText[^1] <script>alert(1)</script> [x](javascript:alert(1))\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Fuß"), Options{Prefix: "hf-", Offset: 1}))
	for _, want := range []string{
		`<h3 id="hf-groesse-test-geht-s">`, // offset + prefix + transliterated ID
		"&bdquo;Test&ldquo;",               // German quotes
		"geht&rsquo;s",                     // apostrophe, not a closing quote
		"<table>",                          // GFM table
		`id="hf-fn:1"`,                     // prefixed footnote
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	for _, bad := range []string{"<script", "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("unsafe output contains %q:\n%s", bad, out)
		}
	}
}

func TestUnsafeOptIn(t *testing.T) {
	out := string(New(true).Render([]byte("<b>fett</b>"), Options{}))
	if !strings.Contains(out, "<b>fett</b>") {
		t.Errorf("opt-in raw HTML dropped: %s", out)
	}
}

func TestInlineAndCache(t *testing.T) {
	r := New(false)
	if got := r.Inline("*kurz*"); got != "<em>kurz</em>" {
		t.Errorf("Inline = %q", got)
	}
	a := r.Render([]byte("## A\n"), Options{Prefix: "x-"})
	b := r.Render([]byte("## A\n"), Options{Prefix: "y-"})
	if a == b {
		t.Error("cache ignores the prefix")
	}
	if r.Render([]byte("  \n"), Options{}) != "" {
		t.Error("blank text should render empty")
	}
}

func TestDuplicateHeadings(t *testing.T) {
	out := string(New(false).Render([]byte("## Ziel\n\n## Ziel\n"), Options{}))
	if !strings.Contains(out, `id="ziel"`) || !strings.Contains(out, `id="ziel-1"`) {
		t.Errorf("duplicate headings need distinct IDs: %s", out)
	}
}

// Heading IDs are numbered in the order of the text, as goldmark's own
// auto IDs: also a heading in a footnote, which renders after the text,
// and with a prefix.
func TestUeberschriftenIDsInTextfolge(t *testing.T) {
	src := "Text[^1]\n\n[^1]: ## Ziel\n\n## Ziel\n\nZiel\n----\n\n> ## Ziel \"x\"\n"
	out := string(New(false).Render([]byte(src), Options{Prefix: "p-", Offset: 1}))
	for _, want := range []string{`<h3 id="p-ziel-1">Ziel</h3>`, `<h3 id="p-ziel-2">Ziel</h3>`, `<h3 id="p-ziel-x">Ziel &bdquo;x&ldquo;</h3>`,
		`<li id="p-fn:1">` + "\n" + `<h3 id="p-ziel">Ziel</h3>`} {
		if !strings.Contains(out, want) {
			t.Errorf("%s fehlt in\n%s", want, out)
		}
	}
}

// The IDs come from the two heading parsers of goldmark wrapped in
// ankerParser: a goldmark with other types of them would leave headings
// without IDs.
func TestAnkerParserUmHeadingParser(t *testing.T) {
	n := 0
	for _, v := range blockParsers() {
		if _, ok := v.Value.(ankerParser); ok {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d heading parsers wrapped, want 2 (ATX and setext)", n)
	}
}

// zeilen finds the line of an offset asked in any order.
func TestZeilenInJederReihenfolge(t *testing.T) {
	src := []byte("a\nbb\n\nccc\nd")
	z := zeilen{src: src, line: 1}
	for _, off := range []int{3, 0, 11, 7, 6, 2, 1, 12, 20, -1, 5} {
		want := 0
		if off >= 0 {
			want = 1 + bytes.Count(src[:min(off, len(src))], []byte("\n"))
		}
		if got := z.of(off); got != want {
			t.Errorf("line of %d = %d, want %d", off, got, want)
		}
	}
}

// Raw HTML is dropped unless a site opts in; the opt-in really lets it through.
func TestRawHTMLOffByDefault(t *testing.T) {
	src := "Text <script>alert(1)</script> und <img src=x onerror=alert(2)>\n\n<div onclick=\"x()\">Block</div>\n\n<iframe src=\"https://example.org\"></iframe>\n"
	safe := string(New(false).Render([]byte(src), Options{}))
	for _, bad := range []string{"<script", "<img", "onerror", "<div", "onclick", "<iframe"} {
		if strings.Contains(safe, bad) {
			t.Errorf("safe renderer let %q through:\n%s", bad, safe)
		}
	}
	if !strings.Contains(safe, "Text") || !strings.Contains(safe, "raw HTML omitted") {
		t.Errorf("safe renderer lost the text around raw HTML:\n%s", safe)
	}
	unsafe := string(New(true).Render([]byte(src), Options{}))
	if !strings.Contains(unsafe, "<script>alert(1)</script>") {
		t.Errorf("opt-in renderer dropped raw HTML:\n%s", unsafe)
	}
}

// goldmark empties dangerous link targets; the validator reports them, but
// the renderer must never emit them even if validation were skipped.
func TestDangerousURLsNeverRendered(t *testing.T) {
	src := "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:x) [d](data:text/html;base64,PHNjcmlwdD4=) ![e](javascript:alert(1)) <javascript:alert(1)> [f](file:///etc/passwd)\n"
	out := strings.ToLower(string(New(false).Render([]byte(src), Options{})))
	for _, bad := range []string{"javascript:", "vbscript:", "data:text", "file:"} {
		if strings.Contains(out, `href="`+bad) || strings.Contains(out, `src="`+bad) {
			t.Errorf("rendered %q:\n%s", bad, out)
		}
	}
}

// Table alignment becomes a class: the CSP forbids style attributes.
func TestTableAlignmentWithoutStyle(t *testing.T) {
	src := "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"
	out := string(New(false).Render([]byte(src), Options{}))
	if strings.Contains(out, "style=") {
		t.Errorf("style attribute in table:\n%s", out)
	}
	for _, c := range []string{"ausrichtung-links", "ausrichtung-mitte", "ausrichtung-rechts"} {
		if !strings.Contains(out, `class="`+c+`"`) {
			t.Errorf("missing class %s:\n%s", c, out)
		}
	}
}

// Headings and aligned tables are found wherever blocks nest: in quotes,
// list items and footnotes.
func TestVerschachtelteUeberschriftenUndTabellen(t *testing.T) {
	src := "# Eins\n\n> ## Zwei\n>\n> | a |\n> |--:|\n> | 1 |\n\n- Punkt\n\n  ### Drei\n\n  | b |\n  |:-:|\n  | 2 |\n\nText[^f]\n\n[^f]: Fußnote\n\n    | c |\n    |:--|\n    | 3 |\n"
	out := string(New(false).Render([]byte(src), Options{Offset: 1}))
	for _, want := range []string{"<h2", "<h3", "<h4", `class="ausrichtung-rechts"`, `class="ausrichtung-mitte"`, `class="ausrichtung-links"`} {
		if !strings.Contains(out, want) {
			t.Errorf("%s fehlt in\n%s", want, out)
		}
	}
	if strings.Contains(out, "<h1") {
		t.Errorf("eine Überschrift ist nicht verschoben:\n%s", out)
	}
}

func TestScan(t *testing.T) {
	src := "Zeile eins\n\nSiehe [Leitfaden](https://example.org/a \"T\") und\n![Bild](/bilder/x.png)\n\n<div>roh</div>\n\n<!-- Notiz -->\n\nText <b>fett</b> [leer](javascript&#58;alert(1))\n\n[ref]: vbscript:x\n\n[r][ref] und www.example.org\n\nAbsatz beginnt\nund nennt <https://example.net/y> und\nwww.example.com/z hier\n"
	s := Scan([]byte(src))
	want := []Ref{
		{Dest: "https://example.org/a", Line: 3},
		{Dest: "/bilder/x.png", Line: 4, Image: true},
		{Dest: "javascript:alert(1)", Line: 10},
		{Dest: "vbscript:x", Line: 14},
		{Dest: "http://www.example.org", Line: 14},
		{Dest: "https://example.net/y", Line: 17},
		{Dest: "http://www.example.com/z", Line: 18},
	}
	if len(s.Refs) != len(want) {
		t.Fatalf("refs %+v, want %+v", s.Refs, want)
	}
	for i := range want {
		if s.Refs[i] != want[i] {
			t.Errorf("ref %d: %+v, want %+v", i, s.Refs[i], want[i])
		}
	}
	if len(s.HTML) != 3 || s.HTML[0].Line != 6 || s.HTML[1].Line != 10 || s.HTML[1].HTML != "<b>" {
		t.Errorf("raw HTML: %+v", s.HTML)
	}
}

// A renderer hands on to the next build only the texts it converted
// itself: an edited text does not stay in memory for the whole preview.
func TestNextKeepsOnlyTextsOfTheLastBuild(t *testing.T) {
	r := New(false)
	r.Render([]byte("bleibt"), Options{})
	r.Render([]byte("Fassung 0"), Options{})
	for i := 1; i <= 20; i++ {
		r = r.Next()
		if got := r.Render([]byte("bleibt"), Options{}); got != "<p>bleibt</p>\n" {
			t.Fatalf("carried-over text: %q", got)
		}
		r.Render([]byte(fmt.Sprintf("Fassung %d", i)), Options{})
		if n := r.Cached(); n != 2 {
			t.Fatalf("build %d holds %d texts, want 2", i, n)
		}
		// What rendering found for the checks goes the same way, and a
		// carried-over text is not parsed again for them.
		if n := count(r.scans); n != 2 {
			t.Fatalf("build %d holds what it found in %d texts, want 2", i, n)
		}
		parses := countParses(t)
		if s, p := r.Scanned([]byte("bleibt")); p != nil || parses() != 0 {
			t.Fatalf("carried-over text: %+v, %v, parsed %d times", s, p, parses())
		}
	}
	// A build that converted nothing (it failed early) hands on the texts
	// of the one before.
	r = r.Next().Next()
	if n := (&Renderer{cache: r.prev}).Cached(); n != 2 {
		t.Errorf("after a build without texts %d texts are handed on, want the 2 of the build before", n)
	}
	if r.Next().Unsafe() || !New(true).Next().Unsafe() {
		t.Error("Next changed the raw HTML setting")
	}
}
