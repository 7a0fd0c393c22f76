package render

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"tdsite/internal/urlpath"
)

// layouts writes a layouts folder and parses it with funcs.
func layouts(t *testing.T, files map[string]string, funcs template.FuncMap) *Templates {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, "layouts", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tpl, d := Load(root, "", funcs)
	if tpl == nil || d.HasErrors() {
		t.Fatalf("templates: %v", d.Items())
	}
	return tpl
}

type eintrag struct{ Name string }

func TestFragment(t *testing.T) {
	var calls atomic.Int64
	tpl := layouts(t, map[string]string{
		"_base.html":          `{{block "main" .}}{{end}}`,
		"liste.html":          `{{define "main"}}<ul>{{range .Liste}}{{fragment "partials/zeile.html" "E" . "Fett" $.Fett}}{{end}}</ul><p title="{{.Titel}}">x</p>{{end}}`,
		"partials/zeile.html": `{{zaehle}}<li>{{if .Fett}}<b>{{.E.Name}}</b>{{else}}{{.E.Name}}{{end}}</li>`,
	}, template.FuncMap{"zaehle": func() string { calls.Add(1); return "" }})

	a, b := &eintrag{"A & B"}, &eintrag{"<C>"}
	render := func(data map[string]any) string {
		t.Helper()
		out, err := tpl.ExecuteString("liste.html", data)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	got := render(map[string]any{"Liste": []*eintrag{a, b, a}, "Titel": "t"})
	if want := `<ul><li>A &amp; B</li><li>&lt;C&gt;</li><li>A &amp; B</li></ul><p title="t">x</p>`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("partial rendered %d times, want once per entry", n)
	}
	// Another argument is another fragment, not the stored one.
	got = render(map[string]any{"Liste": []*eintrag{a}, "Fett": true})
	if !strings.Contains(got, "<b>A &amp; B</b>") || calls.Load() != 3 {
		t.Errorf("with Fett: %s (%d renders)", got, calls.Load())
	}
	// A new object with the same content – as after an edit, in a new
	// model – is rendered from itself.
	a2 := &eintrag{"A2"}
	got = render(map[string]any{"Liste": []*eintrag{a2}})
	if !strings.Contains(got, "<li>A2</li>") {
		t.Errorf("new object: %s", got)
	}
	tpl.Use(NewFragments())
	before := calls.Load()
	render(map[string]any{"Liste": []*eintrag{a}})
	if calls.Load() != before+1 {
		t.Error("a new store of fragments had the fragment of the old one")
	}
}

func TestFragmentConcurrent(t *testing.T) {
	var calls atomic.Int64
	tpl := layouts(t, map[string]string{
		"_base.html":          `{{block "main" .}}{{end}}`,
		"seite.html":          `{{define "main"}}{{range .}}{{fragment "partials/zeile.html" "E" .}}{{end}}{{end}}`,
		"partials/zeile.html": `{{zaehle}}[{{.E.Name}}]`,
	}, template.FuncMap{"zaehle": func() string { calls.Add(1); return "" }})
	list := make([]*eintrag, 50)
	var want strings.Builder
	for i := range list {
		list[i] = &eintrag{strings.Repeat("x", i)}
		want.WriteString("[" + list[i].Name + "]")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := tpl.ExecuteString("seite.html", list)
			if err != nil || got != want.String() {
				t.Errorf("got %q, %v", got, err)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n < 50 || n > 8*50 {
		t.Errorf("%d renders", n)
	}
}

func TestFragmentErrors(t *testing.T) {
	tpl := layouts(t, map[string]string{
		"_base.html":          `{{block "main" .}}{{end}}`,
		"liste.html":          `{{define "main"}}{{fragment "partials/zeile.html" "E" .}}{{end}}`,
		"fehlt.html":          `{{define "main"}}{{fragment "partials/gibtsnicht.html" "E" 1}}{{end}}`,
		"partials/zeile.html": `{{.E}}`,
	}, nil)
	if _, err := tpl.ExecuteString("liste.html", []string{"kein Schlüssel"}); err == nil || !strings.Contains(err.Error(), "Schlüssel") {
		t.Errorf("slice as key: %v", err)
	}
	if _, err := tpl.ExecuteString("fehlt.html", nil); err == nil || !strings.Contains(err.Error(), "gibtsnicht") {
		t.Errorf("missing partial: %v", err)
	}
}

// fragmente writes what {{range}} with {{fragment}} writes, renders each
// row once per build, and a page that calls it depends on the partial.
func TestFragmente(t *testing.T) {
	var calls atomic.Int64
	tpl := layouts(t, map[string]string{
		"_base.html":          `{{block "main" .}}{{end}}`,
		"range.html":          `{{define "main"}}<ul>{{range .Liste}}{{fragment "partials/zeile.html" "E" . "Fett" $.Fett}}{{end}}</ul>{{end}}`,
		"fragmente.html":      `{{define "main"}}<ul>{{range fragmente "partials/zeile.html" .Liste "E" "Fett" .Fett}}{{.}}{{end}}</ul>{{end}}`,
		"leer.html":           `{{define "main"}}{{range fragmente "partials/zeile.html" . "E"}}{{.}}{{end}}{{end}}`,
		"partials/zeile.html": `{{zaehle}}` + "\n  " + `<li>{{if .Fett}}<b>{{.E.Name}}</b>{{else}}{{.E.Name}}{{end}}</li>`,
	}, template.FuncMap{"zaehle": func() string { calls.Add(1); return "" }})
	list := []*eintrag{{"A & B"}, {"<C>"}, {"A & B"}}
	list = append(list, list[0])
	for _, fett := range []bool{false, true} {
		data := map[string]any{"Liste": list, "Fett": fett}
		want, err := tpl.ExecuteString("range.html", data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tpl.ExecuteString("fragmente.html", data)
		if err != nil || got != want {
			t.Errorf("fragmente (Fett %v): %q, %v\n{{range}}:   %q", fett, got, err, want)
		}
	}
	if n := calls.Load(); n != 6 {
		t.Errorf("%d renders, want one per object and argument", n)
	}
	if got, err := tpl.ExecuteString("leer.html", []*eintrag(nil)); got != "" || err != nil {
		t.Errorf("empty list: %q, %v", got, err)
	}
	if _, err := tpl.ExecuteString("leer.html", "keine Liste"); err == nil || !strings.Contains(err.Error(), "keine Liste") {
		t.Errorf("no list: %v", err)
	}
	if !tpl.Uses("fragmente.html")["layouts/partials/zeile.html"] {
		t.Errorf("uses: %v", tpl.Uses("fragmente.html"))
	}
}

// A page depends on the partials it renders as fragments: the preview
// renders it again when one of them changes.
func TestUsesFragments(t *testing.T) {
	tpl := layouts(t, map[string]string{
		"_base.html":          `{{block "main" .}}{{end}}`,
		"liste.html":          `{{define "main"}}{{range .}}{{if .}}{{fragment "partials/zeile.html" "E" .}}{{end}}{{end}}{{end}}`,
		"partials/zeile.html": `{{.E}}`,
		"partials/frei.html":  `x`,
	}, nil)
	u := tpl.Uses("liste.html")
	if !u["layouts/partials/zeile.html"] || u["layouts/partials/frei.html"] {
		t.Errorf("uses: %v", u)
	}
}

// The frame is shared by pages it does not link to; a page it links to
// gets its own rendering with the link marked.
func TestFrame(t *testing.T) {
	var calls atomic.Int64
	tpl := layouts(t, map[string]string{
		"_base.html": `{{rahmen "partials/kopf.html" "Section" .Section "Path" .Path}}{{block "main" .}}{{end}}`,
		"seite.html": `{{define "main"}}<main>{{.Path}}</main>{{end}}`,
		"partials/kopf.html": `{{zaehle}}<nav>{{range list "/" "/a/" "/b/"}}<a href="{{url .}}"{{if eq $.Path .}} aria-current="page"{{end}}{{if eq $.Section "a"}} class="x"{{end}}>{{.}}</a>{{end}}` +
			`<a HREF='{{url "/c/"}}'{{if eq .Path "/c/"}} aria-current="page"{{end}}>c</a></nav>`,
	}, template.FuncMap{
		"zaehle": func() string { calls.Add(1); return "" },
		"list":   func(v ...any) []any { return v },
		"url":    func(p string) string { return urlpath.Rel("/basis/", p) },
	})
	render := func(section, path string) string {
		t.Helper()
		out, err := tpl.ExecuteString("seite.html", map[string]any{"Section": section, "Path": path})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, p := range []string{"/d/1/", "/d/2/", "/d/3/"} {
		if got := render("c", p); strings.Contains(got, "aria-current") || !strings.Contains(got, "<main>"+p+"</main>") {
			t.Errorf("%s: %s", p, got)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("frame rendered %d times for three pages it does not link to, want 1", n)
	}
	if got := render("a", "/a/"); !strings.Contains(got, `<a href="/basis/a/" aria-current="page" class="x">`) || strings.Count(got, "aria-current") != 1 {
		t.Errorf("/a/: %s", got)
	}
	if got := render("c", "/"); !strings.Contains(got, `<a href="/basis/" aria-current="page">`) {
		t.Errorf("/: %s", got)
	}
	if got := render("c", "/c/"); !strings.Contains(got, `<a HREF='/basis/c/' aria-current="page">`) {
		t.Errorf("/c/ (single quotes): %s", got)
	}
	if got := render("a", "/a/x/"); strings.Contains(got, "aria-current") || !strings.Contains(got, `class="x"`) {
		t.Errorf("section a: %s", got)
	}
	if _, err := tpl.ExecuteString("seite.html", map[string]any{"Section": "c"}); err == nil || !strings.Contains(err.Error(), "Path") {
		t.Errorf("frame without Path: %v", err)
	}
}

// With a single value, fragment gives the partial that value as its dot,
// escaped as {{template}} would, and renders it once per value; a name
// without a value is another call than the name as the value.
func TestFragmentEinWert(t *testing.T) {
	var calls atomic.Int64
	tpl := layouts(t, map[string]string{
		"_base.html":           `{{block "main" .}}{{end}}`,
		"seite.html":           `{{define "main"}}{{range .}}{{fragment "partials/status.html" .}}{{end}}|{{fragment "partials/status.html" "E" nil}}{{end}}`,
		"vergleich.html":       `{{define "main"}}{{range .}}{{template "partials/status.html" .}}{{end}}|{{template "partials/status.html" (dict "E" nil)}}{{end}}`,
		"partials/status.html": `{{zaehle}}<span class="s-{{.}}">{{.}}</span>`,
	}, template.FuncMap{"zaehle": func() string { calls.Add(1); return "" }, "dict": dict})
	werte := []string{"a&b", "<x>", "a&b", "E", "a&b"}
	got, err := tpl.ExecuteString("seite.html", werte)
	if err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 4 {
		t.Errorf("partial rendered %d times, want once per value (3) and once for the dict", n)
	}
	want, err := tpl.ExecuteString("vergleich.html", werte)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("fragment:  %s\ntemplate: %s", got, want)
	}
}

// A page template joins its copy of the base when a page first needs it,
// even after fragments have executed the base (html/template clones no
// set that has run); its blocks replace the base's, each page keeps its
// own, and templates no page used are never copied.
func TestPageSetsWhenNeeded(t *testing.T) {
	tpl := layouts(t, map[string]string{
		"_base.html":      `<title>{{block "titel" .}}Standard{{end}}</title>{{block "main" .}}{{end}}`,
		"a.html":          `{{define "titel"}}A{{end}}{{define "main"}}<p>{{.}}</p>{{fragment "partials/x.html" .}}{{end}}`,
		"b.html":          `{{define "main"}}<a href="{{.}}">b</a>{{end}}`,
		"c.html":          `{{define "main"}}c{{end}}`,
		"partials/x.html": `<i>{{.}}</i>`,
	}, nil)
	if _, err := tpl.Fragment("partials/x.html", "vorher"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"a.html": `<title>A</title><p>x&lt;y</p><i>x&lt;y</i>`,
		"b.html": `<title>Standard</title><a href="x%3cy">b</a>`,
	} {
		got, err := tpl.ExecuteString(name, "x<y")
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
	if tpl.pages["c.html"].set != nil {
		t.Error("c.html was prepared although no page used it")
	}
	if !tpl.Has("c.html") || !tpl.Uses("c.html")[tpl.File("c.html")] {
		t.Error("c.html is not known as a page template")
	}
}
