package tomledit

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"tdsite/internal/decode"
)

// leaves lists the scalar values of a parsed TOML document as "path=value".
func leaves(prefix string, v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			leaves(prefix+"."+k, e, out)
		}
	case []map[string]any:
		for i, e := range x {
			leaves(fmt.Sprintf("%s[%d]", prefix, i), e, out)
		}
	case []any:
		for i, e := range x {
			leaves(fmt.Sprintf("%s[%d]", prefix, i), e, out)
		}
	default:
		*out = append(*out, fmt.Sprintf("%s=%v", prefix, x))
	}
}

// parseTOML parses a TOML file or the front matter of a Markdown file.
func parseTOML(t *testing.T, rel string, data []byte) []string {
	t.Helper()
	first := 1
	if strings.HasSuffix(rel, ".md") {
		front, _, _, ok := decode.SplitFrontMatter(data)
		if !ok {
			t.Fatalf("%s: kein Kopf", rel)
		}
		data, first = front, 2
	}
	doc, d := decode.Parse(rel, data, first)
	if d != nil {
		t.Fatalf("%s: %v", rel, d)
	}
	var out []string
	leaves("", doc.Root, &out)
	sort.Strings(out)
	return out
}

var (
	reKeyLine = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)
	reComment = regexp.MustCompile(`\s+#[^"']*$`) // a comment without quotes, surely not part of a value
)

// Every TOML file shipped with tdsite survives the editor unchanged, and
// replacing any one-line value changes exactly that value: no comment,
// blank line or other key moves. This is what the editorial forms rely on.
func TestRoundTripBundledFiles(t *testing.T) {
	root := filepath.Join("..", "..")
	var files []string
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".toml") || strings.HasSuffix(p, ".md")) {
			files = append(files, p)
		}
		return err
	})
	files = append(files, filepath.Join(root, "config.toml"))
	if len(files) < 100 {
		t.Fatalf("nur %d Dateien gefunden", len(files))
	}
	edits := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		if got := New(data).Bytes(); !bytes.Equal(got, data) {
			t.Errorf("%s: ohne Änderung nicht byte-gleich", rel)
			continue
		}
		head := len(data)
		if strings.HasSuffix(rel, ".md") {
			_, body, _, _ := decode.SplitFrontMatter(data)
			head -= len(body)
		}
		before := parseTOML(t, rel, data)
		lines := strings.Split(string(data), "\n")
		for i, l := range strings.Split(string(data[:head]), "\n") {
			m := reKeyLine.FindStringSubmatch(l)
			if m == nil || strings.HasPrefix(strings.TrimSpace(l), "#") {
				continue
			}
			d := New(data)
			if d.SetValue(i+1, m[1], `"ERSETZT"`) != nil {
				continue // multi-line strings, arrays, tables: refused by design
			}
			edits++
			out := d.Bytes()
			after := parseTOML(t, rel, out)
			// Sorted "path=value" lists: exactly one entry differs.
			gone := 0
			for _, b := range before {
				if !slices.Contains(after, b) {
					gone++
				}
			}
			if len(after) != len(before) || gone != 1 || !strings.Contains(strings.Join(after, "\n"), "=ERSETZT") {
				t.Errorf("%s:%d: „%s“ zu ersetzen ändert %d Werte (%d → %d)", rel, i+1, m[1], gone, len(before), len(after))
			}
			outLines := strings.Split(string(out), "\n")
			// The key with its spacing and a trailing comment stay on the line.
			want := strings.TrimSuffix(reKeyLine.FindString(l), "=") + "="
			if c := reComment.FindString(l); !strings.HasPrefix(outLines[i], want) || !strings.HasSuffix(outLines[i], c) ||
				!strings.Contains(outLines[i], `"ERSETZT"`) {
				t.Errorf("%s:%d: „%s“ statt „%s“ mit neuem Wert", rel, i+1, outLines[i], l)
			}
			for j := range lines {
				if j != i && (j >= len(outLines) || outLines[j] != lines[j]) {
					t.Errorf("%s:%d: Zeile %d geändert", rel, i+1, j+1)
					break
				}
			}
		}
	}
	t.Logf("%d Dateien, %d Ersetzungen", len(files), edits)
}
