package linkcheck_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/linkcheck"
	"tdsite/internal/testkit"
)

// The scanner finds on tricky markup what the HTML lexer finds.
func TestScanLikeLexer(t *testing.T) {
	for _, page := range []string{
		`<a href="/a/" id="x">a</a><A HREF='/b/' ID=y>b</A>`,
		`<!-- <a href="/nicht/"> --><a href=/c/>c</a>`,
		`<p title="a > b" id="t"><a href="/d/?x=1&amp;y=2#z">d</a></p>`,
		`<script src="/s.js"></script><script>var a = '<a href="/nicht/">';</script><a href="/e/">`,
		`<style>a::before{content:"<a href='/nicht/'>"}</style><img src="/f.png" srcset="/f.png 1x, /f2.png 2x" alt="">`,
		`<title>a <b> c</title><textarea id="ta"><a href="/nicht/"></textarea>`,
		`<svg viewBox="0 0 1 1"><title>Karte <x></title><a href="/g/"><text id="s1">g</text></a><use xlink:href="/i.svg#y"/><![CDATA[ <a href="/nicht/"> ]]></svg><a href="/h/">h</a>`,
		`<!DOCTYPE html><html lang="de"><input name="q" value="a"><a name="anker"></a><br/><img src = "/leer.png" >`,
		`a < b and b > c <a href="/i/"><video poster="/p.jpg"><source src="/v.mp4"></video><form action="/suche/"></form>`,
		`<a href="/kaputt`, `<a href`, `<`, `<a href="x" <b id="z">`,
	} {
		fast, lexer := linkcheck.Scans([]byte(page))
		if fast != lexer {
			t.Errorf("%s\nscanner:\n%s\nlexer:\n%s", page, fast, lexer)
		}
	}
}

// … and on every page tdsite writes for the bundled site.
func TestScanLikeLexerOnBuiltSite(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Root()
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Run(context.Background(), build.Options{Source: root, Dest: dest, BuildDate: testkit.Date}); err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("build: %v\n%s", err, b.String())
	}
	n := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".svg")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		if fast, lexer := linkcheck.Scans(data); fast != lexer {
			rel, _ := filepath.Rel(dest, p)
			t.Errorf("%s: scanner and lexer differ", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 200 {
		t.Errorf("only %d files compared", n)
	}
}
