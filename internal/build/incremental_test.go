package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"tdsite/internal/decode"
	"tdsite/internal/publish"
)

// cachedBuild builds like `tdsite build` (with the cache) and fails the
// test on any error.
func cachedBuild(t *testing.T, opts Options) *Result {
	t.Helper()
	opts.BuildDate, opts.Cache = testDate, true
	res, diags, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	return res
}

// An incremental build after each kind of change publishes exactly what a
// full build of the same content publishes; changes beyond content files
// fall back to a full build.
func TestIncrementalMatchesFullBuild(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	dir := filepath.Join(root, "content/strategien/e-government-it-2014/massnahmen")
	measure := filepath.Join(dir, "EGOV14-04.md")
	orig, err := os.ReadFile(measure)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name        string
		change      func()
		incremental bool
	}{
		{"Maßnahme geändert", func() {
			writeFile(t, measure, string(orig)+"\nGeändert im Test.\n")
		}, true},
		{"Maßnahme neu", func() {
			// Dated after the closed report of 2025, which does not know it.
			text := regexp.MustCompile(`(?m)^(datum|stand) = ".*"$`).ReplaceAllString(string(orig), `$1 = "15.01.2026"`)
			writeFile(t, filepath.Join(dir, "EGOV14-06.md"), strings.ReplaceAll(text, "EGOV14-04", "EGOV14-06"))
		}, true},
		{"Maßnahme gelöscht", func() {
			if err := os.Remove(filepath.Join(dir, "EGOV14-06.md")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"Vorlage geändert", func() {
			p := filepath.Join(root, "layouts/massnahme.html")
			data, _ := os.ReadFile(p)
			writeFile(t, p, strings.Replace(string(data), "</", "<span>Vorlage geändert</span></", 1))
		}, false},
		{"statische Datei neu", func() {
			writeFile(t, filepath.Join(root, "static/hallo.txt"), "Hallo\n")
		}, false},
	}
	for _, s := range steps {
		s.change()
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		if res.Incremental != s.incremental {
			t.Fatalf("%s: incremental = %v, want %v", s.name, res.Incremental, s.incremental)
		}
		if s.incremental && (res.Rendered == 0 || res.Rendered >= res.Pages) {
			t.Errorf("%s: %d of %d pages rendered", s.name, res.Rendered, res.Pages)
		}
		full := filepath.Join(t.TempDir(), "public")
		want := mustBuild(t, root, full)
		if d := diffTrees(treeHashes(t, full), treeHashes(t, dest)); d != "" {
			t.Fatalf("%s: incremental output differs from a full build:\n%s", s.name, d)
		}
		if res.Files != want.Files || res.Bytes != want.Bytes || res.Links.Internal != want.Links.Internal {
			t.Errorf("%s: counts %d files, %d bytes, %d links; full build %d, %d, %d", s.name,
				res.Files, res.Bytes, res.Links.Internal, want.Files, want.Bytes, want.Links.Internal)
		}
	}
}

// The incremental build shares the unchanged files with the published site
// by hard links; until the swap, no file of the published site may change,
// not even one the build writes anew.
func TestIncrementalLeavesLiveSiteAlone(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	before := treeHashes(t, dest)
	inodes := map[string]uint64{}
	for f := range before {
		fi, err := os.Stat(filepath.Join(dest, f))
		if err != nil {
			t.Fatal(err)
		}
		inodes[f] = fi.Sys().(*syscall.Stat_t).Ino
	}
	changeContent(t, root, "Neuer Titel, inkrementell")
	checked := false
	opts := Options{Source: root, Dest: dest}
	opts.folders.Exchange = func(a, b string) error {
		checked = true
		if d := diffTrees(before, treeHashes(t, dest)); d != "" {
			t.Errorf("published site changed before the swap:\n%s", d)
		}
		shared := 0
		for f, ino := range inodes {
			fi, err := os.Stat(filepath.Join(a, f))
			if err == nil && fi.Sys().(*syscall.Stat_t).Ino == ino {
				shared++
			}
		}
		if shared == 0 || shared == len(inodes) {
			t.Errorf("%d of %d files shared with the published site; want the unchanged ones", shared, len(inodes))
		}
		return publish.ErrExchangeUnsupported // the fallback swap does the rest
	}
	res := cachedBuild(t, opts)
	if !checked || !res.Incremental {
		t.Fatalf("no incremental build reached the swap (incremental %v)", res.Incremental)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff/index.html"))
	if !strings.Contains(string(page), "Neuer Titel, inkrementell") {
		t.Error("the change was not published")
	}
}

// An output changed by hand since the last build is not trusted for hard
// links: the build is a full one.
func TestIncrementalNeedsUntouchedOutput(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	writeFile(t, filepath.Join(dest, "index.html"), "von Hand\n")
	changeContent(t, root, "Noch ein Titel")
	if res := cachedBuild(t, Options{Source: root, Dest: dest}); res.Incremental {
		t.Fatal("incremental build on an output changed by hand")
	}
	full := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, full)
	if d := diffTrees(treeHashes(t, full), treeHashes(t, dest)); d != "" {
		t.Fatalf("output differs from a full build:\n%s", d)
	}
}

// A killed incremental build leaves the published site whole, files and
// inodes, and the next build publishes the change.
func TestKillDuringIncrementalBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the test binary")
	}
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	old := treeHashes(t, dest)
	changeContent(t, root, "Neuer Titel nach dem Abbruch")

	killMidWrite(t, root, dest, 20, old, "cache")
	res := cachedBuild(t, Options{Source: root, Dest: dest})
	assertNoLeftovers(t, dest)
	full := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, full)
	if d := diffTrees(treeHashes(t, full), treeHashes(t, dest)); d != "" {
		t.Fatalf("build after the kill (incremental %v) differs from a full build:\n%s", res.Incremental, d)
	}
}

// A change of a Markdown text alone, the TOML head as it was, publishes
// exactly what a full build publishes, for every kind of file with a text:
// a paragraph with a heading, an external link and a footnote added, then
// taken away, then the text emptied. A measure's or news item's text is
// shown on its own page (and the news in the feed) only, so the lists of
// all measures stay as they are.
func TestIncrementalTextOnly(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	files := []struct {
		file  string
		most  int  // pages rendered at most after the first edit (with the search page); 0: not checked
		empty bool // the text may be empty
	}{
		{"content/strategien/digitale-gesellschaft/massnahmen/b1-01.md", 2, true},
		// Without its text the measure has no page of its own any more: the
		// lists link it on its strategy's page then.
		{"content/strategien/e-government-it-2014/massnahmen/EGOV14-02.md", 2, true},
		{"content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md", 3, true},
		{"content/strategien/smart-state/strategie.md", 0, true},
		{"content/strategien/digitale-gesellschaft/handlungsfelder/arbeitswelt-4-0.md", 0, true},
		{"content/handlungsfelder/breitbandausbau.md", 0, true},
		{"content/seiten/impressum.md", 0, false},
		{"content/strategien/smart-state/leichte-sprache.md", 0, false},
		{"content/agenda/fortschrittsbericht-2026.md", 0, true},
	}
	added := "\n## Ergänzung im Test\n\nMehr dazu bei [Beispiel](https://example.org/ergaenzung-im-test) und in einer Fußnote.[^test]\n\n[^test]: Die Fußnote des Tests.\n"
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.file))
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, ok := decode.SplitFrontMatter(orig)
		if !ok {
			t.Fatalf("%s: no head", f.file)
		}
		head := string(orig[:len(orig)-len(body)])
		edits := []struct{ name, body string }{
			{"Text ergänzt", string(body) + added},
			{"Ergänzung entfernt", string(body)},
		}
		if f.empty {
			edits = append(edits, struct{ name, body string }{"Text leer", ""}, struct{ name, body string }{"Text wieder da", string(body)})
		}
		for i, e := range edits {
			writeFile(t, p, head+e.body)
			res := cachedBuild(t, Options{Source: root, Dest: dest})
			if !res.Incremental {
				t.Fatalf("%s, %s: full build instead of an incremental one", f.file, e.name)
			}
			if i == 0 && f.most > 0 && (res.Rendered == 0 || res.Rendered > f.most) {
				t.Errorf("%s, %s: %d pages rendered, want 1 to %d", f.file, e.name, res.Rendered, f.most)
			}
			// Adding keeps every anchor: the links of the pages not
			// rendered hold without reading them.
			if i == 0 && !res.LinksSince {
				t.Errorf("%s, %s: the links of all pages were checked", f.file, e.name)
			}
			full := filepath.Join(t.TempDir(), "public")
			want := mustBuild(t, root, full)
			if d := diffTrees(treeHashes(t, full), treeHashes(t, dest)); d != "" {
				t.Fatalf("%s, %s: incremental output differs from a full build:\n%s", f.file, e.name, d)
			}
			if res.Files != want.Files || res.Bytes != want.Bytes || res.Links.Internal != want.Links.Internal || len(res.Links.External) != len(want.Links.External) {
				t.Errorf("%s, %s: counts %d files, %d bytes, %d links, %d external; full build %d, %d, %d, %d", f.file, e.name,
					res.Files, res.Bytes, res.Links.Internal, len(res.Links.External), want.Files, want.Bytes, want.Links.Internal, len(want.Links.External))
			}
			if res.Links.Links != want.Links.Links || res.Links.Files != want.Links.Files {
				t.Errorf("%s, %s: link check saw %d references in %d files; full build %d in %d", f.file, e.name,
					res.Links.Links, res.Links.Files, want.Links.Links, want.Links.Files)
			}
			report, _ := os.ReadFile(res.ExternalReport)
			wantReport, _ := os.ReadFile(want.ExternalReport)
			if string(report) != string(wantReport) {
				t.Errorf("%s, %s: external link report differs from a full build's:\n%s\nwant:\n%s", f.file, e.name, report, wantReport)
			}
		}
	}
}

// The link check of an incremental build finds what a full build's finds,
// with the same file and line: a broken link on a rendered page, and a
// link of a page not rendered into an anchor that a text change removed.
func TestIncrementalLinkCheck(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	measure := filepath.Join(root, "content/strategien/digitale-gesellschaft/massnahmen/b1-01.md")
	news := filepath.Join(root, "content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md")
	orig, err := os.ReadFile(measure)
	if err != nil {
		t.Fatal(err)
	}
	origNews, err := os.ReadFile(news)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, measure, string(orig)+"\n## Zielbild im Test\n\nText.\n")
	writeFile(t, news, string(origNews)+"\nSiehe das [Zielbild](/massnahmen/b1-01/#zielbild-im-test).\n")
	cachedBuild(t, Options{Source: root, Dest: dest})
	page, _ := os.ReadFile(filepath.Join(dest, "massnahmen/b1-01/index.html"))
	if !strings.Contains(string(page), `id="zielbild-im-test"`) {
		t.Fatal("the heading has no anchor zielbild-im-test")
	}
	// (An incremental build with errors is done again in full, which
	// reports them; what matters is that it does not publish.)
	failing := func(name string) {
		t.Helper()
		opts := Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true}
		_, diags, err := Run(context.Background(), opts)
		if !errors.Is(err, ErrContent) {
			t.Fatalf("%s: err = %v, want ErrContent", name, err)
		}
		_, fullDiags, _ := Run(context.Background(), Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), BuildDate: testDate})
		if got, want := printDiags(diags), printDiags(fullDiags); got != want || !strings.Contains(got, "link-kaputt") {
			t.Errorf("%s: findings\n%s\nwant those of a full build:\n%s", name, got, want)
		}
	}
	// The news page is rendered: its own broken link.
	writeFile(t, news, string(origNews)+"\nSiehe das [Zielbild](/massnahmen/b1-01/#zielbild-verschrieben).\n")
	failing("kaputter Link auf einer gerenderten Seite")
	writeFile(t, news, string(origNews)+"\nSiehe das [Zielbild](/massnahmen/b1-01/#zielbild-im-test).\n")
	if res := cachedBuild(t, Options{Source: root, Dest: dest}); !res.Incremental {
		t.Fatal("full build instead of an incremental one")
	}
	// The news page is not rendered; the anchor it links goes.
	writeFile(t, measure, string(orig)+"\nText ohne Überschrift.\n")
	failing("Anker entfernt")
}
