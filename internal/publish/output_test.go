package publish

import (
	"bytes"
	"fmt"
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

// writePage (system calls on Linux) must behave like writeFileNew (package
// os): same file, same permissions, same error text, so that a failing
// build reports the same either way.
func TestWritePageWieWriteFileNew(t *testing.T) {
	writers := map[string]func(string, []byte) error{"writePage": writePage, "writeFileNew": writeFileNew}
	big := []byte(strings.Repeat("<p>Maßnahme</p>\n", 1<<16))
	got := map[string]string{}
	for name, write := range writers {
		dir := t.TempDir()
		p := filepath.Join(dir, "index.html")
		if err := write(p, big); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// An existing file is replaced by a new one with the new content.
		if err := write(p, []byte("neu")); err != nil {
			t.Fatalf("%s, vorhandene Datei: %v", name, err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(p)
		blocked := filepath.Join(p, "unter-einer-datei.html")
		werr := write(blocked, big)
		if werr == nil {
			t.Fatalf("%s: kein Fehler für einen Pfad unter einer Datei", name)
		}
		got[name] = fmt.Sprintf("%s %v %s", data, fi.Mode(), strings.ReplaceAll(werr.Error(), dir, "DIR"))
		if name == "writePage" {
			if err := write(filepath.Join(dir, "gross.html"), big); err != nil {
				t.Fatal(err)
			}
			if data, _ := os.ReadFile(filepath.Join(dir, "gross.html")); !bytes.Equal(data, big) {
				t.Errorf("writePage: %d Bytes geschrieben, %d erwartet", len(data), len(big))
			}
		}
	}
	if got["writePage"] != got["writeFileNew"] {
		t.Errorf("writePage: %q\nwriteFileNew: %q", got["writePage"], got["writeFileNew"])
	}
}
