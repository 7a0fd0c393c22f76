package publish

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// A reused output folder holds hard links to the published files, which a
// web server may be reading: writing a file of the same name must create
// a new file and leave the published one as it was, inode and content.
func TestWriteIntoReusedFolderLeavesLiveFile(t *testing.T) {
	live, reused := t.TempDir(), t.TempDir()
	src := filepath.Join(t.TempDir(), "bild.svg")
	writeTestFile(t, src, "<svg>neu</svg>")
	out := &Output{Dir: reused, Minify: true}
	writes := map[string]func(rel string) error{
		"WriteFile": func(rel string) error { return out.WriteFile(rel, []byte("neu")) },
		"WriteHTML": func(rel string) error { return out.WriteHTML(rel, []byte("<p>neu</p>")) },
		"Copy":      func(rel string) error { return out.Copy(src, rel) },
	}
	for name, write := range writes {
		rel := name + "/index.html"
		writeTestFile(t, filepath.Join(live, rel), "veröffentlicht")
		if err := out.Link(live, rel); err != nil {
			t.Fatal(err)
		}
		before := inode(t, filepath.Join(live, rel))
		if err := write(rel); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if data, _ := os.ReadFile(filepath.Join(live, rel)); string(data) != "veröffentlicht" {
			t.Errorf("%s changed the published file: %q", name, data)
		}
		if inode(t, filepath.Join(live, rel)) != before {
			t.Errorf("%s replaced the published file", name)
		}
		if data, _ := os.ReadFile(filepath.Join(reused, rel)); !strings.Contains(string(data), "neu") {
			t.Errorf("%s did not write: %q", name, data)
		}
		if inode(t, filepath.Join(reused, rel)) == before {
			t.Errorf("%s wrote into the shared file", name)
		}
	}
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}
