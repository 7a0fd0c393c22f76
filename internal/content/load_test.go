package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const strategie = "+++\nname = \"Digitalstrategie für die Thüringer Tests\"\nstand = \"01.01.2026\"\nhandlungsfelder = [\"hf\"]\n+++\nText\n"

func TestLoadTree(t *testing.T) {
	root := t.TempDir()
	write(t, root, "content/akteure.toml", "[[ressort]]\nkuerzel = \"TMDI\"\nname = \"Ministerium\"\n")
	write(t, root, "content/handlungsfelder/hf.md", "+++\nname = \"Feld\"\n+++\nText\n")
	write(t, root, "content/strategien/s/strategie.md", strategie)
	write(t, root, "content/strategien/s/massnahmen/a.md", "+++\nid = \"A-1\"\ntitel = \"A\"\nstatus = \"laufend\"\n+++\nBeschreibung\n")
	write(t, root, "content/strategien/s/meldungen/2026-01-01-start.md", "+++\ntitel = \"Start\"\ndatum = \"01.01.2026\"\n+++\nText\n")
	write(t, root, "content/strategien/s/.strategie.md.swp", "Editor-Rest")
	write(t, root, "content/strategien/s/notiz.txt", "?")
	site, diags := Load(root)
	s := site.Index.Strategien["s"]
	if s == nil || len(s.Massnahmen) != 1 || len(s.Meldungen) != 1 || s.Massnahmen[0].Body.Line != 6 {
		t.Fatalf("strategy not assembled: %+v", s)
	}
	if site.Index.Akteure["TMDI"] == nil || !site.Index.Akteure["TMDI"].Ressort {
		t.Error("actor index")
	}
	items := diags.Items()
	if len(items) != 1 || items[0].Rule != "unbekannte-datei" || !strings.HasSuffix(items[0].Pos.File, "notiz.txt") {
		t.Errorf("want exactly one warning for notiz.txt (editor swap files ignored), got %v", items)
	}
}

func TestLoaderCache(t *testing.T) {
	root := t.TempDir()
	write(t, root, "content/strategien/s/strategie.md", strategie)
	write(t, root, "content/strategien/s/massnahmen/a.md", "+++\nid = \"A-1\"\ntitel = \"Alt\"\nstatus = \"laufend\"\n+++\n")
	ld := NewLoader()
	site1, _ := ld.Load(root)
	m1 := site1.Strategien[0].Massnahmen[0]

	// Unchanged files are not parsed again: the same value comes back.
	site2, _ := ld.Load(root)
	if site2.Strategien[0].Massnahmen[0] != m1 {
		t.Error("unchanged file was parsed again")
	}
	// A changed file is re-read; the strategy gets no duplicate children.
	later := time.Now().Add(2 * time.Second)
	write(t, root, "content/strategien/s/massnahmen/a.md", "+++\nid = \"A-1\"\ntitel = \"Neu\"\nstatus = \"umgesetzt\"\n+++\n")
	os.Chtimes(filepath.Join(root, "content/strategien/s/massnahmen/a.md"), later, later)
	site3, _ := ld.Load(root)
	if ms := site3.Strategien[0].Massnahmen; len(ms) != 1 || ms[0].Titel != "Neu" {
		t.Errorf("changed file not re-read: %+v", ms)
	}
	// A deleted file disappears.
	os.Remove(filepath.Join(root, "content/strategien/s/massnahmen/a.md"))
	site4, _ := ld.Load(root)
	if n := len(site4.Strategien[0].Massnahmen); n != 0 {
		t.Errorf("deleted measure still loaded (%d)", n)
	}
}

func TestSymlinkOutsideContent(t *testing.T) {
	root := t.TempDir()
	write(t, root, "content/strategien/s/strategie.md", strategie)
	secret := filepath.Join(t.TempDir(), "geheim.md")
	os.WriteFile(secret, []byte("+++\nid = \"X\"\ntitel = \"Geheim\"\nstatus = \"laufend\"\n+++\n"), 0o644)
	link := filepath.Join(root, "content/strategien/s/massnahmen/x.md")
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(secret, link); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	site, diags := Load(root)
	if len(site.Strategien[0].Massnahmen) != 0 {
		t.Error("file outside the site was read through a symlink")
	}
	if !diags.HasErrors() || !strings.Contains(diags.Items()[0].Message, "aus dem Ordner der Website heraus") {
		t.Errorf("no error for symlink out of the tree: %v", diags.Items())
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Digitalstrategie für die Thüringer Kultur": "digitalstrategie-fuer-die-thueringer-kultur",
		"Straße & Größe":                            "strasse-groesse",
		"  Smart Cities / Smart Regions ":           "smart-cities-smart-regions",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// Subset reads only the files it is asked for, re-reads those changed since
// the last Load, and refuses when it cannot know: before any Load, for a
// new file or one that is gone.
func TestLoaderSubset(t *testing.T) {
	root := t.TempDir()
	write(t, root, "content/handlungsfelder/hf.md", "+++\nname = \"Feld\"\n+++\nText\n")
	for _, s := range []string{"s", "t"} {
		write(t, root, "content/strategien/"+s+"/strategie.md", strategie)
		write(t, root, "content/strategien/"+s+"/massnahmen/a.md", "+++\nid = \""+s+"-1\"\ntitel = \"Alt\"\nstatus = \"laufend\"\n+++\n")
	}
	ld := NewLoader()
	onlyS := func(rel string) bool { return !strings.HasPrefix(rel, "content/strategien/t/") }
	changed := []string{"content/strategien/s/massnahmen/a.md"}
	if site, _ := ld.Subset(root, changed, onlyS); site != nil {
		t.Fatal("subset before the first Load")
	}
	ld.Load(root)
	later := time.Now().Add(2 * time.Second)
	write(t, root, changed[0], "+++\nid = \"s-1\"\ntitel = \"Neu\"\nstatus = \"laufend\"\n+++\n")
	os.Chtimes(filepath.Join(root, changed[0]), later, later)
	site, diags := ld.Subset(root, append(changed, "content/strategien/s/massnahmen/.a.md.swp"), onlyS)
	if site == nil || diags.HasErrors() {
		t.Fatalf("no subset: %v", diags)
	}
	if len(site.Strategien) != 1 || site.Strategien[0].Slug != "s" || len(site.Handlungsfelder) != 1 {
		t.Fatalf("subset has the wrong files: %v", site.Files)
	}
	if ms := site.Strategien[0].Massnahmen; len(ms) != 1 || ms[0].Titel != "Neu" {
		t.Errorf("changed file not re-read: %+v", ms)
	}
	write(t, root, "content/strategien/s/massnahmen/b.md", "+++\nid = \"s-2\"\ntitel = \"B\"\nstatus = \"laufend\"\n+++\n")
	if site, _ := ld.Subset(root, []string{"content/strategien/s/massnahmen/b.md"}, onlyS); site != nil {
		t.Error("subset with a file the last Load did not see")
	}
	if site, _ := ld.Subset(root, []string{"content/strategien/t/massnahmen/a.md"}, onlyS); site != nil {
		t.Error("subset without a changed file")
	}
	os.Remove(filepath.Join(root, changed[0]))
	if site, _ := ld.Subset(root, changed, onlyS); site != nil {
		t.Error("subset with a deleted file")
	}
}

// TestReadLimitedGrown: a file that grew after the walk saw its size is
// still read whole, and one beyond MaxFileSize only to one byte past it.
func TestReadLimitedGrown(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 100, 70000, MaxFileSize + 5000} {
		p := filepath.Join(dir, "f")
		data := []byte(strings.Repeat("x", n))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, seen := range []int64{0, int64(n) / 2, int64(n)} {
			got, err := readLimited(p, seen, true)
			want := min(n, MaxFileSize+1)
			if err != nil || len(got) != want {
				t.Errorf("file of %d bytes, walk saw %d: read %d bytes (%v), want %d", n, seen, len(got), err, want)
			}
		}
	}
}

// The build hands Load the stats of its walk of the inputs. A file
// changed after that walk must come out as it is now, and be read again
// by the next Load, which asks the system (the preview loads many times).
func TestLoaderUseStats(t *testing.T) {
	root := t.TempDir()
	const rel = "content/strategien/s/massnahmen/a.md"
	write(t, root, "content/strategien/s/strategie.md", strategie)
	write(t, root, rel, "+++\nid = \"A-1\"\ntitel = \"Alt\"\nstatus = \"laufend\"\n+++\n")
	p := filepath.Join(root, filepath.FromSlash(rel))
	scanned, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, rel, "+++\nid = \"A-1\"\ntitel = \"Neu\"\nstatus = \"umgesetzt\"\n+++\n")
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(p, later, later)

	var mu sync.Mutex // files are parsed on all cores
	var parsed []string
	OnParse = func(r string) {
		mu.Lock()
		parsed = append(parsed, r)
		mu.Unlock()
	}
	defer func() { OnParse = nil }()
	ld := NewLoader()
	ld.UseStats(func(r string) fs.FileInfo {
		if r == rel {
			return scanned
		}
		return nil
	})
	site, _ := ld.Load(root)
	if ms := site.Strategien[0].Massnahmen; len(ms) != 1 || ms[0].Titel != "Neu" {
		t.Fatalf("the file is not read as it is now: %+v", ms)
	}
	parsed = nil
	site, _ = ld.Load(root)
	if !slices.Contains(parsed, rel) {
		t.Errorf("the second Load trusted the stat of the first one's walk; parsed %v", parsed)
	}
	if ms := site.Strategien[0].Massnahmen; len(ms) != 1 || ms[0].Titel != "Neu" {
		t.Errorf("second Load: %+v", ms)
	}
}
