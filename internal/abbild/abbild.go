// Package abbild stores decoded values (the structs of package content) in
// a compact binary form and reads them back, for the content snapshot of
// the command line build: a build that finds a file unchanged takes its
// parsed value from the snapshot instead of reading and decoding it again.
//
// The format follows the structs by reflection, but reflection runs only
// once per type: a plan lists each field's offset and how it is stored,
// nested structs flattened into their parent's list. Reading then writes
// the fields through pointers, and every string is a part of the one
// buffer read from disk instead of an allocation of its own (gob, tried
// earlier for other records, allocated every string and map key and was
// several times slower). Every number is a varint, every string its
// length and bytes, a slice or map one more than its length (0: nil), a
// pointer 0 or 1 before its value. decode.At is stored with the index of
// key lines it shares with the other tables of its file, once per file,
// packed (decode.Index.AppendPacked): the reader leaves it in the data
// instead of a slice of entries per file.
//
// A snapshot may be damaged or written by another program: the file
// carries a checksum, and the reader trusts no length. A count larger
// than what is left of the data, divided by the least bytes an element
// needs, is damage, so that no input allocates much more than its own
// size; after the first damage the reader returns zero values only.
package abbild

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"reflect"
	"unsafe"

	"tdsite/internal/decode"
)

type opKind uint8

const (
	opString opKind = iota + 1
	opBytes
	opInt
	opUint
	opBool
	opFloat
	opStrings // []string, the most frequent slice
	opSlice
	opPtr
	opStrMap // map[string]string
	opAt     // decode.At
)

// op stores one field: at off in its struct, of kind k; size is the byte
// size of an integer, elem the plan of a slice's element or a pointer's
// target, typ the slice or pointer type.
type op struct {
	off  uintptr
	k    opKind
	size uintptr
	elem *plan
	typ  reflect.Type
}

// plan stores a struct type field by field.
type plan struct {
	typ reflect.Type
	ops []op
	min int // least bytes a value takes: bounds counts of elements
}

var atType = reflect.TypeFor[decode.At]()

// Codec knows the plans of a fixed list of root types (pointers to
// structs). Its plans are made once and never change.
type Codec struct {
	roots []*plan
	plans map[reflect.Type]*plan
}

// New returns a codec for the root types, each a pointer to a struct. It
// fails for a field it cannot store exactly (an interface, a channel, a
// map other than of strings, an unexported field, a recursive type): a
// test calls it, so a field added to content that the format would lose
// fails the tests instead of a build.
func New(roots ...reflect.Type) (*Codec, error) {
	c := &Codec{plans: map[reflect.Type]*plan{}}
	for _, t := range roots {
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("abbild: %s ist kein Zeiger auf eine Struktur", t)
		}
		p, err := c.plan(t.Elem(), nil)
		if err != nil {
			return nil, err
		}
		c.roots = append(c.roots, p)
	}
	return c, nil
}

func (c *Codec) plan(t reflect.Type, outer []reflect.Type) (*plan, error) {
	if p := c.plans[t]; p != nil {
		return p, nil
	}
	for _, o := range outer {
		if o == t {
			return nil, fmt.Errorf("abbild: %s enthält sich selbst", t)
		}
	}
	p := &plan{typ: t}
	if err := c.fields(p, t, 0, append(outer, t)); err != nil {
		return nil, err
	}
	c.plans[t] = p
	return p, nil
}

// fields appends the ops of struct t at offset base to p, nested structs
// inline.
func (c *Codec) fields(p *plan, t reflect.Type, base uintptr, outer []reflect.Type) error {
	for i := range t.NumField() {
		f := t.Field(i)
		off := base + f.Offset
		if f.Type == atType {
			p.ops = append(p.ops, op{off: off, k: opAt})
			p.min += 3
			continue
		}
		if !f.IsExported() {
			return fmt.Errorf("abbild: Feld %s.%s ist nicht exportiert", t, f.Name)
		}
		o, min, err := c.op(f.Type, off, outer)
		if err != nil {
			return fmt.Errorf("abbild: Feld %s.%s: %w", t, f.Name, err)
		}
		if o.k == 0 { // a struct: its fields inline
			if err := c.fields(p, f.Type, off, append(outer, f.Type)); err != nil {
				return err
			}
			continue
		}
		p.ops = append(p.ops, o)
		p.min += min
	}
	return nil
}

// op describes a value of type t at off; kind 0 means a struct, whose
// fields the caller puts inline.
func (c *Codec) op(t reflect.Type, off uintptr, outer []reflect.Type) (op, int, error) {
	o := op{off: off, size: t.Size(), typ: t}
	switch t.Kind() {
	case reflect.String:
		o.k = opString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		o.k = opInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		o.k = opUint
	case reflect.Bool:
		o.k = opBool
	case reflect.Float64:
		o.k = opFloat
		return o, 8, nil
	case reflect.Struct:
		for _, x := range outer {
			if x == t {
				return o, 0, fmt.Errorf("%s enthält sich selbst", t)
			}
		}
		return o, 0, nil
	case reflect.Slice:
		switch e := t.Elem(); {
		case e.Kind() == reflect.Uint8 && e.Name() == "uint8":
			o.k = opBytes
		case e.Kind() == reflect.String && e.Name() == "string":
			o.k = opStrings
		case e.Kind() == reflect.Struct:
			p, err := c.plan(e, outer)
			if err != nil {
				return o, 0, err
			}
			o.k, o.elem = opSlice, p
		default: // an element of its own plan, at offset 0
			eo, min, err := c.op(e, 0, outer)
			if err != nil {
				return o, 0, err
			}
			o.k, o.elem = opSlice, &plan{typ: e, ops: []op{eo}, min: min}
		}
	case reflect.Pointer:
		e := t.Elem()
		switch e.Kind() {
		case reflect.Struct:
			p, err := c.plan(e, outer)
			if err != nil {
				return o, 0, err
			}
			o.k, o.elem = opPtr, p
		default:
			eo, min, err := c.op(e, 0, outer)
			if err != nil {
				return o, 0, err
			}
			o.k, o.elem = opPtr, &plan{typ: e, ops: []op{eo}, min: min}
		}
	case reflect.Map:
		if t.Key() != reflect.TypeFor[string]() || t.Elem() != reflect.TypeFor[string]() {
			return o, 0, fmt.Errorf("nur map[string]string wird unterstützt, nicht %s", t)
		}
		o.k = opStrMap
	default:
		return o, 0, fmt.Errorf("Typ %s wird nicht unterstützt", t)
	}
	return o, 1, nil
}

// Root returns the index of root type t, or -1.
func (c *Codec) Root(t reflect.Type) int {
	for i, p := range c.roots {
		if reflect.PointerTo(p.typ) == t {
			return i
		}
	}
	return -1
}

// sliceHeader is the layout of every slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// Writer writes values to out in parts of a few hundred kilobytes: a
// snapshot of 10,000 files is about as large as their text, and holding it
// whole would raise the peak memory of the build.
type Writer struct {
	buf []byte
	out io.Writer
	crc uint32
	err error
	c   *Codec
	ixs []*decode.Index // the indexes written since Reset, by number
	at0 string          // the file of the last At since Reset
}

// spill is the size from which End passes the buffer on.
const spill = 256 << 10

// NewWriter starts a file with magic and version.
func (c *Codec) NewWriter(out io.Writer, magic string, version uint64) *Writer {
	w := &Writer{buf: make([]byte, 0, 2*spill), out: out, c: c}
	w.buf = append(w.buf, magic...)
	w.Uint(version)
	return w
}

// End ends a record: the buffer is written out once it is large enough.
func (w *Writer) End() {
	if len(w.buf) >= spill {
		w.flush()
	}
}

func (w *Writer) flush() {
	w.crc = crc32.Update(w.crc, castagnoli, w.buf)
	if w.err == nil {
		_, w.err = w.out.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

// Finish writes the rest and the checksum; it returns the first error
// writing out.
func (w *Writer) Finish() error {
	w.flush()
	w.buf = binary.LittleEndian.AppendUint32(w.buf, w.crc)
	if w.err == nil {
		_, w.err = w.out.Write(w.buf)
	}
	return w.err
}

// Reset forgets the indexes written so far: a value after it refers to
// none of them.
func (w *Writer) Reset() { w.ixs, w.at0 = w.ixs[:0], "" }

// Uint appends v.
func (w *Writer) Uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

// Int appends v.
func (w *Writer) Int(v int64) { w.buf = binary.AppendVarint(w.buf, v) }

// Str appends s.
func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Bool appends b.
func (w *Writer) Bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// count appends a length, 0 meaning nil.
func (w *Writer) count(n int, isNil bool) {
	if isNil {
		w.Uint(0)
		return
	}
	w.Uint(uint64(n) + 1)
}

// Count appends the length of a list, 0 meaning nil.
func (w *Writer) Count(n int, isNil bool) { w.count(n, isNil) }

// Value appends v, a pointer of root type root (see Root).
func (w *Writer) Value(root int, v any) {
	w.run(w.c.roots[root], reflect.ValueOf(v).UnsafePointer())
}

func (w *Writer) run(p *plan, base unsafe.Pointer) {
	for i := range p.ops {
		o := &p.ops[i]
		ptr := unsafe.Add(base, o.off)
		switch o.k {
		case opString:
			w.Str(*(*string)(ptr))
		case opBytes:
			b := *(*[]byte)(ptr)
			w.count(len(b), b == nil)
			w.buf = append(w.buf, b...)
		case opInt:
			w.Int(readInt(ptr, o.size))
		case opUint:
			w.Uint(readUint(ptr, o.size))
		case opBool:
			w.Bool(*(*bool)(ptr))
		case opFloat:
			w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(*(*float64)(ptr)))
		case opStrings:
			list := *(*[]string)(ptr)
			w.count(len(list), list == nil)
			for _, s := range list {
				w.Str(s)
			}
		case opSlice:
			h := (*sliceHeader)(ptr)
			w.count(h.len, h.data == nil)
			size := o.elem.typ.Size()
			for j := range h.len {
				w.run(o.elem, unsafe.Add(h.data, uintptr(j)*size))
			}
		case opPtr:
			target := *(*unsafe.Pointer)(ptr)
			if target == nil {
				w.buf = append(w.buf, 0)
				continue
			}
			w.buf = append(w.buf, 1)
			w.run(o.elem, target)
		case opStrMap:
			m := *(*map[string]string)(ptr)
			w.count(len(m), m == nil)
			for k, v := range m {
				w.Str(k)
				w.Str(v)
			}
		case opAt:
			w.at((*decode.At)(ptr))
		}
	}
}

// at writes an At: its file (0 when it is that of the At before, as
// nearly always, else length+1 and the name), its path and its index, by
// number when it was written before (1, 2 …), else 0 for none or len+1
// and the index.
func (w *Writer) at(a *decode.At) {
	if a.File == w.at0 && a.File != "" {
		w.Uint(0)
	} else {
		w.Uint(uint64(len(a.File)) + 1)
		w.buf = append(w.buf, a.File...)
		w.at0 = a.File
	}
	w.Str(a.Path)
	ix := a.Index()
	if ix == nil {
		w.Uint(0)
		return
	}
	for n, known := range w.ixs {
		if known == ix {
			w.Uint(uint64(n) + 1)
			return
		}
	}
	w.ixs = append(w.ixs, ix)
	w.Uint(uint64(len(w.ixs)))
	w.Int(int64(ix.First()))
	w.buf = ix.AppendPacked(w.buf)
}

func readInt(p unsafe.Pointer, size uintptr) int64 {
	switch size {
	case 1:
		return int64(*(*int8)(p))
	case 2:
		return int64(*(*int16)(p))
	case 4:
		return int64(*(*int32)(p))
	}
	return *(*int64)(p)
}

func readUint(p unsafe.Pointer, size uintptr) uint64 {
	switch size {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Reader reads what Writer wrote. The strings and byte slices it returns
// share the memory of the data, which must not change afterwards.
type Reader struct {
	data []byte
	i    int
	bad  bool
	c    *Codec
	ixs  []*decode.Index
	at0  string // the file of the last At since Reset
}

// Open checks magic and version of data and returns a reader of it; nil
// if they do not match. The checksum is computed on another core while
// the caller reads, and sound waits for it. The reader
// tolerates damage, so nothing read may be used before sound says true.
func (c *Codec) Open(data []byte, magic string, version uint64) (r *Reader, sound func() bool) {
	n := len(data) - 4
	if n < len(magic) || string(data[:len(magic)]) != magic {
		return nil, nil
	}
	sum := make(chan bool, 1)
	go func() { sum <- crc32.Checksum(data[:n], castagnoli) == binary.LittleEndian.Uint32(data[n:]) }()
	r = c.Body(data[len(magic):n])
	if r.Uint() != version || r.bad {
		<-sum
		return nil, nil
	}
	return r, func() bool { return <-sum }
}

// Body reads data without magic, version and checksum (for tests that
// feed the reader damage the checksum would catch).
func (c *Codec) Body(data []byte) *Reader { return &Reader{data: data, c: c} }

// Bad reports whether the data was damaged.
func (r *Reader) Bad() bool { return r.bad }

// Done reports whether all data was read, and read without damage.
func (r *Reader) Done() bool { return !r.bad && r.i == len(r.data) }

// Reset forgets the indexes read so far, as Writer.Reset did.
func (r *Reader) Reset() { r.ixs, r.at0 = r.ixs[:0], "" }

func (r *Reader) fail() {
	r.bad, r.i = true, len(r.data)
}

// Uint reads a varint.
func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.data[r.i:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.i += n
	return v
}

// Int reads a signed varint.
func (r *Reader) Int() int64 {
	v, n := binary.Varint(r.data[r.i:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.i += n
	return v
}

// Str reads a string sharing the data's memory.
func (r *Reader) Str() string { return r.next(r.Uint()) }

// next reads the next n bytes as a string sharing the data's memory.
func (r *Reader) next(n uint64) string {
	if n > uint64(len(r.data)-r.i) {
		r.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.data[r.i], int(n))
	r.i += int(n)
	return s
}

// Bool reads a bool.
func (r *Reader) Bool() bool {
	if r.i >= len(r.data) || r.data[r.i] > 1 {
		r.fail()
		return false
	}
	b := r.data[r.i] == 1
	r.i++
	return b
}

// Count reads the length of a list whose elements take at least min
// bytes each; ok is false for nil and for damage.
func (r *Reader) Count(min int) (n int, ok bool) {
	v := r.Uint()
	if v == 0 {
		return 0, false
	}
	if v-1 > uint64((len(r.data)-r.i)/max(min, 1)) {
		r.fail()
		return 0, false
	}
	return int(v - 1), true
}

// Value reads a value of root type root; nil if root is unknown or the
// data is damaged.
func (r *Reader) Value(root int) any {
	if root < 0 || root >= len(r.c.roots) {
		r.fail()
		return nil
	}
	v := reflect.New(r.c.roots[root].typ).Interface()
	if !r.ValueInto(root, v) {
		return nil
	}
	return v
}

// ValueInto reads a value of root type root into v, a pointer of that
// type, which it sets to zero first: a caller that needs a record only
// until the next one reuses it instead of allocating one each time. It
// reports false if root or v is wrong or the data is damaged.
func (r *Reader) ValueInto(root int, v any) bool {
	if root < 0 || root >= len(r.c.roots) || reflect.TypeOf(v) != reflect.PointerTo(r.c.roots[root].typ) || reflect.ValueOf(v).IsNil() {
		r.fail()
		return false
	}
	target := reflect.ValueOf(v)
	target.Elem().SetZero()
	r.run(r.c.roots[root], target.UnsafePointer())
	return !r.bad
}

func (r *Reader) run(p *plan, base unsafe.Pointer) {
	for i := range p.ops {
		if r.bad {
			return
		}
		o := &p.ops[i]
		ptr := unsafe.Add(base, o.off)
		switch o.k {
		case opString:
			*(*string)(ptr) = r.Str()
		case opBytes:
			n, ok := r.Count(1)
			if !ok {
				continue
			}
			// Capacity ends with the text: appending to it copies.
			*(*[]byte)(ptr) = r.data[r.i : r.i+n : r.i+n]
			r.i += n
		case opInt:
			writeInt(ptr, o.size, r.Int())
		case opUint:
			writeUint(ptr, o.size, r.Uint())
		case opBool:
			*(*bool)(ptr) = r.Bool()
		case opFloat:
			if len(r.data)-r.i < 8 {
				r.fail()
				continue
			}
			*(*float64)(ptr) = math.Float64frombits(binary.LittleEndian.Uint64(r.data[r.i:]))
			r.i += 8
		case opStrings:
			n, ok := r.Count(1)
			if !ok {
				continue
			}
			list := make([]string, n)
			for j := range list {
				list[j] = r.Str()
			}
			*(*[]string)(ptr) = list
		case opSlice:
			n, ok := r.Count(o.elem.min)
			if !ok {
				continue
			}
			data := reflect.MakeSlice(o.typ, n, n).UnsafePointer()
			size := o.elem.typ.Size()
			for j := range n {
				r.run(o.elem, unsafe.Add(data, uintptr(j)*size))
			}
			*(*sliceHeader)(ptr) = sliceHeader{data: data, len: n, cap: n}
		case opPtr:
			if !r.Bool() {
				continue
			}
			target := reflect.New(o.elem.typ).UnsafePointer()
			r.run(o.elem, target)
			*(*unsafe.Pointer)(ptr) = target
		case opStrMap:
			n, ok := r.Count(2)
			if !ok {
				continue
			}
			m := make(map[string]string, n)
			for range n {
				k := r.Str()
				m[k] = r.Str()
			}
			*(*map[string]string)(ptr) = m
		case opAt:
			*(*decode.At)(ptr) = r.at()
		}
	}
}

func (r *Reader) at() decode.At {
	file := r.at0
	if n := r.Uint(); n > 0 {
		file = r.next(n - 1)
		r.at0 = file
	}
	path := r.Str()
	ref := r.Uint()
	switch {
	case ref == 0:
		return decode.AtIn(file, path, nil)
	case ref <= uint64(len(r.ixs)):
		return decode.AtIn(file, path, r.ixs[ref-1])
	case ref != uint64(len(r.ixs))+1:
		r.fail()
		return decode.At{}
	}
	first := r.Int()
	if first < math.MinInt32 || first > math.MaxInt32 || r.bad {
		r.fail()
		return decode.At{}
	}
	// The entries stay in the data, read where a position is wanted.
	ix, n, ok := decode.ReadPacked(int(first), unsafe.String(unsafe.SliceData(r.data[r.i:]), len(r.data)-r.i))
	if !ok {
		r.fail()
		return decode.At{}
	}
	r.i += n
	r.ixs = append(r.ixs, ix)
	return decode.AtIn(file, path, ix)
}

func writeInt(p unsafe.Pointer, size uintptr, v int64) {
	switch size {
	case 1:
		*(*int8)(p) = int8(v)
	case 2:
		*(*int16)(p) = int16(v)
	case 4:
		*(*int32)(p) = int32(v)
	default:
		*(*int64)(p) = v
	}
}

func writeUint(p unsafe.Pointer, size uintptr, v uint64) {
	switch size {
	case 1:
		*(*uint8)(p) = uint8(v)
	case 2:
		*(*uint16)(p) = uint16(v)
	case 4:
		*(*uint32)(p) = uint32(v)
	default:
		*(*uint64)(p) = v
	}
}
