package build

import (
	"os"

	"tdsite/internal/buildcache"
	"tdsite/internal/markdown"
)

// befundeDatei is the file of the Markdown findings of one build, beside
// its record (buildcache.MarkdownFile), in the format of the record's
// Detail (buildcache.Writer): at 10,000 pages it holds a megabyte that an
// incremental build reads before it can check anything, and gob took
// 0.04 CPU-s to read it and as long to write it.
type befundeDatei struct {
	Version int    // buildcache.Version
	Output  string // buildcache.State.Output of the build that found them
	Befunde *markdown.Befunde
}

// befundeMagic starts the file.
const befundeMagic = "tdsite-baustand-markdown\n"

// saveBefunde writes the findings of the build whose output is output.
func saveBefunde(file, output string, b *markdown.Befunde) error {
	return buildcache.WriteFile(file, befundeDatei{Version: buildcache.Version, Output: output, Befunde: b}.encode())
}

// loadBefunde reads the findings of the build recorded in st: nil if the
// file is missing, damaged, of another version or of another build, which
// only costs parsing every text again.
func loadBefunde(file string, st *buildcache.State) *markdown.Befunde {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	d, ok := decodeBefunde(data)
	if !ok || d.Version != buildcache.Version || !buildcache.Same(d.Output, st.Output) {
		return nil
	}
	return d.Befunde
}

// encode writes every field of the findings; TestBefundeFelder notices a
// field added to them.
func (d befundeDatei) encode() []byte {
	size := 1024
	if d.Befunde != nil {
		size += len(d.Befunde.Salt) + 64*len(d.Befunde.Texte)
	}
	w := buildcache.NewWriter(befundeMagic, size)
	w.Uint(uint64(d.Version))
	w.Str(d.Output)
	b := d.Befunde
	w.Bool(b != nil)
	if b == nil {
		return w.Seal()
	}
	w.Int(int64(b.Version))
	w.Str(b.Salt)
	w.Count(len(b.Texte), b.Texte == nil)
	for k, f := range b.Texte {
		w.Bytes(k[:])
		w.Count(len(f.Scan.Refs), f.Scan.Refs == nil)
		for _, r := range f.Scan.Refs {
			w.Str(r.Dest)
			w.Int(int64(r.Line))
			w.Bool(r.Image)
		}
		w.Count(len(f.Scan.HTML), f.Scan.HTML == nil)
		for _, h := range f.Scan.HTML {
			w.Str(h.HTML)
			w.Int(int64(h.Line))
		}
		w.Int(int64(f.Scan.TiefeZeile))
		w.Bool(f.Problem != nil)
		if p := f.Problem; p != nil {
			w.Int(int64(p.Line))
			w.Str(p.Message)
			w.Str(p.Hint)
		}
		w.Uint(uint64(f.HTML))
	}
	return w.Seal()
}

// decodeBefunde reads what encode wrote; false if the file is damaged or
// of another version. Its strings share the memory of data.
func decodeBefunde(data []byte) (befundeDatei, bool) {
	r, ok := buildcache.OpenRecord(data, befundeMagic)
	if !ok {
		return befundeDatei{}, false
	}
	d := befundeDatei{Version: int(r.Uint())}
	if d.Version != buildcache.Version {
		return befundeDatei{}, false
	}
	d.Output = r.Str()
	bad := false
	if r.Bool() {
		b := &markdown.Befunde{Version: int(r.Int()), Salt: r.Str()}
		if n, ok := r.Count(); ok {
			b.Texte = make(map[[32]byte]markdown.Befund, n)
			for range n {
				var k [32]byte
				bad = bad || copy(k[:], r.Str()) != len(k)
				var f markdown.Befund
				if n, ok := r.Count(); ok {
					f.Scan.Refs = make([]markdown.Ref, n)
					for i := range f.Scan.Refs {
						f.Scan.Refs[i] = markdown.Ref{Dest: r.Str(), Line: int(r.Int()), Image: r.Bool()}
					}
				}
				if n, ok := r.Count(); ok {
					f.Scan.HTML = make([]markdown.RawHTML, n)
					for i := range f.Scan.HTML {
						f.Scan.HTML[i] = markdown.RawHTML{HTML: r.Str(), Line: int(r.Int())}
					}
				}
				f.Scan.TiefeZeile = int(r.Int())
				if r.Bool() {
					f.Problem = &markdown.Problem{Line: int(r.Int()), Message: r.Str(), Hint: r.Str()}
				}
				html := r.Uint()
				bad = bad || html > 255
				f.HTML = uint8(html)
				b.Texte[k] = f
			}
		}
		d.Befunde = b
	}
	if bad || !r.Done() {
		return befundeDatei{}, false
	}
	return d, true
}
