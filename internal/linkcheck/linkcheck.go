// Package linkcheck checks the generated site before it is published: every
// internal link, anchor and asset reference must point at a file (and an id)
// that exists in the output. External links are collected, not fetched: a
// build must not depend on other servers, and editors get a list to review.
//
// The check reads each output file once and keeps only ids and links, so its
// cost grows linearly with the size of the site. Files the build hands over
// while writing them (Scanned) are not read back from disk.
package linkcheck

import (
	"bytes"
	"hash/maphash"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Options describe the output and where it will be served.
type Options struct {
	Dir     string // the output directory
	BaseURL string // config baseURL, e.g. "https://digital.thueringen.de/" or "/"
	// Scanned holds the files the build handed over while writing them
	// (may be nil). If set, it must name every file in Dir (Add or
	// Copied) and Dir is not walked: on a large site the walk visits
	// thousands of folders only to learn what the build already knows.
	Scanned *Scanned
}

// Scanned collects the ids and references of output files while the build
// writes them: reading 200 MB back costs time, and much more when the
// page cache has already dropped them.
type Scanned struct {
	mu     sync.Mutex
	files  map[string]*file
	copied []string
	pages  int // added with AddPage
}

// NewScanned returns an empty collection.
func NewScanned() *Scanned { return &Scanned{files: map[string]*file{}} }

// Add scans the content of the output file name (slash path relative to
// the output directory) as written; a later Add of the same name
// replaces it. Safe for concurrent use.
func (s *Scanned) Add(name string, data []byte) {
	f := scan(name, data)
	s.mu.Lock()
	s.files[name] = f
	s.mu.Unlock()
}

// Page returns a collection for the HTML page name, which the minifier
// fills with the page's tags while writing it (see publish.Tags), so that
// the page need not be scanned again; nil for a file that is not markup.
func (s *Scanned) Page(name string) *Page {
	if ext := path.Ext(name); ext != ".html" && ext != ".svg" {
		return nil
	}
	return &Page{f: file{markup: true}}
}

// AddPage records the page name as p holds it, like Add with its content.
// Safe for concurrent use.
func (s *Scanned) AddPage(name string, p *Page) {
	f := p.f.done()
	s.mu.Lock()
	s.files[name] = f
	s.pages++
	s.mu.Unlock()
}

// Page collects the ids and references of one page from its tags as they
// are written; it finds what scanning the written page finds.
type Page struct {
	f      file // kept for the check: one allocation per page, as scan's
	anchor bool
}

// StartTag begins a start tag.
func (p *Page) StartTag(name []byte) { p.anchor = isAnchor(name) }

// Attr records the attribute key of the last start tag; val is its value
// as written, quotes and all, nil if it has none.
func (p *Page) Attr(key, val []byte) {
	record(&p.f, p.anchor, attrKind(key, isASCII(key), p.anchor), val)
}

// Markup scans written markup that did not come tag by tag. It reports
// false if b ends within a tag, a comment or raw text: what follows would
// then read differently than on its own.
func (p *Page) Markup(b []byte) bool { return scanMarkup(b, &p.f) }

// Drop gives up the page, which is then added with its content.
func (p *Page) Drop() { p.f.done() }

// Copied records an output file that was copied without being read; the
// check reads it from disk if it can hold references. Safe for concurrent
// use.
func (s *Scanned) Copied(name string) {
	s.mu.Lock()
	s.copied = append(s.copied, name)
	s.mu.Unlock()
}

func (s *Scanned) get(name string) (*file, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[name]
	return f, ok
}

// written lists the files added with their content, sorted.
func (s *Scanned) written() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.files))
	for n := range s.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// names lists every file recorded, sorted.
func (s *Scanned) names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.files)+len(s.copied))
	for n := range s.files {
		out = append(out, n)
	}
	for _, n := range s.copied {
		if _, ok := s.files[n]; !ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Broken is a reference to something that does not exist.
type Broken struct {
	File   string // output file with the reference, slash path ("strategien/x/index.html")
	Href   string // as written in the output
	Reason string // German
}

// External is a link to another site.
type External struct {
	URL   string
	Pages []string // site paths of the pages that link to it, sorted
}

// Result of a check.
type Result struct {
	Files    int // files read (HTML, SVG, CSS, sitemap)
	Links    int // references found
	Internal int // references into the site, all checked
	Broken   []Broken
	External []External
}

// ref is one reference found in an output file.
type ref struct {
	href string
	kind byte // 'a' link, 'r' resource (img, css, use …)
}

// file is what the check keeps of one output file. It is kept for every
// page until the site is checked, so it is compact: the ids of a page as
// one sorted list, and each distinct reference once with its count (a
// page repeats its menu, icon and table links; at 10,000 pages 770,000
// references are 440,000 distinct ones).
type file struct {
	markup bool     // HTML or SVG: a fragment names one of ids
	ids    []string // sorted, distinct
	refs   []use    // in order of first appearance
	sc     *scratch // while scanning
}

// scratch collects the findings of one file while it is scanned. It is
// reused from file to file: at 10,000 pages, growing lists and a map for
// each page, and clearing a map that a large page had grown for every
// small one after it, cost more than the scanning itself. done copies the
// findings out at their exact size.
type scratch struct {
	ids  []string
	refs []use
	// index finds a reference in refs: open addressing, each slot
	// gen<<32 | position in refs. A slot of an earlier generation (an
	// earlier file) is empty, so the index is never cleared.
	index []uint64
	gen   uint64
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

func (f *file) scratch() *scratch {
	if f.sc == nil {
		f.sc = scratches.Get().(*scratch)
		f.sc.gen++
		if f.sc.gen == 1<<32 { // positions would reach the generation bits
			clear(f.sc.index)
			f.sc.gen = 1
		}
	}
	return f.sc
}

// use is a reference and how often the file makes it.
type use struct {
	href *string // interned
	n    uint32
	kind byte
}

func (u use) ref() ref { return ref{href: *u.href, kind: u.kind} }

func newMarkup() *file { return &file{markup: true} }

// addRef records a reference; href is interned, because a site links the
// same few thousand addresses hundreds of thousands of times.
func (f *file) addRef(href string, kind byte) { f.add(internString(href), kind) }

func (f *file) addID(id string) {
	sc := f.scratch()
	sc.ids = append(sc.ids, id)
}

func (f *file) add(h *string, kind byte) {
	sc := f.scratch()
	if 2*(len(sc.refs)+1) > len(sc.index) {
		sc.grow()
	}
	mask := uint64(len(sc.index) - 1)
	for i := refHash(h, kind) & mask; ; i = (i + 1) & mask {
		e := sc.index[i]
		if e>>32 != sc.gen {
			sc.index[i] = sc.gen<<32 | uint64(len(sc.refs))
			sc.refs = append(sc.refs, use{href: h, n: 1, kind: kind})
			return
		}
		if u := &sc.refs[uint32(e)]; *u.href == *h && u.kind == kind {
			u.n++
			return
		}
	}
}

// addValue records the reference raw, an attribute value as written. A
// value the file made before is only counted: of 770,000 references at
// 10,000 pages, 330,000 repeat one on the same page, and finding them
// here, by the hash that interning needs anyway, spares their lookup in
// the shared table.
func (f *file) addValue(raw []byte, kind byte) {
	if bytes.IndexByte(raw, '&') >= 0 { // entities: the value differs from raw
		f.add(intern(raw), kind)
		return
	}
	hash := maphash.Bytes(internSeed, raw) // as refHash of the value
	sc := f.scratch()
	if 2*(len(sc.refs)+1) > len(sc.index) {
		sc.grow()
	}
	mask := uint64(len(sc.index) - 1)
	for i := (hash ^ uint64(kind)) & mask; ; i = (i + 1) & mask {
		e := sc.index[i]
		if e>>32 != sc.gen {
			sc.index[i] = sc.gen<<32 | uint64(len(sc.refs))
			sc.refs = append(sc.refs, use{href: internHashed(raw, hash), n: 1, kind: kind})
			return
		}
		if u := &sc.refs[uint32(e)]; u.kind == kind && *u.href == string(raw) {
			u.n++
			return
		}
	}
}

// grow doubles the index, keeping it at most half full.
func (sc *scratch) grow() {
	sc.index = make([]uint64, max(64, 2*len(sc.index)))
	mask := uint64(len(sc.index) - 1)
	for p, u := range sc.refs {
		i := refHash(u.href, u.kind) & mask
		for sc.index[i]>>32 == sc.gen {
			i = (i + 1) & mask
		}
		sc.index[i] = sc.gen<<32 | uint64(p)
	}
}

// refHash hashes a reference by its text: two copies of a value (see
// internString) must meet in the index.
func refHash(h *string, kind byte) uint64 {
	return maphash.String(internSeed, *h) ^ uint64(kind)
}

// done ends the scan: ids sorted for lookups, the scratch handed on.
func (f *file) done() *file {
	sc := f.sc
	if sc == nil {
		return f
	}
	f.sc = nil
	slices.Sort(sc.ids)
	// Exact copies: the lists live until the whole site is checked.
	f.ids = exact(slices.Compact(sc.ids))
	f.refs = exact(sc.refs)
	sc.ids, sc.refs = sc.ids[:0], sc.refs[:0]
	scratches.Put(sc)
	return f
}

// exact copies s into a slice of its length; nil if empty.
func exact[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func (f *file) hasID(id string) bool {
	_, ok := slices.BinarySearch(f.ids, id)
	return ok
}

// Check reads the output directory and checks all references.
func Check(opts Options) (*Result, error) {
	base, basePath := baseOf(opts.BaseURL)
	var names []string
	var err error
	if opts.Scanned != nil {
		names = opts.Scanned.names()
	} else {
		err = filepath.WalkDir(opts.Dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(opts.Dir, p)
			names = append(names, filepath.ToSlash(rel))
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
	}
	exists := make(map[string]bool, len(names))
	for _, n := range names {
		exists[n] = true
	}

	files := make([]*file, len(names))
	var firstErr error
	var mu sync.Mutex
	parallel(len(names), func(i int, _ map[ref]string) {
		if f, ok := opts.Scanned.get(names[i]); ok {
			files[i] = f
			return
		}
		f, err := read(filepath.Join(opts.Dir, filepath.FromSlash(names[i])), names[i])
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}
		files[i] = f
	})
	if firstErr != nil {
		return nil, firstErr
	}

	byName := make(map[string]*file, len(names))
	res := &Result{}
	for i, n := range names {
		if files[i] != nil {
			byName[n] = files[i]
			res.Files++
		}
	}
	external := map[string]map[string]bool{}
	for i, r := range resolveAll(names, files, &resolver{base, basePath, exists, lookup(byName)}) {
		res.Links += r.links
		res.Internal += r.internal
		res.Broken = append(res.Broken, r.broken...)
		addExternal(external, r.external, PagePath(names[i]))
	}
	res.External = externalList(external)
	return res, nil
}

// baseOf parses the base URL; basePath ends in "/".
func baseOf(baseURL string) (*url.URL, string) {
	base, err := url.Parse(baseURL)
	if err != nil {
		base = &url.URL{Path: "/"}
	}
	basePath := base.Path
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	return base, basePath
}

// resolver resolves references in one output.
type resolver struct {
	base     *url.URL
	basePath string
	exists   map[string]bool
	files    func(string) *file
}

// found is what resolving the references of one file found.
type found struct {
	links, internal int
	broken          []Broken
	external        []string
}

// resolveAll resolves the references of each file on its own, in
// parallel; the results are in file order so that the report does not
// depend on timing.
func resolveAll(names []string, files []*file, rv *resolver) []found {
	per := make([]found, len(names))
	parallel(len(names), func(i int, valid map[ref]string) {
		f, name := files[i], names[i]
		if f == nil {
			return
		}
		r := &per[i]
		for _, u := range f.refs {
			rf := u.ref()
			n := int(u.n)
			r.links += n
			// The navigation repeats the same links on every page; an
			// address that does not depend on the page it is on is
			// resolved once per worker. Only valid results are kept, as a
			// finding names the page it was found on.
			ext, ok := valid[rf]
			if !ok {
				var reason string
				reason, ext = resolve(name, rf, rv.base, rv.basePath, rv.exists, rv.files)
				if reason != "" {
					for range n {
						r.broken = append(r.broken, Broken{File: name, Href: rf.href, Reason: reason})
					}
				} else if pageIndependent(rf.href) {
					valid[rf] = ext
				}
			}
			if ext == "" {
				r.internal += n
			} else {
				r.external = append(r.external, ext)
			}
		}
	})
	return per
}

// addExternal records that page links the addresses in urls.
func addExternal(external map[string]map[string]bool, urls []string, page string) {
	for _, ext := range urls {
		if external[ext] == nil {
			external[ext] = map[string]bool{}
		}
		external[ext][page] = true
	}
}

// externalList is the sorted list of the external addresses and their pages.
func externalList(external map[string]map[string]bool) []External {
	var out []External
	for u, pages := range external {
		if len(pages) == 0 {
			continue
		}
		e := External{URL: u}
		for p := range pages {
			e.Pages = append(e.Pages, p)
		}
		sort.Strings(e.Pages)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// lookup is a map of files as resolve reads them.
func lookup(m map[string]*file) func(string) *file {
	return func(name string) *file { return m[name] }
}

// parallel calls do for 0 … n-1 on one worker per core; each worker has a
// map of its own for remembering results.
func parallel(n int, do func(i int, memo map[ref]string)) {
	var wg sync.WaitGroup
	jobs := make(chan int, 256)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			memo := map[ref]string{}
			for i := range jobs {
				do(i, memo)
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// pageIndependent reports whether href means the same wherever it stands:
// an absolute path or URL. Relative addresses and bare fragments depend on
// the page.
func pageIndependent(href string) bool {
	return (strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//")) ||
		strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "http://")
}

// PagePath is the site path a file is served under: "a/index.html" → "/a/".
func PagePath(name string) string {
	if name == "index.html" {
		return "/"
	}
	if strings.HasSuffix(name, "/index.html") {
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// resolve checks one reference from output file from. It returns a German
// reason if it is broken and the URL if it is external.
func resolve(from string, r ref, base *url.URL, basePath string, exists map[string]bool, files func(string) *file) (reason, external string) {
	href := strings.TrimSpace(r.href)
	if href == "" {
		return "Der Link hat kein Ziel.", ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return "Die Adresse ist nicht lesbar: " + err.Error(), ""
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		if u.Host != "" { // "//host/…"
			return "Die Adresse beginnt mit // und zeigt auf einen anderen Server.", ""
		}
	case "http", "https":
		if !strings.EqualFold(u.Host, base.Host) || base.Host == "" {
			if r.kind == 'r' {
				return "Die Datei wird von einem fremden Server geladen; die Website lädt nichts von anderen Servern.", ""
			}
			return "", href
		}
	case "mailto", "tel":
		return "", href
	default:
		return "Die Adressart „" + u.Scheme + ":“ ist nicht erlaubt.", ""
	}

	// Internal: find the file.
	target := from
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join(path.Dir(PagePath(from)), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		if !strings.HasPrefix(p, basePath) {
			return "Die Adresse liegt außerhalb der Website (sie beginnt nicht mit " + basePath + ").", ""
		}
		rel := strings.TrimPrefix(p, basePath)
		rel = path.Clean("/" + rel)[1:]
		switch {
		case strings.HasSuffix(p, "/"):
			target = path.Join(rel, "index.html")
			if rel == "" {
				target = "index.html"
			}
		case exists[rel]:
			target = rel
		case exists[path.Join(rel, "index.html")]:
			target = path.Join(rel, "index.html") // the server redirects to rel/
		default:
			target = rel
		}
		if !exists[target] {
			return "Die Seite oder Datei „" + p + "“ gibt es nicht.", ""
		}
	}
	frag := u.Fragment
	if frag == "" || strings.HasPrefix(frag, ":~:") {
		return "", ""
	}
	f := files(target)
	if f == nil || !f.markup { // a PDF, an image …: fragments are not ids
		return "", ""
	}
	if !f.hasID(frag) {
		where := "auf dieser Seite"
		if target != from {
			where = "in " + PagePath(target)
		}
		return "Den Anker „#" + frag + "“ gibt es " + where + " nicht.", ""
	}
	return "", ""
}

var reCSSURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)`)

// read extracts ids and references of one file; other files are only
// link targets and are not read.
func read(p, name string) (*file, error) {
	switch path.Ext(name) {
	case ".html", ".svg", ".css", ".xml":
	default:
		return nil, nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return scan(name, data), nil
}

// scan extracts ids and references of one file's content (nil for files
// that are only link targets).
func scan(name string, data []byte) *file {
	ext := path.Ext(name)
	f := &file{}
	switch ext {
	case ".css":
		for _, m := range reCSSURL.FindAllSubmatch(data, -1) {
			u := string(bytes.Join(m[1:], nil))
			if !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "#") {
				f.addRef(u, 'r')
			}
		}
	case ".xml":
		if name != "sitemap.xml" {
			return nil
		}
		sitemapLocs(data, func(loc []byte) { f.add(intern(loc), 'a') })
	case ".html", ".svg":
		f.markup = true
		scanMarkup(data, f)
	default:
		return nil // only a link target
	}
	return f.done()
}

// sitemapLocs calls fn with the text of each <loc>…</loc> in data, as
// the regular expression <loc>([^<]*)</loc> finds them; the expression
// took 0.08 s CPU for the sitemap of 10,000 pages.
func sitemapLocs(data []byte, fn func(loc []byte)) {
	for {
		k := bytes.Index(data, []byte("<loc>"))
		if k < 0 {
			return
		}
		data = data[k+len("<loc>"):]
		e := bytes.IndexByte(data, '<')
		if e < 0 {
			return
		}
		if bytes.HasPrefix(data[e:], []byte("</loc>")) {
			fn(data[:e])
			e += len("</loc>")
		}
		data = data[e:] // without </loc>, the next <loc> can start here
	}
}

// intern returns the unescaped attribute value raw as its one shared copy.
// A site links the same few thousand addresses hundreds of thousands of
// times (menus, icons, strategy pages) and repeats ids from page to page;
// keeping one copy of each holds the check's memory at 10,000 pages to a
// fraction. A table of the values seen last answers most lookups with one
// hash and one comparison, without a lock.
func intern(raw []byte) *string {
	if bytes.IndexByte(raw, '&') >= 0 { // entities: rare, and the value differs from raw
		return internString(html.UnescapeString(string(raw)))
	}
	return internHashed(raw, maphash.Bytes(internSeed, raw))
}

// internHashed is intern for a value without entities and its hash.
func internHashed(raw []byte, hash uint64) *string {
	slot := &internTable[hash&(internSlots-1)]
	if p := slot.Load(); p != nil && *p == string(raw) {
		return p
	}
	p := internBytes(raw)
	slot.Store(p)
	return p
}

// internSlots: at 10,000 pages with 62,000 distinct values, 2^17 slots
// (1 MB) miss a value in 7.5 % of the lookups, 2^14 slots in 11 %; of
// 2^14 to 2^18 slots, 2^17 scanned fastest.
const internSlots = 1 << 17

var (
	internTable [internSlots]atomic.Pointer[string]
	internSeed  = maphash.MakeSeed()
)

// internString returns the shared copy of s. The copies are kept in a
// plain map, not with unique.Make: its weak pointers cost 2–3 µs for each
// new value, 0.25 s CPU at 10,000 pages, and the files hold on to their
// values until the site is checked anyway. The map is dropped when it
// gets large (a long serve session); values are compared by their text,
// so a second copy of a value costs memory, not correctness.
func internString(s string) *string {
	internMu.Lock()
	defer internMu.Unlock()
	if p, ok := internMap[s]; ok {
		return p
	}
	return internNew(s)
}

func internBytes(b []byte) *string {
	internMu.Lock()
	defer internMu.Unlock()
	if p, ok := internMap[string(b)]; ok { // no copy of b for the lookup
		return p
	}
	return internNew(string(b))
}

// internNew adds s; internMu is held.
func internNew(s string) *string {
	if len(internMap) >= internMax {
		internMap = map[string]*string{}
	}
	p := &s
	internMap[s] = p
	return p
}

const internMax = 1 << 20

var (
	internMu  sync.Mutex
	internMap = map[string]*string{}
)

// isAnchor reports <a> and <area>: their targets are followed, not loaded.
func isAnchor(tag []byte) bool {
	switch len(tag) { // most tags are decided by their length alone
	case 1:
		return tag[0] == 'a' || tag[0] == 'A'
	case 4:
		return bytes.EqualFold(tag, []byte("area"))
	}
	return false
}

// What an attribute is to the check (attrKind).
const (
	attrOther  = iota
	attrID     // id, and name on <a>
	attrHref   // followed from <a>, loaded from other elements
	attrSrc    // loaded with the page
	attrSrcset // a list of addresses
)

// attrKind says what the attribute key is; ascii reports that key has no
// byte above 0x7f (the scanner learns it while reading the name). Pages
// have five times more attributes than the check needs, so the length
// decides most before a byte is compared.
func attrKind(key []byte, ascii, anchor bool) int {
	if !ascii {
		// The rare general case: a name with an upper-case ASCII letter
		// is lower-cased as Unicode, which can make it ASCII ("İD" is
		// "id"); the names the check needs are all ASCII.
		if !bytes.ContainsFunc(key, func(r rune) bool { return 'A' <= r && r <= 'Z' }) {
			return attrOther
		}
		if key = bytes.ToLower(key); !isASCII(key) {
			return attrOther
		}
	}
	switch len(key) {
	case 2:
		if is(key, "id") {
			return attrID
		}
	case 3:
		if is(key, "src") {
			return attrSrc
		}
	case 4:
		switch {
		case is(key, "href"):
			return attrHref
		case is(key, "name"):
			if anchor {
				return attrID
			}
		case is(key, "data"):
			return attrSrc
		}
	case 6:
		switch {
		case is(key, "poster"), is(key, "action"):
			return attrSrc
		case is(key, "srcset"):
			return attrSrcset
		}
	case 10:
		if is(key, "xlink:href") {
			return attrHref
		}
	}
	return attrOther
}

// is reports whether the ASCII name equals lower, a lower-case name of
// the same length, in any case.
func is(name []byte, lower string) bool {
	for i, c := range name {
		if 'A' <= c && c <= 'Z' { // minified output is lower case
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// attribute records an id or a reference.
func attribute(f *file, anchor bool, key, raw []byte) {
	record(f, anchor, attrKind(key, isASCII(key), anchor), raw)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// record records the value raw (quotes and all) of an attribute of kind.
func record(f *file, anchor bool, kind int, raw []byte) {
	if kind == attrOther {
		return
	}
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[len(raw)-1] == raw[0] {
		raw = raw[1 : len(raw)-1]
	}
	switch kind {
	case attrID:
		f.addID(*intern(raw))
	case attrHref:
		k := byte('r') // <link>, <use>, <image>: loaded with the page
		if anchor {
			k = 'a'
		}
		f.addValue(raw, k)
	case attrSrc:
		f.addValue(raw, 'r')
	case attrSrcset:
		for _, part := range strings.Split(*intern(raw), ",") {
			if fs := strings.Fields(part); len(fs) > 0 {
				f.addRef(fs[0], 'r')
			}
		}
	}
}
