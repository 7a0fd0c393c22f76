package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tdsite/internal/config"
	"tdsite/internal/pages"
	"tdsite/internal/validate"
)

// A build parses every Markdown text once: rendering collects the links
// and raw HTML that the Markdown checks and the report of external links
// need. The checks find from that data what parsing each text on its own
// finds, and the report names the line of a link only rendering saw.
func TestMarkdownEinmalGeparst(t *testing.T) {
	root := copySite(t)
	file := "content/strategien/digitale-gesellschaft/massnahmen/b1-01.md"
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(data), "\n") + 4
	writeFile(t, filepath.Join(root, file), string(data)+"\n| Quelle | Link |\n|---|---|\n"+
		"| Land | [Portal](https://einmal.example/tabelle) und <span>roh</span>[^q] |\n\n[^q]: Siehe www.einmal-fussnote.example\n")
	cfg, cd := config.Load(root)
	if cfg == nil {
		t.Fatal(printDiags(cd))
	}
	counts := parseCounts(t)
	twice := func() (n int) {
		for src, c := range counts() {
			if c > 1 {
				t.Logf("%d× geparst: %.60q", c, src)
				n++
			}
		}
		return n
	}
	c := NewCaches()
	p, diags := Prepare(root, testDate, c)
	if p == nil {
		t.Fatal(printDiags(diags))
	}
	md := c.Markdown(cfg.Markdown.UnsafeHTML)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := write(context.Background(), p, dest, true, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(counts()); n < 100 {
		t.Errorf("only %d texts parsed", n)
	}
	if n := twice(); n > 0 {
		t.Errorf("%d Markdown texts were parsed more than once in one build", n)
	}

	collected := validate.Markdown(p.Content, cfg.Markdown.UnsafeHTML, md)
	if n := twice(); n > 0 {
		t.Errorf("the checks parsed %d rendered texts again", n)
	}
	parsed := validate.Markdown(p.Content, cfg.Markdown.UnsafeHTML, nil)
	if !reflect.DeepEqual(collected.Items(), parsed.Items()) {
		t.Errorf("findings from rendering:\n%s\nfrom parsing each text:\n%s", printDiags(collected), printDiags(parsed))
	}
	if want := file + ":" + strconv.Itoa(line) + ": Warnung: HTML wird nicht veröffentlicht"; !strings.Contains(printDiags(collected), want) {
		t.Errorf("findings lack %q:\n%s", want, printDiags(collected))
	}

	report, err := os.ReadFile(res.ExternalReport)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"https://einmal.example/tabelle\n    geschrieben in: " + file + ":" + strconv.Itoa(line) + "\n",
		"http://www.einmal-fussnote.example\n    geschrieben in: " + file + ":" + strconv.Itoa(line+2) + "\n",
	} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

// One `tdsite build` lets the HTML of a measure's text go once the
// measure's page is written (Caches.einmal, Page.Einmal): at its end it
// holds none of them, it parses no text twice, and it writes the same
// site as a build that keeps them, as the preview does.
func TestMassnahmentexteNachIhrerSeiteFrei(t *testing.T) {
	root := repoRoot(t)
	build := func(einmal bool) (tree map[string]string, before, after int, p *Prepared) {
		counts := parseCounts(t)
		c := NewCaches()
		c.einmal = einmal
		p, diags := Prepare(root, testDate, c)
		if p == nil {
			t.Fatal(printDiags(diags))
		}
		before = c.MarkdownTexts()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := write(context.Background(), p, dest, true, Options{}, nil); err != nil {
			t.Fatal(err)
		}
		for src, n := range counts() {
			if n > 1 {
				t.Errorf("einmal=%v: %d× geparst: %.60q", einmal, n, src)
			}
		}
		return treeHashes(t, dest), before, c.MarkdownTexts(), p
	}
	kept, k0, k1, _ := build(false)
	freed, f0, f1, p := build(true)
	if d := diffTrees(kept, freed); d != "" {
		t.Errorf("the site differs when measure texts are let go:\n%s", d)
	}
	if k1 < k0 {
		t.Errorf("the preview's caches lost texts: %d before the pages, %d after", k0, k1)
	}
	texts := map[string]bool{}
	for _, m := range p.Model.Massnahmen {
		if m.HatSeite {
			texts[string(m.Body.Text)] = true
		}
	}
	if len(texts) < 20 {
		t.Fatalf("only %d measures with a page of their own", len(texts))
	}
	if f0 != k0 || f0-f1 != len(texts) {
		t.Errorf("texts held before/after the pages: %d/%d, want %d/%d (%d measure texts let go)", f0, f1, k0, k0-len(texts), len(texts))
	}
}

// Measure pages go first: the overviews after them then need memory
// without the measure texts held as well.
func TestEinmalSeitenZuerst(t *testing.T) {
	list := []*pages.Page{
		{Path: "/a/", Deps: []string{"x", "y"}},
		{Path: "/alles/", Deps: []string{pages.All}},
		{Path: "/m1/", Deps: []string{"m1", "x", "y", "z"}, Einmal: true},
		{Path: "/b/", Deps: []string{"x", "y", "z"}},
		{Path: "/m2/", Deps: []string{"m2"}, Einmal: true},
	}
	var got []string
	for _, pg := range heavyFirst(list) {
		got = append(got, pg.Path)
	}
	if want := []string{"/m1/", "/m2/", "/alles/", "/b/", "/a/"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
