package content

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"sync"
	"time"

	"tdsite/internal/abbild"
	"tdsite/internal/diag"
)

// The content snapshot (docs/leistung.md, "Inhalte aus dem Abbild"): the
// command line build runs in a new process each time, so Loader's cache
// is empty; after a successful build it writes what every file parsed to,
// and the next build takes a file from it when the file is as it was
// (size, modification time, inode), parsing only the others. It is the
// same trust the build record puts in the files' metadata.

// abbildMagic starts the file; abbildVersion changes with its layout or
// the meaning of a field (the program's identity is stored, too, so
// another tdsite never reads it).
const (
	abbildMagic   = "tdsite-baustand-inhalte\n"
	abbildVersion = 2 // 2: the key index packed (decode.Index.AppendPacked)
)

// racy is how close to the moment a file was read its modification time
// may be for the snapshot to trust it: a file written again within the
// resolution of its file system's clock (two seconds on FAT) would keep
// its time. Such a file is parsed again, as git checks "racily clean"
// entries of its index.
const racy = 2 * time.Second

// fileRec is what the snapshot keeps of a file besides its value.
type fileRec struct {
	Rel    string
	Mod    int64 // Unix nanoseconds
	Read   int64 // when reading began, Unix nanoseconds
	Size   int64
	Ino    uint64
	Kind   int // 1 + index in kinds, 0: no part of the content format
	Slug   string
	Failed bool
	Diags  []diag.Diagnostic
	Value  bool // a value follows
}

// valueTypes are the types kinds[i].parse returns, in the order of kinds
// (TestAbbildTypen checks them against parsing). A value of another type
// is not stored: its file is parsed again.
var valueTypes = []reflect.Type{
	reflect.TypeFor[*Akteure](), reflect.TypeFor[*Handlungsfeld](), reflect.TypeFor[*Seite](),
	reflect.TypeFor[*Bericht](), reflect.TypeFor[*Strategie](), reflect.TypeFor[*Ziele](),
	reflect.TypeFor[*Initiativen](), reflect.TypeFor[*Messwerte](), reflect.TypeFor[*Backlog](),
	reflect.TypeFor[*Wirkung](), reflect.TypeFor[*Dokumente](), reflect.TypeFor[*Kennzahlen](),
	reflect.TypeFor[*Datei](), reflect.TypeFor[*Beschluesse](), reflect.TypeFor[*Beteiligung](),
	reflect.TypeFor[*Seite](), reflect.TypeFor[*StrategieHF](), reflect.TypeFor[*Massnahme](),
	reflect.TypeFor[*Meldung](),
}

// codec stores fileRec (root 0) and the value of kinds[i] (root 1+i).
var codec = sync.OnceValues(func() (*abbild.Codec, error) {
	return abbild.New(append([]reflect.Type{reflect.TypeFor[*fileRec]()}, valueTypes...)...)
})

// kindIndex is 1 + the index of k in kinds, 0 for nil.
func kindIndex(k *kind) int {
	for i, x := range kinds {
		if x == k {
			return i + 1
		}
	}
	return 0
}

// Snapshot is a read content snapshot for Loader.Seed.
type Snapshot struct {
	files map[string]*parsed
}

// Len is the number of files the snapshot can answer for.
func (s *Snapshot) Len() int {
	if s == nil {
		return 0
	}
	return len(s.files)
}

// WriteSnapshot writes the files of the last Load of root to file, for
// ReadSnapshot in the next build of the same program. Files changed
// shortly before the load are left out (see racy) and returned: the
// snapshot cannot answer for them, and after a checkout or copy that is
// every file. The values are never changed after parsing, so it may run
// beside the rest of the build.
func (ld *Loader) WriteSnapshot(file, program string) (left []string, err error) {
	c, err := codec()
	if err != nil {
		return nil, err
	}
	// The preview's Subset adds to the cache: take what to write first.
	ld.mu.Lock()
	root := ld.root
	files := make([]*parsed, len(ld.entries))
	rels := make([]string, len(ld.entries))
	for i, e := range ld.entries {
		files[i], rels[i] = ld.cache[e.rel], e.rel
	}
	ld.mu.Unlock()
	tmp := file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	w := c.NewWriter(f, abbildMagic, abbildVersion) // it writes in large parts itself

	w.Str(program)
	w.Str(root)
	for i, p := range files {
		if p == nil || !p.mod.Before(p.read.Add(-racy)) {
			left = append(left, rels[i])
			continue
		}
		k := kindIndex(p.kind)
		if p.value != nil && (k == 0 || reflect.TypeOf(p.value) != valueTypes[k-1]) {
			left = append(left, rels[i])
			continue
		}
		w.Reset()
		w.Bool(true) // one more file
		w.Value(0, &fileRec{Rel: rels[i], Mod: p.mod.UnixNano(), Read: p.read.UnixNano(), Size: p.size, Ino: p.ino, Kind: k,
			Slug: p.slug, Failed: p.failed, Diags: p.diags.Added(), Value: p.value != nil})
		if p.value != nil {
			w.Value(k, p.value)
		}
		w.End()
	}
	w.Bool(false)
	err = w.Finish()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	return left, nil
}

// ReadSnapshot reads what WriteSnapshot wrote for root by program; nil
// if there is none, it is damaged, of another version or program, or of
// another site folder (downloads keep their absolute path).
func ReadSnapshot(file, root, program string) *Snapshot {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	// The header first: after an update of tdsite, or for another
	// folder, the rest (tens of megabytes) is not worth reading.
	want := header(root, program)
	head := make([]byte, len(want))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, want) || info.Size() > math.MaxInt {
		return nil
	}
	data, unmap, err := mapFile(f, int(info.Size()))
	if err != nil {
		return nil
	}
	s := decodeSnapshot(data, root, program)
	if s == nil {
		unmap() // nothing read from it is kept
	}
	return s
}

// header is how a snapshot of root by program begins.
func header(root, program string) []byte {
	var b []byte
	b = append(b, abbildMagic...)
	b = binary.AppendUvarint(b, abbildVersion)
	for _, s := range []string{program, root} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

func decodeSnapshot(data []byte, root, program string) *Snapshot {
	c, err := codec()
	if err != nil {
		return nil
	}
	r, sound := c.Open(data, abbildMagic, abbildVersion)
	if r == nil {
		return nil
	}
	var s *Snapshot
	if r.Str() == program && r.Str() == root {
		s = readFiles(r)
	}
	if !sound() {
		return nil
	}
	return s
}

// readFiles reads the files of a snapshot after its header.
func readFiles(r *abbild.Reader) *Snapshot {
	s := &Snapshot{files: map[string]*parsed{}}
	rec := new(fileRec) // one for all: parsed takes its fields
	for r.Bool() {
		r.Reset()
		if !r.ValueInto(0, rec) || rec.Kind < 0 || rec.Kind > len(kinds) || rec.Value && rec.Kind == 0 {
			return nil
		}
		p := &parsed{slug: rec.Slug, failed: rec.Failed, mod: time.Unix(0, rec.Mod), size: rec.Size, ino: rec.Ino, read: time.Unix(0, rec.Read)}
		if rec.Kind > 0 {
			p.kind = kinds[rec.Kind-1]
		}
		// assemble relies on a file's kind and slug being those of its
		// path, as parseFile finds them.
		if k, slug := classify(strings.TrimPrefix(rec.Rel, "content/")); k != p.kind || slug != p.slug {
			return nil
		}
		for _, d := range rec.Diags {
			p.diags.Add(d)
		}
		if rec.Value {
			if p.value = r.Value(rec.Kind); p.value == nil {
				return nil
			}
		}
		if p.mod.Before(p.read.Add(-racy)) {
			s.files[rec.Rel] = p
		}
	}
	if !r.Done() {
		return nil
	}
	return s
}

// Seed lets the next Load take unchanged files from the snapshot that
// snap returns (nil: none). Load calls it once it has walked content/,
// so the snapshot can be read meanwhile.
func (ld *Loader) Seed(snap func() *Snapshot) {
	ld.mu.Lock()
	ld.seed = snap
	ld.mu.Unlock()
}

// takeSeed puts the files of the pending snapshot into the cache where
// the cache knows nothing better.
func (ld *Loader) takeSeed() {
	ld.mu.Lock()
	seed := ld.seed
	ld.seed = nil
	ld.mu.Unlock()
	if seed == nil {
		return
	}
	s := seed()
	if s == nil {
		return
	}
	ld.mu.Lock()
	defer ld.mu.Unlock()
	if len(ld.cache) == 0 { // a new process: the snapshot is the cache
		ld.cache = s.files
		return
	}
	for rel, p := range s.files {
		if ld.cache[rel] == nil {
			ld.cache[rel] = p
		}
	}
}
