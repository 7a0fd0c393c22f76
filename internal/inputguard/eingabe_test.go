package inputguard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/diag"
)

func write(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Skip("symlinks not supported:", err)
	}
}

// The rule holds also when the site folder itself is reached through a
// link (--source pointing at a linked folder): inside is judged by the
// real folder, names are given as the editor knows them.
func TestWalkThroughLinkedSiteFolder(t *testing.T) {
	real := filepath.Join(t.TempDir(), "site")
	outside := t.TempDir()
	write(t, filepath.Join(real, "static/a.txt"), "a")
	write(t, filepath.Join(real, "geteilt/b.txt"), "b")
	write(t, filepath.Join(outside, "c.txt"), "c")
	symlink(t, "../geteilt/b.txt", filepath.Join(real, "static/b.txt"))
	symlink(t, filepath.Join(outside, "c.txt"), filepath.Join(real, "static/c.txt"))
	symlink(t, "../geteilt", filepath.Join(real, "static/ordner"))
	symlink(t, "gibt-es-nicht", filepath.Join(real, "static/d.txt"))
	symlink(t, "e.txt", filepath.Join(real, "static/e.txt"))
	site := filepath.Join(t.TempDir(), "verknuepft")
	symlink(t, real, site)

	l := &diag.List{}
	var read []string
	err := New(site).Walk(filepath.Join(site, "static"), nil, l, func(p string) error {
		read = append(read, filepath.Base(p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(read, " ") != "a.txt b.txt" {
		t.Errorf("read %q, want a.txt b.txt", read)
	}
	want := []string{
		"static/c.txt: Fehler: Die Verknüpfung zeigt aus dem Ordner der Website heraus (" + filepath.Join(outside, "c.txt") + ")",
		"static/d.txt: Fehler: Die Verknüpfung zeigt ins Leere.",
		"static/e.txt: Fehler: Die Verknüpfung zeigt im Kreis oder ist nicht lesbar.",
		"static/ordner: Warnung: Verknüpfte Ordner werden nicht gelesen.",
	}
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Pos.String()+": "+d.Severity.String()+": "+d.Message)
		if d.Hint == "" {
			t.Errorf("no hint: %s", d)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d: %s\nwant %s", i, got[i], want[i])
		}
	}
}

// A folder on the way to a tree is checked like the tree: a linked
// themes/<theme> out of the site is an error, the tree is not walked.
func TestTreeBehindLinkedFolder(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, "static/x.txt"), "x")
	symlink(t, outside, filepath.Join(root, "themes/fremd"))
	l := &diag.List{}
	if New(root).Tree(filepath.Join(root, "themes/fremd/static"), l) {
		t.Error("tree behind a link out of the site may be walked")
	}
	if items := l.Items(); len(items) != 1 || items[0].Pos.File != "themes/fremd" || items[0].Severity != diag.Error {
		t.Errorf("findings: %v", items)
	}
	if New(root).Tree(filepath.Join(root, "gibt-es-nicht"), l) || l.Len() != 1 {
		t.Errorf("a missing tree is no finding: %v", l.Items())
	}
}

// A site folder given relative to the working folder (tdsite --source site,
// tests with testdata/…) is guarded like an absolute one.
func TestRelativerOrdner(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "site", "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "aussen.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "aussen.txt"), filepath.Join(dir, "site", "content", "link.md")); err != nil {
		t.Skip(err)
	}
	t.Chdir(dir)
	g := New("site")
	var l diag.List
	if !g.Tree(filepath.Join("site", "content"), &l) {
		t.Errorf("Tree lehnt einen relativen Ordner ab: %v", l.Items())
	}
	if g.Link(filepath.Join("site", "content", "link.md"), &l) || l.Len() != 1 || l.Items()[0].Pos.File != "content/link.md" {
		t.Errorf("Link nach außen, relativ angegeben: %v", l.Items())
	}
}
