// Package testsite copies sites into temporary directories for tests that
// write content, so that the bundled content and test fixtures stay as
// they are.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"tdsite/internal/gencontent"
)

// Copy copies the named entries of src (all of it if none are named) into
// a new temporary directory and returns that directory.
func Copy(t testing.TB, src string, entries ...string) string {
	t.Helper()
	dst := t.TempDir()
	if len(entries) == 0 {
		entries = []string{"."}
	}
	for _, e := range entries {
		if err := gencontent.CopyTree(filepath.Join(src, e), filepath.Join(dst, e), nil); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// Bundled copies the site shipped in the repository (content, config,
// layouts and themes); root is the repository root relative to the test.
func Bundled(t testing.TB, root string) string {
	t.Helper()
	return Copy(t, root, "content", "config.toml", "layouts", "themes")
}

// Snapshot reads every file below root, keyed by slash path.
func Snapshot(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
