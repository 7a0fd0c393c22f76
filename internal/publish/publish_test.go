package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// If a fallback swap was killed between its two renames, the previous site
// waits under .alt-; the next attempt puts it back before anything else.
func TestPublishRecoversParkedSite(t *testing.T) {
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	writeTestFile(t, filepath.Join(tmp, ".public.alt-1", "index.html"), "letzte gute Fassung")
	writeTestFile(t, filepath.Join(tmp, ".public.alt-1", Marker), "")
	st, err := Begin(t.TempDir(), dest)
	if err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if data, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(data) != "letzte gute Fassung" {
		t.Errorf("previous site not restored: %q %v", data, err)
	}
	assertNoLeftovers(t, dest)
}

// Publishing without an atomic exchange parks the old site under .alt-
// for the moment between two renames, and removes it afterwards.
func TestFallbackSwap(t *testing.T) {
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	writeTestFile(t, filepath.Join(dest, "alt.html"), "alt")
	writeTestFile(t, filepath.Join(dest, Marker), "")
	f := Folders{Exchange: func(a, b string) error { return ErrExchangeUnsupported }}
	st, err := f.Begin(t.TempDir(), dest)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(st.Dir, "neu.html"), "neu")
	if err := st.Publish(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "neu.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "alt.html")); !os.IsNotExist(err) {
		t.Error("old file survived the fallback swap")
	}
	assertNoLeftovers(t, dest)
}

// A second publisher into the same folder is refused while the first one
// holds the lock.
func TestLock(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the lock is Linux-only")
	}
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(t.TempDir(), dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(t.TempDir(), dest); err == nil || !strings.Contains(err.Error(), "Ein anderer tdsite-Build") {
		t.Errorf("got %v, want lock message", err)
	}
	first.Abort()
	second, err := Begin(t.TempDir(), dest)
	if err != nil {
		t.Fatalf("lock not released: %v", err)
	}
	second.Abort()
}

func assertNoLeftovers(t *testing.T, dest string) {
	t.Helper()
	if HasLeftovers(dest) {
		entries, _ := os.ReadDir(filepath.Dir(dest))
		t.Errorf("leftovers beside %s: %v", dest, entries)
	}
}

func writeTestFile(t testing.TB, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
