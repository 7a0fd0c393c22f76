package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// With the cache on, a second build of an unchanged site writes nothing;
// any change to the inputs, the options or the published folder gives a
// real build again.
func TestCacheSkipsOnlyUnchangedBuilds(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true}
	build := func(what string) *Result {
		t.Helper()
		res, diags, err := Run(context.Background(), opts)
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, printDiags(diags))
		}
		return res
	}
	first := build("erster Bau")
	if first.Unchanged {
		t.Fatal("first build reported as unchanged")
	}
	home := filepath.Join(dest, "index.html")
	before, _ := os.Stat(home)

	second := build("zweiter Bau")
	if !second.Unchanged {
		t.Fatal("second build of an unchanged site was not skipped")
	}
	if second.Pages != first.Pages || second.Files != first.Files || second.Bytes != first.Bytes {
		t.Errorf("skipped build reports %d pages/%d files/%d bytes, the real one %d/%d/%d",
			second.Pages, second.Files, second.Bytes, first.Pages, first.Files, first.Bytes)
	}
	if after, _ := os.Stat(home); !after.ModTime().Equal(before.ModTime()) {
		t.Error("skipped build rewrote index.html")
	}

	// Each change must lead to a real build, and the next run is skipped again.
	measure := filepath.Join(root, "content", "strategien", "beispiel-kommunen", "strategie.md")
	steps := []struct {
		name   string
		change func()
		check  func()
	}{
		{"Inhalt geändert", func() {
			data, _ := os.ReadFile(measure)
			writeFile(t, measure, strings.Replace(string(data), "(Beispiel)", "(Beispiel, geändert)", 1))
		}, func() {
			data, _ := os.ReadFile(filepath.Join(dest, "strategien", "beispiel-kommunen", "index.html"))
			if !strings.Contains(string(data), "(Beispiel, geändert)") {
				t.Error("changed title not in the rebuilt page")
			}
		}},
		{"Vorlage geändert", func() {
			now := time.Now().Add(time.Second)
			matches, _ := filepath.Glob(filepath.Join(root, "layouts", "*.html"))
			if len(matches) == 0 {
				matches, _ = filepath.Glob(filepath.Join(root, "themes", "*", "layouts", "*.html"))
			}
			if len(matches) == 0 {
				t.Fatal("no template found")
			}
			os.Chtimes(matches[0], now, now)
		}, nil},
		{"Datei im Ausgabeordner gelöscht", func() { os.Remove(filepath.Join(dest, "sitemap.xml")) }, func() {
			if _, err := os.Stat(filepath.Join(dest, "sitemap.xml")); err != nil {
				t.Error("deleted sitemap.xml not written again")
			}
		}},
		{"Datei im Ausgabeordner verändert", func() { writeFile(t, home, "kaputt") }, func() {
			data, _ := os.ReadFile(home)
			if string(data) == "kaputt" {
				t.Error("index.html changed by hand was not rebuilt")
			}
		}},
		{"anderes Baudatum", func() { opts.BuildDate = testDate.AddDate(0, 0, 1) }, nil},
		{"unverkleinert", func() { opts.NoMinify = true }, nil},
	}
	for _, s := range steps {
		s.change()
		if res := build(s.name); res.Unchanged {
			t.Errorf("%s: build skipped", s.name)
		}
		if s.check != nil {
			s.check()
		}
		if res := build(s.name + ", noch einmal"); !res.Unchanged {
			t.Errorf("%s: the build after it was not skipped", s.name)
		}
	}

	// Broken content is reported on every run, never answered from the
	// cache of the last good build.
	good, _ := os.ReadFile(measure)
	writeFile(t, measure, "+++\ntitel = \n+++\n")
	for i := 0; i < 2; i++ {
		if res, _, err := Run(context.Background(), opts); err == nil {
			t.Fatalf("run %d: broken content accepted (unchanged: %v)", i+1, res.Unchanged)
		}
	}
	writeFile(t, measure, string(good))
	if res := build("nach Reparatur"); res.Unchanged {
		t.Error("build after a failed one was skipped")
	}
}

// Library callers (tests, the preview) get real builds unless they ask.
func TestCacheOffByDefault(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	if res := mustBuild(t, root, dest); res.Unchanged {
		t.Fatal("build without Cache was skipped")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dest), ".public.baustand")); err == nil {
		t.Error("build without Cache left a cache record")
	}
}

// public may be a link to the web server's folder; a file changed there
// must still lead to a build.
func TestCacheFollowsLinkedOutput(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "www")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	if err := os.Symlink(target, dest); err != nil {
		t.Fatal(err)
	}
	opts := Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true}
	for i, want := range []bool{false, true} {
		res, diags, err := Run(context.Background(), opts)
		if err != nil {
			t.Fatalf("build %d: %v\n%s", i+1, err, printDiags(diags))
		}
		if res.Unchanged != want {
			t.Fatalf("build %d: unchanged = %v", i+1, res.Unchanged)
		}
	}
	writeFile(t, filepath.Join(target, "index.html"), "von Hand")
	if res, _, err := Run(context.Background(), opts); err != nil || res.Unchanged {
		t.Errorf("file changed in the link target, build skipped (err %v)", err)
	}
}
