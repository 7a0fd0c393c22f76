package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func TestMkdirs(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a/b/c", "a/b/c", "a/b/d", "e"} {
		if err := mkdirs(filepath.Join(dir, filepath.FromSlash(d))); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(d))); err != nil || !fi.IsDir() {
			t.Fatalf("%s: %v", d, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "datei"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := mkdirs(filepath.Join(dir, "datei", "x")); err == nil {
		t.Error("directory below a file")
	}
	out := &Output{Dir: dir}
	if err := out.WriteFile("datei/index.html", []byte("x")); err == nil {
		t.Error("wrote below a file")
	}
}
