package render_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/config"
	"tdsite/internal/model"
	"tdsite/internal/pages"
	"tdsite/internal/render"
	"tdsite/internal/testkit"
)

// seiteVorlage holds the parts of layouts/_base.html and
// partials/breadcrumbs.html before they were written in Go
// (funcs_seite.go): the reference, escaping and whitespace included.
const seiteVorlage = `{{define "kopf"}}<title>{{if ne .Path "/"}}{{.Title}} – {{end}}{{.Site.Config.Titel}}</title>
{{with .Description}}<meta name="description" content="{{.}}">{{end}}
{{if .NoIndex}}<meta name="robots" content="noindex">{{else}}<link rel="canonical" href="{{absurl .Path}}">{{end}}
{{- with .Blatt}}{{with .Vorige}}
<link rel="prev" href="{{url .}}">{{end}}{{with .Naechste}}
<link rel="next" href="{{url .}}">{{end}}{{end}}{{end}}
{{- define "kruemel"}}
{{- if .Crumbs}}
<nav class="breadcrumbs wrap" aria-label="Brotkrümelpfad">
  <ol>
    {{- range .Crumbs}}
    <li><a href="{{url .Path}}">{{.Title}}</a></li>
    {{- end}}
    <li><a href="{{url .Path}}" aria-current="page">{{.Title}}</a></li>
  </ol>
</nav>
{{- end}}{{end}}`

// feindlicheSeiten are pages with texts and addresses to escape, split
// lists and the cases the bundled site may lack.
func feindlicheSeiten(site *model.Site) []*pages.Page {
	boese := `<b>"A&B"</b> 'x'+1`
	cfg := *site.Config
	cfg.Titel = boese
	s := *site
	s.Config = &cfg
	return []*pages.Page{
		{Path: "/a b/ä/", Title: boese, Description: boese, Site: &s,
			Crumbs: []pages.Crumb{{Title: boese, Path: "javascript:alert(1)"}, {Title: "", Path: "/x?y=<1>"}},
			Blatt:  &pages.Blatt{Nr: 2, Anzahl: 3, Basis: "/liste a/"}},
		{Path: "/", Title: boese, NoIndex: true, Site: &s, Blatt: &pages.Blatt{Nr: 1, Anzahl: 2, Basis: "/l/"}},
		{Path: "/l/3/", Title: "t", Site: &s, Blatt: &pages.Blatt{Nr: 3, Anzahl: 3, Basis: "/l/"}},
	}
}

func TestSeitenteileWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	var liste []*pages.Page
	for _, pg := range p.Pages {
		if pg.Raw == nil {
			liste = append(liste, pg)
		}
	}
	liste = append(liste, feindlicheSeiten(liste[0].Site)...)
	fall := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		alt := template.Must(template.New("").Funcs(funcs).Parse(seiteVorlage))
		neu := map[string]func(*pages.Page) template.HTML{
			"kopf":    funcs["seitenkopf"].(func(*pages.Page) template.HTML),
			"kruemel": funcs["brotkruemel"].(func(*pages.Page) template.HTML),
		}
		for _, pg := range liste {
			for name, f := range neu {
				var want strings.Builder
				if err := alt.ExecuteTemplate(&want, name, pg); err != nil {
					t.Fatal(err)
				}
				if got := string(f(pg)); got != want.String() {
					t.Fatalf("%s, %s (Basis %q) weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", pg.Path, name, base, got, want.String())
				}
			}
			fall[fmt.Sprint("Beschreibung ", pg.Description != "")] = true
			fall[fmt.Sprint("noindex ", pg.NoIndex)] = true
			fall[fmt.Sprint("Krümel ", len(pg.Crumbs) > 0)] = true
		}
	}
	if len(fall) < 6 {
		t.Errorf("nicht alle Fälle verglichen: %v", fall)
	}
}

// Title, description and breadcrumbs come from content files and
// config.toml: the Go parts escape them.
func TestSeitenteileMaskieren(t *testing.T) {
	site := &model.Site{Config: &config.Config{}}
	pg := feindlicheSeiten(site)[0]
	funcs := render.Funcs("")
	out := string(funcs["seitenkopf"].(func(*pages.Page) template.HTML)(pg)) +
		string(funcs["brotkruemel"].(func(*pages.Page) template.HTML)(pg))
	for _, roh := range []string{"<b>", `"A&B"`, "'x'", `href="javascript:`, "a b", "<1>"} {
		if strings.Contains(out, roh) {
			t.Errorf("%q steht unmaskiert in der Ausgabe:\n%s", roh, out)
		}
	}
}
