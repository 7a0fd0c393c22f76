package decode

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tdsite/internal/testkit"
)

// TestPackedIndex: an index packed and read back (as the content snapshot
// keeps it) answers every lookup as the index of the parse did, for the
// TOML of every bundled content file.
func TestPackedIndex(t *testing.T) {
	texts := tomlTexts(t, filepath.Join(testkit.Root(), "content"))
	if len(texts) < 100 {
		t.Fatalf("only %d files", len(texts))
	}
	for name, src := range texts {
		doc, d := Parse(name, src, 2)
		if d != nil {
			t.Fatalf("%s: %s", name, d.Message)
		}
		samePacked(t, name, doc.Index)
	}
	// One too large for offsets of two bytes.
	ix, _ := NewIndex(1, 3000, func(i int) (string, int32, int32) {
		return fmt.Sprintf("massnahme[%04d].%s", i, strings.Repeat("x", 30)), int32(i + 2), int32(i % 3)
	})
	if _, width, _ := packedHead(string(ix.AppendPacked(nil))); width != 4 {
		t.Fatalf("offsets of %d bytes for %d", width, ix.Len())
	}
	samePacked(t, "groß", ix)
}

// samePacked packs ix, reads it back and compares every lookup.
func samePacked(t *testing.T, name string, ix *Index) {
	t.Helper()
	data := string(ix.AppendPacked([]byte("vorn")))[len("vorn"):]
	got, n, ok := ReadPacked(ix.First(), data+"rest")
	if !ok || n != len(data) {
		t.Fatalf("%s: packed index not read back (%v, %d of %d bytes)", name, ok, n, len(data))
	}
	if again := string(got.AppendPacked(nil)); again != data {
		t.Errorf("%s: packed again differently", name)
	}
	paths := []string{"", "zzz", "a.b[0]"}
	for i := range ix.Len() {
		p, _, _ := ix.Entry(i)
		paths = append(paths, p, p+"x", p+".kind", p+"[7]", parent(p))
	}
	for _, p := range paths {
		if got.has(p) != ix.has(p) || got.Line(p) != ix.Line(p) || got.ValueLine(p) != ix.ValueLine(p) {
			t.Errorf("%s: %q: line %d, value %d, packed %d, %d", name, p, ix.Line(p), ix.ValueLine(p), got.Line(p), got.ValueLine(p))
		}
	}
	UnpackAll(AtIn(name, "", got))
	if !reflect.DeepEqual(got, ix) {
		t.Errorf("%s: unpacked index differs", name)
	}
}

// FuzzReadPacked reads damaged packed indexes: it must not panic, and an
// index it accepts has ascending paths and answers lookups.
func FuzzReadPacked(f *testing.F) {
	ix, _ := NewIndex(1, 3, func(i int) (string, int32, int32) {
		return []string{"a", "a.b", "c[0]"}[i], int32(i + 2), int32(i)
	})
	f.Add(string(ix.AppendPacked(nil)))
	f.Add("\x01\x02\x00\x00\x01a\x02\x00")
	f.Add("\x02\x02\x00\x00\x04\x00\x01b\x02\x00\x01a\x02\x00") // not ascending
	f.Add("\x01\x04\x01\x00\x00\x00\x01a\x02\x00")              // offset wrong
	f.Fuzz(func(t *testing.T, data string) {
		got, n, ok := ReadPacked(1, data)
		if !ok {
			return
		}
		if string(got.AppendPacked(nil)) != data[:n] {
			t.Fatal("accepted index packs differently")
		}
		prev := ""
		for i := range got.Len() {
			p, line, _ := got.Entry(i)
			if i > 0 && p <= prev {
				t.Fatalf("paths not ascending: %q after %q", p, prev)
			}
			if l := got.Line(p); p != "" && line > 0 && l != int(line) { // "" is the root: First
				t.Fatalf("%q: line %d, entry says %d", p, l, line)
			}
			prev = p
		}
	})
}
