package buildcache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestInputsChangeWithFiles(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "eins")
	dirs := []string{"content", "layouts"} // layouts/ does not exist yet
	sum := func() string {
		t.Helper()
		s, err := Inputs(root, dirs, "opt")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := sum()
	if sum() != first {
		t.Fatal("same files, different fingerprint")
	}
	seen := map[string]string{"anfangs": first}
	steps := []struct {
		name string
		do   func()
	}{
		{"Text gleicher Länge, neue Zeit", func() {
			write("content/a.md", "zwei")
			later := time.Now().Add(2 * time.Second)
			os.Chtimes(filepath.Join(root, "content/a.md"), later, later)
		}},
		{"neue Datei", func() { write("content/b.md", "b") }},
		{"neuer Ordner layouts", func() { write("layouts/x.html", "x") }},
		{"Datei gelöscht", func() { os.Remove(filepath.Join(root, "content/b.md")) }},
	}
	for _, s := range steps {
		s.do()
		now := sum()
		for name, old := range seen {
			if now == old {
				t.Errorf("%s: fingerprint equals the one of %q", s.name, name)
			}
		}
		seen[s.name] = now
	}
	if a, _ := Inputs(root, dirs, "opt"); a == mustInputs(t, root, dirs, "andere Option") {
		t.Error("options are not part of the fingerprint")
	}
}

func mustInputs(t *testing.T, root string, dirs []string, extra string) string {
	s, err := Inputs(root, dirs, extra)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRecordRoundTrip(t *testing.T) {
	file := File(filepath.Join(t.TempDir(), "public"))
	if filepath.Base(file) != ".public.baustand" {
		t.Errorf("record at %s", file)
	}
	if Load(file) != nil {
		t.Error("missing record loaded")
	}
	st := &State{Inputs: "i", Output: "o", Pages: 3}
	if err := st.Save(file); err != nil {
		t.Fatal(err)
	}
	if got := Load(file); got == nil || got.Inputs != "i" || got.Pages != 3 {
		t.Errorf("loaded %+v", got)
	}
	os.WriteFile(file, []byte("{kaputt"), 0o644)
	if Load(file) != nil {
		t.Error("broken record loaded")
	}
}

// The parallel walk lists exactly what filepath.WalkDir visits, in its
// order: records written before it must still match.
func TestWalkMatchesWalkDir(t *testing.T) {
	root := t.TempDir()
	for i := 0; i < 300; i++ {
		p := filepath.Join(root, "site", fmt.Sprintf("d%03d", i%40), fmt.Sprintf("s%d", i%7), fmt.Sprintf("f%03d.html", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(root, "site", "leer", "auch-leer"), 0o700)
	os.Symlink("d001", filepath.Join(root, "site", "verweis"))
	os.WriteFile(filepath.Join(root, "datei.toml"), []byte("a = 1"), 0o600)

	reference := func(dir string) string {
		h := sha256.New()
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					fmt.Fprintf(h, "- %q\n", p[len(root):])
					return nil
				}
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d %o %d\n", p[len(root):], fi.Size(), uint64(fi.Mode()), fi.ModTime().UnixNano())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	for _, dir := range []string{"site", "datei.toml", "fehlt", "site/leer"} {
		h := sha256.New()
		if err := walk(h, root, filepath.Join(root, dir)); err != nil {
			t.Fatal(err)
		}
		if got, want := hex.EncodeToString(h.Sum(nil)), reference(filepath.Join(root, dir)); got != want {
			t.Errorf("%s: walk differs from WalkDir", dir)
		}
	}
}
