package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// geheim is the text of the files outside the site: it must never be
// served.
const geheim = "GEHEIM-b41c"

const newsLink = "content/strategien/beispiel-kommunen/meldungen/2026-11-22-verknuepft.md"
const newsPage = "/strategien/beispiel-kommunen/meldungen/2026-11-22-verknuepft/"

// targets writes link targets into dir: a text file, a footer partial, a
// news post and a config.toml, each carrying geheim.
func targets(t *testing.T, root, dir string) {
	t.Helper()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "notiz.txt"), []byte(geheim+"\n"), 0o644))
	fuss, err := os.ReadFile(filepath.Join(root, "layouts/partials/fuss.html"))
	must(err)
	must(os.WriteFile(filepath.Join(dir, "fuss.html"), []byte(strings.Replace(string(fuss), `<footer class="site-footer">`, `<footer class="site-footer"><p>`+geheim+`</p>`, 1)), 0o644))
	must(os.WriteFile(filepath.Join(dir, "meldung.md"), []byte("+++\ntitel = \""+geheim+"\"\ndatum = \"22.11.2026\"\n+++\nText.\n"), 0o644))
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	must(err)
	must(os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644))
}

// linkOver replaces rel by a symlink to target in one rename, as an
// editor's save would: the preview sees one change, not a deletion first.
func (pv *preview) linkOver(rel, target string) {
	pv.t.Helper()
	p := filepath.Join(pv.root, filepath.FromSlash(rel))
	tmp := filepath.Join(filepath.Dir(p), ".link-tmp")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		pv.t.Fatal(err)
	}
	if err := os.Symlink(target, tmp); err != nil {
		pv.t.Skip("symlinks not supported:", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		pv.t.Fatal(err)
	}
}

// restore puts text back at rel in one rename.
func (pv *preview) restore(rel, text string) {
	pv.t.Helper()
	p := filepath.Join(pv.root, filepath.FromSlash(rel))
	tmp := filepath.Join(filepath.Dir(p), ".restore-tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		pv.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		pv.t.Fatal(err)
	}
}

// refused checks that the preview names the link as an error and serves
// nothing of the file outside.
func (pv *preview) refused(rel string, paths ...string) {
	pv.t.Helper()
	pv.expect("fehler")
	_, page := pv.get("/")
	if !strings.Contains(page, "<code>"+rel+"</code>: Die Verknüpfung zeigt aus dem Ordner der Website heraus") || !strings.Contains(page, "Hinweis:") {
		pv.t.Errorf("%s: error panel does not name the link:\n%s", rel, page[strings.Index(page, "<body"):][:min(2000, len(page)-strings.Index(page, "<body"))])
	}
	for _, p := range append(paths, "/") {
		if _, body := pv.get(p); strings.Contains(body, geheim) {
			pv.t.Errorf("%s: %s serves the file outside the site", rel, p)
		}
	}
}

// Links out of the site folder, added while the preview runs, are refused
// in every input tree; the preview keeps the last good site and serves
// nothing of their targets.
func TestPreviewRefusesLinksOutOfTheSite(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	out := t.TempDir()
	targets(t, pv.root, out)

	pv.linkOver("themes/thueringendigital/static/notiz.txt", filepath.Join(out, "notiz.txt"))
	pv.refused("themes/thueringendigital/static/notiz.txt", "/notiz.txt")
	if code, _ := pv.get("/notiz.txt"); code != 404 {
		t.Errorf("/notiz.txt: status %d, want 404", code)
	}
	os.Remove(filepath.Join(pv.root, "themes/thueringendigital/static/notiz.txt"))
	pv.expect("reload")

	fuss := pv.read("layouts/partials/fuss.html")
	pv.linkOver("layouts/partials/fuss.html", filepath.Join(out, "fuss.html"))
	pv.refused("layouts/partials/fuss.html", "/massnahmen/bsp-01/")
	pv.restore("layouts/partials/fuss.html", fuss)
	pv.expect("reload")

	pv.linkOver(newsLink, filepath.Join(out, "meldung.md"))
	pv.refused(newsLink, newsPage, "/meldungen/")
	os.Remove(filepath.Join(pv.root, newsLink))
	pv.expect("reload")

	cfg := pv.read("config.toml")
	pv.linkOver("config.toml", filepath.Join(out, "config.toml"))
	pv.refused("config.toml")
	pv.restore("config.toml", cfg)
	pv.expect("reload")
	if _, page := pv.get("/"); strings.Contains(page, "tdsite-fehler") {
		t.Errorf("error panel stays after the links are gone")
	}
}

// A preview started on a site with a folder linked out of it
// (static/system → /etc in the issue) shows the finding and serves
// nothing.
func TestPreviewStartsWithLinkOutOfTheSite(t *testing.T) {
	root := testkit.Bundled(t)
	out := t.TempDir()
	targets(t, root, out)
	os.MkdirAll(filepath.Join(root, "static"), 0o755)
	if err := os.Symlink(out, filepath.Join(root, "static", "system")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	pv := start(t, root)
	code, page := pv.get("/")
	if code != 500 || !strings.Contains(page, "<code>static/system</code>: Die Verknüpfung zeigt aus dem Ordner der Website heraus") {
		t.Errorf("status %d, no finding for static/system:\n%s", code, page)
	}
	if _, body := pv.get("/system/notiz.txt"); strings.Contains(body, geheim) {
		t.Errorf("file outside the site served")
	}
}

// Links to files inside the site folder are read like the files, in the
// preview as in the build; a linked folder is not, with a warning.
func TestPreviewFollowsLinksInsideTheSite(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Bundled(t)
	in := filepath.Join(root, "geteilt")
	targets(t, root, in)
	for link, target := range map[string]string{
		"themes/thueringendigital/static/notiz.txt": "notiz.txt",
		"layouts/partials/fuss.html":                "fuss.html",
		newsLink:                                    "meldung.md",
		"config.toml":                               "config.toml",
		"static/ordner":                             ".",
	} {
		p := filepath.Join(root, filepath.FromSlash(link))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.Remove(p)
		if err := os.Symlink(filepath.Join(in, target), p); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	pv := start(t, root)
	if code, body := pv.get("/notiz.txt"); code != 200 || !strings.Contains(body, geheim) {
		t.Errorf("/notiz.txt: status %d, linked file not served", code)
	}
	if _, page := pv.get("/"); !strings.Contains(page, "<p>"+geheim+"</p>") {
		t.Errorf("linked partial not used")
	}
	if code, page := pv.get(newsPage); code != 200 || !strings.Contains(page, geheim) {
		t.Errorf("%s: status %d, linked news not built", newsPage, code)
	}
	if code, _ := pv.get("/ordner/notiz.txt"); code != 404 {
		t.Errorf("file of a linked folder served: status %d", code)
	}
	if !strings.Contains(pv.log.String(), "1 Warnung") {
		t.Errorf("terminal does not count the warning for the linked folder:\n%s", pv.log.String())
	}
	// An edit of a linked file is an edit of the link, also in a folder
	// outside the watched trees.
	pv.write("geteilt/notiz.txt", "zweite Fassung\n")
	pv.expect("reload")
	if _, body := pv.get("/notiz.txt"); body != "zweite Fassung\n" {
		t.Errorf("edit of a linked static file not served: %q", body)
	}
	pv.write("geteilt/fuss.html", strings.Replace(pv.read("geteilt/fuss.html"), "<p>"+geheim+"</p>", "<p>Fuß geändert</p>", 1))
	pv.expect("reload")
	if _, page := pv.get("/massnahmen/bsp-01/"); !strings.Contains(page, "<p>Fuß geändert</p>") {
		t.Errorf("edit of a linked partial not rendered")
	}
	pv.write("geteilt/meldung.md", strings.Replace(pv.read("geteilt/meldung.md"), geheim, "Meldung geändert", 1))
	pv.expect("reload")
	if _, page := pv.get(newsPage); !strings.Contains(page, "Meldung geändert") {
		t.Errorf("edit of a linked content file not rendered")
	}
}

// The watcher does not follow links to folders – neither those there at
// the start nor new ones – so nothing outside the site is watched.
func TestWatcherDoesNotFollowLinks(t *testing.T) {
	root := testkit.Bundled(t)
	out1, out2 := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(root, "static"), 0o755)
	if err := os.Symlink(out1, filepath.Join(root, "static", "aussen")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	w, err := newWatcher(root)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	link := "themes/thueringendigital/static/aussen"
	if err := os.Symlink(out2, filepath.Join(root, filepath.FromSlash(link))); err != nil {
		t.Fatal(err)
	}
	// The new link itself is reported, so the build can refuse it.
	deadline := time.After(wait)
	for reported := false; !reported; {
		select {
		case p := <-w.changes:
			reported = p == link
		case <-deadline:
			t.Fatalf("new link %s not reported", link)
		}
	}
	for _, p := range w.fs.WatchList() {
		if strings.HasPrefix(p, out1) || strings.HasPrefix(p, out2) || strings.HasSuffix(p, "aussen") {
			t.Errorf("watches %s", p)
		}
	}
}
