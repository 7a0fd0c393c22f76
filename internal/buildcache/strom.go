package buildcache

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"unsafe"
)

// Stream reads a record written by a Writer from a file, piece by piece,
// for a record too large to hold twice: each string read is a copy of its
// own, and no buffer of the whole file is left behind. What it reads is
// trusted only once Done checked the checksum at the end.
type Stream struct {
	br   *bufio.Reader
	crc  uint32
	left int64 // bytes before the checksum not read yet
	bad  bool
}

// OpenStream starts reading the record in f, written with magic; false
// if it cannot be read or starts otherwise.
func OpenStream(f *os.File, magic string) (*Stream, bool) {
	fi, err := f.Stat()
	if err != nil || fi.Size() < int64(len(magic))+4 {
		return nil, false
	}
	s := &Stream{br: bufio.NewReaderSize(f, 256<<10), left: fi.Size() - 4}
	head := make([]byte, len(magic))
	if !s.read(head) || string(head) != magic {
		return nil, false
	}
	return s, true
}

// read fills b from the record, counting it into the checksum.
func (s *Stream) read(b []byte) bool {
	if s.bad || int64(len(b)) > s.left {
		s.bad = true
		return false
	}
	if _, err := io.ReadFull(s.br, b); err != nil {
		s.bad = true
		return false
	}
	s.crc = crc32.Update(s.crc, castagnoli, b)
	s.left -= int64(len(b))
	return true
}

// Uint reads what Writer.Uint wrote.
func (s *Stream) Uint() uint64 {
	var v uint64
	var b [1]byte
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if !s.read(b[:]) {
			return 0
		}
		v |= uint64(b[0]&0x7f) << (7 * i)
		if b[0] < 0x80 {
			return v
		}
	}
	s.bad = true
	return 0
}

// Str reads what Writer.Str wrote, into a string of its own. A length
// beyond the rest of the file is damage, not a reason to allocate.
func (s *Stream) Str() string {
	n := s.Uint()
	if s.bad || n > uint64(s.left) {
		s.bad = true
		return ""
	}
	var sb strings.Builder
	sb.Grow(int(n))
	for rest := int(n); rest > 0; {
		chunk, err := s.br.Peek(min(rest, s.br.Size()))
		if err != nil && len(chunk) == 0 {
			s.bad = true
			return ""
		}
		sb.Write(chunk)
		s.crc = crc32.Update(s.crc, castagnoli, chunk)
		s.br.Discard(len(chunk))
		s.left -= int64(len(chunk))
		rest -= len(chunk)
	}
	return sb.String()
}

// Bytes reads what Writer.Bytes wrote, into a slice of its own.
func (s *Stream) Bytes() []byte {
	n := s.Uint()
	if s.bad || n > uint64(s.left) {
		s.bad = true
		return nil
	}
	b := make([]byte, n)
	s.read(b)
	return b
}

// Done reports whether the record was read to its end undamaged: what
// was read matches the checksum that ends the file.
func (s *Stream) Done() bool {
	if s.bad || s.left != 0 {
		return false
	}
	var sum [4]byte
	if _, err := io.ReadFull(s.br, sum[:]); err != nil {
		return false
	}
	if _, err := s.br.ReadByte(); err != io.EOF {
		return false
	}
	return binary.LittleEndian.Uint32(sum[:]) == s.crc
}

// StreamWriter writes a record as a Writer does, straight into w, for a
// record too large to build in memory first; Stream reads it.
type StreamWriter struct {
	bw  *bufio.Writer
	crc uint32
	num []byte
}

// NewStreamWriter starts a record with magic on w.
func NewStreamWriter(w io.Writer, magic string) *StreamWriter {
	s := &StreamWriter{bw: bufio.NewWriterSize(w, 256<<10)}
	s.write([]byte(magic))
	return s
}

func (s *StreamWriter) write(b []byte) {
	s.crc = crc32.Update(s.crc, castagnoli, b)
	s.bw.Write(b) // an error stays in bw and comes back from Seal
}

// Uint writes v as Writer.Uint does.
func (s *StreamWriter) Uint(v uint64) {
	s.num = binary.AppendUvarint(s.num[:0], v)
	s.write(s.num)
}

// Str writes a string as Writer.Str does.
func (s *StreamWriter) Str(v string) {
	s.Uint(uint64(len(v)))
	// no copy: crc32 only reads
	s.crc = crc32.Update(s.crc, castagnoli, unsafe.Slice(unsafe.StringData(v), len(v)))
	s.bw.WriteString(v)
}

// Bytes writes b as Writer.Bytes does.
func (s *StreamWriter) Bytes(b []byte) {
	s.Uint(uint64(len(b)))
	s.write(b)
}

// Seal ends the record with its checksum and writes out what is
// buffered; it returns the first error of writing.
func (s *StreamWriter) Seal() error {
	s.bw.Write(binary.LittleEndian.AppendUint32(nil, s.crc))
	return s.bw.Flush()
}
