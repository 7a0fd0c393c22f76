package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"tdsite/internal/testkit"
)

// deniedLikeNonRoot is os.RemoveAll as it behaves for a user other than
// root: entries of a folder without write permission cannot be removed.
// Root may delete anyway, so the tests, which run as root in CI, use it
// to see what users see.
func deniedLikeNonRoot(p string) error {
	var denied string
	_ = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || denied != "" {
			return nil
		}
		info, err := d.Info()
		if entries, _ := os.ReadDir(q); err == nil && info.Mode().Perm()&0o200 == 0 && len(entries) > 0 {
			denied = filepath.Join(q, entries[0].Name())
		}
		return nil
	})
	if denied != "" {
		return &fs.PathError{Op: "unlinkat", Path: denied, Err: syscall.EACCES}
	}
	return os.RemoveAll(p)
}

// retitleBSP01 gives the measure BSP-01 a new title, so that a new build
// differs from the last.
func retitleBSP01(t *testing.T, root, title string) { retitle(t, root, "BSP-01", title) }

// retitle gives the measure id of the example strategy a new title.
func retitle(t *testing.T, root, id, title string) {
	t.Helper()
	p := filepath.Join(root, "content/strategien/beispiel-kommunen/massnahmen", id+".md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, regexp.MustCompile(`(?m)^titel = .*$`).ReplaceAllString(string(data), `titel = "`+title+`"`))
}

// chmod -R a-w public, then build: the new site is published, the
// previous one removed, and the build succeeds without leftovers.
func TestPublishReadOnlyOutput(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, 0o555)
		}
		return os.Chmod(p, 0o444)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(filepath.Dir(dest), func(p string, d fs.DirEntry, err error) error { os.Chmod(p, 0o755); return nil })
	})
	opts := Options{Source: root, Dest: dest, BuildDate: testDate}
	if os.Geteuid() == 0 {
		opts.folders.RemoveAll = deniedLikeNonRoot
		if deniedLikeNonRoot(dest) == nil {
			t.Fatal("the read-only output was removed: the simulation does not deny")
		}
	}
	retitleBSP01(t, root, "Neu veröffentlicht")
	res, diags, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes: %q", res.Notes)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "massnahmen/bsp-01/index.html")); !strings.Contains(string(data), "Neu veröffentlicht") {
		t.Errorf("new site not published")
	}
	assertNoLeftovers(t, dest)
}

// When the previous output cannot be removed at all (folders of another
// user), the new site is still published and the build succeeds, saying
// where the old one lies. The next builds say so again, are not skipped
// by the cache, and remove the leftovers as soon as they can.
func TestPublishOldOutputCannotBeRemoved(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true}
	if _, diags, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	opts.folders.RemoveAll = func(p string) error {
		if strings.Contains(filepath.Base(p), ".neu-") {
			return &fs.PathError{Op: "unlinkat", Path: filepath.Join(p, "index.html"), Err: syscall.EACCES}
		}
		return os.RemoveAll(p)
	}
	retitleBSP01(t, root, "Zweiter Stand")
	// A template changed too: a full build, which removes the previous
	// output (an incremental one parks it).
	layout := filepath.Join(root, "layouts/massnahme.html")
	data, _ := os.ReadFile(layout)
	writeFile(t, layout, string(data)+"\n")
	res, diags, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "massnahmen/bsp-01/index.html")); !strings.Contains(string(data), "Zweiter Stand") {
		t.Errorf("new site not published")
	}
	leftover, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.neu-*"))
	if len(res.Notes) != 1 || len(leftover) != 1 || !strings.Contains(res.Notes[0], "Die neue Website ist veröffentlicht") ||
		!strings.Contains(res.Notes[0], leftover[0]) || !strings.Contains(res.Notes[0], "permission denied") {
		t.Fatalf("notes %q, leftovers %q", res.Notes, leftover)
	}
	// Nothing changed, but the leftover must be named again: no cache.
	res, _, err = Run(context.Background(), opts)
	if err != nil || res.Unchanged || len(res.Notes) != 2 || !strings.Contains(strings.Join(res.Notes, "\n"), "aus einem früheren Lauf lässt sich nicht löschen") {
		t.Fatalf("second build: err %v, unchanged %v, notes %q", err, res != nil && res.Unchanged, res.Notes)
	}
	opts.folders.RemoveAll = nil // the rights were fixed
	res, _, err = Run(context.Background(), opts)
	if err != nil || res.Unchanged || len(res.Notes) != 0 {
		t.Fatalf("build after the fix: err %v, notes %q", err, res.Notes)
	}
	assertNoLeftovers(t, dest)
	if res, _, err = Run(context.Background(), opts); err != nil || !res.Unchanged {
		t.Errorf("cache not used again once the leftovers are gone: %v", err)
	}
}
