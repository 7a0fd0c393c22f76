// Package testsite copies sites into temporary directories for tests that
// write content, so that the bundled content and test fixtures stay as
// they are.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
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
		base := filepath.Join(src, e)
		err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
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
