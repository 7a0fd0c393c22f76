package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/buildcache"
)

// A full build with a record (the output folder deleted or moved, as
// after `rm -r public`) takes the HTML of every unchanged Markdown text
// from the last full build instead of parsing it, parses a changed text,
// ignores a damaged file, and publishes what a build without record
// publishes every time.
func TestVorratVollerBuild(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	file := buildcache.HTMLFile(buildcache.File(dest))
	cachedBuild(t, Options{Source: root, Dest: dest})
	stat := func() os.FileInfo {
		t.Helper()
		fi, err := os.Stat(file)
		if err != nil {
			t.Fatal("no file of the texts' HTML beside the record:", err)
		}
		return fi
	}
	before := stat()
	// full builds with the record, as vergleich.sh does from its second round
	n := 0
	fullBuild := func(what string) map[string]int {
		t.Helper()
		n++
		if err := os.Rename(dest, filepath.Join(t.TempDir(), "weg")); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		counts := parseCounts(t)
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		parsed := counts()
		if res.Incremental || res.Unchanged {
			t.Fatalf("%s: not a full build", what)
		}
		assertLikeFullBuild(t, root, dest, what, res)
		return parsed
	}

	if parsed := fullBuild("unverändert"); len(parsed) != 0 {
		t.Errorf("unchanged texts parsed again: %d, e.g. %.60q", len(parsed), anyKey(parsed))
	}
	if !os.SameFile(before, stat()) {
		t.Error("the file was written again though nothing changed")
	}

	rel := "content/strategien/e-government-it-2014/massnahmen/EGOV14-04.md"
	orig, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	edited := string(orig) + "\nIm Test ergänzt: ein [Link](https://geaendert.example/).\n"
	writeFile(t, filepath.Join(root, rel), edited)
	parsed := fullBuild("ein Text geändert")
	if len(parsed) != 1 || !strings.Contains(anyKey(parsed), "geaendert.example") {
		t.Errorf("want only the changed text parsed, got %d texts, e.g. %.60q", len(parsed), anyKey(parsed))
	}
	if os.SameFile(before, stat()) {
		t.Error("a changed text did not go into the file")
	}
	if parsed := fullBuild("danach"); len(parsed) != 0 {
		t.Errorf("the changed text was not kept: %d texts parsed", len(parsed))
	}

	// A build with an error in the content leaves the file as it was, and
	// no half-written one beside it.
	before = stat()
	writeFile(t, filepath.Join(root, rel), strings.Replace(string(orig), "+++\n", "+++\nunbekannt = 1\n", 1)+"\nNoch ein neuer Satz.\n")
	if err := os.Rename(dest, filepath.Join(t.TempDir(), "weg")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Run(t.Context(), Options{Source: root, Dest: dest, Cache: true, BuildDate: testDate}); err == nil {
		t.Fatal("a content error built")
	}
	if !os.SameFile(before, stat()) {
		t.Error("a failed build changed the file")
	}
	writeFile(t, filepath.Join(root, rel), edited)
	if parsed := fullBuild("Fehler behoben"); len(parsed) != 0 {
		t.Errorf("%d texts parsed after a failed build", len(parsed))
	}
	if _, err := os.Stat(file + ".neu"); !os.IsNotExist(err) {
		t.Errorf("a half-written file is left beside the output: %v", err)
	}

	// A damaged file is not used (every text parsed) and written anew.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x20
	writeFile(t, file, string(data))
	if parsed := fullBuild("beschädigt"); len(parsed) < 100 {
		t.Errorf("a damaged file was used: only %d texts parsed", len(parsed))
	}
	if parsed := fullBuild("nach der Beschädigung"); len(parsed) != 0 {
		t.Errorf("the file was not written anew: %d texts parsed", len(parsed))
	}

	// Another program (another goldmark, other checks) does not use it.
	prog := programOf(t, file)
	if loadVorrat(file, prog) == nil || loadVorrat(file, prog+"x") != nil {
		t.Error("the file is not tied to the program that wrote it")
	}
	// Truncated anywhere, it is not used.
	data, _ = os.ReadFile(file)
	for _, cut := range []int{len(data) - 1, len(data) - 5, len(data) / 2, 30} {
		writeFile(t, file, string(data[:cut]))
		if loadVorrat(file, prog) != nil {
			t.Errorf("a file cut at %d of %d bytes was used", cut, len(data))
		}
	}
}

func anyKey(m map[string]int) string {
	for k := range m {
		return k
	}
	return ""
}

// programOf reads which program wrote the HTML file.
func programOf(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, ok := buildcache.OpenStream(f, vorratMagic)
	if !ok {
		t.Fatal("cannot read", file)
	}
	r.Uint()
	return r.Str()
}
