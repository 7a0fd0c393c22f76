package build

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// A rebuild replaces the whole output: files of removed content and files
// someone put into public/ by hand do not linger.
func TestPublishRemovesStaleFiles(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	news := "strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff/index.html"
	if _, err := os.Stat(filepath.Join(dest, news)); err != nil {
		t.Fatalf("expected page missing before removal: %v", err)
	}
	writeFile(t, filepath.Join(dest, "handarbeit.html"), "von Hand abgelegt")
	if err := os.Remove(filepath.Join(root, "content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, root, dest)
	for _, p := range []string{news, "handarbeit.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s lingers after rebuild (err=%v)", p, err)
		}
	}
	assertNoLeftovers(t, dest)
}

// The published folder must be readable by a web server running as another
// user (os.MkdirTemp creates 0700).
func TestPublishPermissions(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, repoRoot(t), dest)
	info, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o755 {
		t.Errorf("public/ has mode %o, want 755", perm)
	}
	info, err = os.Stat(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o044 != 0o044 {
		t.Errorf("index.html has mode %o, want readable by all", perm)
	}
}

// A symlinked destination stays a symlink; the site is published into the
// folder it points to (the web server's folder).
func TestPublishSymlinkDest(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	target := filepath.Join(tmp, "srv", "www")
	writeFile(t, filepath.Join(target, "alt.html"), "alt")
	writeFile(t, filepath.Join(target, publish.Marker), "")
	link := filepath.Join(tmp, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, repoRoot(t), link)
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer a symlink: %v %v", info, err)
	}
	if _, err := os.Stat(filepath.Join(target, "index.html")); err != nil {
		t.Errorf("site not published into the link target: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "alt.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale file in link target survived")
	}
	assertNoLeftovers(t, target)
}

// A dangling symlink or a file as destination is a clear error, not a crash
// and not a silently replaced file.
func TestPublishBadDest(t *testing.T) {
	tmp := t.TempDir()
	dangling := filepath.Join(tmp, "public")
	if err := os.Symlink(filepath.Join(tmp, "gibt-es-nicht"), dangling); err != nil {
		t.Fatal(err)
	}
	_, _, err := Run(context.Background(), Options{Source: repoRoot(t), Dest: dangling, BuildDate: testDate})
	if err == nil || !strings.Contains(err.Error(), "ins Leere") {
		t.Errorf("dangling symlink: got %v", err)
	}
	file := filepath.Join(tmp, "datei")
	writeFile(t, file, "kein Ordner")
	_, _, err = Run(context.Background(), Options{Source: repoRoot(t), Dest: file, BuildDate: testDate})
	if err == nil || !strings.Contains(err.Error(), "ist eine Datei, kein Ordner") {
		t.Errorf("file as dest: got %v", err)
	}
	if data, _ := os.ReadFile(file); string(data) != "kein Ordner" {
		t.Errorf("the file was overwritten")
	}
}

// Leftovers of killed builds (staging folders, parked old sites) are removed
// by the next build.
func TestPublishCleansLeftovers(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	writeFile(t, filepath.Join(tmp, ".public.neu-123", "index.html"), "halb")
	writeFile(t, filepath.Join(tmp, ".public.alt-456", "index.html"), "alt")
	writeFile(t, filepath.Join(dest, "index.html"), "alt")
	writeFile(t, filepath.Join(dest, publish.Marker), "")
	// Similar names of other folders are not touched.
	writeFile(t, filepath.Join(tmp, ".public2.neu-1", "x"), "fremd")
	mustBuild(t, repoRoot(t), dest)
	assertNoLeftovers(t, dest)
	if _, err := os.Stat(filepath.Join(tmp, ".public2.neu-1", "x")); err != nil {
		t.Errorf("foreign folder removed: %v", err)
	}
}

// Without an atomic exchange (other systems, some file systems) publishing
// falls back to two renames and still leaves nothing behind.
func TestPublishFallbackSwap(t *testing.T) {
	testkit.Slow(t)
	dest := filepath.Join(t.TempDir(), "public")
	writeFile(t, filepath.Join(dest, "alt.html"), "alt")
	writeFile(t, filepath.Join(dest, publish.Marker), "")
	opts := Options{Source: repoRoot(t), Dest: dest, BuildDate: testDate}
	opts.folders.Exchange = func(a, b string) error { return publish.ErrExchangeUnsupported }
	if _, diags, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("%v\n%s", err, printDiags(diags))
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "alt.html")); !errors.Is(err, os.ErrNotExist) {
		t.Error("old file survived the fallback swap")
	}
	assertNoLeftovers(t, dest)
}

// Two builds into the same folder at once: the second one stops with a
// clear message instead of deleting the first one's staging folder.
func TestPublishLock(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	other, err := publish.Begin(repoRoot(t), dest)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Run(context.Background(), Options{Source: repoRoot(t), Dest: dest, BuildDate: testDate})
	if err == nil || !strings.Contains(err.Error(), "Ein anderer tdsite-Build") {
		t.Errorf("got %v, want lock message", err)
	}
	other.Abort()
	mustBuild(t, repoRoot(t), dest)
}

// The output may live on another file system than the sources (the staging
// folder is always created beside the destination, so renames stay local).
func TestPublishOtherFilesystem(t *testing.T) {
	t.Parallel()
	shm := "/dev/shm"
	if info, err := os.Stat(shm); err != nil || !info.IsDir() {
		t.Skip("no /dev/shm")
	}
	tmp, err := os.MkdirTemp(shm, "tdsite-test-")
	if err != nil {
		t.Skip(err)
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")
	mustBuild(t, repoRoot(t), dest)
	mustBuild(t, repoRoot(t), dest)
	assertNoLeftovers(t, dest)
}

// A destination that is a mount point (a Docker volume) cannot be swapped:
// the message says what to do and the mounted content stays untouched.
func TestPublishMountPoint(t *testing.T) {
	testkit.Slow(t)
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "tdsite-test", dest).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dest).Run()
	writeFile(t, filepath.Join(dest, "index.html"), "alt")
	writeFile(t, filepath.Join(dest, publish.Marker), "")
	_, _, err := Run(context.Background(), Options{Source: repoRoot(t), Dest: dest, BuildDate: testDate})
	if err == nil || !strings.Contains(err.Error(), "Einhängepunkt") || !strings.Contains(err.Error(), "--dest") {
		t.Errorf("got %v, want mount point message", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(data) != "alt" {
		t.Errorf("mounted content changed: %q", data)
	}
	assertNoLeftovers(t, dest)
}

func assertNoLeftovers(t *testing.T, dest string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(dest)
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "."+base+".neu-") || strings.HasPrefix(n, "."+base+".alt-") || n == base+".alt" {
			t.Errorf("leftover %s beside %s", n, dest)
		}
	}
}

// A mistyped destination is never replaced: not the site itself, not a
// folder of its sources, not a folder with foreign files.
func TestPublishRefusesForeignDest(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	foreign := t.TempDir()
	writeFile(t, filepath.Join(foreign, "brief.odt"), "wichtig")
	for name, c := range map[string]struct{ dest, want string }{
		"site root":    {root, "enthält die Quellen"},
		"parent":       {filepath.Dir(root), "enthält die Quellen"},
		"content":      {filepath.Join(root, "content", "public"), "liegt in den Quellen"},
		"foreign data": {foreign, "nicht von tdsite"},
	} {
		_, _, err := Run(context.Background(), Options{Source: root, Dest: c.dest, BuildDate: testDate})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", name, err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content", "akteure.toml")); err != nil {
		t.Fatalf("sources damaged: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(foreign, "brief.odt")); string(data) != "wichtig" {
		t.Fatalf("foreign file damaged")
	}
	// Empty folders and earlier output are fine.
	mustBuild(t, root, t.TempDir())
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	if _, err := os.Stat(filepath.Join(dest, publish.Marker)); err != nil {
		t.Errorf("no marker in the output: %v", err)
	}
	mustBuild(t, root, dest)
}
