package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"tdsite/internal/buildcache"
	"tdsite/internal/decode"
	"tdsite/internal/markdown"
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

// assertLikeFullBuild fails the test unless dest holds what a full build
// of root publishes, with the same counts as res (if not nil).
func assertLikeFullBuild(t *testing.T, root, dest, what string, res *Result) {
	t.Helper()
	full := filepath.Join(t.TempDir(), "public")
	want := mustBuild(t, root, full)
	if d := diffTrees(treeHashes(t, full), treeHashes(t, dest)); d != "" {
		t.Fatalf("%s: output differs from a full build:\n%s", what, d)
	}
	if res != nil && (res.Files != want.Files || res.Bytes != want.Bytes || res.Links.Internal != want.Links.Internal) {
		t.Errorf("%s: counts %d files, %d bytes, %d links; full build %d, %d, %d", what,
			res.Files, res.Bytes, res.Links.Internal, want.Files, want.Bytes, want.Links.Internal)
	}
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
		assertLikeFullBuild(t, root, dest, s.name, res)
	}
}

// The incremental build shares the unchanged files with the published site
// by hard links; until the swap, no file of the published site may change,
// not even one the build writes anew. That holds for a build in a fresh
// folder and for one in the reused output before the published one.
func TestIncrementalLeavesLiveSiteAlone(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	for _, reused := range []bool{false, true} {
		before := treeHashes(t, dest)
		inodes := map[string]uint64{}
		for f := range before {
			fi, err := os.Stat(filepath.Join(dest, f))
			if err != nil {
				t.Fatal(err)
			}
			inodes[f] = fi.Sys().(*syscall.Stat_t).Ino
		}
		title := fmt.Sprintf("Neuer Titel, inkrementell %v", reused)
		changeContent(t, root, title)
		checked := false
		opts := Options{Source: root, Dest: dest}
		opts.folders.Exchange = func(a, b string) error {
			checked = true
			if d := diffTrees(before, treeHashes(t, dest)); d != "" {
				t.Errorf("published site changed before the swap:\n%s", d)
			}
			for f, ino := range inodes {
				if fi, err := os.Stat(filepath.Join(dest, f)); err != nil || fi.Sys().(*syscall.Stat_t).Ino != ino {
					t.Errorf("published file %s replaced before the swap", f)
				}
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
		if !checked || !res.Incremental || res.reused != reused {
			t.Fatalf("no incremental build (reused %v) reached the swap (incremental %v, reused %v)", reused, res.Incremental, res.reused)
		}
		page, _ := os.ReadFile(filepath.Join(dest, "strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff/index.html"))
		if !strings.Contains(string(page), title) {
			t.Error("the change was not published")
		}
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
	assertLikeFullBuild(t, root, dest, "von Hand geändert", nil)
}

// A killed incremental build leaves the published site whole, files and
// inodes, and the next build publishes the change: in a fresh folder and
// in the reused output before the published one, which the kill leaves
// half written (it is then removed, and the next build starts fresh).
func TestKillDuringIncrementalBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the test binary")
	}
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	for _, reused := range []bool{false, true} {
		if reused {
			changeContent(t, root, "Zwischenstand")
			if res := cachedBuild(t, Options{Source: root, Dest: dest}); !res.Incremental {
				t.Fatal("no incremental build to park the output")
			}
		}
		_, err := os.Lstat(keptDir(dest))
		if parked := err == nil; parked != reused {
			t.Fatalf("output parked: %v, want %v", parked, reused)
		}
		old := treeHashes(t, dest)
		changeContent(t, root, fmt.Sprintf("Neuer Titel nach dem Abbruch %v", reused))

		killMidWrite(t, root, dest, 20, old, "cache")
		if _, err := os.Lstat(keptDir(dest)); err == nil {
			t.Fatal("the killed build did not take the parked output")
		}
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		assertNoLeftovers(t, dest)
		assertLikeFullBuild(t, root, dest, fmt.Sprintf("build after the kill (incremental %v)", res.Incremental), nil)
	}
}

// keptDir is the parked previous output beside dest (publish.Kept).
func keptDir(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".vorig")
}

// withoutMarker is a tree of treeHashes without the output marker, which
// names the generation in a parked output.
func withoutMarker(tree map[string]string) map[string]string {
	delete(tree, publish.Marker)
	return tree
}

// A sequence of incremental builds, each after the last: from the second
// on, each reuses the output parked by the one before, which is always
// exactly the output one build back. Every result equals a full build.
func TestIncrementalSequenceReusesPreviousOutput(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	change := func(id, title string) func() { return func() { retitle(t, root, id, title) } }
	// A new measure of a sectoral strategy also changes the numbers on the
	// map of its framework strategy, which its landing page shows too.
	sektoral := filepath.Join(root, "content/strategien/beispiel-kommunen/massnahmen")
	other := filepath.Join(root, "content/strategien/e-government-it-2014/massnahmen")
	egov04, err := os.ReadFile(filepath.Join(other, "EGOV14-04.md"))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		change func()
		reused bool
	}{
		{"Maßnahme geändert", change("BSP-01", "Erste Änderung"), false},
		{"andere Maßnahme geändert", change("BSP-02", "Zweite Änderung"), true},
		{"Maßnahme neu", func() {
			// Dated after the closed report of 2025, which does not know it.
			text := regexp.MustCompile(`(?m)^(datum|stand) = ".*"$`).ReplaceAllString(string(egov04), `$1 = "15.01.2026"`)
			writeFile(t, filepath.Join(other, "EGOV14-07.md"), strings.ReplaceAll(text, "EGOV14-04", "EGOV14-07"))
		}, true},
		{"Maßnahme gelöscht", func() {
			if err := os.Remove(filepath.Join(other, "EGOV14-07.md")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"Maßnahme neu in einer sektoralen Strategie", func() {
			writeFile(t, filepath.Join(sektoral, "BSP-11.md"), `+++
id = "BSP-11"
titel = "Gruppenberatung für Nachbargemeinden"
handlungsfeld = "kommunale-digitalstrategien"
federfuehrung = ["TMDI"]
ziele = ["E1.2"]
start = "2026"
zusammenfassung = "Nachbargemeinden lassen sich gemeinsam beraten."
quelle = "Fiktives Beispiel"
stand = "30.09.2026"

[[verlauf]]
datum = "30.09.2026"
status = "geplant"
quelle = "Fiktives Beispiel"
sicherheit = "belegt"
+++
Nachbargemeinden lassen sich gemeinsam beraten.
`)
		}, true},
		{"Maßnahme der sektoralen Strategie gelöscht", func() {
			if err := os.Remove(filepath.Join(sektoral, "BSP-11.md")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"erste Maßnahme wieder geändert", change("BSP-01", "Dritte Änderung"), true},
	}
	published := withoutMarker(treeHashes(t, dest))
	for _, s := range steps {
		s.change()
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		if !res.Incremental || res.reused != s.reused {
			t.Fatalf("%s: incremental %v, reused %v; want true, %v", s.name, res.Incremental, res.reused, s.reused)
		}
		if d := diffTrees(published, withoutMarker(treeHashes(t, keptDir(dest)))); d != "" {
			t.Fatalf("%s: the parked output is not the one published before:\n%s", s.name, d)
		}
		assertLikeFullBuild(t, root, dest, s.name, res)
		assertNoLeftovers(t, dest)
		published = withoutMarker(treeHashes(t, dest))
	}
	// The fingerprint of the output, computed from the changed files
	// alone, is the one a walk gives: nothing to do now.
	if res := cachedBuild(t, Options{Source: root, Dest: dest}); !res.Unchanged {
		t.Error("build without changes after incremental ones was not skipped")
	}
	// … and it still sees an edit by hand.
	writeFile(t, filepath.Join(dest, "impressum/index.html"), "von Hand\n")
	retitle(t, root, "BSP-02", "Vierte Änderung")
	if res := cachedBuild(t, Options{Source: root, Dest: dest}); res.Incremental {
		t.Error("incremental build on an output changed by hand")
	}
	assertLikeFullBuild(t, root, dest, "von Hand geändert", nil)
}

// Whatever is uncertain about the parked output – gone, another
// generation, a file deleted from it by hand is not (only marker and id
// are checked), a full build – the build starts from a fresh folder and
// publishes what a full build publishes.
func TestIncrementalFallsBackWithoutParkedOutput(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	cachedBuild(t, Options{Source: root, Dest: dest})
	changeContent(t, root, "Erste Fassung")
	cachedBuild(t, Options{Source: root, Dest: dest}) // parks the first output
	steps := []struct {
		name   string
		change func()
		reused bool
	}{
		{"gelöscht", func() {
			if err := os.RemoveAll(keptDir(dest)); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"andere Generation", func() {
			writeFile(t, filepath.Join(keptDir(dest), publish.Marker), "Vorige Ausgabe, Generation 0\n")
		}, false},
		{"Marker fehlt", func() {
			if err := os.Remove(filepath.Join(keptDir(dest), publish.Marker)); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for i, s := range steps {
		s.change()
		changeContent(t, root, fmt.Sprintf("Fassung %d", i+2))
		res := cachedBuild(t, Options{Source: root, Dest: dest})
		if !res.Incremental || res.reused != s.reused {
			t.Fatalf("%s: incremental %v, reused %v; want true, %v", s.name, res.Incremental, res.reused, s.reused)
		}
		assertLikeFullBuild(t, root, dest, s.name, nil)
		if _, err := os.Stat(filepath.Join(keptDir(dest), publish.Marker)); err != nil {
			t.Fatalf("%s: no output parked for the next build: %v", s.name, err)
		}
		assertNoLeftovers(t, dest)
	}
	// A full build does not park: the parked output would be of no use to
	// the next build, which has no list of what this one changed.
	layout := filepath.Join(root, "layouts/massnahme.html")
	data, _ := os.ReadFile(layout)
	writeFile(t, layout, string(data)+"\n")
	if res := cachedBuild(t, Options{Source: root, Dest: dest}); res.Incremental {
		t.Fatal("incremental build after a template change")
	}
	if _, err := os.Lstat(keptDir(dest)); err == nil {
		t.Error("a full build left the parked output behind")
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

// findingsLikeFullBuild builds with the cache and fails the test unless
// the findings (and the error, if any) are those of a full build. It
// returns the result of the cached build (nil if it failed); after (if
// not nil) runs right after that build, before the full one.
func findingsLikeFullBuild(t *testing.T, root, dest, what string, after func()) *Result {
	t.Helper()
	res, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true})
	if after != nil {
		after()
	}
	_, fullDiags, fullErr := Run(context.Background(), Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), BuildDate: testDate})
	if !errors.Is(err, fullErr) && (err == nil || fullErr == nil || err.Error() != fullErr.Error()) {
		t.Fatalf("%s: err = %v, full build: %v", what, err, fullErr)
	}
	if got, want := printDiags(diags), printDiags(fullDiags); got != want {
		t.Fatalf("%s: findings\n%s\nwant those of a full build:\n%s", what, got, want)
	}
	return res
}

// An incremental build takes what the last build found in the Markdown
// of unchanged texts from its file beside the record (by SHA-256 of the
// text) and parses only changed texts and those of the pages it renders.
// Whatever a text becomes – back to what it was, a broken link, an
// address that is not allowed, the text of another file with a head of
// another length – findings with file and line, the report of external
// links and the output are those of a full build.
func TestIncrementalBefunde(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	dir := filepath.Join(root, "content/strategien/digitale-gesellschaft/massnahmen")
	measure, other := filepath.Join(dir, "b1-01.md"), filepath.Join(dir, "b1-02.md")
	orig, err := os.ReadFile(measure)
	if err != nil {
		t.Fatal(err)
	}
	origOther, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	_, otherBody, _, _ := decode.SplitFrontMatter(origOther)
	headOther := string(origOther[:len(origOther)-len(otherBody)])
	cachedBuild(t, Options{Source: root, Dest: dest})
	if _, err := os.Stat(buildcache.MarkdownFile(buildcache.File(dest))); err != nil {
		t.Fatalf("no findings saved beside the record: %v", err)
	}

	counts := parseCounts(t)

	lines := strings.Count(string(orig), "\n")
	added := "\nMehr bei [Beispiel](https://example.org/befunde-im-test).\n"
	steps := []struct {
		name, text string
		want       string // in the findings; "" for a clean build
	}{
		{"Absatz dazu", string(orig) + added, ""},
		{"zurück", string(orig), ""},
		{"kaputter interner Link", string(orig) + "\nSiehe [dort](/gibt-es-nicht/).\n",
			fmt.Sprintf("b1-01.md:%d: Fehler: Kaputter Link „/gibt-es-nicht/“", lines+2)},
		{"javascript-Link", string(orig) + "\n\nKlicken Sie [hier](javascript:alert(1)).\n",
			fmt.Sprintf("b1-01.md:%d: Fehler: Der Link „javascript:alert(1)“ ist nicht erlaubt", lines+3)},
		{"repariert", string(orig) + added, ""},
	}
	for i, s := range steps {
		writeFile(t, measure, s.text)
		before, n := counts()[string(otherBody)], 0
		res := findingsLikeFullBuild(t, root, dest, s.name, func() { n = counts()[string(otherBody)] - before })
		if s.want != "" {
			_, diags, _ := Run(context.Background(), Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), BuildDate: testDate})
			if !strings.Contains(printDiags(diags), s.want) {
				t.Fatalf("%s: findings lack %q:\n%s", s.name, s.want, printDiags(diags))
			}
			continue
		}
		if !res.Incremental {
			t.Fatalf("%s: full build instead of an incremental one", s.name)
		}
		assertLikeFullBuild(t, root, dest, s.name, res)
		if i == 0 && n > 0 {
			t.Errorf("%s: the unchanged text of b1-02.md was parsed %d times", s.name, n)
		}
		// Only the texts of this build are kept: after the first step the
		// text it wrote, after the second no more.
		if i < 2 {
			_, first, _, _ := decode.SplitFrontMatter([]byte(steps[0].text))
			if _, kept := savedBefunde(t, dest).Befunde.Texte[sha256.Sum256(first)]; kept != (i == 0) {
				t.Errorf("%s: findings of the text of the first step saved: %v", s.name, kept)
			}
		}
	}
	// The other measure gets the text of the first, with its external
	// link: known by its hash, at lines of its own file.
	_, body, _, _ := decode.SplitFrontMatter([]byte(string(orig) + added))
	writeFile(t, other, headOther+string(body))
	res := findingsLikeFullBuild(t, root, dest, "Text einer anderen Datei", nil)
	if !res.Incremental {
		t.Fatal("Text einer anderen Datei: full build instead of an incremental one")
	}
	assertLikeFullBuild(t, root, dest, "Text einer anderen Datei", res)
	full := mustBuild(t, root, filepath.Join(t.TempDir(), "public"))
	report, _ := os.ReadFile(res.ExternalReport)
	wantReport, _ := os.ReadFile(full.ExternalReport)
	if string(report) != string(wantReport) {
		t.Errorf("external link report differs from a full build's:\n%s\nwant:\n%s", report, wantReport)
	}
	if !strings.Contains(string(report), "b1-02.md:") || !strings.Contains(string(report), "b1-01.md:") {
		t.Errorf("the report does not name both files for https://example.org/befunde-im-test:\n%s", report)
	}
}

// A damaged file of findings, one of another version and one of another
// build are not used: the build parses every text and publishes what a
// full build publishes, and saves a good file again. The same findings,
// wrong on purpose but of the right version and build, are used: the
// test would notice if the others were.
func TestIncrementalBefundeUnbrauchbar(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	file := buildcache.MarkdownFile(buildcache.File(dest))
	cachedBuild(t, Options{Source: root, Dest: dest})
	// Every text said to have a problem: used, the build fails.
	vergiftet := func(mutate func(*befundeDatei)) {
		t.Helper()
		d := savedBefunde(t, dest)
		for k, b := range d.Befunde.Texte {
			b.Problem = &markdown.Problem{Line: 1, Message: "Vergiftet im Test."}
			d.Befunde.Texte[k] = b
		}
		mutate(&d)
		writeFile(t, file, string(d.encode()))
	}
	steps := []struct {
		name    string
		damage  func()
		trusted bool
	}{
		{"beschädigt", func() { writeFile(t, file, "tdsite-baustand-markdown\nkaputt\x00\xff") }, false},
		{"abgeschnitten", func() {
			data, _ := os.ReadFile(file)
			writeFile(t, file, string(data[:len(data)/2]))
		}, false},
		{"andere Version", func() { vergiftet(func(d *befundeDatei) { d.Version++ }) }, false},
		{"andere Fassung der Befunde", func() { vergiftet(func(d *befundeDatei) { d.Befunde.Version++ }) }, false},
		{"anderer Build", func() { vergiftet(func(d *befundeDatei) { d.Output = "anderer Build" }) }, false},
		{"fehlt", func() { os.Remove(file) }, false},
		{"passend", func() { vergiftet(func(*befundeDatei) {}) }, true},
	}
	for i, s := range steps {
		s.damage()
		changeContent(t, root, fmt.Sprintf("Befunde %d", i))
		res, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true})
		if s.trusted {
			if err == nil || !strings.Contains(printDiags(diags), "Vergiftet im Test.") {
				t.Fatalf("%s: the findings of the file were not used (err %v)", s.name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v\n%s", s.name, err, printDiags(diags))
		}
		if !res.Incremental {
			t.Fatalf("%s: full build instead of an incremental one", s.name)
		}
		assertLikeFullBuild(t, root, dest, s.name, res)
		if n := len(savedBefunde(t, dest).Befunde.Texte); n < 100 {
			t.Fatalf("%s: findings of %d texts saved after the build", s.name, n)
		}
	}
}

// savedBefunde reads the findings saved beside the record of dest.
func savedBefunde(t *testing.T, dest string) befundeDatei {
	t.Helper()
	data, err := os.ReadFile(buildcache.MarkdownFile(buildcache.File(dest)))
	if err != nil {
		t.Fatal(err)
	}
	d, ok := decodeBefunde(data)
	if !ok {
		t.Fatal("the saved findings are not read")
	}
	return d
}
