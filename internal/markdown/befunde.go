package markdown

import "sync"

// Befunde carry what parsing the texts found from one process to the
// next: `tdsite build` is a new process each time, and an incremental
// build renders only a few pages, but checks every text and builds the
// model of all. With the findings of the last build it parses only the
// texts that changed and those of the pages it renders.

// BefundeVersion changes when the meaning of Befunde changes, also when
// parsing finds something else in the same text (new checks, a new
// goldmark).
const BefundeVersion = 1

// Befunde are the findings of parsed texts, by SHA-256 of the text,
// without their HTML: what the checks, the report of external links and
// the model need. Salt is the renderer's (raw HTML on or off).
type Befunde struct {
	Version int
	Salt    string
	Texte   map[[32]byte]Befund
}

// Befund is what one parse of a text found.
type Befund struct {
	Scan    Scanned
	Problem *Problem // never one of the time budget: the next build tries again
	HTML    uint8    // inhalt: whether the text renders to anything, if it was rendered
}

// Befunde returns the findings of every text r parsed or took over from
// the build before: the texts of this build, and only those, so the
// findings of deleted or changed texts are dropped.
func (r *Renderer) Befunde() *Befunde {
	b := &Befunde{Version: BefundeVersion, Salt: r.salt, Texte: map[[32]byte]Befund{}}
	r.scans.Range(func(k, v any) bool {
		a := v.(*analysis)
		if a.problem == nil || !a.problem.budget {
			b.Texte[k.([32]byte)] = Befund{Scan: a.scan, Problem: a.problem, HTML: uint8(a.html)}
		}
		return true
	})
	return b
}

// Seed gives a new renderer the findings of an earlier build, as if that
// build had been the one before, but without HTML: Scanned and HatHTML
// answer from them, RenderAll leaves their texts out, and Render parses
// a text when a page shows it. Findings of another version or salt are
// ignored, and so is a seed for a renderer that has a build before.
func (r *Renderer) Seed(b *Befunde) {
	if b == nil || b.Version != BefundeVersion || b.Salt != r.salt || r.prevScans != nil {
		return
	}
	m := &sync.Map{}
	for k, f := range b.Texte {
		if f.HTML > uint8(vorhanden) {
			continue
		}
		m.Store(k, &analysis{scan: f.Scan, problem: f.Problem, html: inhalt(f.HTML)})
	}
	r.prevScans, r.seeded = m, true
}
