package linkcheck

import "bytes"

// scanMarkup collects ids and references of HTML, inline SVG included, and
// of SVG files. It jumps from tag to tag instead of lexing everything:
// every page passes through it, and a full HTML lexer (with a second, XML
// lexer for each inline SVG) took 6 % of the CPU time of a large build.
// It knows what can hide a '<' or '>': comments, CDATA, quoted attribute
// values and the raw text of script, style, textarea and title. A test
// compares it with the HTML lexer of tdewolff/parse on all built pages.
func scanMarkup(data []byte, f *file) {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return
		}
		i += j + 1
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			i = skipPast(data, i+3, "-->")
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			i = skipPast(data, i, "]]>")
		case len(rest) > 0 && (rest[0] == '!' || rest[0] == '?' || rest[0] == '/'):
			i = skipPast(data, i, ">") // doctype, processing instruction, end tag
		case len(rest) > 0 && isLetter(rest[0]):
			i = scanTag(data, i, f)
		}
	}
}

// scanTag reads the start tag whose name begins at data[i] and returns the
// position after it (and after the content of a raw text element).
func scanTag(data []byte, i int, f *file) int {
	start := i
	for i < len(data) && !isSpace(data[i]) && data[i] != '>' && data[i] != '/' {
		i++
	}
	name := data[start:i]
	anchor := isAnchor(name)
	selfClosing := false
	for i < len(data) {
		for i < len(data) && isSpace(data[i]) {
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
		for i < len(data) && !isSpace(data[i]) && data[i] != '=' && data[i] != '>' && data[i] != '/' {
			i++
		}
		if i == ks { // a stray '=' or quote
			i++
			continue
		}
		key := data[ks:i]
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i >= len(data) || data[i] != '=' {
			attribute(f, anchor, key, nil) // <a href>: a link without target
			continue
		}
		i++
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		vs := i
		if i < len(data) && (data[i] == '"' || data[i] == '\'') {
			q := bytes.IndexByte(data[i+1:], data[i])
			if q < 0 { // unterminated: the value runs to the end, quote and all
				attribute(f, anchor, key, data[vs:])
				return len(data)
			}
			i += q + 2
		} else {
			for i < len(data) && !isSpace(data[i]) && data[i] != '>' {
				i++
			}
		}
		attribute(f, anchor, key, data[vs:i])
	}
	return i
}

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

// skipPast returns the position after the first s at or after i.
func skipPast(data []byte, i int, s string) int {
	k := bytes.Index(data[i:], []byte(s))
	if k < 0 {
		return len(data)
	}
	return i + k + len(s)
}

// skipPastFold is skipPast for an ASCII s in any case; it stops before s.
func skipPastFold(data []byte, i int, s string) int {
	for i < len(data) {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			return len(data)
		}
		i += k
		if len(data)-i >= len(s) && bytes.EqualFold(data[i:i+len(s)], []byte(s)) {
			return i
		}
		i++
	}
	return i
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
