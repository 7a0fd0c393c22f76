package buildcache

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// walkDirLike is walk as it was written with filepath.WalkDir, before it
// read folders itself: the fingerprint must not change with that.
func walkDirLike(h hash.Hash, root, dir string, files map[string]string) error {
	var buf []byte
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				fmt.Fprintf(h, "- %q\n", p[len(root):])
				return nil
			}
			return err
		}
		if d.IsDir() && p != dir {
			buf = append(append(buf[:0], p[len(root):]...), "/\n"...)
			h.Write(buf)
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		buf = appendLine(append(buf[:0], p[len(root):]...), p, fi)
		h.Write(buf)
		name := filepath.ToSlash(p[len(root)+1:])
		files[name] = string(buf[len(p)-len(root)+1:])
		return nil
	})
}

// Scan reads the input folders in the order and with the lines of a
// lexical filepath.WalkDir: names that sort differently by bytes than by
// the file system, nested and empty folders, links to files and folders,
// a single file and a missing folder.
func TestScanLikeWalkDir(t *testing.T) {
	root := t.TempDir()
	for i := range 40 {
		p := filepath.Join(root, "content", "strategien", fmt.Sprintf("s-%d", i%7), fmt.Sprintf("m-%d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fmt.Sprint(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"content/leer", "content/a/b/c", "layouts/_default", "layouts/Z", "layouts/ä"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"config.toml", "layouts/b.html", "layouts/B.html", "layouts/a-b.html", "layouts/a.html", "layouts/ä/x.html"} {
		if err := os.WriteFile(filepath.Join(root, f), []byte(f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink("../config.toml", filepath.Join(root, "content", "verweis.md"))
	os.Symlink("strategien", filepath.Join(root, "content", "ordner"))
	paths := []string{"config.toml", "content", "layouts", "themes", "static"}

	got, err := Scan(root, paths, "x")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "x %q\n", "x")
	fmt.Fprintf(h, "exe %s\n", program())
	files := map[string]string{}
	for _, p := range paths {
		if err := walkDirLike(h, root, filepath.Join(root, p), files); err != nil {
			t.Fatal(err)
		}
	}
	if want := fmt.Sprintf("%x", h.Sum(nil)); got.Sum != want {
		t.Errorf("fingerprint %s, the walk's %s", got.Sum, want)
	}
	if !reflect.DeepEqual(got.Files, files) {
		t.Errorf("files differ:\n%v\n%v", got.Files, files)
	}
	if len(files) < 45 {
		t.Errorf("only %d files walked", len(files))
	}
	// The content loader takes the stats of regular files from the scan
	// instead of asking again: they must be those of os.Lstat, inode
	// included (a file replaced by another), and nothing else.
	stats := got.TakeStats()
	for name := range files {
		want, err := os.Lstat(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		fi := stats(name)
		if !want.Mode().IsRegular() {
			if fi != nil {
				t.Errorf("%s (%v) has a stat for the loader", name, want.Mode())
			}
			continue
		}
		if fi == nil || fi.Size() != want.Size() || fi.Mode() != want.Mode() || !fi.ModTime().Equal(want.ModTime()) || inodeOf(fi) != inodeOf(want) {
			t.Errorf("%s: stat %v, os.Lstat %v", name, fi, want)
		}
	}
	if got.stats != nil {
		t.Error("the snapshot keeps the stats it handed over")
	}
}
