package render

import (
	"html/template"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// The wrapped escapers must be found (else every page pays for the
// variadic calls again, unnoticed) and be in use once a page set and a
// fragment have run – and the pages must read exactly as with
// html/template's own functions, in every context a template can put a
// value: text, attribute, URL, script, style, title, comment-free srcset.
func TestDirectEscapers(t *testing.T) {
	fm := directEscapers()
	for _, name := range []string{"_html_template_htmlescaper", "_html_template_attrescaper",
		"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_jsvalescaper"} {
		if _, ok := fm[name].(func(any) string); !ok {
			t.Fatalf("%s: kein Ersatz gefunden (html/template hat sich geändert?), %d Ersatzfunktionen", name, len(fm))
		}
	}
	if _, ok := fm["_eval_args_"]; ok {
		t.Error("_eval_args_ nimmt mehrere Argumente und darf nicht ersetzt werden")
	}

	files := map[string]string{
		"_base.html": `<html lang="{{.Lang}}"><head><title>{{.Text}}</title><style>p{color:{{.Farbe}}}</style></head>` +
			`<body>{{block "main" .}}{{end}}<script>var d = {{.Data}};</script></body></html>`,
		"seite.html": `{{define "main"}}<p class="{{.Text}}" data-n="{{.N}}">{{.Text}} {{.HTML}} {{.N}} {{.Nil}} {{html .Text .N}}</p>` +
			`<a href="{{.URL}}?q={{.Text}}" title="{{.HTML}}">{{.URL}}</a><img srcset="{{.URL}} 2x" alt="">` +
			`{{fragment "partials/teil.html" "Text" .Text "URL" .URL}}{{end}}`,
		"partials/teil.html": `<a href="{{.URL}}" onclick="f({{.Text}})">{{.Text}}</a>`,
	}
	data := map[string]any{"Lang": "de", "Text": `A & "B" <C> 'd' + ü`, "HTML": template.HTML("<b>fett</b>"),
		"N": 3.5, "Nil": nil, "URL": "javascript:alert(1)", "Farbe": "red", "Data": map[string]int{"a": 1}}
	withDirect := layouts(t, files, nil)
	var pages []string
	for i := 0; i < 3; i++ { // the first run escapes; later ones use the wrappers
		out, err := withDirect.ExecuteString("seite.html", data)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, out)
	}
	withDirect.Use(NewFragments()) // the fragment again, now with the wrappers
	out, err := withDirect.ExecuteString("seite.html", data)
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages, out)
	original := layouts(t, files, nil)
	// Marked as done, the templates never install the wrappers.
	for _, done := range original.direct {
		done.Store(true)
	}
	original.escaped.Store("partials/teil.html", true)
	want, err := original.ExecuteString("seite.html", data)
	if err != nil {
		t.Fatal(err)
	}
	if f := execFuncs(mustSet(t, original, "seite.html"))["_html_template_htmlescaper"]; !f.IsValid() || !f.Type().IsVariadic() {
		t.Fatal("the comparison does not run with html/template's own escapers")
	}
	for i, got := range pages {
		if got != want {
			t.Errorf("Lauf %d:\n got  %s\n want %s", i+1, got, want)
		}
	}
	if !strings.Contains(want, "A &amp; &#34;B&#34; &lt;C&gt; &#39;d&#39; &#43; ü") {
		t.Errorf("escaping changed: %s", want)
	}
	for name, set := range map[string]*template.Template{"seite.html": mustSet(t, withDirect, "seite.html"), "base": withDirect.base} {
		f := execFuncs(set)["_html_template_htmlescaper"]
		if !f.IsValid() || f.Type() != reflect.TypeFor[func(any) string]() {
			t.Errorf("%s: the templates still call html/template's variadic escaper", name)
		}
	}
}

// Pages render on all cores: the first executions, which escape and then
// install the wrappers, run at the same time as others (go test -race).
func TestDirectEscapersConcurrent(t *testing.T) {
	tpl := layouts(t, map[string]string{
		"_base.html":      `{{block "main" .}}{{end}}`,
		"a.html":          `{{define "main"}}<p title="{{.}}">{{.}}{{fragment "partials/x.html" .}}</p>{{end}}`,
		"b.html":          `{{define "main"}}<a href="{{.}}">{{.}}</a>{{fragment "partials/y.html" .}}{{end}}`,
		"partials/x.html": `<i>{{.}}</i>`,
		"partials/y.html": `<b>{{.}}</b>{{fragment "partials/x.html" .}}`,
	}, nil)
	want := map[string]string{
		"a.html": `<p title="&lt;&amp;&gt;">&lt;&amp;&gt;<i>&lt;&amp;&gt;</i></p>`,
		"b.html": `<a href="%3c&amp;%3e">&lt;&amp;&gt;</a><b>&lt;&amp;&gt;</b><i>&lt;&amp;&gt;</i>`,
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		name := []string{"a.html", "b.html"}[i%2]
		wg.Go(func() {
			for j := 0; j < 50; j++ {
				got, err := tpl.ExecuteString(name, "<&>")
				if err != nil || got != want[name] {
					t.Errorf("%s: %q, %v", name, got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// mustSet is the template set of page template name.
func mustSet(t *testing.T, tpl *Templates, name string) *template.Template {
	t.Helper()
	set, err := tpl.set(name)
	if set == nil || err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return set
}
