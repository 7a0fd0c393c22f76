package build

import (
	"html/template"
	"os"
	"sync"

	"tdsite/internal/buildcache"
	"tdsite/internal/markdown"
)

// The file of the texts' HTML (buildcache.HTMLFile) holds the HTML of
// the Markdown texts of a full build, by the renderer's cache key, and
// their findings, for the next full build with a record
// (markdown.Renderer.UseVorrat): at 10,000 pages 1.2 CPU-s of parsing
// against reading 45 MB that the page cache mostly holds. One program
// writes it and only the same reads it: another goldmark or other checks
// may find other things in the same text. Layout, in the format of the
// record's Detail (buildcache.Writer), written and read piece by piece:
//
//	magic, version, program,
//	per text: 1, key, HTML;
//	0, the findings (befundeDatei), checksum

// vorratDatei is what loadVorrat read.
type vorratDatei struct {
	Befunde *markdown.Befunde
	HTML    map[[32]byte]string
}

const vorratMagic = "tdsite-baustand-html\n"

// readVorrat reads the file if program wrote it, calling each for every
// text; false if it is missing, damaged or another program's. Only then
// is what each was given true.
func readVorrat(file, program string, each func(key [32]byte, html string)) (*markdown.Befunde, bool) {
	f, err := os.Open(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	r, ok := buildcache.OpenStream(f, vorratMagic)
	if !ok || r.Uint() != buildcache.Version || r.Str() != program {
		return nil, false
	}
	for r.Uint() == 1 {
		var k [32]byte
		if copy(k[:], r.Bytes()) != len(k) {
			return nil, false
		}
		each(k, r.Str())
	}
	b, ok := decodeBefunde(r.Bytes())
	if !ok || b.Befunde == nil || !r.Done() {
		return nil, false
	}
	return b.Befunde, true
}

// loadVorrat reads the file of the last full build if program wrote it;
// nil if it is missing, damaged or another program's, which only costs
// parsing every text. Each text's HTML is a string of its own, which the
// renderer drops after the text's page (markdown.Renderer.Einmal); no
// buffer of the whole file raises the heap the garbage collector lets
// the build grow to.
func loadVorrat(file, program string) *vorratDatei {
	d := &vorratDatei{HTML: map[[32]byte]string{}}
	b, ok := readVorrat(file, program, func(k [32]byte, html string) { d.HTML[k] = html })
	if !ok {
		return nil
	}
	d.Befunde = b
	return d
}

// vorratSchreiber writes the file for the next build while the texts
// are rendered (markdown.Renderer.UseVorrat): the first full build with
// a record would otherwise hold the HTML of every text to its end, 45 MB
// at 10,000 pages. The file is made when the first text is rendered and
// takes the place of the old one only in commit.
type vorratSchreiber struct {
	file, program string
	mu            sync.Mutex
	f             *os.File
	w             *buildcache.StreamWriter
	failed        bool
}

func (v *vorratSchreiber) tmp() string { return v.file + ".neu" }

// add writes the HTML of a text the build rendered.
func (v *vorratSchreiber) add(key [32]byte, html template.HTML) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.entry(key, string(html))
}

// open makes the file, once; false if it cannot be written.
func (v *vorratSchreiber) open() bool {
	if v.failed {
		return false
	}
	if v.f == nil {
		f, err := os.Create(v.tmp())
		if err != nil {
			v.failed = true
			return false
		}
		v.f, v.w = f, buildcache.NewStreamWriter(f, vorratMagic)
		v.w.Uint(buildcache.Version)
		v.w.Str(v.program)
	}
	return true
}

// entry is add under the lock.
func (v *vorratSchreiber) entry(key [32]byte, html string) {
	if !v.open() {
		return
	}
	v.w.Uint(1)
	v.w.Bytes(key[:])
	v.w.Str(html)
}

// commit completes the file with what the build took from the old one
// and the findings of md, and puts it in place of the old one, unless
// md parsed nothing and took all of the old one: then that stays. On any
// failure there is no new file, which only costs parsing next time.
func (v *vorratSchreiber) commit(md *markdown.Renderer) {
	v.mu.Lock()
	defer v.mu.Unlock()
	taken, changed := md.Vorrat()
	if !changed {
		v.discard()
		return
	}
	if len(taken) > 0 {
		// The renderer has let go of what it took: it is read again. An
		// old file gone or damaged since leaves no new one.
		_, ok := readVorrat(v.file, v.program, func(k [32]byte, html string) {
			if taken[k] {
				v.entry(k, html)
			}
		})
		if !ok {
			v.failed = true
		}
	}
	if !v.open() {
		v.discard()
		return
	}
	v.w.Uint(0)
	v.w.Bytes(befundeDatei{Version: buildcache.Version, Befunde: md.Befunde()}.encode())
	err := v.w.Seal()
	if cerr := v.f.Close(); err == nil {
		err = cerr
	}
	v.f = nil
	if err == nil {
		err = os.Rename(v.tmp(), v.file)
	}
	if err != nil {
		os.Remove(v.tmp())
		os.Remove(v.file)
	}
}

// discard removes the unfinished file, for a build that failed or had
// nothing new; the old file stays.
func (v *vorratSchreiber) discard() {
	if v.f != nil {
		v.f.Close()
		v.f = nil
		os.Remove(v.tmp())
	}
	v.failed = true
}

// abandon is discard for a build that ends without commit.
func (v *vorratSchreiber) abandon() {
	if v == nil {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.discard()
}
