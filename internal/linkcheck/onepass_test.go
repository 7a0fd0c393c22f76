package linkcheck_test

import (
	"context"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/diag"
	"tdsite/internal/linkcheck"
	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// onePass writes page as a build does, the link check taking its tags
// from the minifier; twoPass minifies it and scans what was written, as
// before. Both must find the same ids and references.
func onePass(t testing.TB, dir, page string) (string, bool) {
	s := linkcheck.NewScanned()
	out := &publish.Output{Dir: dir, Minify: true, Links: s}
	if err := out.WriteHTML("index.html", []byte(page)); err != nil {
		t.Fatal(err)
	}
	return linkcheck.Dump(s, "index.html"), linkcheck.Pages(s) == 1
}

func twoPass(page string) string {
	s := linkcheck.NewScanned()
	s.Add("index.html", publish.MinifyPage([]byte(page)))
	return linkcheck.Dump(s, "index.html")
}

// Every page of the bundled site, and nearly all of them in one pass.
func TestOnePassWieZweiDurchgaenge(t *testing.T) {
	testkit.Slow(t)
	rendered := testkit.RenderedPages(t, func(src, dest string) (*diag.List, error) {
		_, diags, err := build.Run(context.Background(), build.Options{Source: src, Dest: dest, NoMinify: true, BuildDate: testkit.Date})
		return diags, err
	})
	dir := t.TempDir()
	pages, one := 0, 0
	for name, page := range rendered {
		pages++
		got, handed := onePass(t, dir, page)
		if handed {
			one++
		}
		if want := twoPass(page); got != want {
			t.Errorf("%s: in einem Durchgang\n%s\nstatt\n%s", name, got, want)
		}
	}
	t.Logf("%d von %d Seiten in einem Durchgang geprüft", one, pages)
	if pages < 100 || one < pages*95/100 {
		t.Errorf("%d von %d Seiten in einem Durchgang geprüft, erwartet sind mindestens 95 %%", one, pages)
	}
}

// onePassCases are where a scanner of the written page could read
// otherwise than the minifier wrote: markup it copies (SVG), tags it
// minifies as a whole, raw text, '<' in text and entities that make one.
var onePassCases = []string{
	"<!doctype html><html><head><title>T</title><meta name=\"a\" content=\"b\"></head><body><a href=\"/x/#y\" id=\"top\">x</a></body></html>",
	"<p>vor <svg viewBox=\"0 0 1 1\"><use href=\"#i\"/><a xlink:href=\"/s/\"><title>T</title></a></svg> nach <a href=\"/n/\">n</a></p>",
	"<p>a <svg><!-- </svg><a href=\"/weg/\"> --></p>",
	"<p>a <svg><style></svg><a href=\"/x/\"></style></svg></p>",
	"<p>x &lt;a href=\"/nein/\"&gt; <&#97; href=\"/ja/\"> <a href='/b/' name=\"n\">b</a></p>",
	"<title>a</titlex><a href=\"/t/\"></title><a href=\"/u/\">",
	"<title style=\"x\">a</title><a href=\"/t/\">",
	"<img srcset=\"/a.png 1x, /b.png 2x\" src=\"/c.png\" alt=\"\"><a href=\"/d/\" hidden>d</a><a href>e</a>",
	"<div style=\"color: red\" id=\"s\"><a href=\"data:text/plain,x\" id=\"d\">d</a><input type=\"text\" name=\"q\" id=\"q\"></div>",
	"<p title='a &#34;b&#34;' data-u=\"&amp;x\"><a href=\"/a/?b=1&amp;c=2\">q</a> <script src=\"/s.js\"></script></p>",
	"<p>a <</p><area href=\"/m/\" name=\"k\"> <p>1 < 2</p>",
}

// Whatever the page, one pass finds what two find.
func FuzzOnePass(f *testing.F) {
	for _, c := range onePassCases {
		f.Add(c)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, page string) {
		got, _ := onePass(t, dir, page)
		if want := twoPass(page); got != want {
			t.Fatalf("%q: in einem Durchgang\n%s\nstatt\n%s", page, got, want)
		}
	})
}
