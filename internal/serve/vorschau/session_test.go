package vorschau

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// editSession builds a copy of the bundled site in a session; edit
// rewrites a file of it (relative to the site) with a change.
func editSession(t *testing.T) (*Session, func(rel, old, new string)) {
	t.Helper()
	root := testkit.Bundled(t)
	s := NewSession(root, t.TempDir())
	s.Date = testkit.Date
	if _, d, err := s.Build(); err != nil {
		var b strings.Builder
		d.Print(&b, false)
		t.Fatalf("%v\n%s", err, b.String())
	}
	return s, func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s does not contain %q", rel, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (s *Session) page(t *testing.T, path string) string {
	t.Helper()
	file := strings.TrimPrefix(path, "/") + "index.html"
	data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The page of an edited file is rendered from its strategy alone before
// the full pass, and comes out exactly as the full pass renders it: in
// every strategy with measures and news, with every page of the site
// open in a browser, no page rendered ahead needs a second reload.
func TestVorabPagesMatchFullPass(t *testing.T) {
	testkit.Slow(t)
	s, edit := editSession(t)
	var all []string
	for _, pg := range s.Prepared().Pages {
		all = append(all, pg.Path)
	}
	s.Viewed = func() []string { return all }
	cases := []struct{ file, page string }{
		{"content/strategien/beispiel-kommunen/massnahmen/BSP-01.md", "/massnahmen/bsp-01/"},
		{"content/strategien/digitale-gesellschaft/massnahmen/b1-01.md", "/massnahmen/b1-01/"},
		{"content/strategien/e-government-it-2014/massnahmen/EGOV14-02.md", "/massnahmen/egov14-02/"},
	}
	news, _ := filepath.Glob(filepath.Join(s.Root, "content/strategien/beispiel-kommunen/meldungen/*.md"))
	if len(news) == 0 {
		t.Fatal("no news in the example strategy")
	}
	cases = append(cases, struct{ file, page string }{"content/strategien/beispiel-kommunen/meldungen/" + filepath.Base(news[0]), ""})
	for i, c := range cases {
		title := "Geänderter Titel " + string(rune('A'+i))
		edit(c.file, "\ntitel = \"", "\ntitel = \""+title+" ")
		var calls [][]string
		up, d, err := s.Apply([]string{c.file}, func(p []string) { calls = append(calls, p) })
		if err != nil {
			var b strings.Builder
			d.Print(&b, false)
			t.Fatalf("%s: %v\n%s", c.file, err, b.String())
		}
		if len(up.Ahead) == 0 {
			t.Fatalf("%s: nothing rendered ahead", c.file)
		}
		if c.page != "" && !slices.Contains(up.Ahead, c.page) {
			t.Errorf("%s: %s not rendered ahead: %v", c.file, c.page, up.Ahead)
		}
		if len(calls) == 0 || !slices.Equal(calls[0], up.Ahead) {
			t.Fatalf("%s: first pages handed out %v, want those rendered ahead %v", c.file, calls, up.Ahead)
		}
		for _, later := range calls[1:] {
			for _, p := range later {
				if slices.Contains(up.Ahead, p) {
					t.Errorf("%s: %s rendered ahead differs from the full pass", c.file, p)
				}
			}
		}
		for _, p := range up.Ahead {
			if !strings.Contains(s.page(t, p), title) && p == c.page {
				t.Errorf("%s: %s lacks the new title", c.file, p)
			}
		}
		if up.Early <= 0 || up.Early > up.Duration {
			t.Errorf("%s: early after %v of %v", c.file, up.Early, up.Duration)
		}
	}
}

// An error the changed strategy alone cannot show – here in another
// strategy, in a file changed without an event (watchers can miss some)
// – is caught by the full pass, and the page rendered ahead is put back:
// the preview keeps the last good site.
func TestVorabUndoneWhenSiteHasErrors(t *testing.T) {
	s, edit := editSession(t)
	good := s.page(t, "/massnahmen/bsp-01/")
	edit("content/strategien/digitale-gesellschaft/ziele.toml", "[", "[[[")
	file := "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"
	edit(file, "\ntitel = \"", "\ntitel = \"Neu ")
	var calls [][]string
	_, _, err := s.Apply([]string{file}, func(p []string) { calls = append(calls, p) })
	if !errors.Is(err, build.ErrContent) {
		t.Fatalf("err %v; want the broken file reported", err)
	}
	if len(calls) != 1 || !slices.Contains(calls[0], "/massnahmen/bsp-01/") {
		t.Fatalf("pages handed out: %v; the test needs the page rendered ahead", calls)
	}
	if got := s.page(t, "/massnahmen/bsp-01/"); got != good {
		t.Error("the page rendered ahead was not put back")
	}
}

// Should a page rendered ahead come out differently in the full pass
// after all, it is handed out again, so that the browser shows the final
// page.
func TestVorabDifferentPageReloadedAgain(t *testing.T) {
	testkit.Slow(t)
	s, edit := editSession(t)
	file := "content/strategien/beispiel-kommunen/massnahmen/BSP-02.md"
	edit(file, "\ntitel = \"", "\ntitel = \"Neu ")
	var calls [][]string
	_, _, err := s.Apply([]string{file}, func(p []string) {
		if len(calls) == 0 {
			for i := range s.vorab { // as if the full pass saw more
				s.vorab[i].after = []byte("anders")
			}
		}
		calls = append(calls, p)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 || !slices.Contains(calls[1], "/massnahmen/bsp-02/") {
		t.Errorf("pages handed out: %v; want the page again", calls)
	}
}

// Changes the changed strategy alone cannot show are left to the full
// pass: a site-wide file, a new file, a template.
func TestVorabOnlyForKnownStrategyFiles(t *testing.T) {
	testkit.Slow(t)
	s, edit := editSession(t)
	hf, _ := filepath.Glob(filepath.Join(s.Root, "content/handlungsfelder/*.md"))
	if len(hf) == 0 {
		t.Fatal("no Handlungsfeld files")
	}
	hfRel := "content/handlungsfelder/" + filepath.Base(hf[0])
	edit(hfRel, "+++", "+++\n# geändert")
	newRel := "content/strategien/beispiel-kommunen/massnahmen/BSP-99.md"
	create := func() {
		data, err := os.ReadFile(filepath.Join(s.Root, "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"))
		if err != nil {
			t.Fatal(err)
		}
		// A new measure: its history starts after the closed report of 2025.
		text := strings.Replace(string(data), `id = "BSP-01"`, `id = "BSP-99"`, 1)
		if text = strings.ReplaceAll(text, `datum = "Q2/2025"`, `datum = "Q1/2026"`); !strings.Contains(text, "Q1/2026") {
			t.Fatal("BSP-01 hat keinen Eintrag Q2/2025 mehr; Test anpassen")
		}
		if err := os.WriteFile(filepath.Join(s.Root, newRel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, changed := range [][]string{{hfRel}, {newRel}, {"layouts/massnahme.html", "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"}} {
		if changed[0] == newRel {
			create()
		}
		up, _, err := s.Apply(changed, func([]string) {})
		if err != nil {
			t.Fatalf("%v: %v", changed, err)
		}
		if len(up.Ahead) > 0 {
			t.Errorf("%v: rendered ahead %v", changed, up.Ahead)
		}
	}
}

// A change after a failed one is applied together with it: the preview
// neither forgets a broken template because only content changed since,
// nor broken content because only a template changed.
func TestChangesAfterFailureAppliedTogether(t *testing.T) {
	testkit.Slow(t)
	s, edit := editSession(t)
	measure := "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"
	for _, c := range []struct{ broken, old, new, other string }{
		{"layouts/massnahme.html", "{{define \"main\"}}", "{{define \"main\"}}{{if}}", measure},
		{measure, "\ntitel = \"", "\ntitel = \"\"\"", "layouts/massnahme.html"},
	} {
		edit(c.broken, c.old, c.new)
		if _, _, err := s.Apply([]string{c.broken}, nil); !errors.Is(err, build.ErrContent) {
			t.Fatalf("%s broken: %v", c.broken, err)
		}
		edit(c.other, "", "") // saved unchanged: an event for the other kind of file
		if _, _, err := s.Apply([]string{c.other}, nil); !errors.Is(err, build.ErrContent) {
			t.Errorf("%s still broken, but saving %s succeeded", c.broken, c.other)
		}
		edit(c.broken, c.new, c.old)
		if _, d, err := s.Apply([]string{c.broken}, nil); err != nil {
			var b strings.Builder
			d.Print(&b, false)
			t.Fatalf("%s repaired: %v\n%s", c.broken, err, b.String())
		}
	}
}

// TestDokumentInDerVorschau: in the preview a replaced download is
// published again, and the landing page shows its new size.
func TestDokumentInDerVorschau(t *testing.T) {
	s, edit := editSession(t)
	rel := "content/strategien/beispiel-kommunen/dokumente/aktionsplan.csv"
	edit(rel, "ID;", strings.Repeat("x", 4096)+"\nID;")
	if _, d, err := s.Apply([]string{rel}, nil); err != nil {
		t.Fatalf("%v\n%s", err, printDiags(d))
	}
	data, err := os.ReadFile(filepath.Join(s.Dir, "strategien/beispiel-kommunen/dokumente/aktionsplan.csv"))
	if err != nil || !strings.HasPrefix(string(data), "xxxx") {
		t.Errorf("changed download not published again: %v", err)
	}
	if page := s.page(t, "/strategien/beispiel-kommunen/"); !strings.Contains(page, "(CSV, 5 KB)") {
		t.Error("landing page does not show the new size")
	}
}

func printDiags(l *diag.List) string {
	var b strings.Builder
	l.Print(&b, false)
	return b.String()
}

// A long preview session does not accumulate converted texts: after many
// edits of a text, the caches hold what one build of the site uses.
func TestCachesStayBoundedOverManyEdits(t *testing.T) {
	s, _ := editSession(t)
	before := s.Caches().MarkdownTexts()
	if before == 0 {
		t.Fatal("no converted texts after the first build")
	}
	rel := "content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md"
	p := filepath.Join(s.Root, filepath.FromSlash(rel))
	original, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 8; i++ {
		text := fmt.Sprintf("%s\n\nFassung %d mit neuem Text.\n", original, i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, d, err := s.Apply([]string{rel}, nil); err != nil {
			t.Fatalf("edit %d: %v\n%s", i, err, printDiags(d))
		}
		if !strings.Contains(s.page(t, "/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff/"), fmt.Sprintf("Fassung %d mit", i)) {
			t.Fatalf("edit %d not shown", i)
		}
		if n := s.Caches().MarkdownTexts(); n > before {
			t.Fatalf("after edit %d the caches hold %d texts, after the first build %d", i, n, before)
		}
	}
}

// A change of a measure's text alone renders its page, not the lists of
// all measures, and the preview then shows what a new session shows.
func TestTextOnlyChange(t *testing.T) {
	s, _ := editSession(t)
	file := "content/strategien/digitale-gesellschaft/massnahmen/b1-01.md"
	p := filepath.Join(s.Root, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, "\n## Neu im Test\n\nMit [Link](https://example.org/neu-im-test).\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	up, d, err := s.Apply([]string{file}, nil)
	if err != nil {
		var b strings.Builder
		d.Print(&b, false)
		t.Fatalf("%v\n%s", err, b.String())
	}
	if !slices.Contains(up.Rendered, "/massnahmen/b1-01/") || slices.Contains(up.Rendered, "/agenda/massnahmen/") {
		t.Errorf("rendered %v; want the measure's page and not the list of all measures", up.Rendered)
	}
	fresh := NewSession(s.Root, t.TempDir())
	fresh.Date = testkit.Date
	if _, _, err := fresh.Build(); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(fresh.Dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fresh.Dir, path)
		want, _ := os.ReadFile(path)
		got, err := os.ReadFile(filepath.Join(s.Dir, rel))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s differs from a new session's", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
