package decode

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fastParse reads the TOML that content files are written in – bare keys,
// [tables], [[arrays of tables]], strings, decimal numbers, booleans,
// arrays and one-line inline tables – into the same values and the same key
// index as BurntSushi/toml plus buildIndex, in one pass over the text.
// BurntSushi parsed every head a second time just for the values, which was
// half the CPU time of loading 10,000 files.
//
// It accepts less than TOML: anything else (dates without quotes, quoted
// keys, hex numbers, a table defined twice, control characters in strings,
// any syntax error, …) makes it return ok=false, and Parse takes the general
// path, which also words every error. So fastParse never has to be right
// about invalid text, only never accept it; FuzzFastParse compares both paths.
func fastParse(src []byte, firstLine int) (root map[string]any, ix *Index, ok bool) {
	p := parsers.Get().(*fastParser)
	defer p.release()
	p.cursor = cursor{s: src, line: firstLine}
	p.root, p.entries = map[string]any{}, make([]indexEntry, 0, 32)
	if !utf8.Valid(src) || !p.run() || p.bad {
		return nil, nil, false
	}
	slices.SortFunc(p.entries, func(a, b indexEntry) int { return strings.Compare(a.path, b.path) })
	return p.root, &Index{first: firstLine, entries: p.entries}, true
}

// parsers keeps the parsers' lookup maps from one head to the next:
// making them anew for each of 10,000 files, and growing them from empty,
// was a tenth of the time of loading (page faults and clearing new maps).
// What fastParse returns (root, entries) is always new.
var parsers = sync.Pool{New: func() any {
	return &fastParser{at: make(map[string]int, 32), kinds: make(map[string]tableKind, 16)}
}}

// release empties p for the next head and returns it to parsers. A map
// that a very large head grew is left to the collector: clear costs as
// much as the map's largest size, every time.
func (p *fastParser) release() {
	if len(p.at) > 256 || len(p.kinds) > 256 || len(p.arrays) > 256 {
		return
	}
	clear(p.at)
	clear(p.kinds)
	clear(p.arrays)
	p.cursor, p.root, p.entries, p.bad = cursor{}, nil, nil, false
	parsers.Put(p)
}

// tableKind says how a table came about; TOML allows adding to a table only
// in some of these cases, and fastParse only in the plainly valid ones.
type tableKind uint8

const (
	tableImplicit tableKind = iota + 1 // by a header below it: [a.b] creates a
	tableExplicit                      // by its own header
	tableDotted                        // by a dotted key: a.b = 1 creates a
)

type fastParser struct {
	cursor
	root    map[string]any
	at      map[string]int       // key path → its entry in entries
	kinds   map[string]tableKind // tables by path that headers and dotted keys may add to
	arrays  map[string]int       // array-of-tables path → number of elements, as in scanner
	entries []indexEntry
	spans   [][2]int // of the parts of the key keys read last
	parts   []string
	bad     bool // a comment held a control character
}

// entry returns the index entry of path, made on first use.
func (p *fastParser) entry(path string) *indexEntry {
	if i, ok := p.at[path]; ok {
		return &p.entries[i]
	}
	p.at[path] = len(p.entries)
	p.entries = append(p.entries, indexEntry{path: path})
	return &p.entries[len(p.entries)-1]
}

// setLine records lines as scanner does: a key's own line always, its
// parents' only when they have none yet. Every key with a line has parents
// with lines, so the walk up ends at the first parent that has one.
func (p *fastParser) setLine(path string, line int) {
	p.entry(path).line = int32(line)
	for q := parent(path); q != ""; q = parent(q) {
		e := p.entry(q)
		if e.line != 0 {
			return
		}
		e.line = int32(line)
	}
}

func (p *fastParser) skipBlank() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// skipSpace skips blanks, comments and line breaks.
func (p *fastParser) skipSpace() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t':
			p.i++
		case '\n':
			p.i++
			p.line++
		case '#':
			p.skipComment()
		default:
			return
		}
	}
}

// skipComment skips a comment; one with a control character ends the fast
// path, as TOML forbids them.
func (p *fastParser) skipComment() {
	for p.i < len(p.s) && p.s[p.i] != '\n' {
		if c := p.s[p.i]; c < 0x20 && c != '\t' || c == 0x7f {
			p.bad = true
		}
		p.i++
	}
}

// endLine accepts blanks and a comment up to the end of the line.
func (p *fastParser) endLine() bool {
	p.skipBlank()
	if p.i < len(p.s) && p.s[p.i] == '#' {
		p.skipComment()
	}
	return p.eof() || p.s[p.i] == '\n'
}

func (p *fastParser) run() bool {
	cur, curPath := p.root, ""
	for {
		p.skipSpace()
		if p.eof() {
			return true
		}
		line := p.line
		if p.s[p.i] == '[' {
			array := p.peek(1) == '['
			p.i++
			if array {
				p.i++
			}
			_, keys, ok := p.keys("")
			if !ok || p.eof() || p.s[p.i] != ']' {
				return false
			}
			p.i++
			if array {
				if p.eof() || p.s[p.i] != ']' {
					return false
				}
				p.i++
			}
			p.skipBlank()
			if c := p.i; p.i < len(p.s) && p.s[p.i] == '#' {
				p.skipComment()
				// scanner reads quotes in a comment after a header as the
				// start of a text, and a triple quote hides the keys after
				// it: the general path keeps their lines as they were.
				if bytes.ContainsAny(p.s[c:p.i], `"'`) {
					return false
				}
			}
			if !p.endLine() {
				return false
			}
			if cur, curPath, ok = p.header(keys, array, line); !ok {
				return false
			}
			continue
		}
		if !p.keyValue(cur, curPath, line) || !p.endLine() {
			return false
		}
	}
}

// header opens the table of [keys] or a new element of [[keys]].
func (p *fastParser) header(keys []string, array bool, line int) (map[string]any, string, bool) {
	m, path := p.root, ""
	for _, k := range keys[:len(keys)-1] {
		path = join(path, k)
		if v, ok := m[k].([]map[string]any); ok {
			if p.arrays[path] != len(v) { // an array from a value, not from [[…]]
				return nil, "", false
			}
			path += "[" + strconv.Itoa(len(v)-1) + "]"
			m = v[len(v)-1]
			continue
		}
		var ok bool
		if m, ok = p.open(m, k, path, tableImplicit); !ok {
			return nil, "", false
		}
	}
	k := keys[len(keys)-1]
	path = join(path, k)
	sub := map[string]any{}
	if !array {
		if _, ok := m[k]; ok {
			return nil, "", false
		}
		m[k] = sub
		p.kinds[path] = tableExplicit
		p.setLine(path, line)
		return sub, path, true
	}
	var elems []map[string]any
	if v, ok := m[k]; ok {
		elems, ok = v.([]map[string]any)
		if !ok || p.arrays[path] != len(elems) {
			return nil, "", false
		}
	}
	if p.arrays == nil {
		p.arrays = map[string]int{}
	}
	p.arrays[path] = len(elems) + 1
	elemPath := path + "[" + strconv.Itoa(len(elems)) + "]"
	m[k] = append(elems, sub)
	p.kinds[elemPath] = tableExplicit
	p.setLine(elemPath, line)
	return sub, elemPath, true
}

// open returns the table m[k] at path on the way to a key: made as kind if
// it is missing, else only if TOML allows a way of this kind into it (a
// header passes through tables of headers, a dotted key through those of
// dotted keys). Other values end the fast path.
func (p *fastParser) open(m map[string]any, k, path string, kind tableKind) (map[string]any, bool) {
	switch v := m[k].(type) {
	case nil:
		sub := map[string]any{}
		m[k] = sub
		p.kinds[path] = kind
		return sub, true
	case map[string]any:
		kd := p.kinds[path]
		return v, kd == kind || kind == tableImplicit && kd == tableExplicit
	}
	return nil, false
}

// keys reads bare keys joined by dots. It returns their path below prefix
// and the parts, which share the path's memory: one allocation for a key
// instead of three. parts is valid until the next call.
func (p *fastParser) keys(prefix string) (full string, parts []string, ok bool) {
	p.spans = p.spans[:0]
	size := len(prefix)
	for {
		p.skipBlank()
		start := p.i
		for p.i < len(p.s) && isBare(p.s[p.i]) {
			p.i++
		}
		if p.i == start {
			return "", nil, false // empty, quoted or not a key
		}
		p.spans = append(p.spans, [2]int{start, p.i})
		size += 1 + p.i - start
		p.skipBlank()
		if p.i < len(p.s) && p.s[p.i] == '.' {
			p.i++
			continue
		}
		break
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(prefix)
	offs := p.parts[:0]
	for i, sp := range p.spans {
		if i > 0 || prefix != "" {
			b.WriteByte('.')
		}
		b.Write(p.s[sp[0]:sp[1]])
	}
	full = b.String()
	at := len(full)
	for i := len(p.spans) - 1; i >= 0; i-- { // the parts from the end: the prefix may contain dots
		n := p.spans[i][1] - p.spans[i][0]
		offs = append(offs, full[at-n:at])
		at -= n + 1
	}
	slices.Reverse(offs)
	p.parts = offs
	return full, offs, true
}

// keyValue reads key = value into m, the table at path.
func (p *fastParser) keyValue(m map[string]any, path string, line int) bool {
	full, keys, ok := p.keys(path)
	if !ok || p.eof() || p.s[p.i] != '=' {
		return false
	}
	p.i++
	for _, k := range keys[:len(keys)-1] {
		path = join(path, k)
		if m, ok = p.open(m, k, path, tableDotted); !ok {
			return false
		}
	}
	k := keys[len(keys)-1]
	if _, ok := m[k]; ok {
		return false
	}
	p.setLine(full, line)
	p.skipBlank()
	v, ok := p.value(full)
	if !ok {
		return false
	}
	m[k] = v
	return true
}

// value reads one value; path is its key path for the index.
func (p *fastParser) value(path string) (any, bool) {
	if p.eof() {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '"' || c == '\'':
		line := p.line
		if p.peek(1) == c && p.peek(2) == c && p.peek(3) == '\n' {
			line++ // TOML drops a line break right after the opening """
		}
		p.entry(path).value = int32(line)
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		if _, bad := controlChar(s, true); bad {
			return nil, false // the general path reports it
		}
		return s, true
	case c == '[':
		p.i++
		items := []any{}
		for {
			p.skipSpace()
			if p.eof() {
				return nil, false
			}
			if p.s[p.i] == ']' {
				p.i++
				return items, true
			}
			ep := path + "[" + strconv.Itoa(len(items)) + "]"
			p.setLine(ep, p.line)
			v, ok := p.value(ep)
			if !ok {
				return nil, false
			}
			items = append(items, v)
			p.skipSpace()
			if p.eof() {
				return nil, false
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case ']':
			default:
				return nil, false
			}
		}
	case c == '{':
		p.i++
		m := map[string]any{}
		p.skipBlank()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return m, true
		}
		for {
			if !p.keyValue(m, path, p.line) {
				return nil, false
			}
			p.skipBlank()
			if p.eof() {
				return nil, false
			}
			switch p.s[p.i] {
			case ',':
				p.i++
				p.skipBlank()
				if p.i < len(p.s) && p.s[p.i] == '}' { // trailing comma: TOML 1.1 only
					return nil, false
				}
			case '}':
				p.i++
				return m, true
			default:
				return nil, false
			}
		}
	default:
		start := p.i
		for p.i < len(p.s) && (isBare(p.s[p.i]) || p.s[p.i] == '.' || p.s[p.i] == '+') {
			p.i++
		}
		return scalar(string(p.s[start:p.i]))
	}
}

// scalar reads a boolean or a decimal number; dates, inf, nan and numbers
// in other bases go the general way.
func scalar(t string) (any, bool) {
	switch t {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	digits := t
	if digits != "" && (digits[0] == '-' || digits[0] == '+') {
		digits = digits[1:]
	}
	mant, exp, hasExp := strings.Cut(digits, "e")
	if !hasExp {
		mant, exp, hasExp = strings.Cut(digits, "E")
	}
	intPart, frac, hasFrac := strings.Cut(mant, ".")
	if !decimal(intPart) || len(intPart) > 1 && intPart[0] == '0' {
		return nil, false
	}
	if hasFrac && !decimal(frac) {
		return nil, false
	}
	if hasExp {
		if exp != "" && (exp[0] == '-' || exp[0] == '+') {
			exp = exp[1:]
		}
		if !decimal(exp) {
			return nil, false
		}
	}
	if !hasFrac && !hasExp {
		n, err := strconv.ParseInt(t, 10, 64)
		return n, err == nil
	}
	f, err := strconv.ParseFloat(t, 64)
	return f, err == nil
}

// decimal reports whether s is one or more ASCII digits (no _ separators:
// they go the general way).
func decimal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// str reads a quoted string of any of TOML's four kinds.
func (p *fastParser) str() (string, bool) {
	q := p.s[p.i]
	multi := p.peek(1) == q && p.peek(2) == q
	if multi {
		p.i += 3
		if p.i < len(p.s) && p.s[p.i] == '\n' {
			p.i++
			p.line++
		}
	} else {
		p.i++
	}
	start := p.i
	var b []byte // the unescaped text once an escape was met
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q && (!multi || p.peek(1) == q && p.peek(2) == q):
			end := p.i
			if multi {
				n := 3
				for p.i+n < len(p.s) && p.s[p.i+n] == q {
					n++
				}
				if n > 5 {
					return "", false
				}
				end += n - 3 // up to two quotes belong to the text
				p.i += n
			} else {
				p.i++
			}
			if b != nil {
				return string(append(b, p.s[start:end]...)), true
			}
			return string(p.s[start:end]), true
		case c == '\n':
			if !multi {
				return "", false
			}
			p.line++
			p.i++
		case c == '\\' && q == '"':
			r, n := escape(p.s[p.i:])
			if n == 0 {
				return "", false // also a line-ending backslash
			}
			if b == nil {
				b = make([]byte, 0, len(p.s)-start)
			}
			b = append(b, p.s[start:p.i]...)
			b = utf8.AppendRune(b, r)
			p.i += n
			start = p.i
		default:
			p.i++
		}
	}
	return "", false
}

// escape decodes the escape sequence at the start of s; n = 0 for one that
// fastParse leaves to the general path.
func escape(s []byte) (r rune, n int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch s[1] {
	case '"':
		return '"', 2
	case '\\':
		return '\\', 2
	case 'n':
		return '\n', 2
	case 't':
		return '\t', 2
	case 'u', 'U':
		w := 4
		if s[1] == 'U' {
			w = 8
		}
		if len(s) < 2+w {
			return 0, 0
		}
		for _, c := range s[2 : 2+w] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return 0, 0
			}
		}
		v, err := strconv.ParseUint(string(s[2:2+w]), 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), 2 + w
	}
	return 0, 0
}
