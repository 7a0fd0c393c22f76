package decode

import (
	"encoding/binary"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Index maps key paths such as "massnahme[2].meilenstein[0].datum" to the line
// where the key is written. BurntSushi/toml keeps no positions for keys, and
// editors need the exact line of a wrong value, so this file scans the
// (already syntax-checked) TOML text once more just for keys and lines.
// That is the general path; the TOML of content files gets values and lines
// in one pass from fastParse (fast.go), which must agree with this scanner.
//
// A site of 10,000 files keeps the index of every file until its pages are
// written, so it is kept small: one sorted slice per file instead of two
// maps (10,000 pages: 23 instead of 55 MB). Sharing the key paths that
// recur from file to file (unique.Make) saved 8 MB more but cost as much
// time again as the slice.
type Index struct {
	first   int          // line of the first line of the text: position of the root table
	entries []indexEntry // sorted by path
	// packed holds the entries instead, as AppendPacked writes them, in an
	// index read back from the content snapshot (ReadPacked): it takes no
	// memory of its own there, where entries took 9 MB at 10,000 pages.
	packed string
}

type indexEntry struct {
	path  string
	line  int32 // line of the key; 0: not written
	value int32 // line where a string value's text begins; 0: none
}

// find returns the entry of path.
func (ix *Index) find(path string) (indexEntry, bool) {
	if ix.packed != "" {
		return ix.findPacked(path)
	}
	i, ok := slices.BinarySearchFunc(ix.entries, path, func(e indexEntry, p string) int { return strings.Compare(e.path, p) })
	if !ok {
		return indexEntry{}, false
	}
	return ix.entries[i], true
}

// has reports whether the key at path is written in the text.
func (ix *Index) has(path string) bool {
	e, ok := ix.find(path)
	return ok && e.line > 0
}

// Line returns the line of path, or of its nearest ancestor that has one.
// The document root is line 1: the start of the file (or its +++ line),
// which editors can jump to.
func (ix *Index) Line(path string) int {
	if ix == nil {
		return 0
	}
	for path != "" {
		if e, ok := ix.find(path); ok && e.line > 0 {
			return int(e.line)
		}
		path = parent(path)
	}
	return ix.first
}

// ValueLine returns the line on which the text of the string at path
// begins: the key's line, or the next one for a """ string that starts with
// a line break. 0 if unknown.
func (ix *Index) ValueLine(path string) int {
	if ix == nil {
		return 0
	}
	if e, ok := ix.find(path); ok && e.value > 0 {
		return int(e.value)
	}
	return ix.Line(path)
}

// parent strips the last segment: "a.b[2]" → "a.b", "a.b" → "a".
func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

type scanner struct {
	cursor
	lines  map[string]int
	values map[string]int
	arrays map[string]int // array-of-tables path → number of elements seen
}

func buildIndex(src []byte, firstLine int) *Index {
	sc := &scanner{cursor: cursor{s: src, line: firstLine}, lines: map[string]int{}, values: map[string]int{}, arrays: map[string]int{}}
	sc.run()
	entries := make([]indexEntry, 0, len(sc.lines)+len(sc.values))
	for p, l := range sc.lines {
		entries = append(entries, indexEntry{path: p, line: int32(l), value: int32(sc.values[p])})
	}
	for p, v := range sc.values {
		if _, ok := sc.lines[p]; !ok {
			entries = append(entries, indexEntry{path: p, value: int32(v)})
		}
	}
	slices.SortFunc(entries, func(a, b indexEntry) int { return strings.Compare(a.path, b.path) })
	return &Index{first: firstLine, entries: entries}
}

// cursor is a position in a TOML text, shared by the line scanner and
// the one-pass parser (fastParse).
type cursor struct {
	s    []byte
	i    int
	line int
}

func (c *cursor) eof() bool { return c.i >= len(c.s) }

func (c *cursor) peek(off int) byte {
	if c.i+off < len(c.s) {
		return c.s[c.i+off]
	}
	return 0
}

func (sc *scanner) advance() {
	if sc.s[sc.i] == '\n' {
		sc.line++
	}
	sc.i++
}

// skipSpace skips blanks, and newlines and comments if multiline is set.
func (sc *scanner) skipSpace(multiline bool) {
	for !sc.eof() {
		switch c := sc.s[sc.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			sc.i++
		case c == '\n' && multiline:
			sc.advance()
		case c == '#' && multiline:
			for !sc.eof() && sc.s[sc.i] != '\n' {
				sc.i++
			}
		default:
			return
		}
	}
}

func (sc *scanner) skipLine() {
	for !sc.eof() && sc.s[sc.i] != '\n' {
		if sc.s[sc.i] == '"' || sc.s[sc.i] == '\'' {
			sc.skipString()
			continue
		}
		sc.i++
	}
}

func (sc *scanner) run() {
	cur := ""
	for {
		sc.skipSpace(true)
		if sc.eof() {
			return
		}
		line := sc.line
		if sc.s[sc.i] == '[' {
			array := sc.peek(1) == '['
			sc.i++
			if array {
				sc.i++
			}
			keys := sc.keys()
			if len(keys) == 0 { // not a header: cannot happen in valid TOML
				sc.skipLine()
				continue
			}
			if array {
				path := sc.resolve(keys[:len(keys)-1])
				path = join(path, keys[len(keys)-1])
				n := sc.arrays[path]
				sc.arrays[path] = n + 1
				if _, ok := sc.lines[path]; !ok {
					sc.lines[path] = line
				}
				cur = path + "[" + strconv.Itoa(n) + "]"
			} else {
				cur = sc.resolve(keys)
			}
			sc.lines[cur] = line
			sc.implicit(cur, line)
			sc.skipLine()
			continue
		}
		keys := sc.keys()
		if len(keys) == 0 { // not a key: cannot happen in valid TOML; avoid looping
			sc.skipLine()
			continue
		}
		path := join(cur, strings.Join(keys, "."))
		sc.lines[path] = line
		sc.implicit(path, line)
		sc.skipSpace(false)
		if !sc.eof() && sc.s[sc.i] == '=' {
			sc.i++
		}
		sc.value(path)
	}
}

// implicit gives tables that are only created by a dotted key or a header
// ("a.b = 1", "[[x.y]]" create a and x) the line that created them.
func (sc *scanner) implicit(path string, line int) {
	for p := parent(path); p != ""; p = parent(p) {
		if _, ok := sc.lines[p]; !ok {
			sc.lines[p] = line
		}
	}
}

// resolve turns header keys into a path, indexing arrays of tables by their
// current (last) element, as TOML does.
func (sc *scanner) resolve(keys []string) string {
	p := ""
	for _, k := range keys {
		p = join(p, k)
		if n := sc.arrays[p]; n > 0 {
			p += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return p
}

func (sc *scanner) keys() []string {
	var out []string
	for {
		sc.skipSpace(false)
		if sc.eof() {
			return out
		}
		c := sc.s[sc.i]
		switch {
		case c == '"' || c == '\'':
			start := sc.i
			sc.skipString()
			k := string(sc.s[start+1 : max(start+1, sc.i-1)])
			if uq, err := strconv.Unquote(string(sc.s[start:sc.i])); err == nil && c == '"' {
				k = uq
			}
			out = append(out, k)
		case isBare(c):
			start := sc.i
			for !sc.eof() && isBare(sc.s[sc.i]) {
				sc.i++
			}
			out = append(out, string(sc.s[start:sc.i]))
		default:
			return out
		}
		sc.skipSpace(false)
		if !sc.eof() && sc.s[sc.i] == '.' {
			sc.i++
			continue
		}
		if !sc.eof() && sc.s[sc.i] == ']' { // end of a table header
			for !sc.eof() && sc.s[sc.i] == ']' {
				sc.i++
			}
		}
		return out
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (sc *scanner) skipString() {
	q := sc.s[sc.i]
	if sc.peek(1) == q && sc.peek(2) == q { // multi-line
		sc.i += 3
		for !sc.eof() {
			if sc.s[sc.i] == '\\' && q == '"' {
				sc.advance()
				if !sc.eof() {
					sc.advance()
				}
				continue
			}
			if sc.s[sc.i] == q && sc.peek(1) == q && sc.peek(2) == q {
				sc.i += 3
				for !sc.eof() && sc.s[sc.i] == q { // up to two quotes may close the content
					sc.i++
				}
				return
			}
			sc.advance()
		}
		return
	}
	sc.i++
	for !sc.eof() && sc.s[sc.i] != '\n' {
		c := sc.s[sc.i]
		if c == '\\' && q == '"' {
			sc.i += 2
			continue
		}
		sc.i++
		if c == q {
			return
		}
	}
}

func (sc *scanner) value(path string) {
	sc.skipSpace(false)
	if sc.eof() {
		return
	}
	switch sc.s[sc.i] {
	case '"', '\'':
		q := sc.s[sc.i]
		line := sc.line
		if sc.peek(1) == q && sc.peek(2) == q && (sc.peek(3) == '\n' || sc.peek(3) == '\r' && sc.peek(4) == '\n') {
			line++ // TOML drops a line break right after the opening """
		}
		sc.values[path] = line
		sc.skipString()
	case '{':
		sc.i++
		for {
			sc.skipSpace(true)
			if sc.eof() {
				return
			}
			if sc.s[sc.i] == '}' {
				sc.i++
				return
			}
			if sc.s[sc.i] == ',' {
				sc.i++
				continue
			}
			line := sc.line
			keys := sc.keys()
			if len(keys) == 0 {
				sc.i++
				continue
			}
			p := join(path, strings.Join(keys, "."))
			sc.lines[p] = line
			sc.implicit(p, line)
			sc.skipSpace(true)
			if !sc.eof() && sc.s[sc.i] == '=' {
				sc.i++
			}
			sc.value(p)
		}
	case '[':
		sc.i++
		for n := 0; ; {
			sc.skipSpace(true)
			if sc.eof() {
				return
			}
			switch sc.s[sc.i] {
			case ']':
				sc.i++
				return
			case ',':
				sc.i++
				continue
			}
			p := path + "[" + strconv.Itoa(n) + "]"
			sc.lines[p] = sc.line
			before := sc.i
			sc.value(p)
			if sc.i == before { // defensive: never spin on unexpected input
				sc.i++
			}
			n++
		}
	default:
		for !sc.eof() {
			c := sc.s[sc.i]
			if c == ',' || c == ']' || c == '}' || c == '\n' || c == '#' {
				return
			}
			sc.i++
		}
	}
}

// The content snapshot of the command line build (package abbild) stores
// the index of every file it keeps, so that positions in later findings
// are those of a fresh parse. These give it the entries and take them back.

// First is the line of the text's first line (the root table's position).
func (ix *Index) First() int { return ix.first }

// Len is the number of key paths in ix.
func (ix *Index) Len() int {
	if ix.packed != "" {
		n, _ := uvarint(ix.packed, 0)
		return int(n)
	}
	return len(ix.entries)
}

// Entry returns the i-th key path in sorted order, its line and the line
// of its string value's text (0: none).
func (ix *Index) Entry(i int) (path string, line, value int32) {
	if ix.packed != "" {
		e, _ := packedEntry(ix.packed, packedAt(ix.packed, i))
		return e.path, e.line, e.value
	}
	e := ix.entries[i]
	return e.path, e.line, e.value
}

// NewIndex rebuilds an index of n entries from what Entry returned. A
// stored index may be damaged: ok is false unless the paths are strictly
// ascending, as lookups need them.
func NewIndex(first, n int, entry func(i int) (path string, line, value int32)) (ix *Index, ok bool) {
	entries := make([]indexEntry, n)
	for i := range entries {
		p, l, v := entry(i)
		if i > 0 && p <= entries[i-1].path {
			return nil, false
		}
		entries[i] = indexEntry{path: p, line: l, value: v}
	}
	return &Index{first: first, entries: entries}, true
}

// AppendPacked appends the entries of ix to b: their number; the width
// of an offset (2 or 4 bytes); the offset of each entry after the offsets,
// so that lookups can search them in halves; then for each entry the
// length and bytes of its path and its two lines as varints.
func (ix *Index) AppendPacked(b []byte) []byte {
	if ix.packed != "" {
		return append(b, ix.packed...)
	}
	size := 0
	for _, e := range ix.entries {
		size += packedSize(e)
	}
	width := 2
	if size > math.MaxUint16 {
		width = 4
	}
	b = binary.AppendUvarint(b, uint64(len(ix.entries)))
	b = append(b, byte(width))
	off := 0
	for _, e := range ix.entries {
		b = append(b, byte(off), byte(off>>8))
		if width == 4 {
			b = append(b, byte(off>>16), byte(off>>24))
		}
		off += packedSize(e)
	}
	for _, e := range ix.entries {
		b = binary.AppendUvarint(b, uint64(len(e.path)))
		b = append(b, e.path...)
		b = binary.AppendVarint(b, int64(e.line))
		b = binary.AppendVarint(b, int64(e.value))
	}
	return b
}

// packedSize is the bytes of e in AppendPacked.
func packedSize(e indexEntry) int {
	var tmp [3 * binary.MaxVarintLen64]byte
	b := binary.AppendUvarint(tmp[:0], uint64(len(e.path)))
	b = binary.AppendVarint(b, int64(e.line))
	b = binary.AppendVarint(b, int64(e.value))
	return len(b) + len(e.path)
}

// ReadPacked reads what AppendPacked wrote from the start of data and
// returns an index that keeps it as it is (data must not change), and the
// bytes it took; ok is false for damage: a number cut off, an offset that
// is not where the entry before ends, a line out of range, paths not
// strictly ascending. It allocates only the Index, whatever data holds.
func ReadPacked(first int, data string) (ix *Index, n int, ok bool) {
	count, width, body := packedHead(data)
	if body == 0 || count > uint64(len(data)-body)/uint64(width+3) {
		return nil, 0, false
	}
	offsets := body
	body += int(count) * width
	i := body
	prev := ""
	for k := range int(count) {
		if offset(data, offsets+k*width, width) != i-body {
			return nil, 0, false
		}
		var e indexEntry
		if e, i = packedEntry(data, i); i == 0 || k > 0 && e.path <= prev {
			return nil, 0, false
		}
		prev = e.path
	}
	return &Index{first: first, packed: data[:i]}, i, true
}

// packedHead reads the number of entries and the width of an offset of a
// packed index and returns where the offsets begin; 0 if it is damaged.
func packedHead(s string) (count uint64, width, at int) {
	count, at = uvarint(s, 0)
	if at == 0 || at >= len(s) || s[at] != 2 && s[at] != 4 {
		return 0, 0, 0
	}
	return count, int(s[at]), at + 1
}

// packedAt is the index in s, a packed index that ReadPacked accepted, of
// its k-th entry.
func packedAt(s string, k int) int {
	count, width, at := packedHead(s)
	body := at + int(count)*width
	return body + offset(s, at+k*width, width)
}

// offset reads the offset of width bytes at i of s.
func offset(s string, i, width int) int {
	v := int(s[i]) | int(s[i+1])<<8
	if width == 4 {
		v |= int(s[i+2])<<16 | int(s[i+3])<<24
	}
	return v
}

// findPacked is find on the packed entries, by halves as the slice.
func (ix *Index) findPacked(path string) (indexEntry, bool) {
	count, width, at := packedHead(ix.packed)
	body := at + int(count)*width
	k, found := sort.Find(int(count), func(k int) int {
		// Only the path: its lines are read for the entry found.
		i := body + offset(ix.packed, at+k*width, width)
		n, i := uvarint(ix.packed, i)
		return strings.Compare(path, ix.packed[i:i+int(n)])
	})
	if !found {
		return indexEntry{}, false
	}
	e, _ := packedEntry(ix.packed, packedAt(ix.packed, k))
	return e, true
}

// packedEntry reads the entry at i of s and returns the index after it;
// 0 if it is damaged.
func packedEntry(s string, i int) (indexEntry, int) {
	n, i := uvarint(s, i)
	if i == 0 || n > uint64(len(s)-i) {
		return indexEntry{}, 0
	}
	e := indexEntry{path: s[i : i+int(n)]}
	if e.line, i = varint32(s, i+int(n)); i == 0 {
		return indexEntry{}, 0
	}
	if e.value, i = varint32(s, i); i == 0 {
		return indexEntry{}, 0
	}
	return e, i
}

// varint32 reads a varint of binary.AppendVarint at i of s that must fit
// an int32; the index after it is 0 if it does not.
func varint32(s string, i int) (int32, int) {
	u, i := uvarint(s, i)
	x := int64(u>>1) ^ -int64(u&1)
	if i == 0 || x < math.MinInt32 || x > math.MaxInt32 {
		return 0, 0
	}
	return int32(x), i
}

// uvarint is binary.Uvarint on a string from index i: the value and the
// index after it, 0 if it is cut off or too long.
func uvarint(s string, i int) (uint64, int) {
	var x uint64
	for shift := uint(0); i < len(s) && shift < 64; shift += 7 {
		b := s[i]
		i++
		if b < 0x80 {
			if shift == 63 && b > 1 {
				return 0, 0
			}
			return x | uint64(b)<<shift, i
		}
		x |= uint64(b&0x7f) << shift
	}
	return 0, 0
}

// UnpackAll turns every packed index that v reaches (through pointers,
// structs, slices and maps) into the form a fresh parse gives, so that
// tests can compare values read from the content snapshot with
// reflect.DeepEqual. Not for use while others read the indexes.
func UnpackAll(v any) { unpackAll(reflect.ValueOf(v)) }

func unpackAll(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			unpackAll(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[At]() {
			// ix is unexported: Interface would refuse an At reached
			// through an unexported field.
			(*Index)(v.FieldByName("ix").UnsafePointer()).unpack()
			return
		}
		for i := range v.NumField() {
			unpackAll(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			unpackAll(v.Index(i))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			unpackAll(it.Value())
		}
	}
}

func (ix *Index) unpack() {
	if ix == nil || ix.packed == "" {
		return
	}
	ix.entries = make([]indexEntry, ix.Len())
	for k := range ix.entries {
		ix.entries[k], _ = packedEntry(ix.packed, packedAt(ix.packed, k))
	}
	ix.packed = ""
}
