package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// A renderer seeded with the findings of another answers Scanned and
// HatHTML as that one would, without parsing; RenderAll leaves the known
// texts to Render, which then renders them as if never seeded. Texts
// with a problem and texts that render to nothing (link definitions
// alone) keep what they are.
func TestSeedWieGeparst(t *testing.T) {
	texts := [][]byte{
		[]byte("## Titel\n\nText mit [Link](https://example.org/seed) und <b>roh</b>.[^1]\n\n[^1]: Fußnote\n"),
		[]byte("[nur]: /eine/definition/\n"),
		[]byte(strings.Repeat("> ", MaxDepth+1) + "zu tief\n"),
		[]byte("Kaputt &#27; hier\n"),
	}
	first := New(false)
	first.RenderAll(texts, Options{})
	want := map[string]Scanned{}
	wantProblem := map[string]*Problem{}
	wantHTML := map[string]string{}
	for _, src := range texts {
		want[string(src)], wantProblem[string(src)] = first.Scanned(src)
		wantHTML[string(src)] = string(first.Render(src, Options{Prefix: "x-"}))
	}
	befunde := first.Befunde()
	if len(befunde.Texte) != len(texts) {
		t.Fatalf("%d findings, want %d", len(befunde.Texte), len(texts))
	}

	r := New(false)
	r.Seed(befunde)
	parses := countParses(t)
	r.RenderAll(texts, Options{})
	for _, src := range texts {
		got, p := r.Scanned(src)
		if !reflect.DeepEqual(got, want[string(src)]) || !reflect.DeepEqual(p, wantProblem[string(src)]) {
			t.Errorf("%.20q: seeded %#v, %v; parsed %#v, %v", src, got, p, want[string(src)], wantProblem[string(src)])
		}
		if got, want := r.HatHTML(src, Options{}), first.Render(src, Options{}) != ""; got != want {
			t.Errorf("%.20q: HatHTML = %v, want %v", src, got, want)
		}
	}
	if n := parses(); n != 0 {
		t.Fatalf("seeded texts parsed %d times before a page asked for them", n)
	}
	for _, src := range texts {
		if got, want := string(r.Render(src, Options{Prefix: "x-"})), wantHTML[string(src)]; got != want {
			t.Errorf("%.20q: rendered %q, want %q", src, got, want)
		}
	}
	if n := parses(); n != 1 {
		t.Errorf("rendering a seeded text parsed it %d times, want once", n)
	}

	// Findings of another salt or version are not used.
	for name, b := range map[string]*Befunde{
		"Salz":    {Version: BefundeVersion, Salt: "unsafe", Texte: befunde.Texte},
		"Version": {Version: BefundeVersion + 1, Salt: befunde.Salt, Texte: befunde.Texte},
	} {
		r := New(false)
		r.Seed(b)
		if r.seeded {
			t.Errorf("%s: seed of another kind taken", name)
		}
	}
}
