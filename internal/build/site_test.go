package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"tdsite/internal/testkit"
)

var (
	bundledOnce sync.Once
	bundledDir  string
	bundledRes  *Result
	bundledErr  error
)

// buildBundled builds the real content shipped in content/ once per test run.
func buildBundled(t *testing.T) (string, *Result) {
	t.Helper()
	bundledOnce.Do(func() {
		root := testkit.Root()
		dir, err := os.MkdirTemp("", "tdsite-test-")
		if err != nil {
			bundledErr = err
			return
		}
		bundledDir = filepath.Join(dir, "public")
		res, diags, err := Run(context.Background(), Options{Source: root, Dest: bundledDir, BuildDate: testDate})
		if err == nil {
			if e, w := diags.Count(); e+w > 0 {
				var b strings.Builder
				diags.Print(&b, false)
				t.Errorf("bundled content: %d errors, %d open warnings\n%s", e, w, b.String())
			}
		}
		bundledRes, bundledErr = res, err
	})
	if bundledErr != nil {
		t.Fatalf("build: %v", bundledErr)
	}
	return bundledDir, bundledRes
}

func TestMain(m *testing.M) {
	if os.Getenv(haltEnv) != "" {
		haltedBuild() // the test binary as a build that pauses (kill_test.go)
	}
	code := m.Run()
	if bundledDir != "" {
		os.RemoveAll(filepath.Dir(bundledDir))
	}
	os.Exit(code)
}

// TestBundledSite builds the bundled content and checks the expected pages.
func TestBundledSite(t *testing.T) {
	dest, res := buildBundled(t)
	for _, p := range []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml",
		"strategien/index.html", "strategien/smart-state/index.html", "strategien/thueringen-digital-2030/index.html",
		"strategien/beispiel-kommunen/index.html", "strategien/beispiel-kommunen/leichte-sprache/index.html",
		"strategien/digitale-gesellschaft/index.html", "strategien/e-government-it-2014/index.html",
		"strategien/kultur/index.html", "strategien/smart-cities/index.html",
		"strategien/brandschutz-katastrophenschutz/index.html", "strategien/e-government-it/index.html",
		"handlungsfelder/index.html", "handlungsfelder/transparenz-teilhabe-daten/index.html",
		"massnahmen/m1-01/index.html", "massnahmen/q-15/index.html", "massnahmen/bsp-01/index.html",
		"meldungen/index.html", "icons/symbole.svg", "suche/index.html",
	} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	// Every one of the 75 catalogue measures of the 2020 strategy has its page.
	n := 0
	for _, pattern := range []string{"m[0-9]-[0-9]*", "l[0-9]-[0-9]*", "b[0-9]-[0-9]*", "q-[0-9]*"} {
		matches, _ := filepath.Glob(filepath.Join(dest, "massnahmen", pattern, "index.html"))
		n += len(matches)
	}
	if n != 75 {
		t.Errorf("2020 catalogue measure pages: %d, want 75", n)
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v: web servers cannot read it", fi.Mode().Perm())
	}
	if res.Pages < 130 {
		t.Errorf("only %d pages", res.Pages)
	}
}

var (
	reHref = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	reID   = regexp.MustCompile(`\sid="([^"]*)"`)
	reH1   = regexp.MustCompile(`<h1[\s>]`)
)

// TestBundledLinks: every page is well-formed enough for readers, and every
// internal link, anchor and asset reference resolves.
func TestBundledLinks(t *testing.T) {
	dest, _ := buildBundled(t)
	pages := map[string]string{} // site path of file → content
	_ = filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dest, p)
			pages["/"+filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	ids := map[string]map[string]bool{}
	for p, html := range pages {
		ids[p] = map[string]bool{}
		for _, m := range reID.FindAllStringSubmatch(html, -1) {
			if ids[p][m[1]] {
				t.Errorf("%s: duplicate id %q", p, m[1])
			}
			ids[p][m[1]] = true
		}
		if n := len(reH1.FindAllString(html, -1)); n != 1 {
			t.Errorf("%s: %d h1 elements", p, n)
		}
		if !strings.Contains(html, `<html lang="de">`) {
			t.Errorf("%s: no lang=de", p)
		}
	}
	checked := 0
	for p, html := range pages {
		for _, m := range reHref.FindAllStringSubmatch(html, -1) {
			link := m[1]
			if strings.HasPrefix(link, "http") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			target, frag, _ := strings.Cut(link, "#")
			file := target
			switch {
			case target == "":
				file = p
			case strings.HasSuffix(target, "/"):
				file = target + "index.html"
			}
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(file))); err != nil {
				t.Errorf("%s: broken link %s", p, link)
				continue
			}
			if frag != "" && strings.HasSuffix(file, ".html") && !ids[file][frag] {
				t.Errorf("%s: broken anchor %s", p, link)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d links checked", checked)
	}
}

func TestFeedAndSitemap(t *testing.T) {
	dest, _ := buildBundled(t)
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	data, _ := os.ReadFile(filepath.Join(dest, "feed.xml"))
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if len(feed.Entries) == 0 {
		t.Fatal("feed has no entries")
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.Link.Href, "https://digital.thueringen.de/strategien/") {
			t.Errorf("feed link not absolute: %s", e.Link.Href)
		}
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	data, _ = os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	for _, u := range sm.URLs {
		if strings.Contains(u.Loc, "404") {
			t.Error("404 page in sitemap")
		}
		path := strings.TrimPrefix(u.Loc, "https://digital.thueringen.de")
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(path), "index.html")); err != nil {
			t.Errorf("sitemap lists missing page %s", u.Loc)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(dest, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://digital.thueringen.de/sitemap.xml") {
		t.Errorf("robots.txt: %s", robots)
	}
}

// TestBuildRefusesBadContent: with errors nothing is published and the
// previous output stays as it was.
func TestBuildRefusesBadContent(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(dest, "index.html")
	if err := os.WriteFile(marker, []byte("alte Seite"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(testkit.Root(), "internal", "validate", "testdata", "fehler")
	_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest})
	if err != ErrContent || diags == nil || !diags.HasErrors() {
		t.Fatalf("err = %v", err)
	}
	if data, _ := os.ReadFile(marker); string(data) != "alte Seite" {
		t.Error("previous output was changed")
	}
}

// TestPageTypes checks what each page type must show, on real content.
func TestPageTypes(t *testing.T) {
	dest, _ := buildBundled(t)
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	cases := map[string][]string{
		"index.html":            {"Digitalstrategie „Smart State“", "Sektorale Strategien", "Frühere Strategien"},
		"strategien/index.html": {">Alle Strategien mit Art, Federführung", `<th scope="col">Federführung</th>`},
		"strategien/beispiel-kommunen/index.html": {
			"Fiktives Beispiel.", "Auf dieser Seite", "aktuelle Phase", `aria-current="step"`,
			">Rollenmatrix: Rollen bis zum Abschluss der Strategieaktivierung", `<th scope="row">Projektstart</th>`, `aria-hidden="true">R</span><span class="visually-hidden">rechenschaftspflichtig`,
			"Leitbild 2035", "Ist-Analyse", "Digitaler Reifegrad", "Stärken", "Messgrößen", "Etappenziel E1 bis 2027",
			"des Wegs vom Ausgangs- zum Zielwert geschafft", "Hinter dem Plan", "Strategische Initiativen",
			"Aktionsplan: Maßnahmen", "Zurückgestellte Ziele", "Stand:", "Diese Strategie in Leichter Sprache",
		},
		"strategien/kultur/index.html":                          {"In den veröffentlichten Quellen nicht genannt.", "Die aktuelle Phase ist nicht veröffentlicht.", "Zu den Zielen liegen noch keine veröffentlichten Angaben vor."},
		"strategien/digitale-gesellschaft/index.html":           {"vor dem Leitfaden", "Leitthema Mittelstand 4.0", "75 Maßnahmen"},
		"strategien/e-government-it-2014/index.html":            {"frühere Strategie", "Nachfolgerin: <a href=\"/strategien/e-government-it/\">"},
		"strategien/smart-state/index.html":                     {"Ziele der Rahmenstrategie", "Zentralisierung und Konsolidierung"},
		"handlungsfelder/transparenz-teilhabe-daten/index.html": {"Strategien mit diesem Handlungsfeld", "Strategie für E-Government und IT"},
		"massnahmen/m1-01/index.html":                           {"Wirtschaft 4.0-Kompass Thüringen", "Meilensteine", "Federführung"},
		"massnahmen/bsp-01/index.html":                          {"Fiktives Beispiel.", "Kosten, Nutzen und Regelbetrieb", "Beitrag zu den Zielen"},
		"404.html":                                              {"Seite nicht gefunden", `<meta name="robots" content="noindex">`},
	}
	for file, wants := range cases {
		html := read(file)
		for _, w := range wants {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %q", file, w)
			}
		}
	}
	// The internal backlog entry of the example never appears anywhere.
	if strings.Contains(read("strategien/beispiel-kommunen/index.html"), "Chatbot") {
		t.Error("non-public backlog entry published")
	}
}

var reInlineSVG = regexp.MustCompile(`(?s)<svg[\s>].*?</svg>`)

// Pages are minified without their inline SVG (pageMinifier), so the SVG
// must come compact: no line breaks from templates or generators.
func TestInlineSVGIsCompact(t *testing.T) {
	dest, _ := buildBundled(t)
	svgs := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		for _, svg := range reInlineSVG.FindAll(data, -1) {
			svgs++
			if i := bytes.IndexByte(svg, '\n'); i >= 0 {
				t.Errorf("%s: line break in inline SVG: %q", rel, svg[max(0, i-60):min(len(svg), i+60)])
				return nil
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The indicator charts and progress bars come from templates.
	if svgs < 1000 {
		t.Errorf("only %d inline SVGs found", svgs)
	}
}

// The header and footer are rendered with rahmen, which shares one
// rendering between all pages that the frame does not link to. Rendered
// for each page on its own instead, every page of the bundled site must
// come out the same: the frame depends on nothing else of the page.
func TestSharedFrameMatchesOwnRendering(t *testing.T) {
	testkit.Slow(t)
	shared, _ := buildBundled(t)
	root := testkit.Bundled(t)
	base := filepath.Join(root, "layouts", "_base.html")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	own := regexp.MustCompile(`\{\{rahmen ("[^"]+") ([^}]*)\}\}`).ReplaceAllString(string(data), `{{template $1 (dict $2)}}`)
	if strings.Count(own, "{{template") < strings.Count(string(data), "{{template")+2 {
		t.Fatalf("_base.html: header and footer not found as rahmen calls:\n%s", data)
	}
	if err := os.WriteFile(base, []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	a, b := testkit.Snapshot(t, shared), testkit.Snapshot(t, dest)
	pages := 0
	for name, want := range b {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if a[name] != want {
			t.Errorf("%s differs with the shared frame", name)
		}
	}
	if pages < 100 || len(a) != len(b) {
		t.Errorf("%d pages compared; %d and %d files", pages, len(a), len(b))
	}
}

// TestHeadOnce: a page loads each stylesheet and script once. The page
// templates' "head" block once stood twice in _base.html, and the search
// page ran its script twice (two listeners on every field).
func TestHeadOnce(t *testing.T) {
	dest, _ := buildBundled(t)
	reRef := regexp.MustCompile(`<(?:script|link)\b[^>]*\b(?:src|href)="?([^"\s>]+)`)
	checked := 0
	_ = filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return nil
		}
		data, _ := os.ReadFile(p)
		head, _, ok := strings.Cut(string(data), "</head>")
		if !ok {
			return nil
		}
		seen := map[string]bool{}
		for _, m := range reRef.FindAllStringSubmatch(head, -1) {
			if seen[m[1]] {
				t.Errorf("%s: %s steht zweimal im Kopf", strings.TrimPrefix(p, dest), m[1])
			}
			seen[m[1]] = true
		}
		if strings.Contains(head, "/js/suche.") {
			checked++
		}
		return nil
	})
	if checked == 0 {
		t.Error("keine Seite lädt das Suchskript: der Test prüft den Fall nicht mehr, für den er geschrieben ist")
	}
}
