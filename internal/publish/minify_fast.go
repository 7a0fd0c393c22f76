package publish

import (
	"bytes"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/buffer"
	phtml "github.com/tdewolff/parse/v2/html"
)

// Pages come out of the templates nearly minified: the minifier takes 4 %
// of their bytes away, mostly line breaks and indentation between block
// tags, yet it lexed every byte into tokens and cost a tenth of a build.
// minifyFast does the same work in one pass over the page for the HTML
// that tdsite's templates and Markdown produce, and gives up (ok false)
// on anything else – comments, <pre>, inline <script> and <style>,
// unquoted attributes, upper case names – so that the page goes through
// the HTML minifier as before. Whatever it accepts it must minify byte
// for byte as pageMinifier does: it follows the minifier's rules token
// by token (tdewolff/minify v2.24.25, html.Minifier.Minify with the
// options of pageMinifier) and uses its functions for text, entities,
// media types and quotes. TestMinifyFastWieTdewolff compares both on
// every page of the bundled site, FuzzMinifyFast on any input; after an
// update of tdewolff/minify they show whether the rules still hold.

// declined marks the tags whose handling minifyFast leaves to the
// minifier: raw text (but for an empty <script src>), <pre> and
// <template> change how text is treated, <colgroup> is dropped.
const declined traits = 1 << 15

// tags and attrs hold the traits of tag and attribute names.
var tags, attrs = func() (*nameTable, *nameTable) {
	t := map[string]traits{}
	for k, v := range tagTraits {
		t[k] = v
	}
	for _, k := range []string{"script", "style", "textarea", "iframe", "xmp", "plaintext", "math", "xml",
		"pre", "template", "colgroup", "noembed", "noframes", "noscript"} {
		t[k] |= declined
	}
	return newNameTable(t), newNameTable(attrTraits)
}()

// nameTable finds the traits of a name with less work than a map of
// strings: a page has thousands of tags and attributes, and their names
// are short.
type nameTable struct {
	keys [512]string
	vals [512]traits
}

func newNameTable(m map[string]traits) *nameTable {
	t := new(nameTable)
	for k, v := range m {
		i := hashName(k)
		for t.keys[i%512] != "" {
			i++
		}
		t.keys[i%512], t.vals[i%512] = k, v
	}
	return t
}

func hashName[T string | []byte](b T) uint32 {
	h := uint32(len(b))
	for i := 0; i < len(b); i++ {
		h = h*31 + uint32(b[i])
	}
	return h
}

// get returns the traits of name, 0 for a name not in the table.
func (t *nameTable) get(name []byte) traits {
	for i := hashName(name); ; i++ {
		k := t.keys[i%512]
		if k == string(name) {
			return t.vals[i%512]
		}
		if k == "" {
			return 0
		}
	}
}

// lookahead results, see trailing.
const (
	keepSpace = iota // the minifier keeps the space; the next one is omitted
	trimSpace        // the space goes, before a block tag or at the end
	keepAll          // more than 100 tokens: kept, and the next one too
	giveUp           // something minifyFast does not handle
)

// Tags receives the markup of a page while minifyFast writes it, so that
// the link check need not scan the page again: every start tag and
// attribute as written, and the bytes it wrote without reading them as
// tags. Which of them matter is the receiver's business.
type Tags interface {
	// StartTag begins a start tag that minifyFast wrote itself; its
	// attributes follow.
	StartTag(name []byte)
	// Attr is an attribute of the last start tag, val its value as
	// written, quotes and all (nil for one without a value).
	Attr(key, val []byte)
	// Markup is written markup that was not read tag by tag (inline SVG,
	// tags minified as a whole, text with a '<'). False means the receiver
	// cannot read it on its own; it then gets nothing more of the page.
	Markup(b []byte) bool
}

// attrSpan is where an attribute of the current start tag lies in out;
// the attributes are handed over once the tag is known not to be
// minified as a whole. vs < 0: no value.
type attrSpan struct{ ks, ke, vs, ve int }

// fastMinifier holds the buffers of one page.
type fastMinifier struct {
	src []byte
	out []byte
	// tags, if not nil, receives the page as written; set to nil when it
	// cannot follow (Markup false, raw text it would not see).
	tags  Tags
	spans []attrSpan
	val   []byte // an attribute value being changed
	esc   []byte // for html.EscapeAttrVal
	tag   []byte // a tag minified on its own
	tagw  *buffer.Writer
	// alone holds the tags minified on their own before, by their
	// source: most are the same <meta> on every page.
	alone map[string][]byte
}

var fastMinifiers = sync.Pool{New: func() any { return new(fastMinifier) }}

// minifyFast appends the minified page src to dst. It never changes src.
func minifyFast(dst, src []byte) ([]byte, bool) {
	out, ok, _ := minifyFastTags(dst, src, nil)
	return out, ok
}

// minifyFastTags is minifyFast that hands the page to tags as it writes
// it; handed reports whether tags got all of it.
func minifyFastTags(dst, src []byte, tags Tags) (out []byte, ok, handed bool) {
	m := fastMinifiers.Get().(*fastMinifier)
	m.src, m.out, m.tags = src, dst, tags
	ok = m.run()
	out, handed = m.out, ok && m.tags != nil
	m.src, m.out, m.tags = nil, nil, nil
	fastMinifiers.Put(m)
	return out, ok, handed
}

// markup hands the bytes of out from start on to tags as markup.
func (m *fastMinifier) markup(start int) {
	if m.tags != nil && !m.tags.Markup(m.out[start:]) {
		m.tags = nil
	}
}

func (m *fastMinifier) run() bool {
	src := m.src
	omit := true // the minifier's omitSpace: drop the next leading space
	for i := 0; i < len(src); {
		if src[i] != '<' || !tokenStart(src, i) {
			j := nextToken(src, i)
			var ok bool
			if omit, ok = m.text(src[i:j], j, omit); !ok {
				return false
			}
			i = j
			continue
		}
		c := src[i+1]
		switch {
		case c == '/':
			k := i + 2
			for k < len(src) && (lower(src[k]) || k > i+2 && (digit(src[k]) || src[k] == '-')) {
				k++
			}
			if k == i+2 || k >= len(src) || src[k] != '>' {
				return false // bogus comment, upper case, space or more in the tag
			}
			name := src[i+2 : k]
			tr := tags.get(name)
			if tr&declined != 0 {
				return false
			}
			m.out = append(m.out, src[i:k+1]...)
			if tr&objectTag != 0 {
				omit = false
			} else if tr&blockTag != 0 {
				omit = true
			}
			i = k + 1
			if string(name) == "option" || string(name) == "optgroup" {
				i = skipText(src, i)
			}
		case lower(c):
			var ok bool
			if i, omit, ok = m.startTag(i, omit); !ok {
				return false
			}
		case c == '!':
			if !isDoctype(src[i:]) {
				return false // a comment, or a doctype written otherwise
			}
			m.out = append(m.out, doctype...)
			i += len(doctype)
		default:
			return false // upper case tag or <?
		}
	}
	return true
}

// text minifies a text token t that ends at end in src.
func (m *fastMinifier) text(t []byte, end int, omit bool) (bool, bool) {
	start := len(m.out)
	m.out = append(m.out, t...)
	d := m.out[start:]
	if !plain(t) {
		d = parse.ReplaceMultipleWhitespaceAndEntities(d, html.EntitiesMap, html.TextRevEntitiesMap)
	}
	if omit && parse.IsWhitespace(d[0]) {
		d = d[1:]
	}
	omit = false
	if len(d) == 0 {
		omit = true
	} else if parse.IsWhitespace(d[len(d)-1]) {
		omit = true
		switch trailing(m.src, end) {
		case trimSpace:
			d = d[:len(d)-1]
			omit = false
		case keepAll:
			omit = false
		case giveUp:
			return false, false
		}
	}
	m.out = m.out[:start+copy(m.out[start:], d)]
	if m.tags != nil && bytes.IndexByte(m.out[start:], '<') >= 0 {
		// Rare: a '<' before no tag, or one an entity made ("<&#98;").
		m.markup(start)
	}
	return omit, true
}

// trailing decides, as the minifier looks ahead, what becomes of the
// space at the end of a text token: the tokens from p on are looked at
// until text, a start tag or a block tag comes.
func trailing(src []byte, p int) int {
	for i := 0; ; i++ {
		if i > 100 {
			return keepAll
		}
		if p >= len(src) {
			return trimSpace
		}
		if src[p] != '<' || !tokenStart(src, p) {
			q := nextToken(src, p)
			if !parse.IsAllWhitespace(src[p:q]) {
				return keepSpace
			}
			p = q
			continue
		}
		switch c := src[p+1]; {
		case c == '/':
			k := p + 2
			for k < len(src) && (lower(src[k]) || k > p+2 && (digit(src[k]) || src[k] == '-')) {
				k++
			}
			if k == p+2 || k >= len(src) || src[k] != '>' {
				return giveUp // run declines it too
			}
			if tags.get(src[p+2:k])&blockTag != 0 {
				return trimSpace
			}
			p = k + 1
		case lower(c):
			k := p + 1
			for k < len(src) && !endOfName(src, k) {
				k++
			}
			name := src[p+1 : k]
			if string(name) != "svg" && tags.get(name)&blockTag != 0 {
				return trimSpace
			}
			return keepSpace // an inline tag, or inline SVG (a token without traits)
		case c == '!' && isDoctype(src[p:]):
			p += len(doctype)
		default:
			return giveUp
		}
	}
}

// startTag minifies the start tag at src[i] and returns the index after it.
func (m *fastMinifier) startTag(i int, omit bool) (int, bool, bool) {
	src := m.src
	k := i + 1
	for k < len(src) && !endOfName(src, k) {
		k++
	}
	name := src[i+1 : k]
	for _, c := range name {
		if !lower(c) && !digit(c) && c != '-' {
			return 0, false, false
		}
	}
	if string(name) == "svg" {
		end, ok := svgEnd(src, k)
		if !ok || bytes.IndexByte(src[k:end], 0) >= 0 { // the lexer fails on NUL in SVG
			return 0, false, false
		}
		// The page minifier has no SVG minifier: the SVG stays as it is.
		start := len(m.out)
		m.out = append(m.out, src[i:end]...)
		m.markup(start)
		return end, false, true
	}
	tr := tags.get(name)
	script := string(name) == "script"
	if tr&declined != 0 && !script {
		return 0, false, false
	}
	tr &^= declined
	start := len(m.out)
	m.out = append(m.out, src[i:k]...)
	m.spans = m.spans[:0]
	// The minifier changes some tags as a whole (meta, input, a with name,
	// style and event attributes, data URLs); such a tag is minified on
	// its own, which gives the same bytes as within the page.
	whole := string(name) == "meta" || string(name) == "input" || script
	hasAttrs := false
	for {
		for k < len(src) && isSpace(src[k]) {
			k++
		}
		if k >= len(src) {
			return 0, false, false
		}
		if src[k] == '>' {
			k++
			break
		}
		if src[k] == '/' && k+1 < len(src) && src[k+1] == '>' {
			k += 2
			break
		}
		a := k
		for k < len(src) && !endOfAttrName(src, k) {
			k++
		}
		attr := src[a:k]
		if len(attr) == 0 {
			return 0, false, false
		}
		hasAttrs = true
		for _, c := range attr {
			if !lower(c) && !digit(c) && c != '-' && c != '_' && c != ':' && c != '.' {
				return 0, false, false
			}
		}
		nameEnd := k
		for k < len(src) && isSpace(src[k]) {
			k++
		}
		var raw []byte
		var quote byte
		if k < len(src) && src[k] == '=' {
			k++
			for k < len(src) && isSpace(src[k]) {
				k++
			}
			if k >= len(src) || src[k] != '"' && src[k] != '\'' {
				return 0, false, false // unquoted
			}
			quote = src[k]
			e := bytes.IndexByte(src[k+1:], quote)
			if e < 0 {
				return 0, false, false
			}
			raw = src[k+1 : k+1+e]
			k += e + 2
		} else {
			k = nameEnd
		}
		if whole {
			continue
		}
		if string(attr) == "style" || len(attr) > 2 && attr[0] == 'o' && attr[1] == 'n' || string(name) == "a" && string(attr) == "name" {
			whole = true
			continue
		}
		at := attrs.get(attr)
		val, ok := m.attrValue(tr, name, attr, at, raw)
		if !ok {
			whole = true
			continue
		}
		if val == nil {
			continue // dropped
		}
		m.out = append(m.out, ' ')
		sp := attrSpan{ks: len(m.out), vs: -1}
		m.out = append(m.out, attr...)
		sp.ke = len(m.out)
		if len(val) > 0 && at&booleanAttr == 0 {
			m.out = append(m.out, '=')
			sp.vs = len(m.out)
			if quote == '"' && bytes.IndexByte(val, '"') < 0 {
				m.out = append(m.out, '"')
				m.out = append(m.out, val...)
				m.out = append(m.out, '"')
			} else {
				m.out = append(m.out, phtml.EscapeAttrVal(&m.esc, val, quote, true)...)
			}
			sp.ve = len(m.out)
		}
		m.spans = append(m.spans, sp)
	}
	if script {
		// Only a script from a file: its tag alone is what the minifier
		// writes, as there is no text to minify.
		const end = "</script>"
		if !hasAttrs || !bytes.HasPrefix(src[k:], []byte(end)) {
			return 0, false, false
		}
		m.out = m.out[:start]
		if !m.minifyTag(src[i:k]) {
			return 0, false, false
		}
		m.out = append(m.out, end...)
		m.markup(start)
		return k + len(end), omit, true
	}
	if whole {
		m.out = m.out[:start]
		if !m.minifyTag(src[i:k]) {
			return 0, false, false
		}
		m.markup(start)
	} else {
		m.out = append(m.out, '>')
		m.handTag(name)
	}
	if tr&objectTag != 0 {
		omit = false
	} else if tr&blockTag != 0 {
		omit = true
	}
	if string(name) == "select" || string(name) == "optgroup" {
		k = skipText(src, k)
	}
	// The minifier keeps a space after an empty phrasing element (<i></i>).
	if tr == normalTag && k+2 < len(src) && src[k] == '<' && src[k+1] == '/' && bytes.HasPrefix(src[k+2:], name) {
		e := k + 2 + len(name)
		if e < len(src) && src[e] == '>' {
			omit = false
		} else if e < len(src) && !lower(src[e]) && !digit(src[e]) {
			return 0, false, false
		}
	}
	if string(name) == "title" {
		// Raw text to the lexer: the text token runs to </title>, tags
		// within are text. The minifier treats it as any text.
		e := titleEnd(src, k)
		if e > k {
			var ok bool
			t := len(m.out)
			tags := m.tags
			m.tags = nil // raw text to a scanner: not markup
			if omit, ok = m.text(src[k:e], e, omit); !ok {
				return 0, false, false
			}
			if tags != nil && bytes.IndexByte(m.out[t:], '<') < 0 {
				// A scanner skips the text to "</title", and there is none
				// in it; with a '<' it might stop elsewhere.
				m.tags = tags
			}
		}
		k = e
	}
	return k, omit, true
}

// handTag hands the start tag just written, with its attributes, to tags.
func (m *fastMinifier) handTag(name []byte) {
	if m.tags == nil {
		return
	}
	m.tags.StartTag(name)
	for _, sp := range m.spans {
		var val []byte
		if sp.vs >= 0 {
			val = m.out[sp.vs:sp.ve]
		}
		m.tags.Attr(m.out[sp.ks:sp.ke], val)
	}
}

// skipText skips the text token at src[k], if there is one: the minifier
// drops text after <select>, <optgroup>, </option> and </optgroup>.
func skipText(src []byte, k int) int {
	if k < len(src) && (src[k] != '<' || !tokenStart(src, k)) {
		return nextToken(src, k)
	}
	return k
}

// attrValue is the value the minifier writes for the attribute attr of
// the tag name with the traits tr (at of the attribute): nil drops the attribute, ok false asks
// for the tag to be minified on its own.
func (m *fastMinifier) attrValue(tr traits, name, attr []byte, at traits, raw []byte) (val []byte, ok bool) {
	val = raw
	if bytes.IndexByte(raw, '&') >= 0 || at&trimAttr != 0 && hasSpace(raw) {
		m.val = append(m.val[:0], raw...)
		if at&trimAttr != 0 {
			val = parse.TrimWhitespace(parse.ReplaceMultipleWhitespaceAndEntities(m.val, html.EntitiesMap, nil))
		} else {
			val = parse.ReplaceEntities(m.val, html.EntitiesMap, nil)
		}
	}
	if val == nil {
		val = []byte{}
	}
	if tr == 0 {
		return val, true
	}
	if len(val) == 0 {
		switch string(attr) {
		case "class", "dir", "id", "name":
			return nil, true
		case "action":
			if string(name) == "form" {
				return nil, true
			}
		}
	}
	switch string(attr) {
	case "enctype", "formenctype", "accept":
		val = minify.Mediatype(m.own(val))
	case "type":
		switch string(name) {
		case "a", "link", "embed", "object", "source", "script":
			val = minify.Mediatype(m.own(val))
		}
	}
	if at&urlAttr != 0 {
		val = parse.TrimWhitespace(val)
		if len(val) > 5 {
			if parse.EqualFold(val[:4], []byte("http")) {
				if val[4] == ':' {
					val = m.own(val)
					parse.ToLower(val[:4])
				} else if (val[4] == 's' || val[4] == 'S') && val[5] == ':' {
					val = m.own(val)
					parse.ToLower(val[:5])
				}
			} else if parse.EqualFold(val[:5], []byte("data:")) {
				return nil, false
			}
		}
	}
	return val, true
}

// own returns val in m.val, so that it may be changed: src stays as it is.
func (m *fastMinifier) own(val []byte) []byte {
	if len(val) > 0 && len(m.val) > 0 && &val[0] == &m.val[0] {
		return val
	}
	m.val = append(m.val[:0], val...)
	return m.val
}

// minifyTag minifies one start tag with the page minifier.
func (m *fastMinifier) minifyTag(tag []byte) bool {
	if done, ok := m.alone[string(tag)]; ok {
		m.out = append(m.out, done...)
		return true
	}
	m.tag = append(m.tag[:0], tag...) // the minifier changes its input
	if m.tagw == nil {
		m.tagw = buffer.NewWriter(make([]byte, 0, 256))
	}
	m.tagw.Reset()
	if err := pageMinifier.Minify("text/html", m.tagw, buffer.NewReader(m.tag)); err != nil {
		return false
	}
	m.out = append(m.out, m.tagw.Bytes()...)
	if m.alone == nil || len(m.alone) >= 256 {
		m.alone = map[string][]byte{}
	}
	m.alone[string(tag)] = append([]byte(nil), m.tagw.Bytes()...)
	return true
}

// svgEnd returns the end of the SVG token that starts before src[k], as
// the lexer finds it (parse/v2/html, shiftXML): the matching </svg> of
// nested ones, outside double quotes.
func svgEnd(src []byte, k int) (int, bool) {
	nested := 0
	inQuote := false
	for {
		if k >= len(src) {
			return 0, false
		}
		if inQuote {
			// Attribute values, the most bytes of an SVG.
			e := bytes.IndexByte(src[k:], '"')
			if e < 0 {
				return 0, false
			}
			k += e + 1
			inQuote = false
			continue
		}
		switch c := src[k]; {
		case c == '"':
			inQuote = true
			k++
		case c == '<':
			isEnd := k+1 < len(src) && src[k+1] == '/'
			if isEnd {
				k += 2
			} else {
				k++
			}
			s := k
			for k < len(src) && letter(src[k]) {
				k++
			}
			if !isEnd && k < len(src) && src[k] == '/' {
				// a self-closing tag
			} else if bytes.EqualFold(src[s:k], []byte("svg")) {
				if isEnd {
					if nested == 0 {
						for ; k < len(src) && src[k] != '>'; k++ {
							if src[k] == 0 {
								return 0, false
							}
						}
						if k >= len(src) {
							return 0, false
						}
						return k + 1, true
					}
					nested--
				} else {
					nested++
				}
			}
		case c == 0:
			return 0, false
		default:
			k++
		}
	}
}

// titleEnd returns where the raw text of <title> ends (at </title).
func titleEnd(src []byte, k int) int {
	for {
		e := bytes.Index(src[k:], []byte("</"))
		if e < 0 {
			return len(src)
		}
		p := k + e + 2
		q := p
		for q < len(src) && letter(src[q]) {
			q++
		}
		if bytes.EqualFold(src[p:q], []byte("title")) {
			return k + e
		}
		k = p
	}
}

// doctype is the doctype as the minifier writes it, whatever it read.
const doctype = "<!doctype html>"

// isDoctype reports whether b starts with the one doctype minifyFast
// accepts.
func isDoctype(b []byte) bool {
	return len(b) >= len(doctype) && bytes.EqualFold(b[:len(doctype)], []byte(doctype))
}

// tokenStart reports whether the '<' at src[p] starts a token (a tag, a
// comment, a doctype) for the lexer, not text.
func tokenStart(src []byte, p int) bool {
	if p+1 >= len(src) {
		return false
	}
	c := src[p+1]
	if c == '/' {
		return p+2 < len(src) && src[p+2] != '>'
	}
	return letter(c) || c == '!' || c == '?'
}

// nextToken returns the index of the next token after the text at src[p].
func nextToken(src []byte, p int) int {
	for q := p + 1; q < len(src); {
		e := bytes.IndexByte(src[q:], '<')
		if e < 0 {
			break
		}
		q += e
		if tokenStart(src, q) {
			return q
		}
		q++
	}
	return len(src)
}

// endOfName reports whether a tag name ends at src[k].
func endOfName(src []byte, k int) bool {
	c := src[k]
	return isSpace(c) || c == '>' || c == '/' && k+1 < len(src) && src[k+1] == '>'
}

// endOfAttrName reports whether an attribute name ends at src[k].
func endOfAttrName(src []byte, k int) bool {
	return endOfName(src, k) || src[k] == '='
}

// plain reports whether ReplaceMultipleWhitespaceAndEntities leaves t as
// it is: no entity, no whitespace but single spaces. Most text between
// tags is such; the check costs less than the replacing.
func plain(t []byte) bool {
	for i, c := range t {
		switch {
		case c > ' ' && c != '&':
		case c == ' ':
			if i+1 < len(t) && parse.IsWhitespace(t[i+1]) {
				return false
			}
		case c == '&' || parse.IsWhitespace(c):
			return false
		}
	}
	return true
}

func hasSpace(b []byte) bool {
	for _, c := range b {
		if parse.IsWhitespace(c) {
			return true
		}
	}
	return false
}

// isSpace is the lexer's whitespace in tags.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func lower(c byte) bool   { return 'a' <= c && c <= 'z' }
func digit(c byte) bool   { return '0' <= c && c <= '9' }
func letter(c byte) bool  { return lower(c) || 'A' <= c && c <= 'Z' }
