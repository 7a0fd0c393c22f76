package linkcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func site(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheck(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": `<!DOCTYPE html><html><head><link rel="stylesheet" href="/css/a.css">
<link rel="canonical" href="https://example.org/"></head><body>
<a href="#oben" id="oben">ok</a> <a href="#fehlt">kaputter Anker</a>
<a href="/strategien/x/">ok</a> <a href="/strategien/x">ok, Weiterleitung</a> <a href="strategien/x/#ziele">ok relativ</a>
<a href="/strategien/y/">fehlt</a> <a href="/strategien/x/#nix">Anker fehlt dort</a>
<a href="/doc.pdf#page=2">PDF mit Fragment</a> <a href="https://example.org/strategien/x/">eigene Domain</a>
<a href="https://example.org/weg/">eigene Domain, fehlt</a>
<a href="https://andere.example/seite">extern</a> <a href="mailto:a@example.org">Post</a>
<img src="/bilder/fehlt.png" alt=""> <img src="https://tracker.example/p.gif" alt="">
<svg><use href="/icons/s.svg#ja"/></svg><svg><use href="/icons/s.svg#nein"/></svg>
<a href="javascript:alert(1)">böse</a> <a href="//fremd.example/x">protokollrelativ</a>
<a href="/strategien/x/?a=1&amp;b=2#ziele">Entity und Query</a> <a href="/gr%C3%BC%C3%9Fe/">Umlaut</a>
</body></html>`,
		"strategien/x/index.html": `<h2 id="ziele">Ziele</h2><a href="../../">hoch</a><a href="../">fehlt</a>`,
		"grüße/index.html":        `<p id="x">x</p>`,
		"css/a.css":               `body{background:url("../bilder/da.png")} .b{background:url(/bilder/weg.png)} .c{background:url(data:image/png;base64,AAAA)}`,
		"bilder/da.png":           "png",
		"icons/s.svg":             `<svg xmlns="http://www.w3.org/2000/svg"><symbol id="ja"/></svg>`,
		"doc.pdf":                 "%PDF",
		"sitemap.xml":             `<urlset><url><loc>https://example.org/strategien/x/</loc></url><url><loc>https://example.org/alt/</loc></url></urlset>`,
	})
	res, err := Check(Options{Dir: dir, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range res.Broken {
		got = append(got, b.File+" "+b.Href)
	}
	want := []string{
		"css/a.css /bilder/weg.png",
		"index.html #fehlt",
		"index.html /strategien/y/",
		"index.html /strategien/x/#nix",
		"index.html https://example.org/weg/",
		"index.html /bilder/fehlt.png",
		"index.html https://tracker.example/p.gif",
		"index.html /icons/s.svg#nein",
		"index.html javascript:alert(1)",
		"index.html //fremd.example/x",
		"sitemap.xml https://example.org/alt/",
		"strategien/x/index.html ../",
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, b := range res.Broken {
		if b.Reason == "" {
			t.Errorf("no reason for %v", b)
		}
	}
	var ext []string
	for _, e := range res.External {
		ext = append(ext, e.URL+" "+strings.Join(e.Pages, ","))
	}
	if strings.Join(ext, "|") != "https://andere.example/seite /|mailto:a@example.org /" {
		t.Errorf("external: %v", ext)
	}
}

// A site in a sub-directory of a server: links must carry the base path.
func TestCheckBasePath(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html":   `<a href="/digital/a/">ok</a><a href="/a/">ohne Basispfad</a>`,
		"a/index.html": `<a href="/digital/">ok</a>`,
	})
	res, err := Check(Options{Dir: dir, BaseURL: "https://example.org/digital/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Broken) != 1 || res.Broken[0].Href != "/a/" || !strings.Contains(res.Broken[0].Reason, "außerhalb") {
		t.Errorf("broken: %+v", res.Broken)
	}
}

func TestPagePath(t *testing.T) {
	for in, want := range map[string]string{"index.html": "/", "a/b/index.html": "/a/b/", "404.html": "/404.html", "feed.xml": "/feed.xml"} {
		if got := PagePath(in); got != want {
			t.Errorf("PagePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// Files handed over while they were written are checked as handed over,
// not read back: here the file on disk has a broken link, the scanned
// content a good one, and another scanned page a broken one.
func TestScannedFilesAreNotReadBack(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html":   `<a href="/fehlt/">kaputt auf der Platte</a>`,
		"a/index.html": `<a href="/">ok auf der Platte</a>`,
		"bild.png":     "PNG",
	})
	sc := NewScanned()
	sc.Add("index.html", []byte(`<a href="/a/">gut</a> <img src="/bild.png" alt="">`))
	sc.Add("a/index.html", []byte(`<a href="/b/">fehlt</a>`))
	sc.Copied("bild.png")
	res, err := Check(Options{Dir: dir, BaseURL: "/", Scanned: sc})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Broken) != 1 || res.Broken[0].File != "a/index.html" || res.Broken[0].Href != "/b/" {
		t.Errorf("broken: %+v, want only /b/ in a/index.html", res.Broken)
	}
	if res.Files != 2 || res.Internal != 3 {
		t.Errorf("files %d, internal links %d; want 2 and 3", res.Files, res.Internal)
	}
}

// With Scanned, the output folder is not walked: a file the build neither
// handed over nor reported as copied does not exist for the check, and a
// copied file that can hold links is read from disk.
func TestScannedNamesEveryFile(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html":        `<a href="/info.html">kopiert</a> <a href="/verirrt.png">nicht gemeldet</a>`,
		"info.html":         `<a href="/fehlt/">kaputt in der Kopie</a>`,
		"verirrt.png":       "PNG",
		"unterordner/x.txt": "x",
	})
	sc := NewScanned()
	sc.Add("index.html", []byte(`<a href="/info.html">kopiert</a> <a href="/verirrt.png">nicht gemeldet</a>`))
	sc.Copied("info.html")
	res, err := Check(Options{Dir: dir, BaseURL: "/", Scanned: sc})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range res.Broken {
		got = append(got, b.File+" "+b.Href)
	}
	want := "index.html /verirrt.png|info.html /fehlt/"
	if strings.Join(got, "|") != want {
		t.Errorf("broken: %v, want %s", got, want)
	}
}

// The same address on many pages is resolved once, but every page with a
// broken one gets its own finding, and anchors are looked up in the right
// page.
func TestRepeatedLinksEachReported(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 50; i++ {
		files[fmt.Sprintf("s%02d/index.html", i)] = fmt.Sprintf(`<h2 id="eigen%d">x</h2><a href="/">start</a> <a href="/s00/#eigen0">gut</a> <a href="/s00/#eigen1">Anker fehlt</a> <a href="#eigen%d">hier</a> <a href="#eigen0">hier fehlt er</a> <a href="/weg/">fehlt</a>`, i, i)
	}
	files["index.html"] = `<a href="/s00/">s</a>`
	res, err := Check(Options{Dir: site(t, files), BaseURL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, b := range res.Broken {
		count[b.Href]++
	}
	// s00 has eigen0, so its "#eigen0" works and "/s00/#eigen1" fails everywhere.
	if count["/s00/#eigen1"] != 50 || count["/weg/"] != 50 || count["#eigen0"] != 49 || len(count) != 3 {
		t.Errorf("findings per address: %v", count)
	}
	if !sort.SliceIsSorted(res.Broken, func(i, j int) bool { return res.Broken[i].File < res.Broken[j].File }) {
		t.Error("findings are not in file order")
	}
	if res.Internal != 50*6+1 {
		t.Errorf("internal links %d, want %d", res.Internal, 50*6+1)
	}
}

// The tag right after an inline SVG counts like any other: the XML lexer
// must not leave a mark in the page it reads the SVG from.
func TestTagAfterInlineSVG(t *testing.T) {
	page := `<p><svg><use href="/i.svg#ja"/></svg><a href="/fehlt/" id="nach-svg">weg</a><a href="#nach-svg">hier</a></p>`
	dir := site(t, map[string]string{"index.html": page, "i.svg": `<svg xmlns="http://www.w3.org/2000/svg"><symbol id="ja"/></svg>`})
	sc := NewScanned()
	sc.Add("index.html", []byte(page))
	sc.Copied("i.svg")
	for _, opts := range []Options{{Dir: dir, BaseURL: "/"}, {Dir: dir, BaseURL: "/", Scanned: sc}} {
		res, err := Check(opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Broken) != 1 || res.Broken[0].Href != "/fehlt/" {
			t.Errorf("scanned %v: broken %+v, want only /fehlt/", opts.Scanned != nil, res.Broken)
		}
	}
}

// A page keeps each distinct reference once with its count: the report and
// the totals must still see every occurrence, and a page without any id
// still has its fragments checked.
func TestRepeatedReferences(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": `<a href="/weg/">1</a><a href="/a/">2</a><a href="/weg/">3</a><a href="/a/">4</a>` +
			`<a href="/a/#nix">5</a><a href="https://x.example/">6</a><a href="https://x.example/">7</a><link href="/a/">`,
		"a/index.html": `<p>ohne id</p>`,
	})
	res, err := Check(Options{Dir: dir, BaseURL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range res.Broken {
		got = append(got, b.Href)
	}
	if want := "/weg/ /weg/ /a/#nix"; strings.Join(got, " ") != want {
		t.Errorf("broken %q, want %q", strings.Join(got, " "), want)
	}
	if res.Links != 8 || res.Internal != 6 {
		t.Errorf("links %d, internal %d; want 8 and 6", res.Links, res.Internal)
	}
	if len(res.External) != 1 || len(res.External[0].Pages) != 1 {
		t.Errorf("external %v, want x.example once on /", res.External)
	}
}
