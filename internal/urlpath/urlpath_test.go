package urlpath

import "testing"

func TestScheme(t *testing.T) {
	for in, want := range map[string]string{
		"javascript:alert(1)": "javascript", " JavaScript:x": "javascript", "java\tscript:x": "javascript",
		"\x01javascript:x": "javascript", "https://x": "https", "/pfad": "", "#anker": "", "seite.html": "",
		"mailto:a@b": "mailto", "ja va:x": "", "": "", "0:": "", "1a:b": "", "a1+.-:x": "a1+.-",
	} {
		if got := Scheme(in); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinks(t *testing.T) {
	const base = "https://example.org/thueringen/"
	if got := Link(base)("/strategien/x/"); got != "/thueringen/strategien/x/" {
		t.Errorf("Link = %s", got)
	}
	if got := Abs(base, "/feed.xml"); got != "https://example.org/thueringen/feed.xml" {
		t.Errorf("Abs = %s", got)
	}
	if got := Link(base)("https://other.example/"); got != "https://other.example/" {
		t.Errorf("external link changed: %s", got)
	}
	if got := Abs("https://example.org", "/"); got != "https://example.org/" {
		t.Errorf("Abs without path = %s", got)
	}
}
