package markdown

import (
	"strings"
	"testing"
)

// Numeric character references would put raw control characters on the
// page; every form of them is a finding at its line, white space is not.
func TestSteuerzeichenAlsReferenz(t *testing.T) {
	for _, c := range []struct {
		text string
		line int
	}{
		{"Rot &#27;[31m", 1},
		{"eins\n\nzwei &#x1B;", 3},
		{"Klingel &#X7;", 1},
		{"C1 &#155;", 1},
		{"Entf &#127;", 1},
		{"- Liste\n  - mit &#x9b; innen", 2},
	} {
		_, p := CheckedScan([]byte(c.text))
		if p == nil || p.Line != c.line || !strings.Contains(p.Message, "Steuerzeichen") {
			t.Errorf("%q: %+v, erwartet Befund in Zeile %d", c.text, p, c.line)
		}
	}
	for _, ok := range []string{"Tab &#9; Umbruch &#10; &#13;", "Null &#0; wird U+FFFD", "&#228;pfel &#x20AC;", "&amp;#27; ist Text", "& #27; kein Verweis", "&#27 ohne Semikolon"} {
		if _, p := CheckedScan([]byte(ok)); p != nil {
			t.Errorf("%q: unerwarteter Befund %+v", ok, p)
		}
	}
	// What passes the check carries no control character into the HTML.
	html := string(New(false).Render([]byte("Tab &#9; Null &#0; Ende"), Options{}))
	for _, r := range html {
		if r < 0x20 && r != '\n' && r != '\t' {
			t.Errorf("Steuerzeichen U+%04X im HTML: %q", r, html)
		}
	}
}
