// Package markdown converts the Markdown of content files to HTML with
// goldmark: GFM tables, footnotes, heading IDs and German typographic
// quotes. Several Markdown texts often end up on one landing page, so heading
// and footnote IDs carry a per-text prefix and headings can be shifted to fit
// under the page's own heading levels.
package markdown

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"strconv"
	"strings"
	"sync"

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
// that are gone are dropped.
type Renderer struct {
	md    goldmark.Markdown
	cache *sync.Map // [32]byte → template.HTML
	// prev is the cache of the previous build, read only. Only the map is
	// referenced, not that build's renderer, so older builds are dropped.
	prev *sync.Map
	salt string
}

// Next returns the renderer for the next build with the same settings.
// It keeps the texts used by r's build, and only those: a text edited in
// a long preview session does not stay in memory beyond the next build.
// A build that used no texts – it stopped at an error before the model,
// or kept the model of the one before – hands on what it was handed.
func (r *Renderer) Next() *Renderer {
	keep := r.cache
	if r.prev != nil && r.Cached() == 0 {
		keep = r.prev
	}
	return &Renderer{md: r.md, cache: &sync.Map{}, prev: keep, salt: r.salt}
}

// Unsafe reports whether the renderer passes raw HTML through.
func (r *Renderer) Unsafe() bool { return r.salt == "unsafe" }

// Cached is the number of converted texts held, for tests and statistics.
func (r *Renderer) Cached() int {
	n := 0
	r.cache.Range(func(any, any) bool { n++; return true })
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
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100), util.Prioritized(zeilenTransformer{}, 110)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	salt := "safe"
	if unsafe {
		salt = "unsafe"
	}
	return &Renderer{md: md, cache: &sync.Map{}, salt: salt}
}

// Render converts src to HTML.
func (r *Renderer) Render(src []byte, opt Options) template.HTML {
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(r.salt))
	h.Write([]byte{0})
	h.Write([]byte(opt.Prefix))
	zeilen := byte(0)
	if opt.Zeilen {
		zeilen = 1
	}
	h.Write([]byte{0, byte(opt.Offset), zeilen})
	h.Write(src)
	var key [32]byte
	copy(key[:], h.Sum(nil))
	if v, ok := r.cache.Load(key); ok {
		return v.(template.HTML)
	}
	if r.prev != nil {
		if v, ok := r.prev.Load(key); ok {
			r.cache.Store(key, v)
			return v.(template.HTML)
		}
	}
	ctx := parser.NewContext(parser.WithIDs(&ids{prefix: opt.Prefix, used: map[string]int{}}))
	ctx.Set(keyPrefix, opt.Prefix)
	ctx.Set(keyOffset, opt.Offset)
	ctx.Set(keyZeilen, opt.Zeilen)
	var buf bytes.Buffer
	if err := r.md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		// goldmark only fails on writer errors; a bytes.Buffer has none.
		panic(err)
	}
	out := template.HTML(buf.String()) // #nosec: goldmark escapes text and drops raw HTML unless opted in
	r.cache.Store(key, out)
	return out
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
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			v.Level = min(6, max(1, v.Level+off))
		case *extast.TableCell:
			if c := alignClass[v.Alignment]; c != "" {
				v.SetAttributeString("class", []byte(c))
			}
		}
		return ast.WalkContinue, nil
	})
}

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
