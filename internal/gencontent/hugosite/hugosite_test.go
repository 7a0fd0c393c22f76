package hugosite_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/gencontent"
	"tdsite/internal/gencontent/hugosite"
	"tdsite/internal/testkit"
)

// The Hugo corpus mirrors the tdsite site page by page: Hugo, run for
// real, writes as many HTML pages as tdsite, of similar total weight, and
// its tables list the same measures.
func TestHugoCorpusMirrorsSite(t *testing.T) {
	src, hout := hugoBuild(t, hugosite.Write)
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
	facet := "agenda/handlungsfelder/kommunale-digitalstrategien/index.html"
	if tr, hr := rows(t, filepath.Join(tout, facet)), rows(t, filepath.Join(hout, facet)); tr == 0 || tr != hr {
		t.Errorf("%s: tdsite lists %d measures, Hugo %d", facet, tr, hr)
	}
}

// hugoBuild generates a tdsite site of about 300 pages, writes a Hugo
// site from it with write and builds that with the real hugo; it returns
// the tdsite site's folder and Hugo's output.
func hugoBuild(t *testing.T, write func(src, dst string) error) (src, out string) {
	testkit.Slow(t)
	t.Helper()
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo ist nicht installiert (make bench-vergleich installiert es)")
	}
	src = filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, 300); err != nil {
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
	src, out := hugoBuild(t, hugosite.WriteIdiomatic)
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
