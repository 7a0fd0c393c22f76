package publish

import (
	"bytes"
	"strings"
	"testing"
)

// fastCases are the places where the HTML minifier decides by context:
// space at the edges of text between inline and block tags, entities in
// text and attributes, the tags it rewrites, title and SVG, which the
// lexer reads as one token.
var fastCases = []string{
	"<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<title> Über &amp; Foo &#39;x&#39; </title>\n</head>\n<body>\n</body>\n</html>\n",
	"<div>\n  <p>Text <a href=\"/x/\">Link</a> und <strong> fett </strong> .</p>\n</div>\n",
	"<p>a <span></span> b <i class=\"icon\"></i> c</p>",
	"<ul>\n <li> eins </li>\n <li><a href=\"/\">zwei</a> </li>\n</ul>",
	"<p>x <br> y <br/> z <img src=\"/a.png\" alt=\"\"> w</p>",
	"<td> <span>1</span> </td><th>\t&nbsp;2 </th>",
	"<p title=\"a &#34;b&#34; &amp; c\" data-x='it&#39;s' class=\"  a   b \" id=\"\">q &lt; r &#43; s</p>",
	"<a href=\" HTTPS://example.org/ \" type=\"Text/HTML\">x</a><a href=\"HTTP://x.org\">y</a>",
	"<a href=\"data:text/plain,x\">d</a><div style=\"color : red\">s</div><a name=\"n\" id=\"n\">n</a>",
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><input type=\"text\" value=\"\">",
	"<p>vor <svg viewBox=\"0 0 1 1\"><title>T</title><path d=\"M0 0\"/><svg></svg></svg> nach</p>",
	"<details open=\"\"><summary> mehr </summary> <button hidden> b </button> </details>",
	"<p>" + strings.Repeat("<b>x ", 60) + strings.Repeat("</b>", 60) + " </p>",
	"text <em>kursiv</em> \n",
	"<p>a\x00 b</p>",
	"<p>a < b</p> <my-el foo=\"bar\">x</my-el> <section>\n</section> ",
	"<p>Status <select id=\"s\" name=\"status\">\n <option value=\"\"> alle </option>\n <optgroup label=\"x\"> <option>a b</option> </optgroup> </select> weiter</p>",
	"<p>x <script src=\"/js/a.js\" defer></script> y <script type=\"Text/JavaScript\" src=\"/b.js\" charset=\"utf-8\"></script></p>",
	"<form action=\"\" enctype=\"Multipart/Form-Data\"><label for=\"q\">Q</label> </form>",
}

func TestMinifyFastCases(t *testing.T) {
	for _, c := range fastCases {
		want, err := MinifyWhole([]byte(c))
		if err != nil {
			t.Fatal(err)
		}
		src := []byte(c)
		got, ok := minifyFast(nil, src)
		if !ok {
			t.Errorf("%q: nicht in einem Durchgang verkleinert", c)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", c, got, want)
		}
		if string(src) != c {
			t.Errorf("%q: Eingabe verändert zu %q", c, src)
		}
	}
}

// What minifyFast does not know it leaves to the HTML minifier.
func TestMinifyFastGibtAuf(t *testing.T) {
	for _, c := range []string{
		"<p>a</p><!-- x -->", "<pre> x </pre>", "<script>var a</script>", "<DIV>x</DIV>",
		"<p class=x>a</p>", "<script>var a</script>", "<script></script>", "<style>p{}</style>",
		"<p>a</p></ x>", "<svg><path d=\"M0 0\">", "<svg>\x00</svg>",
	} {
		if _, ok := minifyFast(nil, []byte(c)); ok {
			t.Errorf("%q: in einem Durchgang verkleinert", c)
		}
	}
}

// Whatever minifyFast accepts it must minify as the HTML minifier does.
func FuzzMinifyFast(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		src := []byte(c)
		got, ok := minifyFast(nil, src)
		if string(src) != c {
			t.Fatalf("%q: Eingabe verändert", c)
		}
		if !ok {
			return
		}
		want, err := MinifyWhole([]byte(c))
		if err != nil {
			t.Fatalf("%q: der HTML-Minifier scheitert: %v", c, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", c, got, want)
		}
	})
}
