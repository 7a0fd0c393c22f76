package markdown

import (
	"html/template"
	"sync"
	"sync/atomic"
)

// The Vorrat carries the HTML of the texts from one `tdsite build` to the
// next, as Befunde carry their findings: a full build with a build record
// (an output folder deleted, a new one, the build after a change to the
// templates) would otherwise render every text again, a seventh of its
// time at 10,000 pages, with the same result. The HTML is found by the
// cache key, a hash of the text, the salt and the options, so a text
// changed since is simply not found and parsed; package build ties the
// file to the program that wrote it (docs/leistung.md, „Vorrat“).

// vorrat is the HTML of an earlier build and what this build takes from
// it and adds to it.
type vorrat struct {
	mu     sync.Mutex
	alt    map[[32]byte]string // of the earlier build; Einmal takes out what it hands out
	size   int                 // entries alt had
	taken  map[[32]byte]bool   // keys of alt this build used
	sink   func(key [32]byte, html template.HTML)
	frisch atomic.Int32 // texts parsed in this build (every text rendered was)
}

// UseVorrat gives a renderer seeded with the same build's findings (Seed)
// the HTML that build rendered, by cache key (nil: none; the map is the
// renderer's from now on). Render then takes a text's HTML from it
// instead of parsing the text. sink gets the HTML of every text the
// renderer renders, as it renders it, on any goroutine; with what Vorrat
// says this build took, that is the next build's HTML. Call once, before
// any text is rendered.
func (r *Renderer) UseVorrat(html map[[32]byte]string, sink func(key [32]byte, html template.HTML)) {
	r.vorrat = &vorrat{alt: html, size: len(html), taken: map[[32]byte]bool{}, sink: sink}
}

// fromVorrat returns the HTML of key from the earlier build. einmal: the
// call of Einmal, which drops the HTML once it has been handed out as
// often as RenderAll was given the text.
func (r *Renderer) fromVorrat(key [32]byte, einmal bool) (template.HTML, bool) {
	v := r.vorrat
	if v == nil {
		return "", false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	html, ok := v.alt[key]
	if !ok {
		return "", false
	}
	v.taken[key] = true
	if einmal && r.lastUse(key) {
		delete(v.alt, key)
	}
	return template.HTML(html), true
}

// rendered hands the HTML of a text this build parsed to the sink.
func (r *Renderer) rendered(key [32]byte, html template.HTML) {
	if v := r.vorrat; v != nil && v.sink != nil {
		v.sink(key, html)
	}
}

// parsed counts a text this build parsed, with or without HTML.
func (r *Renderer) parsed() {
	if v := r.vorrat; v != nil {
		v.frisch.Add(1)
	}
}

// Vorrat returns the keys this build took from the earlier build's HTML;
// with what the sink got, that is the next build's HTML. changed is
// false when this build took all of the earlier HTML and parsed no text:
// the earlier build's file can stay. Without UseVorrat: nil, false. Call
// after the build has rendered its pages.
func (r *Renderer) Vorrat() (taken map[[32]byte]bool, changed bool) {
	v := r.vorrat
	if v == nil {
		return nil, false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	changed = v.frisch.Load() > 0 || len(v.taken) != v.size
	return v.taken, changed
}
