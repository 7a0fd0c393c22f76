// Package content reads the content tree (docs/inhaltsformat.md) into typed
// structs: one file at a time, strictly, with German findings that point at
// file and line. It resolves nothing; that is the job of validate and model.
package content

import (
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
	"tdsite/internal/eingabe"
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

// kind is what a file in content/ is, derived from its place.
type kind int

const (
	kFailed  kind = -1 // the file exists but could not be read or parsed
	kUnknown kind = iota
	kAkteure
	kHandlungsfeld
	kStrategie
	kStrategieHF
	kZiele
	kInitiativen
	kMassnahme
	kMesswerte
	kBacklog
	kWirkung
	kMeldung
	kLeichteSprache
	kSeite
	kBericht
	kDokumente
	kDatei
	kKennzahlen
	kBeschluesse
	kBeteiligung
)

// classify maps a path relative to content/ to its kind and strategy slug.
func classify(rel string) (kind, string) {
	parts := strings.Split(rel, "/")
	switch {
	case rel == "akteure.toml":
		return kAkteure, ""
	case len(parts) == 2 && parts[0] == "handlungsfelder" && strings.HasSuffix(rel, ".md"):
		return kHandlungsfeld, ""
	case len(parts) == 2 && parts[0] == "seiten" && strings.HasSuffix(rel, ".md"):
		return kSeite, ""
	case berichtJahr(rel) > 0:
		return kBericht, ""
	case len(parts) >= 3 && parts[0] == "strategien":
		slug := parts[1]
		sub := strings.Join(parts[2:], "/")
		switch {
		case sub == "strategie.md":
			return kStrategie, slug
		case sub == "ziele.toml":
			return kZiele, slug
		case sub == "initiativen.toml":
			return kInitiativen, slug
		case sub == "messwerte.toml":
			return kMesswerte, slug
		case sub == "backlog.toml":
			return kBacklog, slug
		case sub == "wirkung.toml":
			return kWirkung, slug
		case sub == "dokumente.toml":
			return kDokumente, slug
		case sub == "kennzahlen.toml":
			return kKennzahlen, slug
		case len(parts) == 4 && parts[2] == "dokumente":
			return kDatei, slug
		case sub == "beschluesse.toml":
			return kBeschluesse, slug
		case sub == "beteiligung.toml":
			return kBeteiligung, slug
		case sub == "leichte-sprache.md":
			return kLeichteSprache, slug
		case len(parts) == 4 && parts[2] == "handlungsfelder" && strings.HasSuffix(sub, ".md"):
			return kStrategieHF, slug
		case len(parts) == 4 && parts[2] == "massnahmen" && strings.HasSuffix(sub, ".md"):
			return kMassnahme, slug
		case len(parts) == 4 && parts[2] == "meldungen" && strings.HasSuffix(sub, ".md"):
			return kMeldung, slug
		}
	}
	return kUnknown, ""
}

// ignored reports files that editors and operating systems leave behind.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.Contains(name, "___jb_") || name == "4913" || name == "Thumbs.db" || name == "desktop.ini"
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
	kind  kind
	slug  string
	value any
	diags diag.List
	mod   time.Time
	size  int64
}

// Loader reads content trees and remembers parsed files, so that the dev
// server re-reads only what changed.
type Loader struct {
	mu      sync.Mutex
	cache   map[string]*parsed
	entries []entry // files of the last Load, for Subset
}

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
	entries := ld.walk(root, contentDir, diags)

	results := make([]*parsed, len(entries))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = ld.parseCached(entries[i])
			}
		}()
	}
	for i := range entries {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	ld.mu.Lock()
	live := make(map[string]*parsed, len(entries))
	for i, e := range entries {
		live[e.rel] = results[i]
	}
	ld.cache = live // forget deleted files
	ld.entries = entries
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
		if ignored(path.Base(rel)) {
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

func (ld *Loader) walk(root, contentDir string, diags *diag.List) []entry {
	var out []entry
	info, err := os.Stat(contentDir)
	if err != nil || !info.IsDir() {
		diags.Errorf(diag.Pos{File: "content"}, "inhaltsordner",
			"Starten Sie tdsite im Ordner der Website oder geben Sie ihn mit --source an.",
			"Der Ordner „content“ wurde in %s nicht gefunden.", root)
		return nil
	}
	guard := eingabe.New(root)
	if !guard.Tree(contentDir, diags) {
		return nil
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
		if ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !guard.Link(p, diags) {
			return nil
		}
		st, err := os.Stat(p)
		if err != nil {
			diags.Errorf(diag.Pos{File: rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei kann nicht gelesen werden: %v", err)
			return nil
		}
		out = append(out, entry{rel: rel, abs: p, info: st})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out
}

func (ld *Loader) parseCached(e entry) *parsed {
	ld.mu.Lock()
	c := ld.cache[e.rel]
	ld.mu.Unlock()
	if c != nil && c.mod.Equal(e.info.ModTime()) && c.size == e.info.Size() {
		return c
	}
	p := parseFile(e)
	p.mod, p.size = e.info.ModTime(), e.info.Size()
	return p
}

func parseFile(e entry) *parsed {
	relContent := strings.TrimPrefix(e.rel, "content/")
	k, slug := classify(relContent)
	p := &parsed{kind: k, slug: slug}
	if k == kUnknown {
		return p
	}
	if k == kDatei { // a download: too big to read whole, and never parsed
		mt, err := sniff(e.abs)
		if err != nil {
			p.diags.Errorf(diag.Pos{File: e.rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei kann nicht gelesen werden: %v", err)
			p.kind = kFailed
			return p
		}
		p.value = &Datei{Rel: e.rel, Name: path.Base(e.rel), Abs: e.abs, Size: e.info.Size(), Sniff: mt}
		return p
	}
	data, err := readLimited(e.abs, e.info.Size())
	if err != nil {
		p.diags.Errorf(diag.Pos{File: e.rel}, "lesen", "Prüfen Sie die Zugriffsrechte.", "Die Datei kann nicht gelesen werden: %v", err)
		p.kind = kFailed
		return p
	}
	if len(data) > MaxFileSize {
		size := "mehr als " + fmt.Sprint(MaxFileSize>>20) // the file grew while it was read
		if e.info.Size() >= MaxFileSize+1<<20 {
			size = fmt.Sprint(e.info.Size() >> 20)
		}
		p.diags.Errorf(diag.Pos{File: e.rel}, "dateigroesse", "Teilen Sie den Inhalt auf mehrere Dateien auf oder entfernen Sie eingebettete Daten.",
			"Die Datei ist mit %s MB zu groß (höchstens %d MB).", size, MaxFileSize>>20)
		p.kind = kFailed
		return p
	}
	parseData(p, e.rel, data)
	return p
}

// readLimited reads at most MaxFileSize+1 bytes: a file that grows while
// it is read, or a device file, cannot exhaust memory. size, from the walk,
// sizes the buffer, so that a file is read in one call instead of a
// growing buffer's many.
func readLimited(name string, size int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, min(max(size, 0), MaxFileSize)+1) // +1 sees EOF, or that it grew
	for len(buf) <= MaxFileSize {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(cap(buf), MaxFileSize+1-len(buf)))
		}
		n, err := f.Read(buf[len(buf):min(cap(buf), MaxFileSize+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
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
	k, slug := p.kind, p.slug
	data, d := decode.Clean(rel, data)
	if d != nil {
		p.diags.Add(*d)
		p.kind = kFailed
		return
	}
	base := path.Base(rel)
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch k {
	case kAkteure:
		v := &Akteure{}
		if decodeTOML(rel, data, v, &p.diags) {
			for i := range v.Ressorts {
				v.Ressorts[i].Ressort = true
			}
			p.value = v
		}
	case kHandlungsfeld:
		v := &Handlungsfeld{Key: stem, File: rel}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	case kStrategie:
		v := &Strategie{Slug: slug, File: rel, Dir: path.Dir(rel)}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	case kStrategieHF:
		v := &StrategieHF{Key: stem, File: rel}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	case kZiele:
		v := &Ziele{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kInitiativen:
		v := &Initiativen{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kMesswerte:
		v := &Messwerte{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kBacklog:
		v := &Backlog{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kWirkung:
		v := &Wirkung{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kDokumente:
		v := &Dokumente{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kKennzahlen:
		v := &Kennzahlen{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kBeschluesse:
		v := &Beschluesse{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kBeteiligung:
		v := &Beteiligung{File: rel}
		if decodeTOML(rel, data, v, &p.diags) {
			p.value = v
		}
	case kMassnahme:
		v := &Massnahme{File: rel}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	case kMeldung:
		v := &Meldung{Slug: stem, File: rel}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	case kBericht:
		v := &Bericht{Jahr: berichtJahr(strings.TrimPrefix(rel, "content/")), File: rel}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	case kLeichteSprache, kSeite:
		v := &Seite{Slug: stem, File: rel}
		if decodeMarkdown(rel, data, v, &v.At, &v.Body, &p.diags) {
			p.value = v
		}
	}
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
	*body = Markdown{Text: text, Line: line}
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
	children := map[string][]*parsed{}
	for i, p := range results {
		rel := entries[i].rel
		site.Files = append(site.Files, rel)
		diags.Merge(&p.diags)
		for _, d := range p.diags.Items() {
			if d.Severity == diag.Error {
				site.Fehlerhaft[d.Pos.File] = append(site.Fehlerhaft[d.Pos.File], d.Pos.Line)
			}
		}
		if p.kind == kUnknown {
			diags.Warnf(diag.Pos{File: rel}, "unbekannte-datei",
				"Prüfen Sie Namen und Ort der Datei; erlaubt sind die Dateien aus docs/inhaltsformat.md.",
				"Die Datei wird nicht verwendet, weil ihr Name oder Ort nicht zum Inhaltsformat passt.")
			continue
		}
		if p.value == nil {
			if p.kind == kStrategie || (p.kind == kFailed && strings.HasSuffix(rel, "/strategie.md")) {
				broken[strings.Split(rel, "/")[2]] = true
			}
			continue
		}
		switch v := p.value.(type) {
		case *Akteure:
			site.Akteure = v
		case *Bericht:
			site.Berichte = append(site.Berichte, v) // files come sorted, so years ascend
		case *Handlungsfeld:
			site.Handlungsfelder = append(site.Handlungsfelder, v)
		case *Seite:
			if p.kind == kSeite {
				site.Seiten = append(site.Seiten, v)
			} else {
				children[p.slug] = append(children[p.slug], p)
			}
		case *Strategie:
			cp := *v
			strategies[p.slug] = &cp
		default:
			children[p.slug] = append(children[p.slug], p)
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
				diags.Errorf(diag.Pos{File: fileOf(c.value)}, "strategie-fehlt",
					fmt.Sprintf("Legen Sie content/strategien/%s/strategie.md an oder verschieben Sie die Datei in den richtigen Strategie-Ordner.", slug),
					"Die Datei gehört zu keiner Strategie: Im Ordner fehlt strategie.md.")
			}
			continue
		}
		for _, c := range children[slug] {
			switch v := c.value.(type) {
			case *StrategieHF:
				s.HF = append(s.HF, v)
			case *Ziele:
				s.Ziele = v
			case *Initiativen:
				s.Initiativen = v
			case *Messwerte:
				s.Messwerte = v
			case *Backlog:
				s.Backlog = v
			case *Wirkung:
				s.Wirkung = v
			case *Dokumente:
				s.Dokumente = v
			case *Kennzahlen:
				s.Kennzahlen = v
			case *Datei:
				s.Dateien = append(s.Dateien, v)
			case *Beschluesse:
				s.Beschluesse = v
			case *Beteiligung:
				s.Beteiligung = v
			case *Massnahme:
				s.Massnahmen = append(s.Massnahmen, v)
			case *Meldung:
				s.Meldungen = append(s.Meldungen, v)
			case *Seite:
				s.LeichteSprache = v
			}
		}
	}
	for _, slug := range sortedKeys(strategies) {
		site.Strategien = append(site.Strategien, strategies[slug])
	}
	site.Index = buildIndex(site)
	return site
}

func fileOf(v any) string {
	switch x := v.(type) {
	case *StrategieHF:
		return x.File
	case *Ziele:
		return x.File
	case *Initiativen:
		return x.File
	case *Messwerte:
		return x.File
	case *Backlog:
		return x.File
	case *Wirkung:
		return x.File
	case *Dokumente:
		return x.File
	case *Kennzahlen:
		return x.File
	case *Datei:
		return x.Rel
	case *Beschluesse:
		return x.File
	case *Beteiligung:
		return x.File
	case *Massnahme:
		return x.File
	case *Meldung:
		return x.File
	case *Seite:
		return x.File
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
