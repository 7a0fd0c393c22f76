package hugosite

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tdsite/internal/model"
)

// WriteIdiomatic writes the content of the tdsite site at src as a Hugo
// user would build such a site with Hugo's own means, not page for page:
// a section per strategy with its goals and measurements, a page per
// measure, news and text pages, all with the same Markdown bodies;
// taxonomies for Handlungsfeld, Ressort and Status (their term pages are
// the overviews); one list of all measures; Hugo's feeds, limited to 20
// items. It answers whether tdsite is fast on content as such, not only
// on pages shaped like its own (issue 21).
func WriteIdiomatic(src, dst string) error {
	p, err := prepare(src)
	if err != nil {
		return err
	}
	m := p.Model
	files := map[string]string{}
	for name, text := range idiomaticFiles {
		files[name] = text
	}
	files["layouts/_default/baseof.html"] = frameTop + `<nav class="breadcrumbs wrap" aria-label="Brotkrümelpfad"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li><a href="{{ .RelPermalink }}" aria-current="page">{{ .Title }}</a></li></ol></nav>
<main id="inhalt">{{ block "main" . }}{{ end }}</main>
` + frameBottom
	files["content/_index.md"] = "+++\ntitle = \"Startseite\"\n+++\nDie Digitalstrategien des Freistaats Thüringen: Ziele, Maßnahmen und ihr Stand.\n"
	files["content/strategien/_index.md"] = "+++\ntitle = \"Strategien\"\n+++\n"
	files["content/massnahmen.md"] = "+++\ntitle = \"Alle Maßnahmen\"\nlayout = \"alle\"\n+++\n"
	for _, st := range m.Strategien {
		text, err := strategySection(src, st)
		if err != nil {
			return err
		}
		files["content/strategien/"+st.Slug+"/_index.md"] = text
		for _, ms := range st.Massnahmen {
			if !ms.HatSeite {
				continue
			}
			text, err := measurePage(src, ms)
			if err != nil {
				return err
			}
			files["content/strategien/"+st.Slug+"/"+strings.ToLower(ms.ID)+".md"] = text
		}
	}
	for _, n := range m.Meldungen {
		body, err := markdownBody(src, n.File)
		if err != nil {
			return err
		}
		files["content/meldungen/"+n.Strategie.Slug+"-"+n.Slug+".md"] = fmt.Sprintf("+++\ntitle = %q\ndate = %q\nsummary = %q\n+++\n%s",
			n.Titel, n.Datum.Start().Format("2006-01-02"), n.Zusammenfassung, body)
	}
	for slug, s := range m.Seiten {
		body, err := markdownBody(src, s.File)
		if err != nil {
			return err
		}
		files["content/"+slug+".md"] = fmt.Sprintf("+++\ntitle = %q\ndescription = %q\n+++\n%s", s.Titel, s.Beschreibung, body)
	}
	for _, h := range m.Handlungsfelder {
		body, err := markdownBody(src, h.File)
		if err != nil {
			return err
		}
		files["content/handlungsfelder/"+h.Key+"/_index.md"] = fmt.Sprintf("+++\ntitle = %q\n+++\n%s", h.Name, body)
	}
	for name, text := range files {
		if err := write(filepath.Join(dst, filepath.FromSlash(name)), text); err != nil {
			return err
		}
	}
	return nil
}

// markdownBody is the Markdown of a content file without its front
// matter; file is relative to the site's folder.
func markdownBody(src, file string) (string, error) {
	if file == "" {
		return "", nil
	}
	data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(file)))
	if err != nil {
		return "", err
	}
	parts := strings.SplitN(string(data), "+++", 3)
	return parts[len(parts)-1], nil
}

// strategySection is the section page of a strategy: its text and its
// goals with their measurements as front matter for the list layout.
func strategySection(src string, st *model.Strategie) (string, error) {
	var body string
	for _, f := range st.Files {
		if strings.HasSuffix(f, "/strategie.md") {
			var err error
			if body, err = markdownBody(src, f); err != nil {
				return "", err
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\nkurzname = %q\n", st.Name, st.Kurzname)
	for _, z := range goals(st) {
		fmt.Fprintf(&b, "[[ziele]]\nid = %q\ntext = %q\neinheit = %q\n", z.ID, z.Text, z.Einheit)
		for _, w := range z.Messwerte {
			fmt.Fprintf(&b, "[[ziele.messwerte]]\ndatum = %q\nwert = %g\n", w.Datum.String(), w.Wert)
		}
	}
	b.WriteString("+++\n")
	b.WriteString(body)
	return b.String(), nil
}

func goals(st *model.Strategie) []*model.Ziel {
	out := append([]*model.Ziel(nil), st.EinfacheZiele...)
	for _, s := range st.Zielsets {
		if s.Qualitativ != nil {
			out = append(out, s.Qualitativ)
		}
		out = append(out, s.Quantitativ...)
	}
	for _, s := range st.Etappensets {
		if s.Qualitativ != nil {
			out = append(out, s.Qualitativ)
		}
		out = append(out, s.Quantitativ...)
	}
	return out
}

// measurePage is a measure's page: its Markdown and, as taxonomies, its
// Handlungsfeld, lead Ressorts and status.
func measurePage(src string, ms *model.Massnahme) (string, error) {
	body, err := markdownBody(src, ms.File)
	if err != nil {
		return "", err
	}
	var lead, ziele []string
	for _, a := range ms.Federfuehrung {
		lead = append(lead, fmt.Sprintf("%q", a.Kuerzel))
	}
	for _, z := range ms.Ziele {
		ziele = append(ziele, fmt.Sprintf("%q", z.ID+" "+z.Text))
	}
	hf := ""
	if ms.Handlungsfeld != nil {
		hf = fmt.Sprintf("%q", ms.Handlungsfeld.Key)
	}
	return fmt.Sprintf("+++\ntitle = %q\nid = %q\nsummary = %q\nstart = %q\nstand = %q\nziele = [%s]\nhandlungsfelder = [%s]\nressorts = [%s]\nstatus = [%q]\n+++\n%s",
		ms.Titel, ms.ID, ms.Zusammenfassung, ms.Start.String(), ms.Stand.String(), strings.Join(ziele, ", "),
		hf, strings.Join(lead, ", "), ms.Status, body), nil
}

// idiomaticFiles are the configuration and layouts of the idiomatic site.
var idiomaticFiles = map[string]string{
	"hugo.toml": `baseURL = "https://digital.thueringen.de/"
languageCode = "de"
title = "#thüringendigital"
[taxonomies]
handlungsfeld = "handlungsfelder"
ressort = "ressorts"
status = "status"
[services.rss]
limit = 20
# Measures at tdsite's addresses, so that the links in their texts work.
[permalinks]
strategien = "/massnahmen/:filename/"
`,
	"static/css/thueringendigital.css": "body{font-family:sans-serif}\n",
	"layouts/index.html": `{{ define "main" }}<div class="wrap"><h1>{{ site.Title }}</h1>{{ .Content }}
<h2>Strategien</h2><ul>{{ range (site.GetPage "/strategien").Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .RegularPages }} Maßnahmen)</li>{{ end }}</ul>
<h2>Neueste Meldungen</h2><ul>{{ range first 10 (site.GetPage "/meldungen").Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Date.Format "02.01.2006" }})</li>{{ end }}</ul>
<p><a href="/massnahmen/">Alle Maßnahmen</a></p></div>{{ end }}
`,
	"layouts/_default/single.html": `{{ define "main" }}<article class="wrap">{{ if .Params.id }}<p class="oberzeile">Maßnahme {{ .Params.id }} · <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>{{ end }}<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="einleitung">{{ . }}</p>{{ end }}
{{ if .Params.id }}<dl class="fakten">{{ range $tax, $_ := site.Taxonomies }}{{ with $.GetTerms $tax }}<div><dt>{{ humanize $tax }}</dt><dd>{{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</dd></div>{{ end }}{{ end }}<div><dt>Start</dt><dd>{{ .Params.start }}</dd></div><div><dt>Stand</dt><dd>{{ .Params.stand }}</dd></div></dl>{{ end }}
{{ .Content }}
{{ with .Params.ziele }}<h2>Beitrag zu den Zielen</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<div class="wrap"><h1>{{ .Title }}</h1>{{ .Content }}
{{ with .Params.ziele }}<h2>Ziele</h2>{{ range . }}<section><h3 id="{{ .id | urlize }}">{{ .id }} {{ .text }}</h3>{{ $e := .einheit }}{{ with .messwerte }}<table><caption>Messwerte{{ with $e }} ({{ . }}){{ end }}</caption><thead><tr><th scope="col">Stand</th><th scope="col">Wert</th></tr></thead><tbody>{{ range . }}<tr><td>{{ .datum }}</td><td>{{ .wert }}</td></tr>{{ end }}</tbody></table>{{ end }}</section>{{ end }}{{ end }}
{{ with .Sections }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ if eq .Section "meldungen" }}<ul>{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Date.Format "02.01.2006" }})</li>{{ end }}</ul>{{ else }}{{ with .RegularPages }}{{ partial "tabelle.html" . }}{{ end }}{{ end }}</div>{{ end }}
`,
	"layouts/_default/terms.html": `{{ define "main" }}<div class="wrap"><h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul></div>{{ end }}
`,
	"layouts/_default/alle.html": `{{ define "main" }}<div class="wrap"><h1>{{ .Title }}</h1>{{ partial "tabelle.html" (where site.RegularPages "Section" "strategien") }}</div>{{ end }}
`,
	"layouts/partials/tabelle.html": `<table class="massnahmen"><caption>Maßnahmen ({{ len . }})</caption><thead><tr><th scope="col">ID</th><th scope="col">Maßnahme</th><th scope="col">Strategie</th><th scope="col">Status</th><th scope="col">Federführung</th></tr></thead><tbody>
{{ range . }}<tr data-massnahme="{{ .Params.id }}"><td>{{ .Params.id }}</td><th scope="row"><a href="{{ .RelPermalink }}">{{ .Title }}</a></th><td><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Params.kurzname }}</a></td><td>{{ range .GetTerms "status" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</td><td>{{ range $i, $t := .GetTerms "ressorts" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</td></tr>
{{ end }}</tbody></table>
`,
}
