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

// Keep parks the replaced site as .vorig with a generation id; the next
// BeginKept with that id and what the build wrote and removed turns it
// into the published site again, sharing every file with it, and a build
// that writes into it leaves the published site alone. Any other id, or
// none, and the parked site is removed instead.
func TestKeptSite(t *testing.T) {
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	kept := filepath.Join(tmp, ".public.vorig")
	for _, f := range []string{"a.html", "b.html", "c/index.html", Marker} {
		writeTestFile(t, filepath.Join(dest, f), "1")
	}
	// A first build writes a and d, keeps b, drops c.
	st, err := Begin(t.TempDir(), dest)
	if err != nil {
		t.Fatal(err)
	}
	out := &Output{Dir: st.Dir}
	if out.WriteFile("a.html", []byte("2")) != nil || out.WriteFile("d.html", []byte("2")) != nil || out.Link(dest, "b.html") != nil {
		t.Fatal("writing the first build failed")
	}
	st.Keep = true
	if err := st.Publish(); err != nil || st.KeptID == "" {
		t.Fatalf("publish: %v, kept %q", err, st.KeptID)
	}
	if data, _ := os.ReadFile(filepath.Join(kept, "a.html")); string(data) != "1" {
		t.Fatalf("parked site is not the previous one: a.html %q", data)
	}
	last := &Kept{ID: st.KeptID, Written: []string{"a.html", "d.html"}, Removed: []string{"c/index.html"}}

	st, err = Folders{}.BeginKept(t.TempDir(), dest, last)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Reused {
		t.Fatal("parked site not reused")
	}
	for _, f := range []string{"a.html", "b.html", "d.html"} {
		if inode(t, filepath.Join(st.Dir, f)) != inode(t, filepath.Join(dest, f)) {
			t.Errorf("%s is not shared with the published site", f)
		}
	}
	if _, err := os.Stat(filepath.Join(st.Dir, "c")); !os.IsNotExist(err) {
		t.Errorf("removed file or its folder still there: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(st.Dir, Marker)); string(data) != markerText {
		t.Errorf("marker of the reused folder: %q", data)
	}
	out = &Output{Dir: st.Dir}
	if out.WriteFile("a.html", []byte("3")) != nil || out.Remove("b.html") != nil {
		t.Fatal("writing the second build failed")
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "a.html")); string(data) != "2" {
		t.Errorf("the published site changed before the swap: a.html %q", data)
	}
	st.Keep = true
	if err := st.Publish(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(kept, "a.html")); string(data) != "2" {
		t.Errorf("parked site after the second build: a.html %q", data)
	}

	for _, k := range []*Kept{{ID: "anders"}, nil} {
		writeTestFile(t, filepath.Join(kept, Marker), markerText+keptLine+"x\n")
		st, err = Folders{}.BeginKept(t.TempDir(), dest, k)
		if err != nil {
			t.Fatal(err)
		}
		if st.Reused {
			t.Errorf("parked site reused with %v", k)
		}
		if err := st.Publish(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(kept); !os.IsNotExist(err) {
			t.Errorf("parked site not removed after a build with %v: %v", k, err)
		}
		assertNoLeftovers(t, dest)
	}
}
