// Package content reads the content tree (docs/inhaltsformat.md) into typed
// structs: one file at a time, strictly, with German findings that point at
// file and line. It resolves nothing; that is the job of validate and model.
package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"tdsite/internal/decode"
	"tdsite/internal/diag"
	"tdsite/internal/inputguard"
	"tdsite/internal/slug"
)

// MaxFileSize guards against accidental huge files (a video saved as .md);
// no content file of a strategy comes near it.
const MaxFileSize = 4 << 20

// Site is everything read from content/.
type Site struct {
	Root            string // the site directory that contains content/
	Akteure         *Akteure
	Handlungsfelder []*Handlungsfeld
	Strategien      []*Strategie
	Seiten          []*Seite
	Berichte        []*Bericht // content/agenda/fortschrittsbericht-<jahr>.md, by year
	Files           []string   // every content file read, relative to Root, sorted
	Index           *Index
	// Fehlerhaft lists the files that had errors while loading, with the
	// lines of those errors. Their data is missing or partial, so checks
	// leave out warnings that would only repeat the error in other words.
	Fehlerhaft map[string][]int
}

var reKey = regexp.MustCompile(`^` + KeyMuster + `$`)

// ValidKey reports whether s can be a slug or key (lowercase ASCII, digits,
// hyphens): ValidID in the form that suits an address.
func ValidKey(s string) bool { return reKey.MatchString(s) }

// Slugify suggests a key for a name; it is the slug of heading IDs, too.
func Slugify(s string) string { return slug.Make(s) }

// parsed is the result of reading one file. It is cached across rebuilds
// and never mutated after parsing.
type parsed struct {
	kind   *kind // nil: no part of the content format
	slug   string
	value  any
	failed bool // the file exists but could not be read or parsed
	diags  diag.List
	mod    time.Time
	size   int64
	ino    uint64    // 0 where the system has none
	read   time.Time // when reading began: see racy
}

// Loader reads content trees and remembers parsed files, so that the dev
// server re-reads only what changed.
type Loader struct {
	mu      sync.Mutex
	cache   map[string]*parsed
	entries []entry // files of the last Load, for Subset
	root    string
	seed    func() *Snapshot             // see Seed
	stats   func(rel string) fs.FileInfo // see UseStats
}

// UseStats gives the next Load the stat of the files below the site
// folder by their slash paths relative to it, as a walk of the inputs just
// before found them (buildcache.Snapshot.TakeStats; nil: not a regular file
// then): Load asks the system only about the others. A file that changed
// in between is read as it is now and recorded with its stat before,
// which only makes the next build read it again.
func (ld *Loader) UseStats(stat func(rel string) fs.FileInfo) { ld.stats = stat }

// NewLoader returns a loader with an empty cache.
func NewLoader() *Loader { return &Loader{cache: map[string]*parsed{}} }

// Load reads the content tree of the site at root.
func Load(root string) (*Site, *diag.List) { return NewLoader().Load(root) }

type entry struct {
	rel  string // relative to root, slash-separated
	abs  string
	info fs.FileInfo
}

// Load reads root/content. Unchanged files come from the cache.
func (ld *Loader) Load(root string) (*Site, *diag.List) {
	diags := &diag.List{}
	contentDir := filepath.Join(root, "content")
	// The stats describe the files at one moment: a later Load (the
	// preview's) asks the system again.
	stats := ld.stats
	ld.stats = nil
	// The files are parsed while the walk finds the next ones: walking
	// alone kept one core busy for a tenth of a second at 10,000 files
	// (a stat each) before any file was read. The walk alone writes diags
	// until it is done; the snapshot (takeSeed) is read meanwhile, too.
	type job struct {
		e entry
		p *parsed
	}
	var found []*job
	jobs := make(chan *job, 1024)
	go func() {
		defer close(jobs)
		ld.walk(root, contentDir, stats, diags, func(e entry) {
			j := &job{e: e}
			found = append(found, j)
			jobs <- j
		})
	}()
	ld.takeSeed()
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.p = ld.parseCached(j.e)
			}
		}()
	}
	wg.Wait() // the walk is done, too: it closed jobs
	// In the order of their names, as before: WalkDir's order differs
	// where a name continues with a character before "/" ("a-b" < "a/x").
	slices.SortFunc(found, func(a, b *job) int { return strings.Compare(a.e.rel, b.e.rel) })
	entries := make([]entry, len(found))
	results := make([]*parsed, len(found))
	for i, j := range found {
		entries[i], results[i] = j.e, j.p
	}

	ld.mu.Lock()
	live := make(map[string]*parsed, len(entries))
	for i, e := range entries {
		live[e.rel] = results[i]
	}
	ld.cache = live // forget deleted files
	ld.entries = entries
	ld.root = root
	ld.mu.Unlock()

	site := assemble(root, entries, results, diags)
	return site, diags
}

// Subset assembles a site from those files of the last Load that keep
// accepts, without walking content/: the preview uses it to show the
// edited page before the whole site is read and checked again. Files are
// re-read only when they changed since. It returns nil when that view
// could be wrong: before the first Load, or when a file in changed
// (relative to root) is new, gone or not accepted by keep. Editors'
// temporary files in changed are passed over, as Load ignores them.
func (ld *Loader) Subset(root string, changed []string, keep func(rel string) bool) (*Site, *diag.List) {
	ld.mu.Lock()
	all := ld.entries
	ld.mu.Unlock()
	if all == nil {
		return nil, nil
	}
	known := map[string]bool{}
	var entries []entry
	for _, e := range all {
		if keep(e.rel) {
			known[e.rel] = true
			entries = append(entries, e)
		}
	}
	for _, rel := range changed {
		if inputguard.Ignored(path.Base(rel)) {
			continue
		}
		if !known[rel] {
			return nil, nil
		}
	}
	results := make([]*parsed, len(entries))
	for i := range entries {
		// Lstat: a file replaced by a link must pass the guard in Load.
		st, err := os.Lstat(entries[i].abs)
		if err != nil || !st.Mode().IsRegular() {
			return nil, nil // gone, replaced by a folder or a link: Load will tell
		}
		entries[i].info = st
		results[i] = ld.parseCached(entries[i])
		ld.mu.Lock()
		ld.cache[entries[i].rel] = results[i] // Load will not parse it again
		ld.mu.Unlock()
	}
	diags := &diag.List{}
	return assemble(root, entries, results, diags), diags
}

// walk calls found with every content file that may be read, in the
// order of filepath.WalkDir.
func (ld *Loader) walk(root, contentDir string, stats func(string) fs.FileInfo, diags *diag.List, found func(entry)) {
	info, err := os.Stat(contentDir)
	if err != nil || !info.IsDir() {
		diags.Errorf(diag.Pos{File: "content"}, "inhaltsordner",
			"Starten Sie tdsite im Ordner der Website oder geben Sie ihn mit --source an.",
			"Der Ordner „content“ wurde in %s nicht gefunden.", root)
		return
	}
	guard := inputguard.New(root)
	if !guard.Tree(contentDir, diags) {
		return
	}
	_ = filepath.WalkDir(contentDir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			diags.Errorf(diag.Pos{File: rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei oder der Ordner kann nicht gelesen werden: %v", err)
			return nil
		}
		if p == contentDir {
			return nil
		}
		if inputguard.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !guard.Entry(p, d.Type(), diags) {
			return nil
		}
		var st fs.FileInfo
		if stats != nil && d.Type().IsRegular() {
			st = stats(rel)
		}
		if st == nil {
			if st, err = os.Stat(p); err != nil {
				diags.Errorf(diag.Pos{File: rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei kann nicht gelesen werden: %v", err)
				return nil
			}
		}
		found(entry{rel: rel, abs: p, info: st})
		return nil
	})
}

// OnParse, if set (by tests), is called with every file parsed rather
// than taken from a cache or snapshot. It must be safe for concurrent use.
var OnParse func(rel string)

func (ld *Loader) parseCached(e entry) *parsed {
	ld.mu.Lock()
	c := ld.cache[e.rel]
	ld.mu.Unlock()
	ino := inode(e.info)
	if c != nil && c.mod.Equal(e.info.ModTime()) && c.size == e.info.Size() && c.ino == ino {
		return c
	}
	if OnParse != nil {
		OnParse(e.rel)
	}
	read := time.Now()
	p := parseFile(e)
	p.mod, p.size, p.ino, p.read = e.info.ModTime(), e.info.Size(), ino, read
	return p
}

func parseFile(e entry) *parsed {
	relContent := strings.TrimPrefix(e.rel, "content/")
	k, slug := classify(relContent)
	p := &parsed{kind: k, slug: slug}
	if k == nil {
		return p
	}
	if k == kindDatei { // a download: too big to read whole, and never parsed
		mt, err := sniff(e.abs)
		if err != nil {
			p.diags.Errorf(diag.Pos{File: e.rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei kann nicht gelesen werden: %v", err)
			p.failed = true
			return p
		}
		p.value = &Datei{Rel: e.rel, Name: path.Base(e.rel), Abs: e.abs, Size: e.info.Size(), Sniff: mt}
		return p
	}
	data, err := readLimited(e.abs, e.info.Size(), e.info.Mode().IsRegular())
	if err != nil {
		p.diags.Errorf(diag.Pos{File: e.rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei kann nicht gelesen werden: %v", err)
		p.failed = true
		return p
	}
	if len(data) > MaxFileSize {
		size := "mehr als " + fmt.Sprint(MaxFileSize>>20) // the file grew while it was read
		if e.info.Size() >= MaxFileSize+1<<20 {
			size = fmt.Sprint(e.info.Size() >> 20)
		}
		p.diags.Errorf(diag.Pos{File: e.rel}, "dateigroesse", "Teilen Sie den Inhalt auf mehrere Dateien auf oder entfernen Sie eingebettete Daten.",
			"Die Datei ist mit %s MB zu groß (höchstens %d MB).", size, MaxFileSize>>20)
		p.failed = true
		return p
	}
	parseData(p, e.rel, data)
	return p
}

// readLimited reads at most MaxFileSize+1 bytes: a file that grows while
// it is read, or a device file, cannot exhaust memory. size, from the walk,
// sizes the buffer, so that a file is read in one call instead of a
// growing buffer's many. A regular file reads short only at its end, so
// for one (regular) a short read ends the loop without a second call that
// only says EOF: 10,000 system calls fewer.
func readLimited(name string, size int64, regular bool) ([]byte, error) {
	f, err := openFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, min(max(size, 0), MaxFileSize)+1) // +1 sees EOF, or that it grew
	for len(buf) <= MaxFileSize {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(cap(buf), MaxFileSize+1-len(buf)))
		}
		want := min(cap(buf), MaxFileSize+1)
		n, err := f.Read(buf[len(buf):want])
		buf = buf[:len(buf)+n]
		if err == io.EOF || err == nil && regular && n > 0 && len(buf) < want {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// parseData decodes the bytes of a content file of p.kind.
func parseData(p *parsed, rel string, data []byte) {
	data, d := decode.Clean(rel, data)
	if d != nil {
		p.diags.Add(*d)
		p.failed = true
		return
	}
	base := path.Base(rel)
	p.value = p.kind.parse(fileRef{rel: rel, slug: p.slug, stem: strings.TrimSuffix(base, path.Ext(base))}, data, &p.diags)
}

// decodeTOML reads a whole TOML file into v. It reports false when the file
// could not be parsed at all; field-level findings still yield a value.
func decodeTOML(file string, data []byte, v any, l *diag.List) bool {
	doc, d := decode.Parse(file, data, 1)
	if d != nil {
		l.Add(*d)
		return false
	}
	doc.Decode(v, l)
	return true
}

func decodeMarkdown(file string, data []byte, v any, at *decode.At, body *Markdown, l *diag.List) bool {
	front, text, line, ok := decode.SplitFrontMatter(data)
	if !ok {
		l.Errorf(diag.Pos{File: file, Line: 1}, "kopf",
			"Der Kopf beginnt in Zeile 1 mit +++ und endet mit einer Zeile, die nur +++ enthält.",
			"Der TOML-Kopf der Markdown-Datei wird nicht mit +++ geschlossen.")
		return false
	}
	if front == nil {
		l.Errorf(diag.Pos{File: file, Line: 1}, "kopf",
			"Beginnen Sie die Datei mit einem Kopf zwischen zwei Zeilen +++ (siehe docs/inhaltsformat.md).",
			"Der TOML-Kopf fehlt: Die Datei muss mit einer Zeile +++ beginnen.")
		return false
	}
	doc, d := decode.Parse(file, front, 2)
	if d != nil {
		l.Add(*d)
		return false
	}
	doc.Decode(v, l)
	*body = Markdown{Text: text, Line: line, Kopf: kopf(front)}
	if at.File == "" {
		*at = doc.At("")
	}
	return true
}

// assemble puts the parsed files together. Parsed values are shared with the
// cache, so containers are copied before children are attached.
func assemble(root string, entries []entry, results []*parsed, diags *diag.List) *Site {
	site := &Site{Root: root, Fehlerhaft: map[string][]int{}}
	strategies := map[string]*Strategie{}
	broken := map[string]bool{} // strategie.md exists but could not be read
	type child struct {
		rel string
		p   *parsed
	}
	children := map[string][]child{}
	for i, p := range results {
		rel := entries[i].rel
		site.Files = append(site.Files, rel)
		diags.Merge(&p.diags)
		for _, d := range p.diags.Items() {
			if d.Severity == diag.Error {
				site.Fehlerhaft[d.Pos.File] = append(site.Fehlerhaft[d.Pos.File], d.Pos.Line)
			}
		}
		if p.kind == nil {
			diags.Warnf(diag.Pos{File: rel}, "unbekannte-datei",
				"Prüfen Sie Namen und Ort der Datei; erlaubt sind die Dateien aus docs/inhaltsformat.md.",
				"Die Datei wird nicht verwendet, weil ihr Name oder Ort nicht zum Inhaltsformat passt.")
			continue
		}
		if p.value == nil {
			if p.kind == kindStrategie || (p.failed && strings.HasSuffix(rel, "/strategie.md")) {
				broken[strings.Split(rel, "/")[2]] = true
			}
			continue
		}
		switch {
		case p.kind == kindStrategie:
			cp := *p.value.(*Strategie)
			strategies[p.slug] = &cp
		case p.kind.strategie:
			children[p.slug] = append(children[p.slug], child{rel, p})
		default:
			p.kind.add(site, nil, p.value)
		}
	}
	slugs := make([]string, 0, len(children))
	for slug := range children {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		s := strategies[slug]
		if s == nil {
			if broken[slug] { // already reported; more findings would only distract
				continue
			}
			for _, c := range children[slug] {
				diags.Errorf(diag.Pos{File: c.rel}, "strategie-fehlt",
					fmt.Sprintf("Legen Sie content/strategien/%s/strategie.md an oder verschieben Sie die Datei in den richtigen Strategie-Ordner.", slug),
					"Die Datei gehört zu keiner Strategie: Im Ordner fehlt strategie.md.")
			}
			continue
		}
		for _, c := range children[slug] {
			c.p.kind.add(site, s, c.p.value)
		}
	}
	for _, slug := range sortedKeys(strategies) {
		site.Strategien = append(site.Strategien, strategies[slug])
	}
	site.Index = buildIndex(site)
	return site
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// kopf fingerprints a TOML head; 16 bytes of SHA-256 keep the build
// record of 10,000 files small.
func kopf(front []byte) string {
	sum := sha256.Sum256(front)
	return hex.EncodeToString(sum[:16])
}
