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
		// Unquoted values, '>' in quoted ones, spaces around '='.
		`<a href=/u/?a=1&amp;b=2 id=u1>u</a><a title='>' href='/q/'>q</a><a href = '/r/' id = "r1" >r</a>`,
		// Comments that look like tags or end early.
		`<!----><!-- a -- b <a href="/nicht/"> --><!--><a href="/k/">k</a>`,
		// Raw text in any case; an end tag far from its '>'.
		`<SCRIPT>let s = "</scrip>";</SCRIPT ><Style>p{}</STYLE><a href="/l/">l</a></abcdefghijklmnopqrstuvwxyz ><a href="/m/">m</a>`,
		// Attribute names in any case.
		`<AREA HREF="/ar/" NAME="n2"><img SRC="/u.png" SRCSET="/u.png 1x,/u2.png 2x"><Object DATA="/o.svg"></Object><FORM ACTION="/f/"><VIDEO POSTER="/v.jpg">`,
		`<svg><use XLINK:HREF="/s.svg#a"/><a Href="/sv/">x</a></svg><p Name="kein-anker" iD="i2">`,
		// Entities in addresses and ids.
		`<a href="/suche/?q=a&amp;b=c#x&amp;y">e</a><a href="&#47;ent/" id="a&amp;b">f</a><img src="/bild&#46;png">`,
		// Names that only look like the ones the check needs.
		`<a hrefx="/nicht/" xhref="/nicht2/" ids="n" srcsetx="/n3/" data-src="/n4/" aria-describedby="n5">`,
		// Doctype and processing instruction, a bare '<', a stray quote.
		`<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><p>1 < 2</p><a "x" href="/n/">`,
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
