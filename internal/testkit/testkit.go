// Package testkit is what tests of several packages share: the repository
// root, the bundled site's fixed build day, copies of sites in temporary
// directories, Chromium and checks of generated HTML. It is imported only
// by tests and imports no package of tdsite, so that the tests of every
// package – build's own dependencies included – can use it.
package testkit

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Date is the build day of the bundled site (build_datum in config.toml):
// tests build on it so that "current", "overdue" and "upcoming" do not
// change with the calendar.
var Date = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// Root is the repository root: the nearest directory with go.mod above
// this file, so tests find it whatever their package's depth or working
// directory.
func Root() string { return repoRoot() }

var repoRoot = sync.OnceValue(func() string {
	_, file, _, _ := runtime.Caller(0)
	starts := []string{filepath.Dir(file)}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd) // built with -trimpath
	}
	for _, dir := range starts {
		for filepath.IsAbs(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return dir
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	panic("testkit: kein go.mod oberhalb von " + strings.Join(starts, ", "))
})

// Copy copies the named entries of src (all of it if none are named) into
// a new temporary directory and returns that directory, so that a test can
// change or break a site without touching the original.
func Copy(t testing.TB, src string, entries ...string) string {
	t.Helper()
	dst := t.TempDir()
	if len(entries) == 0 {
		entries = []string{"."}
	}
	for _, e := range entries {
		if err := copyEntry(filepath.Join(src, e), filepath.Join(dst, e)); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func copyEntry(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return os.CopyFS(dst, os.DirFS(src))
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// Bundled copies the site shipped in the repository (config, content,
// layouts and themes) into a temporary directory.
func Bundled(t testing.TB) string {
	t.Helper()
	return Copy(t, Root(), "content", "config.toml", "layouts", "themes")
}

// AgeContent sets every file below root/content an hour back: the content
// snapshot leaves out files changed just before they were read (racily
// clean), and tests that check what it reuses need them in it.
func AgeContent(t testing.TB, root string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Snapshot reads every file below root, keyed by slash path.
func Snapshot(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// RenderedPages builds the bundled site with build – build.Run without
// minifying, passed in as for Prepare – and returns its HTML pages as the
// templates render them, keyed by slash path: the input of the tests and
// benchmarks of minifying and link scanning.
func RenderedPages[D interface{ Print(io.Writer, bool) }](tb testing.TB, build func(src, dest string) (D, error)) map[string]string {
	tb.Helper()
	dest := filepath.Join(tb.TempDir(), "public")
	if diags, err := build(Bundled(tb), dest); err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		tb.Fatalf("%v\n%s", err, b.String())
	}
	pages := Snapshot(tb, dest)
	for name := range pages {
		if !strings.HasSuffix(name, ".html") {
			delete(pages, name)
		}
	}
	return pages
}

// Prepare runs prepare – build.Prepare – on the site in root on Date, with
// a fresh loader and renderer, and fails the test if the content has
// errors. Taking build.Prepare as an argument keeps the kit free of
// imports from tdsite (see the package comment).
func Prepare[P any, C any, D interface{ Print(io.Writer, bool) }](tb testing.TB, root string,
	prepare func(root string, day time.Time, caches C) (*P, D)) *P {
	tb.Helper()
	var caches C
	p, diags := prepare(root, Date, caches)
	if p == nil {
		var b strings.Builder
		diags.Print(&b, false)
		tb.Fatalf("Die Inhalte in %s sind fehlerhaft:\n%s", root, b.String())
	}
	return p
}

// Slow skips the test under -short (make test-quick): it builds or serves
// the whole bundled site more than once, or a large corpus – work that
// make test does and the quick loop leaves out.
func Slow(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("langsam (ganze Website oder großer Korpus): läuft mit make test, nicht mit -short")
	}
}

// Chromium returns the Chromium binary for tests in a real browser:
// TDSITE_CHROMIUM if set, else chromium from PATH. A missing browser skips
// the test, as does -short (make test-quick); with TDSITE_BROWSER=pflicht
// (make test, CI) neither skips – a missing browser fails the test.
func Chromium(t testing.TB) string {
	t.Helper()
	required := os.Getenv("TDSITE_BROWSER") == "pflicht"
	if testing.Short() && !required {
		t.Skip("Browser-Test, mit -short übersprungen")
	}
	bin, err := chromiumPath()
	switch {
	case err == nil:
		return bin
	case required:
		t.Fatalf("Chromium fehlt, TDSITE_BROWSER=pflicht verlangt es (make test-setup installiert es): %v", err)
	default:
		t.Skipf("Chromium fehlt, Browser-Test übersprungen (make test-setup installiert es): %v", err)
	}
	return ""
}

// Headless is Chromium (see Chromium) without window, sandbox, first-run
// dialogs and background traffic of its own, in a fresh profile, run with
// args. Every browser test starts it this way.
func Headless(ctx context.Context, t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	return exec.CommandContext(ctx, Chromium(t), append([]string{"--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir=" + t.TempDir()}, args...)...)
}

func chromiumPath() (string, error) {
	if p := os.Getenv("TDSITE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", errors.New("TDSITE_CHROMIUM=" + p + ": " + err.Error())
		}
		return p, nil
	}
	var errs []error
	for _, name := range []string{"chromium", "chromium-browser"} {
		p, err := exec.LookPath(name)
		if err == nil {
			return p, nil
		}
		errs = append(errs, err)
	}
	return "", errors.Join(errs...)
}
