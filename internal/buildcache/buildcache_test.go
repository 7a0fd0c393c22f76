package buildcache

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
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

// The detail of a build comes back only for the build it belongs to, with
// the dependencies as saved, and names the input files that changed since.
func TestDetail(t *testing.T) {
	file := DetailFile(filepath.Join(t.TempDir(), ".public.baustand"))
	before := &Snapshot{Settings: "s1", Files: map[string]string{"content/a.md": "1", "content/b.md": "2", "layouts/x.html": "3"}}
	deps := map[string][]string{"/a/": {"content/a.md", "content/s.md"}, "/": {"*"}, "/b/": {"content/b.md", "content/s.md"}}
	if err := NewDetail("out1", before, deps).Save(file); err != nil {
		t.Fatal(err)
	}
	if LoadDetail(file, &State{Output: "out2"}) != nil {
		t.Fatal("detail of another build accepted")
	}
	d := LoadDetail(file, &State{Output: "out1"})
	if d == nil {
		t.Fatal("detail not loaded")
	}
	if !reflect.DeepEqual(recordedDeps(d), deps) {
		t.Errorf("deps = %v, want %v", recordedDeps(d), deps)
	}
	now := &Snapshot{Settings: "s1", Files: map[string]string{"content/a.md": "9", "content/c.md": "4", "layouts/x.html": "3"}}
	changed, ok := d.Changed(now)
	if want := []string{"content/a.md", "content/b.md", "content/c.md"}; !ok || !reflect.DeepEqual(changed, want) {
		t.Errorf("changed = %v, %v; want %v", changed, ok, want)
	}
	now.Settings = "s2"
	if _, ok := d.Changed(now); ok {
		t.Error("changed settings not noticed")
	}
}

// After computes from a listing and the changed files the fingerprint a
// new walk gives; a change it is not told about (a hand edit) is not in
// it, so the next walk differs.
func TestOutputAfterChanges(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write := func(rel, text string) {
		p := filepath.Join(dest, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.Remove(p)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"index.html", "a/index.html", "a/b/index.html", "c/index.html", "d/x.css"} {
		write(f, "1")
	}
	l, err := ListOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	if sum, _ := Output(dest); sum != l.Sum || l.After(dest, nil) != l.Sum {
		t.Fatal("no change, other fingerprint")
	}
	write("a/index.html", "22") // rewritten
	write("e/f/index.html", "neu")
	os.RemoveAll(filepath.Join(dest, "c"))
	os.Remove(filepath.Join(dest, "a/b/index.html")) // leaves a/b/ empty
	changed := []string{"a/index.html", "e/f/index.html", "c/index.html", "a/b/index.html"}
	want, err := Output(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.After(dest, changed); got != want {
		t.Errorf("After %s, walk %s", got, want)
	}
	time.Sleep(10 * time.Millisecond)
	write("d/x.css", "von Hand")
	if want, _ := Output(dest); l.After(dest, changed) == want {
		t.Error("a change After was not told about is in its fingerprint")
	}
}

// The fingerprint of a fresh output from what the build saw of each file
// it wrote is the one a walk gives; one file it did not report makes it
// different, and a file it cannot see makes it unknown.
func TestListingOfWrittenFiles(t *testing.T) {
	dest := t.TempDir()
	infos := map[string]fs.FileInfo{}
	for _, rel := range []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c.css", "d/e/f/g.svg"} {
		p := filepath.Join(dest, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(rel), 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		infos[rel] = fi
	}
	if err := os.WriteFile(filepath.Join(dest, ".marke"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	walked, err := Output(dest)
	if err != nil {
		t.Fatal(err)
	}
	if l := ListingOf(dest, infos, ".marke"); l == nil || l.Sum != walked {
		t.Errorf("ListingOf differs from a walk: %v", l)
	}
	if l := ListingOf(dest, infos); l == nil || l.Sum == walked {
		t.Error("ListingOf without the marker equals the walk")
	}
	if l := ListingOf(dest, infos, "fehlt"); l != nil {
		t.Error("ListingOf with a file it cannot see")
	}
}

// The output is walked on all cores; the listing is the one a walk in
// lexical order (filepath.WalkDir, as before) gives: every folder, file
// and link with its line, the output folder's own line under "".
func TestListOutputLikeWalkDir(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i := range 300 {
		p := filepath.Join(dest, "massnahmen", fmt.Sprintf("m-%d", i), "index.html")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"leer", "a/b/c/d"} {
		if err := os.MkdirAll(filepath.Join(dest, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dest, "index.html"), []byte("start"), 0o644)
	os.Symlink("index.html", filepath.Join(dest, "a", "verweis"))
	os.Symlink("../massnahmen", filepath.Join(dest, "a", "ordner"))

	want := &Listing{lines: map[string][sha256.Size]byte{}}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		key := p[len(dest):]
		if d.IsDir() && p != dest {
			key += "/"
			want.add(key, []byte(key+"\n"))
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want.add(key, appendLine([]byte(key), p, fi))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ListOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	lines := maps.Clone(got.lines)
	for _, m := range got.more {
		maps.Copy(lines, m)
	}
	if got.sum != want.sum || !reflect.DeepEqual(lines, want.lines) {
		t.Errorf("listing of %d entries differs from the walk's %d", len(lines), len(want.lines))
	}
	if none, err := ListOutput(filepath.Join(dest, "fehlt")); err != nil || none.sum != ([sha256.Size]byte{}) {
		t.Errorf("missing output: %v, %v", none, err)
	}
	os.Chmod(filepath.Join(dest, "a", "b"), 0)
	defer os.Chmod(filepath.Join(dest, "a", "b"), 0o755)
	if os.Getuid() != 0 {
		if _, err := ListOutput(dest); err == nil {
			t.Error("unreadable folder not reported")
		}
	}
}

// The record of a build after another names the dependencies of the new
// one, whether a page kept, changed or gained them; names no page needs
// any more do not pile up.
func TestNextDetail(t *testing.T) {
	file := DetailFile(filepath.Join(t.TempDir(), ".public.baustand"))
	in := &Snapshot{Settings: "s1", Files: map[string]string{"content/a.md": "1"}}
	deps := map[string][]string{"/a/": {"content/a.md", "content/s.md"}, "/": {"*"}, "/b/": {"content/b.md", "content/s.md"}}
	if err := NewDetail("out1", in, deps).Save(file); err != nil {
		t.Fatal(err)
	}
	prev := LoadDetail(file, &State{Output: "out1"})
	if prev == nil {
		t.Fatal("detail not loaded")
	}
	next := map[string][]string{"/a/": {"content/a.md", "content/s.md"}, "/": {"*"}, "/b/": {"content/s.md", "content/c.md"}, "/c/": {"content/c.md"}}
	d := NextDetail(prev, "out2", in, next)
	if !reflect.DeepEqual(recordedDeps(d), next) {
		t.Errorf("deps = %v, want %v", recordedDeps(d), next)
	}
	if len(d.Names) != 5 {
		t.Errorf("names = %q, want the 4 before and content/c.md", d.Names)
	}
	if &d.Pages["/a/"][0] != &prev.Pages["/a/"][0] {
		t.Error("the unchanged page was indexed again")
	}
	if err := d.Save(file); err != nil {
		t.Fatal(err)
	}
	if got := LoadDetail(file, &State{Output: "out2"}); got == nil || !reflect.DeepEqual(recordedDeps(got), next) {
		t.Errorf("saved deps come back as %v", got)
	}
	few := map[string][]string{"/": {"*"}}
	if d := NextDetail(prev, "out3", in, few); !reflect.DeepEqual(recordedDeps(d), few) || len(d.Names) != 1 {
		t.Errorf("after most pages went: names %q, deps %v", d.Names, recordedDeps(d))
	}
}

// recordedDeps returns the page dependencies as d records them.
func recordedDeps(d *Detail) map[string][]string {
	out := make(map[string][]string, len(d.Pages))
	for page, ix := range d.Pages {
		list := make([]string, len(ix))
		for i, n := range ix {
			if n >= 0 && n < len(d.Names) {
				list[i] = d.Names[n]
			}
		}
		out[page] = list
	}
	return out
}
