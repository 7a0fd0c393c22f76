package linkcheck

import (
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
	pxml "github.com/tdewolff/parse/v2/xml"
)

// Scans returns what scanMarkup and, as a reference, the HTML lexer of
// tdewolff/parse find in data: ids (sorted) and references (each once, in
// order of first appearance, with how often it occurs).
func Scans(data []byte) (fast, lexer string) {
	a, b := newMarkup(), newMarkup()
	scanMarkup(data, a)
	scanWithLexer(data, b)
	return dump(a.done()), dump(b.done())
}

func dump(f *file) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ids %q\n", f.ids)
	for _, r := range f.refs {
		fmt.Fprintf(&b, "%c %q ×%d\n", r.kind, *r.href, r.n)
	}
	return b.String()
}

// scanWithLexer is how links were found before scanMarkup: the HTML lexer
// returns inline SVG as one token, which is read with the XML lexer.
func scanWithLexer(data []byte, f *file) {
	lx := phtml.NewLexer(parse.NewInputBytes(data))
	anchor := false
	for {
		tt, raw := lx.Next()
		switch tt {
		case phtml.ErrorToken:
			return
		case phtml.SVGToken:
			xl := pxml.NewLexer(parse.NewInputBytes(raw))
			anchor := false
			for {
				tt, _ := xl.Next()
				if tt == pxml.ErrorToken {
					break
				}
				switch tt {
				case pxml.StartTagToken:
					anchor = isAnchor(xl.Text())
				case pxml.AttributeToken:
					attribute(f, anchor, xl.Text(), xl.AttrVal())
				}
			}
		case phtml.StartTagToken:
			anchor = isAnchor(lx.Text())
		case phtml.AttributeToken:
			attribute(f, anchor, lx.AttrKey(), lx.AttrVal())
		}
	}
}

// Dump shows what s holds of the file name, as Scans does; "" if nothing.
func Dump(s *Scanned, name string) string {
	f, ok := s.get(name)
	if !ok || f == nil {
		return ""
	}
	return dump(f)
}

// Pages is the number of pages s took from the minifier (AddPage).
func Pages(s *Scanned) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pages
}
