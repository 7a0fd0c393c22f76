package decode

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// seedTOML adds the TOML of every bundled content file: whole .toml files
// and the front matter of .md files.
func seedTOML(f *testing.F) {
	n := 0
	root := testkit.Root()
	for _, dir := range []string{"content", "config.toml"} {
		_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			if strings.HasSuffix(p, ".md") {
				front, _, _, ok := SplitFrontMatter(data)
				if !ok || front == nil {
					return nil
				}
				data = front
			}
			f.Add(data)
			n++
			return nil
		})
	}
	if n < 100 {
		f.Fatalf("only %d seeds", n)
	}
}

// FuzzParse parses arbitrary text as TOML. Invalid text is a finding with a
// line inside the text; for valid text the key index knows the line of
// every key, so that every later finding can name its line.
func FuzzParse(f *testing.F) {
	seedTOML(f)
	f.Add([]byte("a = [{b = 1}, {c.d = 2}]\n[[x.y]]\nz = \"\"\"\nq\n\"\"\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		const first = 2
		var doc *Document
		testkit.WithinTime(t, 5*time.Second, func() {
			var d *diagnostic
			doc, d = parseForFuzz(src, first)
			if d != nil {
				if d.line < 0 || d.line > first+bytes.Count(src, []byte("\n"))+1 {
					t.Errorf("finding in line %d, outside the text", d.line)
				}
			}
		})
		if doc == nil {
			return
		}
		last := first + bytes.Count(src, []byte("\n"))
		for p, l := range keyLines(doc.Index) {
			if l < first || l > last {
				t.Errorf("key %q in line %d, outside the text (%d–%d)", p, l, first, last)
			}
		}
		for _, p := range leafPaths("", doc.Root) {
			if !doc.Index.has(p) && !strings.ContainsAny(p, "\"'. ") {
				t.Errorf("no line for key %q; index: %v", p, sortedIndex(doc.Index))
			}
		}
	})
}

type diagnostic struct{ line int }

func parseForFuzz(src []byte, first int) (*Document, *diagnostic) {
	doc, d := Parse("x.toml", src, first)
	if d != nil {
		return nil, &diagnostic{line: d.Pos.Line}
	}
	return doc, nil
}

// leafPaths lists the index paths of all keys whose names need no quoting.
func leafPaths(prefix string, v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if !bareKey(k) {
				continue
			}
			p := join(prefix, k)
			out = append(out, p)
			out = append(out, leafPaths(p, e)...)
		}
	case []map[string]any:
		for i, e := range x {
			out = append(out, leafPaths(prefix+"["+strconv.Itoa(i)+"]", e)...)
		}
	case []any:
		for i, e := range x {
			p := prefix + "[" + strconv.Itoa(i) + "]"
			out = append(out, p)
			out = append(out, leafPaths(p, e)...)
		}
	}
	return out
}

func bareKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !isBare(k[i]) {
			return false
		}
	}
	return true
}

func sortedIndex(ix *Index) []string {
	var out []string
	for p, l := range keyLines(ix) {
		out = append(out, p+":"+strconv.Itoa(l))
	}
	sort.Strings(out)
	return out
}

// FuzzSplitFrontMatter: the parts always put the file back together, and
// the body line is where the body really starts.
func FuzzSplitFrontMatter(f *testing.F) {
	root := filepath.Join(testkit.Root(), "content")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return err
	})
	f.Add([]byte("+++"))
	f.Add([]byte("+++ \n+++\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		front, body, line, ok := SplitFrontMatter(data)
		if !ok {
			if front != nil || body != nil {
				t.Errorf("not ok, but parts returned")
			}
			return
		}
		if front == nil {
			if !bytes.Equal(body, data) || line != 1 {
				t.Errorf("no front matter: body must be the whole file from line 1")
			}
			return
		}
		if !bytes.HasSuffix(data, body) {
			t.Fatalf("body is not the end of the file")
		}
		head := data[:len(data)-len(body)]
		if !bytes.Contains(head, front) {
			t.Fatalf("front matter not in the head")
		}
		if want := bytes.Count(head, []byte("\n")) + 1; line != want && !(len(body) == 0 && line == want+1) {
			t.Errorf("body line %d, want %d", line, want)
		}
	})
}

// FuzzClean: cleaned text is valid UTF-8 without CR LF, BOM or control
// characters, or the file is rejected with a line inside it.
func FuzzClean(f *testing.F) {
	f.Add([]byte("\xef\xbb\xbfa\r\nb"))
	f.Add([]byte("a\nb\x07c"))
	f.Add([]byte("\xfc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, d := Clean("x", data)
		if d != nil {
			if d.Pos.Line < 0 || d.Pos.Line > testkit.Lines(data) {
				t.Errorf("line %d outside the file", d.Pos.Line)
			}
			return
		}
		if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) || bytes.Contains(out, []byte("\r\n")) {
			t.Errorf("BOM or CRLF left: %q", out)
		}
		for _, c := range out {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c == '\r' {
				t.Errorf("control character %#x left", c)
			}
		}
	})
}

// keyLines is the line of every key written in the text.
func keyLines(ix *Index) map[string]int {
	m := map[string]int{}
	for _, e := range ix.entries {
		if e.line > 0 {
			m[e.path] = int(e.line)
		}
	}
	return m
}
