package markdown

import (
	"regexp"

	"tdsite/internal/content"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Two small bracket notations for editors, both on one line:
//
//	[Open Data]{lang=en}          a passage in another language (WCAG 3.1.2)
//	[Anschrift eintragen]         a placeholder that still has to be filled in
//
// A passage in another language becomes <span lang="en">, so that screen
// readers switch their pronunciation. Placeholders are highlighted on the
// page and reported by `tdsite check`, so that an unfinished Impressum is
// never published unnoticed.

// Sprachcode is the form of a lang value: "en", "fr", "en-GB", "hsb".
var Sprachcode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

var (
	fremdMuster  = regexp.MustCompile(`^\{lang=([^}\s]*)\}`)
	sprachMuster = regexp.MustCompile(`\]\{lang=([^}\n]*)\}`)
)

// FalscheSprachcodes returns lang values in s that are not language codes,
// e.g. "englisch" in "[Text]{lang=englisch}".
func FalscheSprachcodes(s string) []string {
	var out []string
	for _, m := range sprachMuster.FindAllStringSubmatch(s, -1) {
		if !Sprachcode.MatchString(m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// KindFremdsprache and KindPlatzhalter are the AST kinds of the two notations.
var (
	KindFremdsprache = ast.NewNodeKind("Fremdsprache")
	KindPlatzhalter  = ast.NewNodeKind("Platzhalter")
)

// Fremdsprache is a passage in another language.
type Fremdsprache struct {
	ast.BaseInline
	Lang string
}

// Kind implements ast.Node.
func (*Fremdsprache) Kind() ast.NodeKind { return KindFremdsprache }

// Dump implements ast.Node.
func (n *Fremdsprache) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.Lang}, nil)
}

// PlatzhalterNode is a "[… eintragen]" placeholder.
type PlatzhalterNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*PlatzhalterNode) Kind() ast.NodeKind { return KindPlatzhalter }

// Dump implements ast.Node.
func (n *PlatzhalterNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// klammerParser runs before goldmark's link parser; what it does not
// recognise is left to the link parser.
type klammerParser struct{}

func (klammerParser) Trigger() []byte { return []byte{'['} }

func (klammerParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := -1
	for i := 1; i < len(line); i++ {
		if line[i] == '[' {
			return nil
		}
		if line[i] == ']' {
			end = i
			break
		}
	}
	if end < 2 {
		return nil
	}
	inner := text.NewSegment(seg.Start+1, seg.Start+end)
	if m := fremdMuster.FindSubmatch(line[end+1:]); m != nil && Sprachcode.Match(m[1]) {
		n := &Fremdsprache{Lang: string(m[1])}
		n.AppendChild(n, ast.NewTextSegment(inner))
		block.Advance(end + 1 + len(m[0]))
		return n
	}
	if content.HatPlatzhalter(line[:end+1]) && (end+1 >= len(line) || line[end+1] != '(' && line[end+1] != '[') {
		n := &PlatzhalterNode{}
		n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+end+1)))
		block.Advance(end + 1)
		return n
	}
	return nil
}

type klammerRenderer struct{}

func (klammerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFremdsprache, umschliessen(func(n ast.Node) string {
		return `<span lang="` + n.(*Fremdsprache).Lang + `">`
	}, "</span>"))
	reg.Register(KindPlatzhalter, umschliessen(func(ast.Node) string { return `<mark class="platzhalter">` }, "</mark>"))
}

// umschliessen renders a node's children between an opening and a closing tag.
func umschliessen(open func(ast.Node) string, close string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(open(n))
		} else {
			_, _ = w.WriteString(close)
		}
		return ast.WalkContinue, nil
	}
}

// klammern is the goldmark extension for both notations.
type klammern struct{}

func (klammern) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(klammerParser{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(klammerRenderer{}, 500)))
}

// zeilenTransformer keeps each source line on its own line (Leichte
// Sprache: one sentence per line). A paragraph becomes one <p class="satz">
// per line, so that a sentence wrapped on a phone still reads as one block
// and the next sentence visibly starts anew; the last line keeps the
// normal paragraph spacing. Elsewhere (lists, emphasis across lines) soft
// line breaks become hard ones.
type zeilenTransformer struct{}

func (zeilenTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	if on, _ := pc.Get(keyZeilen).(bool); !on {
		return
	}
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			paras = append(paras, p)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		splitLines(p)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && t.SoftLineBreak() {
			t.SetHardLineBreak(true)
		}
		return ast.WalkContinue, nil
	})
}

// splitLines moves the inline children of p after each top-level soft line
// break into a new paragraph inserted after p.
func splitLines(p *ast.Paragraph) {
	cur := ast.Node(p)
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		if cur != p {
			c.Parent().RemoveChild(c.Parent(), c)
			cur.AppendChild(cur, c)
		}
		if t, ok := c.(*ast.Text); ok && t.SoftLineBreak() && next != nil {
			t.SetSoftLineBreak(false)
			cur.SetAttributeString("class", []byte("satz"))
			np := ast.NewParagraph()
			p.Parent().InsertAfter(p.Parent(), cur, np)
			cur = np
		}
		c = next
	}
}

var keyZeilen = parser.NewContextKey()
