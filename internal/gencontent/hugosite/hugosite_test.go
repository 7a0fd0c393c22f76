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
	"tdsite/internal/testsite/bundled"
)

// The Hugo corpus mirrors the tdsite site page by page: Hugo, run for
// real, writes as many HTML pages as tdsite, of similar total weight, and
// its tables list the same measures.
func TestHugoCorpusMirrorsSite(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo ist nicht installiert (make bench-vergleich installiert es)")
	}
	src := filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(bundled.Root(), src, 300); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "hugo")
	if err := hugosite.Write(src, dst); err != nil {
		t.Fatal(err)
	}
	tout, hout := filepath.Join(t.TempDir(), "t"), filepath.Join(t.TempDir(), "h")
	if _, diags, err := build.Run(context.Background(), build.Options{Source: src, Dest: tout, BuildDate: bundled.Datum}); err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("%v\n%s", err, b.String())
	}
	cmd := exec.Command(hugo, "--quiet", "--minify", "--source", dst, "--destination", hout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
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
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "<tr data-massnahme=")
}
