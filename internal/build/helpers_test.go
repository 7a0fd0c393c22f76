package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/gencontent"
	"tdsite/internal/markdown"
	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// testDate, repoRoot and copySite are the kit's Date, Root and Bundled
// under the names the build tests use.
var testDate = testkit.Date

func repoRoot(testing.TB) string { return testkit.Root() }

func copySite(t testing.TB) string {
	t.Helper()
	return testkit.Bundled(t)
}

func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	if err := gencontent.CopyTree(src, dst, nil); err != nil {
		t.Fatal(err)
	}
}

// treeHashes maps every file below dir (slash paths) to its SHA-256, so two
// outputs can be compared byte for byte.
func treeHashes(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(h.Sum(nil))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffTrees describes the differences of two tree hashes ("" if equal).
func diffTrees(a, b map[string]string) string {
	var diffs []string
	for k, v := range a {
		switch w, ok := b[k]; {
		case !ok:
			diffs = append(diffs, "nur im ersten: "+k)
		case w != v:
			diffs = append(diffs, "verschieden: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, "nur im zweiten: "+k)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], "…")
	}
	return strings.Join(diffs, "\n")
}

// mustBuild builds root into dest and fails the test on any error.
func mustBuild(t testing.TB, root, dest string) *Result {
	t.Helper()
	res, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	return res
}

func printDiags(l *diag.List) string {
	if l == nil {
		return ""
	}
	var b strings.Builder
	l.Print(&b, false)
	return b.String()
}

func writeFile(t testing.TB, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(src, dst string) error {
	_, err := publish.CopyFile(src, dst)
	return err
}

// parseCounts counts how often each Markdown text is parsed until the
// test ends; the returned function gives a copy of the counts so far.
func parseCounts(t *testing.T) func() map[string]int {
	var mu sync.Mutex
	parses := map[string]int{}
	markdown.OnParse = func(src []byte) {
		mu.Lock()
		parses[string(src)]++
		mu.Unlock()
	}
	t.Cleanup(func() { markdown.OnParse = nil })
	return func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(parses)
	}
}
