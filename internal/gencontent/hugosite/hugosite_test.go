package hugosite_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/gencontent"
	"tdsite/internal/gencontent/hugosite"
	"tdsite/internal/testkit"
)

// The Hugo corpus mirrors the tdsite site page by page: Hugo, run for
// real, writes as many HTML pages as tdsite, of similar total weight, and
// its tables list the same measures. The corpus has 1,000 pages so that
// long lists run over several pages (seite/<n>/) and the strategy pages
// have many tables.
func TestHugoCorpusMirrorsSite(t *testing.T) {
	src, hout := hugoBuild(t, hugosite.Write, 1000)
	tout := filepath.Join(t.TempDir(), "t")
	if _, diags, err := build.Run(context.Background(), build.Options{Source: src, Dest: tout, BuildDate: testkit.Date}); err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("%v\n%s", err, b.String())
	}
	tn, tb := htmlFiles(t, tout)
	hn, hb := htmlFiles(t, hout)
	if tn != hn {
		t.Errorf("tdsite wrote %d HTML pages, Hugo %d", tn, hn)
	}
	if r := float64(hb) / float64(tb); r < 0.85 || r > 1.15 {
		t.Errorf("Hugo wrote %d bytes of HTML, tdsite %d (ratio %.2f, want within 15 %%)", hb, tb, r)
	}
	sameMeasures(t, tout, hout)
}

// sameMeasures checks that every page with tables of measures lists the
// same measures in Hugo's output as in tdsite's, in the same order: a
// mirror that lists more (every table the page's whole filter) does more
// work than tdsite and makes the comparison unfair.
func sameMeasures(t *testing.T, tout, hout string) {
	t.Helper()
	checked := 0
	err := filepath.WalkDir(tout, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		want := measureLinks(read(t, p))
		if want == nil {
			return nil
		}
		rel, _ := filepath.Rel(tout, p)
		checked++
		got := measureLinks(read(t, filepath.Join(hout, rel)))
		if extra, missing := diff(got, want); len(extra)+len(missing) > 0 {
			t.Errorf("%s: Hugo lists %d measures, tdsite %d; only in Hugo %d (%s), only in tdsite %d (%s)",
				rel, len(got), len(want), len(extra), first(extra), len(missing), first(missing))
		} else if !slices.Equal(got, want) {
			t.Errorf("%s: Hugo lists the same %d measures as tdsite, in another order", rel, len(got))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Errorf("only %d pages with tables of measures checked", checked)
	}
}

var (
	reMeasureTable = regexp.MustCompile(`(?s)<table class="?massnahmen.*?</table>`)
	// The link in a row's header cell, quoted by tdsite, not by Hugo's
	// minifier.
	reRowLink = regexp.MustCompile(`<th scope="?row"?><a href="?([^" >]+)`)
)

// measureLinks are the links of the rows of all tables of measures on a
// page, in order; nil if the page has no such table.
func measureLinks(html string) []string {
	var links []string
	for _, table := range reMeasureTable.FindAllString(html, -1) {
		if links == nil {
			links = []string{}
		}
		for _, m := range reRowLink.FindAllStringSubmatch(table, -1) {
			links = append(links, m[1])
		}
	}
	return links
}

// diff returns the links got has more often than want (extra) and those
// it has less often (missing), as multisets.
func diff(got, want []string) (extra, missing []string) {
	n := map[string]int{}
	for _, l := range got {
		n[l]++
	}
	for _, l := range want {
		n[l]--
	}
	for l, c := range n {
		for ; c > 0; c-- {
			extra = append(extra, l)
		}
		for ; c < 0; c++ {
			missing = append(missing, l)
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	return extra, missing
}

func first(links []string) string {
	if len(links) > 3 {
		return strings.Join(links[:3], " ") + " …"
	}
	return strings.Join(links, " ")
}

// hugoBuild generates a tdsite site of about n pages, writes a Hugo
// site from it with write and builds that with the real hugo; it returns
// the tdsite site's folder and Hugo's output.
func hugoBuild(t *testing.T, write func(src, dst string) error, n int) (src, out string) {
	testkit.Slow(t)
	t.Helper()
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo ist nicht installiert (make bench-vergleich installiert es)")
	}
	src = filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, n); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "hugo")
	if err := write(src, dst); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "h")
	cmd := exec.Command(hugo, "--quiet", "--minify", "--source", dst, "--destination", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	return src, out
}

func htmlFiles(t *testing.T, dir string) (n int, size int64) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n, size = n+1, size+info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, size
}

func rows(t *testing.T, file string) int {
	t.Helper()
	return strings.Count(read(t, file), "<tr data-massnahme=")
}

// The idiomatic Hugo site builds with the real hugo and holds the same
// content as the tdsite site: every measure page at tdsite's address with
// its own text, the term pages of the three taxonomies, the list of all
// measures, and feeds of at most 20 items.
func TestHugoIdiomaticSite(t *testing.T) {
	src, out := hugoBuild(t, hugosite.WriteIdiomatic, 300)
	page := read(t, filepath.Join(out, "massnahmen/k001-101/index.html"))
	if body := gencontent.MeasureBody("K001-101", 1); !strings.Contains(page, strings.SplitN(body, ".", 2)[0]) {
		t.Errorf("measure page lacks its text %q", body[:60])
	}
	for _, term := range []string{"handlungsfelder/kommunale-digitalstrategien", "ressorts/tmdi", "status/laufend"} {
		if !strings.Contains(page, `href=/`+term+`/`) {
			t.Errorf("measure page does not link its term page /%s/", term)
		}
		if rows(t, filepath.Join(out, term, "index.html")) == 0 {
			t.Errorf("term page /%s/ lists no measures", term)
		}
	}
	measures := 0
	_ = filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && filepath.Base(filepath.Dir(p)) == "massnahmen" && strings.HasSuffix(p, ".md") {
			measures++
		}
		return err
	})
	if got := rows(t, filepath.Join(out, "massnahmen/index.html")); got != measures || got < gencontent.Extra {
		t.Errorf("list of all measures has %d rows, want %d", got, measures)
	}
	if items := strings.Count(read(t, filepath.Join(out, "index.xml")), "<item>"); items != 20 {
		t.Errorf("feed has %d items, want 20", items)
	}
}

func read(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
