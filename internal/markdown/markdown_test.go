package markdown

import (
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
