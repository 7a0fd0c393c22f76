package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tdsite/internal/buildcache"
	"tdsite/internal/content"
	"tdsite/internal/testkit"
)

// builtWithSnapshot builds a copy of the bundled site with a record and
// returns its folder, the output and the content snapshot's file.
func builtWithSnapshot(t *testing.T) (root, dest, file string) {
	t.Helper()
	root = copySite(t)
	testkit.AgeContent(t, root)
	dest = filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	return root, dest, buildcache.InhalteFile(buildcache.File(dest))
}

// TestInhaltsabbild: a build with a record writes the content snapshot;
// the next takes every unchanged file from it and parses only the changed
// one, and publishes what a full build publishes; a file with an error is
// reported as a fresh parse reports it.
func TestInhaltsabbild(t *testing.T) {
	root, dest, file := builtWithSnapshot(t)
	if _, err := os.Stat(file); err != nil {
		t.Fatal("no content snapshot after a build with a record:", err)
	}
	parsed := recordParses(t)

	rel := "content/strategien/e-government-it-2014/massnahmen/EGOV14-04.md"
	measure := filepath.Join(root, rel)
	orig, err := os.ReadFile(measure)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ name, text string }{
		{"Text ergänzt", string(orig) + "\nGeändert im Test.\n"},
		{"Kopf geändert", strings.Replace(string(orig), "+++\n", "+++\nprioritaet = \"hoch\"\n", 1)},
		{"zurück", string(orig)},
	} {
		*parsed = nil
		writeFile(t, measure, step.text)
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		if !res.Incremental {
			t.Fatalf("%s: a full build", step.name)
		}
		if len(*parsed) != 1 || (*parsed)[0] != rel {
			t.Errorf("%s: parsed %v, want only %s", step.name, *parsed, rel)
		}
		assertLikeFullBuild(t, root, dest, step.name, res)
	}
	// A file with an error: the findings are those of a build without
	// record (no snapshot), file and line included.
	writeFile(t, measure, strings.Replace(string(orig), "+++\n", "+++\nunbekannt = 1\n", 1))
	_, diags, err := Run(t.Context(), Options{Source: root, Dest: dest, Cache: true, BuildDate: testDate})
	_, fresh, _ := Run(t.Context(), Options{Source: root, Dest: filepath.Join(t.TempDir(), "p"), BuildDate: testDate})
	if err == nil || !strings.Contains(printDiags(diags), rel+":2") || printDiags(diags) != printDiags(fresh) {
		t.Errorf("want the findings of a fresh parse (%s:2), got %v\n%s\nfresh:\n%s", rel, err, printDiags(diags), printDiags(fresh))
	}
}

// TestInhaltsabbildBleibt: while few files changed since it was written,
// an incremental build leaves the content snapshot as it is and parses
// those files again; past maxUnseen it writes it anew. The output is a
// full build's either way.
func TestInhaltsabbildBleibt(t *testing.T) {
	root, dest, file := builtWithSnapshot(t)
	defer func(n int) { maxUnseen = n }(maxUnseen)
	maxUnseen = 1
	parsed := recordParses(t)
	dir := "content/strategien/e-government-it-2014/massnahmen/"
	for _, step := range []struct {
		file    string
		parsed  []string
		written bool
	}{
		{dir + "EGOV14-04.md", []string{dir + "EGOV14-04.md"}, false},
		{dir + "EGOV14-05.md", []string{dir + "EGOV14-04.md", dir + "EGOV14-05.md"}, true},
	} {
		before, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := os.ReadFile(filepath.Join(root, step.file))
		if err != nil {
			t.Fatal(err)
		}
		*parsed = nil
		writeFile(t, filepath.Join(root, step.file), string(orig)+"\nGeändert im Test.\n")
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		if !res.Incremental {
			t.Fatalf("%s: a full build", step.file)
		}
		slices.Sort(*parsed)
		if !slices.Equal(*parsed, step.parsed) {
			t.Errorf("%s: parsed %v, want %v", step.file, *parsed, step.parsed)
		}
		after, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if written := !os.SameFile(before, after); written != step.written {
			t.Errorf("%s: snapshot written %v, want %v", step.file, written, step.written)
		}
		assertLikeFullBuild(t, root, dest, step.file, res)
	}
}

// recordParses collects the files content parses (content.OnParse) until
// the test ends.
func recordParses(t *testing.T) *[]string {
	var mu sync.Mutex
	var parsed []string
	content.OnParse = func(rel string) {
		mu.Lock()
		parsed = append(parsed, rel)
		mu.Unlock()
	}
	t.Cleanup(func() { content.OnParse = nil })
	return &parsed
}

// TestInhaltsabbildNachKopie: right after a checkout or copy every content
// file is younger than the racy window, so the first build's snapshot
// holds none of them. The record counts them as unseen, and the next
// build writes the snapshot anew; before, the empty snapshot was kept and
// every later build parsed every file (0.5 s more for one changed file at
// 10,000 pages).
func TestInhaltsabbildNachKopie(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the racy window of the snapshot (2 s)")
	}
	root := copySite(t)
	now := time.Now()
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, now, now)
	})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	time.Sleep(2100 * time.Millisecond) // racy in content/abbild.go
	parsed := recordParses(t)
	dir := filepath.Join(root, "content/strategien/e-government-it-2014/massnahmen")
	for i, name := range []string{"EGOV14-04.md", "EGOV14-05.md"} {
		orig, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		*parsed = nil
		writeFile(t, filepath.Join(dir, name), string(orig)+"\nGeändert im Test.\n")
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		if !res.Incremental {
			t.Fatalf("%s: a full build", name)
		}
		// The first build after the copy parses every file once more;
		// then the snapshot answers for all but the files just changed.
		if i == 1 && len(*parsed) > 2 {
			t.Errorf("%s: %d files parsed, want the two changed ones: the snapshot of the copy was kept", name, len(*parsed))
		}
		assertLikeFullBuild(t, root, dest, name, res)
	}
}
