package linkcheck

import "bytes"

// scanMarkup collects ids and references of HTML, inline SVG included, and
// of SVG files. It jumps from tag to tag instead of lexing everything:
// every page passes through it, and a full HTML lexer (with a second, XML
// lexer for each inline SVG) took 6 % of the CPU time of a large build.
// It knows what can hide a '<' or '>': comments, CDATA, quoted attribute
// values and the raw text of script, style, textarea and title. A test
// compares it with the HTML lexer of tdewolff/parse on all built pages.
//
// It reports whether data ends outside of any tag, comment or raw text
// (a '<' at the very end is text), so that markup after data would read
// the same after data as on its own (Page.Markup). The helpers below
// return len(data)+1 where they run off the end of data.
func scanMarkup(data []byte, f *file) bool {
	i := 0
	for i < len(data) {
		if data[i] != '<' { // a tag often follows right after the last one
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				return true
			}
			i += j
		}
		i++
		if i >= len(data) {
			return true
		}
		switch c := data[i]; {
		case isLetter(c):
			i = scanTag(data, i, f)
		case c == '/': // end tag
			i = skipPastByte(data, i+1, '>')
		case c == '!':
			switch rest := data[i:]; {
			case bytes.HasPrefix(rest, []byte("!--")):
				i = skipPast(data, i+3, "-->")
			case bytes.HasPrefix(rest, []byte("![CDATA[")):
				i = skipPast(data, i, "]]>")
			default: // doctype
				i = skipPastByte(data, i, '>')
			}
		case c == '?': // processing instruction
			i = skipPastByte(data, i, '>')
		}
	}
	return i == len(data)
}

// scanTag reads the start tag whose name begins at data[i] and returns the
// position after it (and after the content of a raw text element). Only
// the few attributes the check needs are looked at; the value of any
// other is skipped (one IndexByte for a quoted value, e.g. an SVG path).
func scanTag(data []byte, i int, f *file) int {
	start := i
	for i < len(data) && class[data[i]]&endsName == 0 {
		i++
	}
	name := data[start:i]
	anchor := isAnchor(name)
	selfClosing := false
	for i < len(data) {
		for i < len(data) && class[data[i]]&space != 0 {
			i++
		}
		if i >= len(data) {
			break
		}
		switch data[i] {
		case '>':
			i++
			if !selfClosing {
				if end := rawTextEnd(name); end != "" {
					i = skipPastFold(data, i, end)
				}
			}
			return i
		case '/':
			selfClosing = true
			i++
			continue
		}
		selfClosing = false
		ks := i
		var bits byte // all bytes of the name or-ed: is it ASCII?
		for i < len(data) && class[data[i]]&endsKey == 0 {
			bits |= data[i]
			i++
		}
		if i == ks { // a stray '=' or quote
			i++
			continue
		}
		kind := attrKind(data[ks:i], bits < 0x80, anchor)
		for i < len(data) && class[data[i]]&space != 0 {
			i++
		}
		if i >= len(data) || data[i] != '=' {
			record(f, anchor, kind, nil) // <a href>: a link without target
			continue
		}
		i++
		for i < len(data) && class[data[i]]&space != 0 {
			i++
		}
		vs := i
		if i < len(data) && (data[i] == '"' || data[i] == '\'') {
			q := bytes.IndexByte(data[i+1:], data[i])
			if q < 0 { // unterminated: the value runs to the end, quote and all
				record(f, anchor, kind, data[vs:])
				return len(data) + 1
			}
			i += q + 2
		} else {
			for i < len(data) && class[data[i]]&endsValue == 0 {
				i++
			}
		}
		record(f, anchor, kind, data[vs:i])
	}
	return len(data) + 1 // no '>'
}

// Byte classes of the scanner, one table lookup instead of up to seven
// comparisons per byte.
const (
	space     = 1 << iota // between attributes
	endsName              // of a tag: space, '>' or '/'
	endsKey               // of an attribute name: also '='
	endsValue             // unquoted: space or '>'
)

var class = func() (c [256]byte) {
	for _, b := range []byte(" \t\n\r\f") {
		c[b] = space | endsName | endsKey | endsValue
	}
	c['>'] = endsName | endsKey | endsValue
	c['/'] = endsName | endsKey
	c['='] = endsKey
	return c
}()

// rawTextEnd is the end tag of elements whose content is text, not markup.
func rawTextEnd(name []byte) string {
	if len(name) < 5 || len(name) > 8 {
		return "" // the common case, decided by the length alone
	}
	for _, end := range []string{"</script", "</style", "</textarea", "</title"} {
		if bytes.EqualFold(name, []byte(end[2:])) {
			return end
		}
	}
	return ""
}

// skipPast returns the position after the first s at or after i
// (len(data)+1 if there is none).
func skipPast(data []byte, i int, s string) int {
	k := bytes.Index(data[i:], []byte(s))
	if k < 0 {
		return len(data) + 1
	}
	return i + k + len(s)
}

// skipPastByte returns the position after the first c at or after i. It
// is mostly the '>' of an end tag a few bytes on, nearer than calling
// IndexByte is worth.
func skipPastByte(data []byte, i int, c byte) int {
	for end := min(i+16, len(data)); i < end; i++ {
		if data[i] == c {
			return i + 1
		}
	}
	return skipPast(data, i, string(c))
}

// skipPastFold is skipPast for an ASCII s in any case; it stops before s.
func skipPastFold(data []byte, i int, s string) int {
	for i < len(data) {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			break
		}
		i += k
		if len(data)-i >= len(s) && bytes.EqualFold(data[i:i+len(s)], []byte(s)) {
			return i
		}
		i++
	}
	return len(data) + 1
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
