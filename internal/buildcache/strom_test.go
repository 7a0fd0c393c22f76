package buildcache

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A StreamWriter writes what a Writer writes. A Stream reads it, piece by piece, and trusts it only
// when the checksum at the end matches: a damaged, cut or lengthened file
// is refused, and a length beyond the file allocates nothing.
func TestStreamWieReader(t *testing.T) {
	long := strings.Repeat("Ä<p>", 200_000) // beyond the read buffer
	w := NewWriter("magie\n", 0)
	w.Uint(7)
	w.Str("kurz")
	w.Bytes([]byte{1, 2, 3})
	w.Count(2, false)
	w.Str(long)
	w.Str("")
	w.Count(0, true)
	data := w.Seal()
	var streamed bytes.Buffer
	sw := NewStreamWriter(&streamed, "magie\n")
	sw.Uint(7)
	sw.Str("kurz")
	sw.Bytes([]byte{1, 2, 3})
	sw.Uint(3) // Count(2, false)
	sw.Str(long)
	sw.Str("")
	sw.Uint(0) // Count(0, true)
	if err := sw.Seal(); err != nil || !bytes.Equal(streamed.Bytes(), data) {
		t.Fatalf("StreamWriter wrote other bytes than Writer (%v)", err)
	}
	dir := t.TempDir()
	read := func(data []byte) (vals []any, ok bool) {
		t.Helper()
		file := filepath.Join(dir, "r")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		s, ok := OpenStream(f, "magie\n")
		if !ok {
			return nil, false
		}
		vals = append(vals, s.Uint(), s.Str(), s.Bytes())
		for range int(s.Uint()) - 1 { // Writer.Count: n+1, 0 for nil
			vals = append(vals, s.Str())
		}
		vals = append(vals, s.Uint() != 0)
		return vals, s.Done()
	}
	vals, ok := read(data)
	if !ok || len(vals) != 6 || vals[0] != uint64(7) || vals[1] != "kurz" || !bytes.Equal(vals[2].([]byte), []byte{1, 2, 3}) ||
		vals[3] != long || vals[4] != "" || vals[5] != false {
		t.Fatalf("read back %v (ok %v)", vals, ok)
	}
	for name, bad := range map[string][]byte{
		"ein Byte anders": func() []byte { d := bytes.Clone(data); d[len(d)/2] ^= 1; return d }(),
		"gekürzt":         data[:len(data)-1],
		"verlängert":      append(bytes.Clone(data), 0),
		"andere Magie":    append([]byte("magic\n"), data[6:]...),
		// a string of 2^62 bytes after the first number
		"riesige Länge": binary.LittleEndian.AppendUint32(binary.AppendUvarint(binary.AppendUvarint([]byte("magie\n"), 7), 1<<62), 0),
	} {
		if _, ok := read(bad); ok {
			t.Errorf("%s: accepted", name)
		}
	}
}
