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
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	md    goldmark.Markdown
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
	return &Renderer{md: r.md, cache: &sync.Map{}, scans: &sync.Map{}, prev: keep, prevScans: keepScans, salt: r.salt}
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

var (
	keyPrefix = parser.NewContextKey()
	keyOffset = parser.NewContextKey()
)

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
	var rendererOpts []renderer.Option
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			// GFM, with table alignment as classes instead of style attributes.
			extension.Linkify, extension.Strikethrough, extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
				if doc := n.OwnerDocument(); doc != nil {
					if v, ok := doc.AttributeString("tdsite-prefix"); ok {
						return v.([]byte)
					}
				}
				return nil
			}),
				extension.WithFootnoteBacklinkHTML("↩<span class=\"visually-hidden\"> zurück zum Text</span>"),
				extension.WithFootnoteLinkTitle("Fußnote ^^"),
				extension.WithFootnoteBacklinkTitle("Zurück zum Text"),
			),
			extension.NewTypographer(extension.WithTypographicSubstitutions(germanQuotes)),
			klammern{},
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			// The scan sees the tree as Scan always did: footnotes moved to
			// the end (footnote transformer, 999), lines not yet split.
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100),
				util.Prioritized(scanTransformer{}, 1000), util.Prioritized(zeilenTransformer{}, 1001)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	salt := "safe"
	if unsafe {
		salt = "unsafe"
	}
	return &Renderer{md: md, cache: &sync.Map{}, scans: &sync.Map{}, salt: salt}
}

// Render converts src to HTML. A text that Scanned reports a problem for
// (too deep, too tangled, control characters) is not rendered: "".
func (r *Renderer) Render(src []byte, opt Options) template.HTML {
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	// The key hashes the hash of the text, not the text again: a text is
	// rendered once, but looked up by every page that shows it.
	id := sha256.Sum256(src)
	zeilen := byte(0)
	if opt.Zeilen {
		zeilen = 1
	}
	k := make([]byte, 0, 128)
	k = append(append(append(k, r.salt...), 0), opt.Prefix...)
	k = append(append(k, 0, byte(opt.Offset), zeilen), id[:]...)
	key := sha256.Sum256(k)
	if v, ok := r.cache.Load(key); ok {
		return v.(template.HTML)
	}
	if r.prev != nil {
		if v, ok := r.prev.Load(key); ok {
			r.cache.Store(key, v)
			r.analysis(id) // carried over with the HTML, for the checks
			return v.(template.HTML)
		}
	}
	known := r.analysis(id)
	if known != nil && known.problem != nil {
		return ""
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
	r.cache.Store(key, out)
	return out
}

// RenderAll renders texts with opt on all cores into the cache, where
// Render finds them. Each text is parsed once, also when it is repeated.
// Of a seeded renderer (Seed) it renders only the texts the seed does not
// know: the others are rendered when a page asks for them.
func (r *Renderer) RenderAll(texts [][]byte, opt Options) {
	// Hashes, not copies of the texts, tell repeats: on a collision a text
	// is only left for Render to do when it is asked for.
	seed := maphash.MakeSeed()
	seen := make(map[uint64]bool, len(texts))
	work := make(chan []byte)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range work {
				if r.seeded && r.bekannt(src) {
					continue
				}
				r.Render(src, opt)
			}
		}()
	}
	for _, src := range texts {
		if h := maphash.Bytes(seed, src); !seen[h] {
			seen[h] = true
			work <- src
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
	done := make(chan result, 1)
	go func() {
		ctx := parser.NewContext(parser.WithIDs(&ids{prefix: opt.Prefix, used: map[string]int{}}))
		ctx.Set(keyPrefix, opt.Prefix)
		ctx.Set(keyOffset, opt.Offset)
		ctx.Set(keyZeilen, opt.Zeilen)
		var scan Scanned
		ctx.Set(keyScan, &scan)
		w := htmlBufs.Get().(*sliceWriter)
		if err := r.md.Convert(src, w, parser.WithContext(ctx)); err != nil {
			// goldmark only fails on writer errors; a sliceWriter has none.
			panic(err)
		}
		html := template.HTML(w.b) // #nosec: goldmark escapes text and drops raw HTML unless opted in
		w.release()
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

// Transform shifts heading levels, passes the ID prefix to footnotes and
// turns table alignment into classes.
func (transformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	if p, _ := pc.Get(keyPrefix).(string); p != "" {
		doc.SetAttributeString("tdsite-prefix", []byte(p))
	}
	off, _ := pc.Get(keyOffset).(int)
	shiftBlocks(doc, off)
}

// shiftBlocks shifts the headings and classes the aligned table cells
// below n. Headings and cells are blocks, and blocks lie only in blocks:
// the walk passes over inline content (text, links, emphasis), most of
// the nodes of a text, without entering it.
func shiftBlocks(n ast.Node, off int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		switch v := c.(type) {
		case *ast.Heading:
			v.Level = min(6, max(1, v.Level+off))
		case *extast.TableCell:
			if class := alignClassBytes[v.Alignment]; class != nil {
				v.SetAttributeString("class", class)
			}
		}
		shiftBlocks(c, off)
	}
}

// alignClassBytes is alignClass as attribute values, shared by all cells.
var alignClassBytes = func() map[extast.Alignment][]byte {
	m := map[extast.Alignment][]byte{}
	for k, v := range alignClass {
		m[k] = []byte(v)
	}
	return m
}()

// ids generates heading IDs with slug.Make, the function behind the
// template function anker, so that {{anker "Größe"}} links to "## Größe".
type ids struct {
	prefix string
	used   map[string]int
}

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "abschnitt"
	}
	base = s.prefix + base
	id := base
	if n := s.used[base]; n > 0 {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[base]++
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)]++ }
