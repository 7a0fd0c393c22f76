// Package markdown converts the Markdown of content files to HTML with
// goldmark: GFM tables, footnotes, heading IDs and German typographic
// quotes. Several Markdown texts often end up on one landing page, so heading
// and footnote IDs carry a per-text prefix and headings can be shifted to fit
// under the page's own heading levels.
package markdown

import (
	"bytes"
	"crypto/sha256"
	"hash/maphash"
	"html/template"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"tdsite/internal/slug"
)

// Options for one conversion.
type Options struct {
	// Prefix is prepended to generated heading and footnote IDs, so that
	// texts placed on the same page never produce duplicate IDs.
	Prefix string
	// Offset shifts heading levels: with Offset 1, "## Titel" becomes <h3>.
	Offset int
	// Zeilen keeps every source line on its own line (Leichte Sprache).
	Zeilen bool
}

// Renderer converts Markdown; it is safe for concurrent use and caches
// results, so a text that appears on several pages is converted once. A
// renderer belongs to one build; Next hands the texts of that build on to
// the next one, so unchanged texts cost nothing on rebuilds while texts
// that are gone are dropped. The one parse that renders a text also
// collects what the checks need (links, images, raw HTML with their
// lines): Scanned hands that out, so that neither the Markdown checks nor
// the report of external links parse a text again.
type Renderer struct {
	md goldmark.Markdown
	// ohne is md without Linkify, for texts it would find nothing in.
	ohne  goldmark.Markdown
	cache *sync.Map // [32]byte of salt, options and text → template.HTML
	scans *sync.Map // sha256 of the text → *analysis
	// prev and prevScans are the maps of the previous build, read only.
	// Only the maps are referenced, not that build's renderer, so older
	// builds are dropped.
	prev, prevScans *sync.Map
	salt            string
	// seeded: prevScans holds the findings of an earlier process (Seed),
	// without HTML; RenderAll leaves those texts to Render on demand.
	seeded bool
	// einmal: Einmal hands a text's HTML out once (EinmalFreigeben), or
	// as often as uses says for the key: the texts RenderAll was given
	// more than once.
	einmal bool
	uses   sync.Map // cache key → *atomic.Int32
	vorrat *vorrat  // HTML of an earlier build (UseVorrat); nil: none
}

// analysis is what parsing one text found, whatever it was rendered with.
type analysis struct {
	scan    Scanned
	problem *Problem
	html    inhalt
}

// inhalt says whether a text renders to any HTML: a text of link
// definitions alone renders to nothing, and a measure without rendered
// text has no page of its own. Options do not change it.
type inhalt uint8

const (
	unbekannt inhalt = iota // only scanned, not rendered
	leer
	vorhanden
)

func inhaltVon(out template.HTML) inhalt {
	if out == "" {
		return leer
	}
	return vorhanden
}

// OnParse, when set, is called before every parse of a text: tests count
// with it that a build parses each text once.
var OnParse func(src []byte)

// Next returns the renderer for the next build with the same settings.
// It keeps the texts used by r's build, and only those: a text edited in
// a long preview session does not stay in memory beyond the next build.
// A build that used no texts – it stopped at an error before the model,
// or kept the model of the one before – hands on what it was handed.
func (r *Renderer) Next() *Renderer {
	keep, keepScans := r.cache, r.scans
	if r.prev != nil && r.Cached() == 0 {
		keep, keepScans = r.prev, r.prevScans
	}
	return &Renderer{md: r.md, ohne: r.ohne, cache: &sync.Map{}, scans: &sync.Map{}, prev: keep, prevScans: keepScans, salt: r.salt}
}

// Unsafe reports whether the renderer passes raw HTML through.
func (r *Renderer) Unsafe() bool { return r.salt == "unsafe" }

// Cached is the number of converted texts held, for tests and statistics.
func (r *Renderer) Cached() int { return count(r.cache) }

func count(m *sync.Map) int {
	n := 0
	m.Range(func(any, any) bool { n++; return true })
	return n
}

var keyOffset = parser.NewContextKey()

// germanQuotes replaces straight quotes by German ones: „…“ and ‚…‘.
var germanQuotes = map[extension.TypographicPunctuation][]byte{
	extension.LeftDoubleQuote:  []byte("&bdquo;"),
	extension.RightDoubleQuote: []byte("&ldquo;"),
	extension.LeftSingleQuote:  []byte("&sbquo;"),
	extension.RightSingleQuote: []byte("&lsquo;"),
	extension.Apostrophe:       []byte("&rsquo;"),
	extension.LeftAngleQuote:   []byte("&raquo;"),
	extension.RightAngleQuote:  []byte("&laquo;"),
}

// New returns a renderer. unsafe allows raw HTML in Markdown; it is off
// unless a site opts in, because content is published in the government's name.
func New(unsafe bool) *Renderer {
	salt := "safe"
	if unsafe {
		salt = "unsafe"
	}
	return &Renderer{md: goldmarkMit(unsafe, true), ohne: goldmarkMit(unsafe, false),
		cache: &sync.Map{}, scans: &sync.Map{}, salt: salt}
}

// goldmark returns the goldmark for src. Linkify is asked at every blank
// and line start whether an address starts there, and each time goldmark
// cuts the text before it, which leaves more text nodes (20 of 363 MB
// allocated in the Markdown of 10,000 pages) besides the time of asking.
// It can only find an address where the text has "http:",
// "https:", "ftp:", "www." or an "@"; most texts have none of them and are
// parsed without it. The HTML is the same (FuzzOhneLinkify), but for
// one thing: goldmark trims blanks at the end of a line only from the last
// of those text nodes, so "Wort \t" followed by a line ends in "Wort "
// with Linkify and in "Wort" without. Texts with two or more blanks or
// tabs at the end of a line are parsed with it, too.
func (r *Renderer) goldmark(src []byte) goldmark.Markdown {
	if brauchtLinkify(src) {
		return r.md
	}
	return r.ohne
}

func brauchtLinkify(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("www.")) ||
		bytes.Contains(src, []byte("http")) || bytes.Contains(src, []byte("ftp:")) {
		return true
	}
	for end := len(src); ; {
		blanks := 0
		for i := end - 1; i >= 0 && blanks < 2 && bytes.IndexByte([]byte(" \t\v\f\r"), src[i]) >= 0; i-- {
			blanks++
		}
		if blanks >= 2 {
			return true
		}
		if end = bytes.LastIndexByte(src[:end], '\n'); end < 0 {
			return false
		}
	}
}

// goldmarkMit returns goldmark with tdsite's extensions, with or without
// Linkify (see Renderer.goldmark).
func goldmarkMit(unsafe, linkify bool) goldmark.Markdown {
	var rendererOpts []renderer.Option
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	// GFM, with table alignment as classes instead of style attributes.
	gfm := []goldmark.Extender{extension.Strikethrough, extension.TaskList}
	if linkify {
		gfm = append([]goldmark.Extender{extension.Linkify}, gfm...)
	}
	return goldmark.New(
		goldmark.WithExtensions(append(gfm,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
				if s := idsOf(n); s != nil {
					return s.prefixBytes
				}
				return nil
			}),
				extension.WithFootnoteBacklinkHTML("↩<span class=\"visually-hidden\"> zurück zum Text</span>"),
				extension.WithFootnoteLinkTitle("Fußnote ^^"),
				extension.WithFootnoteBacklinkTitle("Zurück zum Text"),
			),
			extension.NewTypographer(extension.WithTypographicSubstitutions(germanQuotes)),
			klammern{})...,
		),
		// Heading IDs come from ankerParser, not from goldmark's
		// WithAutoHeadingID (see ankerParser).
		goldmark.WithParser(parser.NewParser(parser.WithBlockParsers(blockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(util.Prioritized(linkDefinitionen{parser.LinkReferenceParagraphTransformer}, 100)))),
		goldmark.WithParserOptions(
			// The scan sees the tree as Scan always did: footnotes moved to
			// the end (footnote transformer, 999), lines not yet split.
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100),
				util.Prioritized(scanTransformer{}, 1000), util.Prioritized(zeilenTransformer{}, 1001)),
		),
		goldmark.WithRendererOptions(append(rendererOpts,
			// Before goldmark's renderers (1000, tables 500): these replace
			// theirs for headings and table cells.
			renderer.WithNodeRenderers(util.Prioritized(bloecke{}, 100)))...),
	)
}

// Render converts src to HTML. A text that Scanned reports a problem for
// (too deep, too tangled, control characters) is not rendered: "".
func (r *Renderer) Render(src []byte, opt Options) template.HTML {
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	id, key := r.key(src, opt)
	return r.render(src, opt, id, key, true)
}

// EinmalFreigeben makes Einmal forget the HTML it hands out. For the
// renderer of one `tdsite build`, which writes every page once: the body
// of a measure, rendered with all texts for the checks (RenderAll), is
// shown on its own page only, and 8,000 of them held 45 MB until the
// build's end, a quarter of what it held then at 10,000 pages. The
// preview keeps them: its next build takes them over (Next).
func (r *Renderer) EinmalFreigeben() { r.einmal = true }

// Einmal is Render for a text that a build shows on a single page. After
// EinmalFreigeben it takes the HTML out of the cache (a text that
// RenderAll was given n times, the n-th time); asked again, it renders
// the text again (without the time budget: the text is known to finish),
// so the output is the same either way.
func (r *Renderer) Einmal(src []byte, opt Options) template.HTML {
	if !r.einmal {
		return r.Render(src, opt)
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	id, key := r.key(src, opt)
	if v, ok := r.cache.Load(key); ok {
		if r.lastUse(key) {
			r.cache.Delete(key)
		}
		return v.(template.HTML)
	}
	return r.render(src, opt, id, key, false)
}

// lastUse counts a call of Einmal for key down and reports whether it
// was the last of the uses RenderAll counted (or there were none).
func (r *Renderer) lastUse(key [32]byte) bool {
	if n, ok := r.uses.Load(key); ok && n.(*atomic.Int32).Add(-1) > 0 {
		return false
	}
	r.uses.Delete(key)
	return true
}

// key returns the hash of src and the cache key of src with opt. The key
// hashes the hash of the text, not the text again: a text is rendered
// once, but looked up by every page that shows it.
func (r *Renderer) key(src []byte, opt Options) (id, key [32]byte) {
	id = sha256.Sum256(src)
	zeilen := byte(0)
	if opt.Zeilen {
		zeilen = 1
	}
	k := make([]byte, 0, 128)
	k = append(append(append(k, r.salt...), 0), opt.Prefix...)
	k = append(append(k, 0, byte(opt.Offset), zeilen), id[:]...)
	return id, sha256.Sum256(k)
}

// render is Render after the key; keep says whether the HTML goes into
// the cache.
func (r *Renderer) render(src []byte, opt Options, id, key [32]byte, keep bool) template.HTML {
	if v, ok := r.cache.Load(key); ok {
		return v.(template.HTML)
	}
	if r.prev != nil {
		if v, ok := r.prev.Load(key); ok {
			if keep {
				r.cache.Store(key, v)
			}
			r.analysis(id) // carried over with the HTML, for the checks
			return v.(template.HTML)
		}
	}
	known := r.analysis(id)
	if known != nil && known.problem != nil {
		return ""
	}
	// The HTML of an earlier build needs its findings for the checks,
	// which a seed gives (Seed); a text without them is parsed.
	if known.complete() {
		if out, ok := r.fromVorrat(key, !keep); ok {
			if keep {
				r.cache.Store(key, out)
			}
			return out
		}
	}
	if known == nil {
		if p := precheck(src); p != nil {
			r.scans.Store(id, &analysis{problem: p})
			return ""
		}
	}
	// A text parsed before – in this build, the one before or a seed –
	// is known to finish: the time budget guards against the others. The
	// checks have taken their findings from that parse, and a budget
	// problem now (on a busy machine) would empty the text with no check
	// reporting it.
	out, scan, p := r.convert(src, opt, known == nil)
	if known == nil || p != nil {
		// A budget problem is stored too, so that the checks report the
		// empty text: Scanned hands it out once.
		r.scans.Store(id, &analysis{scan: scan, problem: p, html: inhaltVon(out)})
	} else if known.html == unbekannt {
		r.scans.Store(id, &analysis{scan: known.scan, html: inhaltVon(out)})
	}
	if p != nil {
		return ""
	}
	r.rendered(key, out)
	if keep {
		r.cache.Store(key, out)
	}
	return out
}

// RenderAll renders texts with opt on all cores into the cache, where
// Render finds them. Each text is parsed once, also when it is repeated.
// Of a seeded renderer (Seed) it renders only the texts the seed does not
// know: the others are rendered when a page asks for them.
//
// After EinmalFreigeben it also counts how often each text is given: a
// text that several pages show (copies of a measure) stays in the cache
// until Einmal has handed it out as often.
func (r *Renderer) RenderAll(texts [][]byte, opt Options) {
	// Hashes, not copies of the texts, tell repeats: on a collision a text
	// is only left for Render to do when it is asked for (and the other
	// keeps its HTML a little longer).
	seed := maphash.MakeSeed()
	hashes := make([]uint64, len(texts))
	times := make(map[uint64]int32, len(texts))
	for i, src := range texts {
		hashes[i] = maphash.Bytes(seed, src)
		times[hashes[i]]++
	}
	type job struct {
		src   []byte
		times int32
	}
	work := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if len(bytes.TrimSpace(j.src)) == 0 {
					continue
				}
				// A seeded text is rendered when a page asks for it, or
				// taken from the earlier build's HTML (UseVorrat).
				seeded := r.seeded && r.bekannt(j.src)
				counted := r.einmal && j.times > 1
				if seeded && !counted {
					continue
				}
				id, key := r.key(j.src, opt)
				if !seeded {
					r.render(j.src, opt, id, key, true)
				}
				if counted {
					n := new(atomic.Int32)
					n.Store(j.times)
					r.uses.Store(key, n)
				}
			}
		}()
	}
	for i, src := range texts {
		if n := times[hashes[i]]; n > 0 {
			times[hashes[i]] = 0 // sent
			work <- job{src, n}
		}
	}
	close(work)
	wg.Wait()
}

// analysis is what this build, or else the one before, found in the text
// with hash id; nil if neither parsed it. Found in the build before, it
// is kept for the next one too. A budget problem is not carried over:
// the machine may have been busy, the new build tries again.
func (r *Renderer) analysis(id [32]byte) *analysis {
	if v, ok := r.scans.Load(id); ok {
		return v.(*analysis)
	}
	if r.prevScans != nil {
		if v, ok := r.prevScans.Load(id); ok {
			if a := v.(*analysis); a.problem == nil || !a.problem.budget {
				r.scans.Store(id, a)
				return a
			}
		}
	}
	return nil
}

// bekannt reports whether the findings of src say all that the build
// needs without its HTML (HatHTML).
func (r *Renderer) bekannt(src []byte) bool { return r.analysis(sha256.Sum256(src)).complete() }

// complete reports whether a says whether its text renders to anything:
// a problem empties it, else a render recorded it.
func (a *analysis) complete() bool { return a != nil && (a.problem != nil || a.html != unbekannt) }

// HatHTML reports whether Render(src, opt) is not empty, without rendering
// when a parse of src recorded it (in this build, the one before or a
// seed).
func (r *Renderer) HatHTML(src []byte, opt Options) bool {
	if len(bytes.TrimSpace(src)) == 0 {
		return false
	}
	if a := r.analysis(sha256.Sum256(src)); a.complete() {
		return a.problem == nil && a.html == vorhanden
	}
	return r.Render(src, opt) != ""
}

// convert parses and renders src, if limited within ScanBudget; on
// timeout the parse finishes unobserved.
func (r *Renderer) convert(src []byte, opt Options, limited bool) (template.HTML, Scanned, *Problem) {
	type result struct {
		html template.HTML
		scan Scanned
	}
	if OnParse != nil {
		OnParse(src) // here, not in the goroutine, which may outlive a test
	}
	r.parsed()
	done := make(chan result, 1)
	go func() {
		s := idsPool.Get().(*ids)
		s.prefix = opt.Prefix
		s.prefixBytes = append(s.prefixBytes[:0], opt.Prefix...)
		ctx := parser.NewContext(parser.WithIDs(s))
		ctx.Set(keyOffset, opt.Offset)
		ctx.Set(keyZeilen, opt.Zeilen)
		var scan Scanned
		ctx.Set(keyScan, &scan)
		w := htmlBufs.Get().(*sliceWriter)
		if err := r.goldmark(src).Convert(src, w, parser.WithContext(ctx)); err != nil {
			// goldmark only fails on writer errors; a sliceWriter has none.
			panic(err)
		}
		html := template.HTML(w.b) // #nosec: goldmark escapes text and drops raw HTML unless opted in
		w.release()
		s.release()
		done <- result{html, scan}
	}()
	var res result
	var p *Problem
	if limited {
		res, p = withinBudget(done)
	} else {
		res = <-done
	}
	if p == nil && res.scan.TiefeZeile > 0 {
		p = tiefeMeldung(res.scan.TiefeZeile)
	}
	if p != nil {
		return "", Scanned{}, p
	}
	return res.html, res.scan, nil
}

// sliceWriter is goldmark's util.BufWriter over a byte slice: the
// renderer writes straight into it. Given any other writer, goldmark wraps
// it in a bufio.Writer that copies every 4 KB into a bytes.Buffer growing
// step by step – the HTML of a text copied twice and its buffers cleared
// again and again, a sixth of the CPU time of Markdown in a large build.
// The slice is reused from text to text; the HTML is copied out once.
type sliceWriter struct{ b []byte }

var htmlBufs = sync.Pool{New: func() any { return &sliceWriter{b: make([]byte, 0, 16<<10)} }}

// release returns w to the pool, unless one long text made it large.
func (w *sliceWriter) release() {
	if cap(w.b) <= 1<<20 {
		w.b = w.b[:0]
		htmlBufs.Put(w)
	}
}

func (w *sliceWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *sliceWriter) WriteString(s string) (int, error) {
	w.b = append(w.b, s...)
	return len(s), nil
}

func (w *sliceWriter) WriteByte(c byte) error {
	w.b = append(w.b, c)
	return nil
}

func (w *sliceWriter) WriteRune(r rune) (int, error) {
	n := len(w.b)
	w.b = utf8.AppendRune(w.b, r)
	return len(w.b) - n, nil
}

func (w *sliceWriter) Available() int { return cap(w.b) - len(w.b) }
func (w *sliceWriter) Buffered() int  { return len(w.b) }
func (w *sliceWriter) Flush() error   { return nil }

var _ util.BufWriter = (*sliceWriter)(nil)

// withinBudget waits for done at most ScanBudget.
func withinBudget[T any](done <-chan T) (T, *Problem) {
	start := time.Now()
	timer := time.NewTimer(ScanBudget)
	defer timer.Stop()
	select {
	case v := <-done:
		// On a busy machine both cases can be ready when this goroutine
		// runs again, and select picks one at random: the clock decides.
		if time.Since(start) <= ScanBudget {
			return v, nil
		}
	case <-timer.C:
	}
	var zero T
	return zero, budgetProblem()
}

// Scanned returns the links, images and raw HTML of src, or why src cannot
// be published: collected when src was rendered, else parsed now (and
// remembered, without rendering). A problem of the time budget is handed
// out once: the next build tries again, the machine may have been busy.
func (r *Renderer) Scanned(src []byte) (Scanned, *Problem) {
	if len(bytes.TrimSpace(src)) == 0 {
		return Scanned{}, nil
	}
	id := sha256.Sum256(src)
	if a := r.analysis(id); a != nil {
		if a.problem != nil && a.problem.budget {
			r.scans.Delete(id)
		}
		return a.scan, a.problem
	}
	r.parsed()
	s, p := checkedScan(src)
	if p == nil || !p.budget {
		r.scans.Store(id, &analysis{scan: s, problem: p})
	}
	return s, p
}

// Inline converts short inline Markdown (a TOML field) without a wrapping <p>.
func (r *Renderer) Inline(src string) template.HTML {
	out := string(r.Render([]byte(src), Options{}))
	out = strings.TrimSpace(out)
	if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = out[3 : len(out)-4]
	}
	return template.HTML(out)
}

type transformer struct{}

// Transform shifts heading levels and hands the heading IDs and the ID
// prefix to the renderers (bloecke, footnotes) through the document.
func (transformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	if s, ok := pc.IDs().(*ids); ok && (s.prefix != "" || len(s.anker) > 0) {
		doc.SetAttribute(attrIDs, s)
	}
	off, _ := pc.Get(keyOffset).(int)
	shiftHeadings(doc, off)
}

// attrIDs names the document attribute that holds the *ids of a
// conversion: one attribute per document instead of one per heading.
var attrIDs = []byte("tdsite-ids")

// idsOf returns the *ids of n's document, or nil.
func idsOf(n ast.Node) *ids {
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.Attribute(attrIDs); ok {
			return v.(*ids)
		}
	}
	return nil
}

// shiftHeadings shifts the headings below n. Headings are blocks, and
// blocks lie only in blocks: the walk passes over inline content (text,
// links, emphasis), most of the nodes of a text, without entering it.
func shiftHeadings(n ast.Node, off int) {
	if off == 0 {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		if h, ok := c.(*ast.Heading); ok {
			h.Level = min(6, max(1, h.Level+off))
		}
		shiftHeadings(c, off)
	}
}

// ids generates heading IDs with slug.Make, the function behind the
// template function anker, so that {{anker "Größe"}} links to "## Größe".
// It keeps the IDs for bloecke, which writes them: goldmark's own
// WithAutoHeadingID stores each as a node attribute, and the first
// attribute of a node allocates room for ten (416 bytes a heading, 23 MB
// in a build of 10,000 pages). One ids serves one conversion at a time
// and is reused (idsPool).
type ids struct {
	prefix      string
	prefixBytes []byte // prefix, for the footnote IDs
	used        map[string]int
	anker       []anker // in the order goldmark closed the headings
	next        int     // where bloecke looks first: headings render in that order
	buf         []byte  // the bytes of all IDs
}

// anker is the ID of one heading.
type anker struct {
	h  *ast.Heading
	id []byte
}

var idsPool = sync.Pool{New: func() any { return &ids{used: map[string]int{}} }}

// release returns s to the pool, unless a long text made it large.
func (s *ids) release() {
	if cap(s.buf) > 64<<10 || len(s.used) > 1024 {
		return
	}
	clear(s.used)
	clear(s.anker) // drops the pointers into the tree
	s.anker, s.next, s.buf = s.anker[:0], 0, s.buf[:0]
	idsPool.Put(s)
}

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "abschnitt"
	}
	base = s.prefix + base
	start := len(s.buf)
	s.buf = append(s.buf, base...)
	if n := s.used[base]; n > 0 {
		s.buf = strconv.AppendInt(append(s.buf, '-'), int64(n), 10)
	}
	s.used[base]++
	return s.buf[start:len(s.buf):len(s.buf)]
}

func (s *ids) Put(value []byte) { s.used[string(value)]++ }

// of returns the ID of h, or nil.
func (s *ids) of(h *ast.Heading) []byte {
	if s.next < len(s.anker) && s.anker[s.next].h == h {
		s.next++
		return s.anker[s.next-1].id
	}
	// Headings in footnotes render after the text, out of parse order.
	for _, a := range s.anker {
		if a.h == h {
			return a.id
		}
	}
	return nil
}

// ankerParser is one of goldmark's heading parsers that generates the
// heading's ID where goldmark's WithAutoHeadingID does – when the heading
// is closed, in that order, from its last line – but keeps it in ids
// instead of an attribute. Like goldmark, it uses up an ID also for a
// setext heading that goldmark drops again when closing it.
type ankerParser struct{ parser.BlockParser }

func (p ankerParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	s, ok := pc.IDs().(*ids)
	if !ok {
		return // a scan, which renders nothing
	}
	h := node.(*ast.Heading)
	var line []byte
	if lines := h.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		line = last.Value(reader.Source())
	}
	s.anker = append(s.anker, anker{h, s.Generate(line, ast.KindHeading)})
}

// blockParsers are goldmark's block parsers with the heading parsers
// wrapped in ankerParser.
func blockParsers() []util.PrioritizedValue {
	setext, atx := reflect.TypeOf(parser.NewSetextHeadingParser()), reflect.TypeOf(parser.NewATXHeadingParser())
	out := parser.DefaultBlockParsers()
	for i, v := range out {
		if t := reflect.TypeOf(v.Value); t == setext || t == atx {
			out[i].Value = ankerParser{v.Value.(parser.BlockParser)}
		}
	}
	return out
}

// bloecke renders headings with the IDs of ids and table cells with their
// alignment as a class, the bytes goldmark's renderers wrote when both
// were node attributes – without an attribute list per heading and cell.
type bloecke struct{}

func (bloecke) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(extast.KindTableCell, renderTableCell)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte("0123456"[n.Level])
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h")
	_ = w.WriteByte("0123456"[n.Level])
	if s := idsOf(n); s != nil {
		if id := s.of(n); id != nil {
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(id))
			_ = w.WriteByte('"')
		}
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.HeadingAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*extast.TableCell)
	tag, filter := "td", extension.TableTdCellAttributeFilter
	if n.Parent().Kind() == extast.KindTableHeader {
		tag, filter = "th", extension.TableThCellAttributeFilter
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	if class := alignClass[n.Alignment]; class != "" {
		_, _ = w.WriteString(` class="`)
		_, _ = w.WriteString(class)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, filter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// linkDefinitionen is goldmark's transformer of link reference definitions
// ("[name]: /ziel"), asked only about paragraphs with a "[": it makes a
// block reader for every paragraph it is given (23 MB in a build of
// 10,000 pages), and a definition starts with "[".
type linkDefinitionen struct{ parser.ParagraphTransformer }

func (t linkDefinitionen) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines, src := node.Lines(), reader.Source()
	for i := range lines.Len() {
		if seg := lines.At(i); bytes.IndexByte(src[seg.Start:seg.Stop], '[') >= 0 {
			t.ParagraphTransformer.Transform(node, reader, pc)
			return
		}
	}
	if lines.Len() == 0 {
		t.ParagraphTransformer.Transform(node, reader, pc) // removes the empty paragraph
	}
}
