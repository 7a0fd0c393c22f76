package markdown

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html"
	"sync"
	"time"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	toml "tdsite/internal/decode"
)

// Ref is a link or image destination written in Markdown.
type Ref struct {
	Dest  string // as written, entities decoded
	Line  int    // 1-based line in the scanned text
	Image bool
}

// RawHTML is a piece of raw HTML written in Markdown.
type RawHTML struct {
	HTML string
	Line int
}

// Scanned is what Scan finds in a Markdown text.
type Scanned struct {
	Refs []Ref
	HTML []RawHTML // HTML comments are left out: they are notes, not content
	// TiefeZeile is the line where the text nests deeper than MaxDepth, or 0.
	// Scan stops there, so Refs and HTML may be incomplete.
	TiefeZeile int
}

// scanner parses with the same extensions as rendering (Linkify makes
// links out of bare addresses), so Scan sees the links readers will see.
var scanner = New(false)

var keyScan = parser.NewContextKey()

// scanTransformer collects the Scanned of a text while it is parsed for
// rendering, when the parser context asks for it.
type scanTransformer struct{}

func (scanTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if s, _ := pc.Get(keyScan).(*Scanned); s != nil {
		*s = scanDoc(doc, reader.Source())
	}
}

// Scan lists the links, images and raw HTML of a Markdown text with their
// lines, so that checks can point editors at the exact line.
func Scan(src []byte) Scanned {
	if len(bytes.TrimSpace(src)) == 0 {
		return Scanned{}
	}
	if OnParse != nil {
		OnParse(src)
	}
	return scan(src)
}

func scan(src []byte) Scanned {
	var out Scanned
	ctx := parser.NewContext()
	ctx.Set(keyScan, &out)
	scanner.goldmark(src).Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	return out
}

func scanDoc(doc ast.Node, src []byte) Scanned {
	var out Scanned
	z := zeilen{src: src, line: 1}
	lineOf := z.of
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if schachtelt(n) {
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			if depth++; depth > MaxDepth {
				out.TiefeZeile = max(1, lineOf(offset(n, src)))
				return ast.WalkStop, nil
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			out.Refs = append(out.Refs, Ref{Dest: decode(v.Destination), Line: lineOf(offset(n, src))})
		case *ast.Image:
			out.Refs = append(out.Refs, Ref{Dest: decode(v.Destination), Line: lineOf(offset(n, src)), Image: true})
		case *ast.AutoLink:
			out.Refs = append(out.Refs, Ref{Dest: decode(v.URL(src)), Line: lineOf(autoLinkOffset(v, src))})
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < v.Segments.Len(); i++ {
				seg := v.Segments.At(i)
				b.Write(seg.Value(src))
			}
			if v.Segments.Len() > 0 && !isComment(b.Bytes()) {
				out.HTML = append(out.HTML, RawHTML{HTML: b.String(), Line: lineOf(v.Segments.At(0).Start)})
			}
		case *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < v.Lines().Len(); i++ {
				seg := v.Lines().At(i)
				b.Write(seg.Value(src))
			}
			if v.Lines().Len() > 0 && !isComment(b.Bytes()) {
				out.HTML = append(out.HTML, RawHTML{HTML: b.String(), Line: lineOf(v.Lines().At(0).Start)})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

func isComment(b []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(b), []byte("<!--"))
}

// decode resolves character references, as browsers do before they look at
// the scheme ("javascript&#58;" is "javascript:").
func decode(b []byte) string { return html.UnescapeString(string(b)) }

// zeilen finds the lines of offsets in src by counting line feeds from
// the offset asked before: the walk asks in nearly ascending order, so
// each text is counted about once, without a table of line starts (9 MB
// in a build of 10,000 pages).
type zeilen struct {
	src  []byte
	off  int // an offset in src, 0 ≤ off ≤ len(src)
	line int // the 1-based line of off
}

// of returns the 1-based line of offset off; 0 for a negative offset.
func (z *zeilen) of(off int) int {
	if off < 0 {
		return 0
	}
	off = min(off, len(z.src))
	if off >= z.off {
		z.line += bytes.Count(z.src[z.off:off], []byte{'\n'})
	} else {
		z.line -= bytes.Count(z.src[off:z.off], []byte{'\n'})
	}
	z.off = off
	return z.line
}

// offset finds a source position for an inline node: its first text
// segment, else the first line of the enclosing block.
func offset(n ast.Node, src []byte) int {
	found := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found >= 0 {
		return found
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// autoLinkOffset finds a bare address (www.…, https://…, <…>) in its
// paragraph: goldmark keeps no position for it.
func autoLinkOffset(n *ast.AutoLink, src []byte) int {
	start := offset(n, src)
	end := len(src)
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			end = p.Lines().At(p.Lines().Len() - 1).Stop
			break
		}
	}
	if label := n.Label(src); len(label) > 0 && start <= end && end <= len(src) {
		if i := bytes.Index(src[start:end], label); i >= 0 {
			return start + i
		}
	}
	return start
}

// alignClass moves table alignment into classes: the Content-Security-Policy
// of the site forbids style attributes.
var alignClass = map[extast.Alignment]string{
	extast.AlignLeft: "ausrichtung-links", extast.AlignCenter: "ausrichtung-mitte", extast.AlignRight: "ausrichtung-rechts",
}

// Limits for Markdown structure. goldmark needs quadratic time for some
// inputs – deeply nested lists, long runs of unclosed "[a](" or "_a*" in one
// paragraph (80 KB of "_a*": seconds) – so texts are checked before parsing and
// parsed with a time budget.
const (
	// MaxDepth is one limit for everything that nests: block quotes, lists
	// (a list in a list item is one level more), emphasis, strikethrough
	// and links, in any mix. It is the limit of TOML nesting, too.
	MaxDepth  = toml.MaxDepth
	MaxIndent = 128 // columns of white space before a line's text, also between > and list markers
)

// tiefeMeldung is the finding for text nested deeper than MaxDepth.
func tiefeMeldung(line int) *Problem {
	return &Problem{Line: line, Message: fmt.Sprintf("Der Text ist mehr als %d Ebenen tief verschachtelt (Listen, Zitate, Hervorhebungen).", MaxDepth),
		Hint: "Jedes > und jedes Listenzeichen (-, *, +, 1.) am Zeilenanfang und jede Einrückung unter einem Listenpunkt öffnet eine Ebene; verwenden Sie höchstens wenige."}
}

// schachtelt reports whether n opens a level of nesting. List items are
// not counted: they belong to their list.
func schachtelt(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, ast.KindEmphasis, ast.KindLink, extast.KindStrikethrough:
		return true
	}
	return false
}

// ScanBudget is the time one text may take to parse. Real texts need
// milliseconds; only pathological input comes near it.
var ScanBudget = 3 * time.Second

// Problem is a Markdown text that is not parsed because of its structure.
type Problem struct {
	Line    int
	Message string
	Hint    string
	budget  bool // the time budget ran out: may pass on a quieter machine
}

// scanned remembers results of CheckedScan by text, because the preview
// checks all texts again after every edit and most are unchanged. Texts
// that hit the time budget are not remembered (the machine may have been
// busy). Bounded: cleared when it holds more than maxScanned texts.
var scanned = struct {
	sync.Mutex
	m map[[32]byte]scanResult
}{m: map[[32]byte]scanResult{}}

type scanResult struct {
	s Scanned
	p *Problem
}

const maxScanned = 100_000

// CheckedScan scans src unless it is too deeply nested or takes longer
// than ScanBudget; then it returns the problem instead.
func CheckedScan(src []byte) (Scanned, *Problem) {
	key := sha256.Sum256(src)
	scanned.Lock()
	r, ok := scanned.m[key]
	scanned.Unlock()
	if ok {
		return r.s, r.p
	}
	s, p := checkedScan(src)
	if p == nil || !p.budget {
		scanned.Lock()
		if len(scanned.m) >= maxScanned {
			clear(scanned.m)
		}
		scanned.m[key] = scanResult{s, p}
		scanned.Unlock()
	}
	return s, p
}

func checkedScan(src []byte) (Scanned, *Problem) {
	if p := precheck(src); p != nil {
		return Scanned{}, p
	}
	if OnParse != nil {
		OnParse(src)
	}
	done := make(chan Scanned, 1)
	go func() { done <- scan(src) }() // on timeout it finishes unobserved
	s, p := withinBudget(done)
	if p == nil && s.TiefeZeile > 0 {
		return Scanned{}, tiefeMeldung(s.TiefeZeile)
	}
	return s, p
}

// precheck finds what makes a text unfit for parsing without parsing it.
func precheck(src []byte) *Problem {
	if p := structure(src); p != nil {
		return p
	}
	return steuerzeichen(src)
}

func budgetProblem() *Problem {
	return &Problem{Line: 1, budget: true,
		Message: fmt.Sprintf("Der Text ist zu verwickelt, um ihn in %v umzusetzen.", ScanBudget),
		Hint:    "Der Text enthält vermutlich sehr viele ungeschlossene Klammern oder Zeichen wie [, (, * oder _ in einem Absatz. Teilen Sie ihn in Absätze auf und prüfen Sie die Klammern."}
}

// structure finds nesting that no real text needs, in one pass: markers of
// block quotes and lists at the start of a line ("- - - x", "> 1. > x"),
// which open one level each without any indentation, and deep indentation.
// Nesting over several lines is counted after parsing (Scan).
func structure(src []byte) *Problem {
	line := 1
	for start := 0; start < len(src); line++ {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		depth, indent, blank := 0, 0, true
		row := src[start:end]
	prefix:
		for i := 0; i < len(row); i++ {
			switch c := row[i]; {
			case c == ' ':
				indent++
			case c == '\t':
				indent += 4
			case c == '>':
				depth++
			case c == '-' || c == '*' || c == '+':
				if i+1 < len(row) && row[i+1] != ' ' && row[i+1] != '\t' {
					blank = false
					break prefix
				}
				depth, i = depth+1, i+1 // the blank after a list marker is part of it, not indentation
			case c >= '0' && c <= '9':
				j := i
				for j < len(row) && j-i < 9 && row[j] >= '0' && row[j] <= '9' {
					j++
				}
				if j == len(row) || row[j] != '.' && row[j] != ')' || j+1 < len(row) && row[j+1] != ' ' && row[j+1] != '\t' {
					blank = false
					break prefix
				}
				depth, i = depth+1, j+1
			default:
				blank = false
				break prefix
			}
			if depth > MaxDepth {
				return tiefeMeldung(line)
			}
		}
		if blank && depth == 0 { // white space only: an empty line
			indent = 0
		}
		if indent > MaxIndent {
			return &Problem{Line: line, Message: fmt.Sprintf("Die Zeile ist mehr als %d Zeichen tief eingerückt.", MaxIndent),
				Hint: "Tiefe Einrückung erzeugt verschachtelte Listen oder Code-Blöcke; rücken Sie höchstens wenige Ebenen ein."}
		}
		start = end + 1
	}
	return nil
}

// steuerzeichen finds numeric character references to control characters
// ("&#27;", "&#x1b;"): raw control bytes are refused when a file is read,
// but goldmark would turn such a reference into the raw character on the
// page. Tab, line feed and carriage return are white space and pass; &#0;
// becomes U+FFFD in goldmark and is harmless.
func steuerzeichen(src []byte) *Problem {
	line := 1
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			line++
			continue
		}
		if src[i] != '&' || i+2 >= len(src) || src[i+1] != '#' {
			continue
		}
		j, base := i+2, 10
		if src[j] == 'x' || src[j] == 'X' {
			j, base = j+1, 16
		}
		v, k := 0, j
		for ; k < len(src) && k-j < 8; k++ {
			d := digitValue(src[k], base)
			if d < 0 {
				break
			}
			v = v*base + d
		}
		if k == j || k >= len(src) || src[k] != ';' {
			continue
		}
		if v != 0 && v != '\t' && v != '\n' && v != '\r' && (v < 0x20 || v >= 0x7f && v <= 0x9f) {
			return &Problem{Line: line,
				Message: fmt.Sprintf("Der Text enthält das Steuerzeichen %s (U+%04X); es hätte auf der Seite nichts zu suchen.", string(src[i:k+1]), v),
				Hint:    "Löschen Sie die Zeichenfolge. Für einen Zeilenumbruch genügt eine leere Zeile, für Abstand ein Leerzeichen."}
		}
	}
	return nil
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
