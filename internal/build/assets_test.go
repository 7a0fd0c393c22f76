package build

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"tdsite/internal/pages"
	"tdsite/internal/search"
	"tdsite/internal/testkit"
)

func buildSite(t *testing.T, root string) (string, *Result) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("build: %v\n%s", err, b.String())
	}
	return dest, res
}

var (
	reFingerprinted = regexp.MustCompile(`^(css|js)/[a-z0-9-]+\.[0-9a-f]{8}\.(css|js)$`)
	reLocalRef      = regexp.MustCompile(`(?:href|src|data-index)="(/[^"#?]*)`)
)

// assetNames lists the CSS and JS files of an output directory.
func assetNames(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".js")) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestFingerprintedAssets checks that CSS and JS are published only under
// hashed names, minified, and that every reference in every page resolves.
func TestFingerprintedAssets(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Root()
	dest, _ := buildSite(t, root)
	names := assetNames(t, dest)
	if len(names) < 3 {
		t.Fatalf("assets: %v", names)
	}
	for _, n := range names {
		if !reFingerprinted.MatchString(n) {
			t.Errorf("%s is not published under a fingerprinted name", n)
		}
	}
	src, _ := os.ReadFile(filepath.Join(root, "themes/thueringendigital/static/css/thueringendigital.css"))
	for _, n := range names {
		if strings.HasPrefix(n, "css/thueringendigital.") {
			out, _ := os.ReadFile(filepath.Join(dest, n))
			if len(out) >= len(src)*9/10 || strings.Contains(string(out), "/*") {
				t.Errorf("%s is not minified (%d of %d bytes)", n, len(out), len(src))
			}
		}
	}
	referenced := map[string]bool{}
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, _ := os.ReadFile(p)
		for _, m := range reLocalRef.FindAllStringSubmatch(string(data), -1) {
			ref := m[1]
			if !strings.HasPrefix(ref, "/css/") && !strings.HasPrefix(ref, "/js/") && !strings.HasPrefix(ref, "/suche/index.") {
				continue
			}
			referenced[ref] = true
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(ref))); err != nil {
				rel, _ := filepath.Rel(dest, p)
				t.Errorf("%s links %s, which does not exist", rel, ref)
			}
		}
		return nil
	})
	for _, n := range names {
		if !referenced["/"+n] {
			t.Errorf("%s is published but no page links it", n)
		}
	}
}

// TestFingerprintsAreDeterministicAndFollowContent builds twice and after
// a change of one stylesheet.
func TestFingerprintsAreDeterministicAndFollowContent(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Bundled(t)
	first, _ := buildSite(t, root)
	second, _ := buildSite(t, root)
	a, b := assetNames(t, first), assetNames(t, second)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Fatalf("two builds of the same site differ:\n%v\n%v", a, b)
	}
	for _, n := range a {
		x, _ := os.ReadFile(filepath.Join(first, n))
		y, _ := os.ReadFile(filepath.Join(second, n))
		if string(x) != string(y) {
			t.Errorf("%s differs between builds", n)
		}
	}
	css := filepath.Join(root, "themes/thueringendigital/static/css/thueringendigital.css")
	f, _ := os.OpenFile(css, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n.neu-im-test { color: red; }\n")
	f.Close()
	third, _ := buildSite(t, root)
	c := assetNames(t, third)
	changed := map[string]bool{}
	for i := range a {
		if a[i] != c[i] {
			changed[strings.SplitN(a[i], ".", 2)[0]] = true
		}
	}
	if len(changed) != 1 || !changed["css/thueringendigital"] {
		t.Errorf("after changing thueringendigital.css the changed names are %v (before %v, after %v)", changed, a, c)
	}
	home, _ := os.ReadFile(filepath.Join(third, "index.html"))
	for _, n := range c {
		if strings.HasPrefix(n, "css/thueringendigital.") && !strings.Contains(string(home), "/"+n) {
			t.Errorf("home page does not link the new %s", n)
		}
	}
}

func readIndex(t *testing.T, dest string) (*search.Index, int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dest, "suche", "index.*.json"))
	if len(files) != 1 {
		t.Fatalf("search index files: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var ix search.Index
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatalf("search index is not valid JSON: %v", err)
	}
	return &ix, len(data)
}

// TestSearchIndex checks that the index lists every page and every measure,
// with German type labels, short texts and working links.
func TestSearchIndex(t *testing.T) {
	t.Parallel()
	root := testkit.Root()
	p, diags := Prepare(root, testDate, nil)
	if p == nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatal(b.String())
	}
	dest, _ := buildSite(t, root)
	ix, size := readIndex(t, dest)
	byURL := map[string]search.Eintrag{}
	for _, e := range ix.Eintraege {
		if _, dup := byURL[e.URL]; dup {
			t.Errorf("%s is twice in the index", e.URL)
		}
		byURL[e.URL] = e
		if ix.Typen[e.Typ] == "" {
			t.Errorf("%s: type %q has no label", e.URL, e.Typ)
		}
		if n := len([]rune(e.Text)); n > search.TextLen {
			t.Errorf("%s: text has %d characters", e.URL, n)
		}
		if e.Titel == "" {
			t.Errorf("%s: no title", e.URL)
		}
		path := strings.SplitN(e.URL, "#", 2)[0]
		file := filepath.Join(dest, filepath.FromSlash(path))
		if strings.HasSuffix(path, "/") {
			file = filepath.Join(file, "index.html")
		}
		if _, err := os.Stat(file); err != nil {
			t.Errorf("index links %s, which does not exist", e.URL)
		}
	}
	for _, pg := range p.Pages {
		_, in := byURL[pg.Path]
		if want := !pg.NoIndex && pg.Path != "/suche/"; in != want {
			t.Errorf("page %s in index: %v, want %v", pg.Path, in, want)
		}
	}
	for _, m := range p.Model.Massnahmen {
		e, ok := byURL[m.URL]
		if !ok || !strings.Contains(e.Titel, m.ID) || ix.Typen[e.Typ] != "Maßnahme" {
			t.Errorf("measure %s missing or mislabelled: %+v", m.ID, e)
		}
	}
	if ix.Typen["s"] != "Strategie" || ix.Typen["h"] != "Handlungsfeld" {
		t.Errorf("type labels: %v", ix.Typen)
	}
	// Budget: the index is loaded on phones. 160 characters per entry and
	// short keys keep it near 260 bytes per entry.
	if per := size / len(ix.Eintraege); per > 400 {
		t.Errorf("search index: %d bytes for %d entries (%d per entry)", size, len(ix.Eintraege), per)
	}
	t.Logf("search index: %d entries, %d bytes", len(ix.Eintraege), size)
}

// TestSearchFormWorksWithoutJavaScript checks the search page's HTML: a
// real form that leads to the agenda's list of all measures, a labelled
// field, a live region for the result count, and only external script.
func TestSearchFormWorksWithoutJavaScript(t *testing.T) {
	t.Parallel()
	root := testkit.Root()
	dest, _ := buildSite(t, root)
	data, err := os.ReadFile(filepath.Join(dest, "suche", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	form := regexp.MustCompile(`<form[^>]*>`).FindString(page)
	for _, want := range []string{`method="get"`, `action="/agenda/massnahmen/"`, `role="search"`, `data-index="/suche/index.`} {
		if !strings.Contains(form, want) {
			t.Errorf("search form lacks %s: %s", want, form)
		}
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`<label for="suche-begriff">`),
		regexp.MustCompile(`<input id="suche-begriff" name="q" type="search"`),
		regexp.MustCompile(`<button type="submit">Suchen</button>`),
		regexp.MustCompile(`role="status" aria-live="polite"`),
		regexp.MustCompile(`<noscript>`),
		regexp.MustCompile(`<script src="/js/suche\.[0-9a-f]{8}\.js" defer></script>`),
	} {
		if !want.MatchString(page) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(page) {
		t.Error("search page has inline script; a Content-Security-Policy with script-src 'self' would block it")
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if !strings.Contains(string(home), `<a href="/suche/">Suche</a>`) {
		t.Error("the header does not link the search page")
	}
}

// BenchmarkSearchIndex measures building and encoding the search index of
// the bundled site (done once per build).
func BenchmarkSearchIndex(b *testing.B) {
	p, _ := Prepare(testkit.Root(), testDate, nil)
	i := slices.IndexFunc(p.Pages, func(pg *pages.Page) bool { return pg.Asset })
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Pages[i].Raw(); err != nil {
			b.Fatal(err)
		}
	}
}
