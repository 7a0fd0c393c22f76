package markdown

import (
	"html/template"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
)

// withSink is a renderer that collects what it renders into html, as
// the first full build with a record does.
func withSink(html map[[32]byte]string) *Renderer {
	r := New(false)
	var mu sync.Mutex
	r.UseVorrat(nil, func(k [32]byte, h template.HTML) {
		mu.Lock()
		html[k] = string(h)
		mu.Unlock()
	})
	return r
}

// A renderer given the findings and HTML of an earlier build (Seed,
// UseVorrat) renders the same HTML without parsing the texts it knows,
// parses a changed one, and says what the next build's file holds.
func TestVorratStattParsen(t *testing.T) {
	opt := Options{Offset: 1}
	var texts [][]byte
	for _, c := range einmalFaelle {
		texts = append(texts, []byte(c.src))
	}
	html := map[[32]byte]string{}
	first := withSink(html)
	first.RenderAll(texts, opt)
	want := map[string]template.HTML{}
	for _, src := range texts {
		want[string(src)] = first.Render(src, opt)
	}
	befunde := first.Befunde()
	if taken, changed := first.Vorrat(); !changed || len(taken) != 0 {
		t.Errorf("a renderer without earlier HTML: changed %v, %d taken", changed, len(taken))
	}
	if len(html) != len(texts) {
		t.Fatalf("%d texts rendered, %d kept for the next build", len(texts), len(html))
	}

	next := func() *Renderer {
		r := New(false)
		r.EinmalFreigeben()
		r.Seed(befunde)
		r.UseVorrat(maps.Clone(html), nil)
		return r
	}
	var parsed atomic.Int32
	OnParse = func([]byte) { parsed.Add(1) }
	t.Cleanup(func() { OnParse = nil })
	parses := func() int { return int(parsed.Load()) }
	r := next()
	r.RenderAll(texts, opt)
	for i, src := range texts {
		got := r.Render(src, opt)
		if i%2 == 1 {
			got = r.Einmal(src, opt)
		}
		if got != want[string(src)] {
			t.Errorf("%s: from the earlier build\n%s\nwant\n%s", einmalFaelle[i].name, got, want[string(src)])
		}
		s, p := r.Scanned(src)
		if p != nil || len(s.Refs) != len(einmalFaelle[i].want.Refs) {
			t.Errorf("%s: findings %+v, %v; want %+v", einmalFaelle[i].name, s, p, einmalFaelle[i].want)
		}
	}
	if n := parses(); n != 0 {
		t.Errorf("a text was parsed %d times though the earlier build rendered it", n)
	}
	if _, changed := r.Vorrat(); changed {
		t.Error("nothing new, yet the next build's file would be written again")
	}

	// Another option is another key: parsed, not taken from the file.
	if got, w := r.Render(texts[0], Options{Offset: 2}), New(false).Render(texts[0], Options{Offset: 2}); got != w || parses() != 2 {
		t.Errorf("other options: %d parses (want 2: the renderer's and the reference's), HTML\n%s\nwant\n%s", parses(), got, w)
	}

	// A changed text is parsed; the next file holds it and what was taken.
	r = next()
	changed := append([]byte("Neu am Anfang.\n\n"), texts[0]...)
	r.RenderAll([][]byte{changed, texts[1]}, opt)
	if got, w := r.Render(changed, opt), New(false).Render(changed, opt); got != w {
		t.Errorf("changed text:\n%s\nwant\n%s", got, w)
	}
	r.Einmal(texts[1], opt)
	taken, again := r.Vorrat()
	if !again || len(taken) != 1 || !taken[keyOf(r, texts[1], opt)] {
		t.Errorf("after a change: changed %v, taken %v; want true and the unchanged text", again, taken)
	}
	// Einmal let the HTML go: a second call finds it in no cache and parses.
	before := parses()
	if got := r.Einmal(texts[1], opt); got != want[string(texts[1])] {
		t.Errorf("asked again:\n%s\nwant\n%s", got, want[string(texts[1])])
	}
	if parses() != before+1 {
		t.Error("Einmal kept the HTML from the earlier build after handing it out")
	}

	// Without findings the HTML is not used: the checks would lack them.
	got := map[[32]byte]string{}
	r = withSink(got)
	r.vorrat.alt = maps.Clone(html)
	r.Render(texts[0], opt)
	if taken, _ := r.Vorrat(); len(got) != 1 || len(taken) != 0 {
		t.Errorf("a renderer without findings took the HTML from the file (%d parsed, %d taken)", len(got), len(taken))
	}
}

func keyOf(r *Renderer, src []byte, opt Options) [32]byte {
	_, key := r.key(src, opt)
	return key
}
