package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// marke is written into the targets of the links: where it shows up in
// the output, the link was followed.
const marke = "VERKNUEPFT-7f3a"

// linkFall is a symlink in one of the input trees.
type linkFall struct {
	name string
	link string // the link, relative to the site folder
	dir  bool   // the target is a folder
	// ziel writes the link's target at p, from the copied site root.
	ziel func(t *testing.T, root, p string)
	// gelesen checks the output of a build that followed the link.
	gelesen func(t *testing.T, dest string)
}

func (f linkFall) rel() string { return filepath.ToSlash(f.link) }

// fussMitMarke is the footer partial with the mark in it: it is on every
// page.
func fussMitMarke(t *testing.T, root, p string) {
	data, err := os.ReadFile(filepath.Join(root, "layouts/partials/fuss.html"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, strings.Replace(string(data), `<footer class="site-footer">`, `<footer class="site-footer"><p>`+marke+`</p>`, 1))
}

func textMitMarke(t *testing.T, root, p string) { writeFile(t, p, marke+"\n") }

func markeIn(file string) func(t *testing.T, dest string) {
	return func(t *testing.T, dest string) {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(file)))
		if err != nil || !strings.Contains(string(data), marke) {
			t.Errorf("%s: target of the link not read (%v)", file, err)
		}
	}
}

// linkFaelle covers every input tree: config.toml, content/, layouts/
// (site and theme), static/ (site and theme), and folders on the way.
var linkFaelle = []linkFall{
	{name: "config", link: "config.toml",
		ziel: func(t *testing.T, root, p string) {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := copyFile(filepath.Join(root, "config.toml"), p); err != nil {
				t.Fatal(err)
			}
		},
		gelesen: markeFrei("index.html")},
	{name: "content", link: "content/strategien/beispiel-kommunen/meldungen/2026-11-22-verknuepft.md",
		ziel: func(t *testing.T, root, p string) {
			writeFile(t, p, "+++\ntitel = \""+marke+"\"\ndatum = \"22.11.2026\"\n+++\nText.\n")
		},
		gelesen: markeIn("strategien/beispiel-kommunen/meldungen/2026-11-22-verknuepft/index.html")},
	{name: "layouts", link: "layouts/partials/fuss.html", ziel: fussMitMarke, gelesen: markeIn("index.html")},
	{name: "theme-layouts", link: "themes/thueringendigital/layouts/partials/fuss.html", ziel: fussMitMarke, gelesen: markeIn("index.html")},
	{name: "theme-static", link: "themes/thueringendigital/static/notiz.txt", ziel: textMitMarke, gelesen: markeIn("notiz.txt")},
	{name: "static", link: "static/notiz.txt", ziel: textMitMarke, gelesen: markeIn("notiz.txt")},
	{name: "static-ordner", link: "static/system", dir: true,
		ziel: func(t *testing.T, root, p string) { writeFile(t, filepath.Join(p, "passwd"), marke+"\n") }},
	{name: "theme-ordner", link: "themes/thueringendigital", dir: true,
		ziel: func(t *testing.T, root, p string) { copyTree(t, filepath.Join(root, "themes/thueringendigital"), p) }},
}

// markeFrei only checks that the site was built: config.toml has no
// place for the mark that shows on a page.
func markeFrei(file string) func(t *testing.T, dest string) {
	return func(t *testing.T, dest string) {
		if _, err := os.Stat(filepath.Join(dest, file)); err != nil {
			t.Errorf("nothing built: %v", err)
		}
	}
}

// makeLink puts the link of f into root, its target at target.
func makeLink(t *testing.T, root string, f linkFall, target string) {
	t.Helper()
	f.ziel(t, root, target)
	p := filepath.Join(root, filepath.FromSlash(f.link))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Skip("symlinks not supported:", err)
	}
}

// findingAt returns the finding of the given severity at file.
func findingAt(l *diag.List, file string, sev diag.Severity) *diag.Diagnostic {
	if l == nil {
		return nil
	}
	for _, d := range l.Items() {
		if d.Pos.File == file && d.Severity == sev {
			return &d
		}
	}
	return nil
}

// A link out of the site folder is an error in every input tree, with the
// link's name and a hint; nothing is published and the last good output
// stays as it was.
func TestSymlinkOutOfTheSiteIsAnError(t *testing.T) {
	testkit.Slow(t)
	for _, f := range linkFaelle {
		t.Run(f.name, func(t *testing.T) {
			root := copySite(t)
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, root, dest)
			before := treeHashes(t, dest)
			target := filepath.Join(t.TempDir(), "ziel")
			makeLink(t, root, f, target)
			_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
			if !errors.Is(err, ErrContent) {
				t.Fatalf("err = %v, want ErrContent\n%s", err, printDiags(diags))
			}
			d := findingAt(diags, f.rel(), diag.Error)
			if d == nil || !strings.Contains(d.Message, "aus dem Ordner der Website heraus") || d.Hint == "" {
				t.Fatalf("no error with hint at %s:\n%s", f.rel(), printDiags(diags))
			}
			if diff := diffTrees(before, treeHashes(t, dest)); diff != "" {
				t.Errorf("last good output changed:\n%s", diff)
			}
			assertNoLeftovers(t, dest)
		})
	}
}

// A link to a file inside the site folder is read like that file; a link
// to a folder is not followed, with a warning – in every input tree.
func TestSymlinkInsideTheSite(t *testing.T) {
	testkit.Slow(t)
	for _, f := range linkFaelle {
		t.Run(f.name, func(t *testing.T) {
			root := copySite(t)
			makeLink(t, root, f, filepath.Join(root, "geteilt", filepath.Base(f.link)))
			dest := filepath.Join(t.TempDir(), "public")
			_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
			if f.dir {
				if d := findingAt(diags, f.rel(), diag.Warning); d == nil || d.Message != "Verknüpfte Ordner werden nicht gelesen." || d.Hint == "" {
					t.Fatalf("no warning at %s:\n%s", f.rel(), printDiags(diags))
				}
				if f.name == "static-ordner" {
					if err != nil {
						t.Fatalf("build: %v\n%s", err, printDiags(diags))
					}
					if _, err := os.Stat(filepath.Join(dest, "system")); !errors.Is(err, fs.ErrNotExist) {
						t.Errorf("linked folder was published: %v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("build: %v\n%s", err, printDiags(diags))
			}
			if e, w := diags.Count(); e+w != 0 {
				t.Errorf("findings for a link inside the site:\n%s", printDiags(diags))
			}
			f.gelesen(t, dest)
		})
	}
}

// A link that points nowhere is an error in the static trees too, not an
// English error of the copy.
func TestSymlinkIntoNothingInStatic(t *testing.T) {
	root := copySite(t)
	p := filepath.Join(root, "themes/thueringendigital/static/weg.txt")
	if err := os.Symlink(filepath.Join(root, "gibt-es-nicht"), p); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	_, diags, err := Run(context.Background(), Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), BuildDate: testDate})
	if d := findingAt(diags, "themes/thueringendigital/static/weg.txt", diag.Error); !errors.Is(err, ErrContent) || d == nil || d.Message != "Die Verknüpfung zeigt ins Leere." {
		t.Fatalf("err = %v\n%s", err, printDiags(diags))
	}
}

// A build skipped because nothing changed must see an edit of a linked
// file's target: the link is read like the file.
func TestCacheSeesEditOfLinkTarget(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	target := filepath.Join(root, "geteilt", "notiz.txt")
	writeFile(t, target, "erste Fassung\n")
	if err := os.Symlink(target, filepath.Join(root, "themes/thueringendigital/static/notiz.txt")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: root, Dest: dest, BuildDate: testDate, Cache: true}
	if _, diags, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	if res, _, err := Run(context.Background(), opts); err != nil || !res.Unchanged {
		t.Fatalf("second build not skipped: %v", err)
	}
	writeFile(t, target, "zweite, längere Fassung\n")
	res, _, err := Run(context.Background(), opts)
	if err != nil || res.Unchanged {
		t.Fatalf("edit of the link's target not seen: err %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "notiz.txt")); string(data) != "zweite, längere Fassung\n" {
		t.Errorf("published %q", data)
	}
}
