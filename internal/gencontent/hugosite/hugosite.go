// Package hugosite writes the content of a tdsite site as Hugo sites for
// the speed comparison (test/bench/vergleich.sh): one that mirrors it page
// by page (Write) and one as a Hugo user would build it (WriteIdiomatic,
// idiomatisch.go). It is apart from gencontent because it builds with
// internal/build, whose benchmarks use gencontent.
package hugosite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/model"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
)

// Write writes a Hugo site that mirrors the tdsite site at src page by
// page: one Hugo page at the path of every tdsite page (Hugo's own 404
// page stands for tdsite's), in a frame like tdsite's, so that both
// write the same number of HTML pages of similar weight. Hugo does what
// a Hugo site would do itself: measure pages, news and text pages from
// the same Markdown and front matter, and every table of measures on
// strategy, Handlungsfeld, facet, indicator and report pages selected
// from the measures grouped by the page's filter (`where`, GroupByParam),
// narrowed to the IDs of tdsite's table and rendered by a shortcode;
// home gets a JSON export of all measures. What Hugo has no data or code for – goals,
// charts, the layout of the strategy maps – comes ready-made: the rest of
// those pages is tdsite's rendered HTML, as a raw HTML body.
func Write(src, dst string) error {
	p, err := prepare(src)
	if err != nil {
		return err
	}
	var rendered []*pages.Page
	for _, pg := range p.Pages {
		if pg.Raw == nil && pg.Path != "/404.html" && fromMarkdown(pg) == "" {
			rendered = append(rendered, pg)
		}
	}
	mains, err := renderMains(p, rendered)
	if err != nil {
		return err
	}
	for name, text := range hugoFiles {
		if err := write(filepath.Join(dst, filepath.FromSlash(name)), text); err != nil {
			return err
		}
	}
	for i, pg := range p.Pages {
		if pg.Raw != nil || pg.Path == "/404.html" {
			continue // open data: one JSON output of home; 404: Hugo's own
		}
		text, err := hugoPage(src, pg, mains[pg.Path])
		if err != nil {
			return err
		}
		// tdsite's HTML goes into HTML content files: Hugo takes them as
		// they are (with shortcodes) instead of parsing them as Markdown.
		ext := ".md"
		if fromMarkdown(pg) == "" {
			ext = ".html"
		}
		name := filepath.Join(dst, "content", "p", fmt.Sprintf("%05d%s", i, ext))
		if pg.Path == "/" {
			name = filepath.Join(dst, "content", "_index"+ext)
		}
		if err := write(name, text); err != nil {
			return err
		}
	}
	return nil
}

// prepare reads, checks and models the tdsite site at src.
func prepare(src string) (*build.Prepared, error) {
	p, d := build.Prepare(src, time.Time{}, nil) // the build_datum of the site's config.toml
	if p == nil {
		return nil, fmt.Errorf("tdsite-Website %s: %d Befunde", src, d.Len())
	}
	return p, nil
}

// fromMarkdown is the layout of pages Hugo makes from the page's own
// Markdown file, "" for the others.
func fromMarkdown(pg *pages.Page) string {
	switch pg.Template {
	case "massnahme.html":
		return "massnahme"
	case "meldung.html", "leichte-sprache-strategie.html", "seite.html", "leichte-sprache.html":
		return "text"
	}
	return ""
}

// hugoPage is the Markdown file for one tdsite page; main is tdsite's
// rendered content for pages not made from Markdown.
func hugoPage(src string, pg *pages.Page, main string) (string, error) {
	layout := fromMarkdown(pg)
	if layout == "" {
		return front(pg, "roh", nil) + withTables(pg, main), nil
	}
	text, err := markdownBody(src, pg.Deps[0])
	if err != nil {
		return "", err
	}
	if n, ok := pg.Data.(*model.Meldung); ok {
		return front(pg, layout, map[string]any{"art": "meldung", "strategie": n.Strategie.Slug, "strategiename": n.Strategie.Kurzname}) + text, nil
	}
	m, ok := pg.Data.(*model.Massnahme)
	if !ok {
		return front(pg, layout, nil) + text, nil
	}
	var lead, ziele []string
	for _, a := range m.Federfuehrung {
		lead = append(lead, a.Kuerzel)
	}
	for _, z := range m.Ziele {
		ziele = append(ziele, z.ID+" "+z.Text)
	}
	hf, beispiel := "", "nein"
	if m.Handlungsfeld != nil {
		hf = m.Handlungsfeld.Key
	}
	if m.Strategie.Beispiel {
		beispiel = "ja"
	}
	return front(pg, layout, map[string]any{
		"art": "massnahme", "id": m.ID, "status": m.Status, "federfuehrung": lead, "ziele": ziele,
		"strategie": m.Strategie.Slug, "strategiename": m.Strategie.Kurzname, "handlungsfeld": hf,
		"zusammenfassung": m.Zusammenfassung, "start": m.Start.String(), "stand": m.Stand.String(),
		"beispiel": beispiel,
	}) + text, nil
}

var (
	reTable = regexp.MustCompile(`(?s)<table class="massnahmen[^"]*"[^>]*>.*?</table>`)
	// The ID cell that begins each row of a table of measures.
	reRowID = regexp.MustCompile(`<tr\b[^>]*>\s*<td>([^<]+)</td>`)
)

// withTables puts a shortcode in place of each table of measures in
// tdsite's HTML; the HTML between is kept on single lines so that
// Markdown takes each part as one raw block. The shortcode selects the
// page's measures as the page filters them and, within those, the IDs of
// the table it replaces, in tdsite's order: a strategy page has one table
// per Handlungsfeld, a long list one slice per page (seite/<n>/).
func withTables(pg *pages.Page, main string) string {
	feld, wert := "alle", ""
	switch d := pg.Data.(type) {
	case *model.Strategie:
		feld, wert = "strategie", d.Slug
	case *model.Handlungsfeld:
		feld, wert = "handlungsfeld", d.Key
	case *agenda.Facette:
		switch {
		case d.Handlungsfeld != nil:
			feld, wert = "handlungsfeld", d.Handlungsfeld.Key
		case d.Akteur != nil:
			feld, wert = "federfuehrung", d.Akteur.Kuerzel
		case d.Status != "" && d.Status != model.Veraltet:
			// Veraltet is no status of a measure but its age, which
			// tdsite computes on the build date: Hugo takes it from
			// all measures by the IDs.
			feld, wert = "status", d.Status
		}
	}
	if m := reIndicatorPath.FindStringSubmatch(pg.Path); m != nil {
		feld, wert = "strategie", m[1]
	}
	var b strings.Builder
	last := 0
	for _, loc := range reTable.FindAllStringIndex(main, -1) {
		var ids []string
		for _, m := range reRowID.FindAllStringSubmatch(main[loc[0]:loc[1]], -1) {
			ids = append(ids, m[1])
		}
		b.WriteString(oneLine(main[last:loc[0]]))
		fmt.Fprintf(&b, "\n\n{{< massnahmen feld=%q wert=%q ids=%q titel=%q >}}\n\n", feld, wert, strings.Join(ids, " "), pg.Title)
		last = loc[1]
	}
	b.WriteString(oneLine(main[last:]))
	b.WriteString("\n")
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var reIndicatorPath = regexp.MustCompile(`/agenda/indikatoren/([^/]+)/`)

// front is the TOML front matter: title, address, layout and params.
func front(pg *pages.Page, layout string, params map[string]any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndescription = %q\n", pg.Title, pg.Description)
	if pg.Path != "/" {
		fmt.Fprintf(&b, "url = %q\n", pg.Path)
	}
	fmt.Fprintf(&b, "layout = %q\n", layout)
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch v := params[k].(type) {
		case string:
			fmt.Fprintf(&b, "%s = %q\n", k, v)
		case []string:
			q := make([]string, len(v))
			for i, s := range v {
				q[i] = fmt.Sprintf("%q", s)
			}
			fmt.Fprintf(&b, "%s = [%s]\n", k, strings.Join(q, ", "))
		}
	}
	b.WriteString("+++\n")
	return b.String()
}

// renderMains renders the pages with tdsite into a temporary folder and
// returns the content of each page's <main>.
func renderMains(p *build.Prepared, list []*pages.Page) (map[string]string, error) {
	tmp, err := os.MkdirTemp("", "gencontent-seiten-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := &publish.Output{Dir: tmp}
	if err := build.CopyStatic(p, out); err != nil {
		return nil, err
	}
	if _, err := build.WriteAssets(p, p.Pages, out); err != nil {
		return nil, err
	}
	if err := build.RenderPages(context.Background(), p, list, out, nil); err != nil {
		return nil, err
	}
	mains := map[string]string{}
	for _, pg := range list {
		data, err := os.ReadFile(filepath.Join(tmp, filepath.FromSlash(pg.File())))
		if err != nil {
			return nil, err
		}
		html := string(data)
		i := strings.Index(html, "<main")
		j := strings.LastIndex(html, "</main>")
		if i < 0 || j < i {
			return nil, fmt.Errorf("%s: kein <main>", pg.Path)
		}
		i += strings.IndexByte(html[i:], '>') + 1
		mains[pg.Path] = html[i:j]
	}
	return mains, nil
}

func write(p, text string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

// hugoFiles are the configuration and layouts: the frame of tdsite's
// pages (head, header with navigation, breadcrumbs, footer) and a layout
// per kind of page.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "https://digital.thueringen.de/"
languageCode = "de"
title = "#thüringendigital"
disableKinds = ["section", "taxonomy", "term"]
[outputs]
home = ["HTML", "RSS", "JSON"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
block = true
`,
	"static/css/thueringendigital.css": "body{font-family:sans-serif}\n",
	"layouts/_default/baseof.html": frameTop + `<nav class="breadcrumbs wrap" aria-label="Brotkrümelpfad"><ol><li><a href="/">Startseite</a></li>{{ with .Params.strategie }}<li><a href="/strategien/">Strategien</a></li><li><a href="/strategien/{{ . }}/">{{ $.Params.strategiename }}</a></li>{{ end }}<li><a href="{{ .RelPermalink }}" aria-current="page">{{ .Title }}</a></li></ol></nav>
<main id="inhalt">{{ block "main" . }}{{ end }}</main>
` + frameBottom,
	"layouts/_default/massnahme.html": `{{ define "main" }}<article class="wrap massnahme"><header class="seitenkopf"><p class="oberzeile">Maßnahme {{ .Params.id }} · <a href="/strategien/{{ .Params.strategie }}/">{{ .Params.strategiename }}</a></p><h1>{{ .Title }}</h1>
<p><span class="status status-{{ .Params.status }}">{{ .Params.status | humanize }}</span></p></header><p class="stand">Stand: {{ .Params.stand }}</p>
{{ with .Params.zusammenfassung }}<p class="einleitung">{{ . }}</p>{{ end }}
<dl class="fakten fakten-breit"><div><dt>Federführung</dt><dd>{{ delimit .Params.federfuehrung ", " }}</dd></div>
<div><dt>Handlungsfeld</dt><dd><a href="/handlungsfelder/{{ .Params.handlungsfeld }}/">{{ .Params.handlungsfeld | humanize }}</a></dd></div><div><dt>Start</dt><dd>{{ .Params.start }}</dd></div></dl>
<section aria-labelledby="beschreibung"><h2 id="beschreibung">Beschreibung</h2>{{ .Content }}</section>
<section aria-labelledby="ziele"><h2 id="ziele">Beitrag zu den Zielen</h2><ul>{{ range .Params.ziele }}<li><a href="/strategien/{{ $.Params.strategie }}/#{{ . | urlize }}">{{ . }}</a></li>{{ end }}</ul></section>
<section aria-labelledby="meilensteine"><h2 id="meilensteine">Meilensteine</h2><p>Für diese Maßnahme sind keine Meilensteine veröffentlicht.</p></section>
<p><a href="/strategien/{{ .Params.strategie }}/#aktionsplan">Alle Maßnahmen der Strategie „{{ .Params.strategiename }}“</a></p></article>{{ end }}
`,
	"layouts/_default/text.html": `{{ define "main" }}<article class="wrap"><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
`,
	"layouts/_default/roh.html": `{{ define "main" }}{{ .Content }}{{ end }}
`,
	"layouts/index.html": `{{ define "main" }}{{ .Content }}{{ end }}
`,
	// The measures, and those grouped by a parameter, are selected once
	// per build (partialCached), as a careful Hugo site would.
	"layouts/partials/alle.html": `{{ return where site.RegularPages "Params.art" "massnahme" }}
`,
	"layouts/partials/gruppen.html": `{{ return (partialCached "alle.html" "alle" "alle").GroupByParam . }}
`,
	// The measures a page filters (a strategy's, a Handlungsfeld's, a
	// Ressort's, a status's or all) by ID, once per build and filter, so
	// that each table costs as much as its own rows.
	"layouts/partials/nach-id.html": `{{ $f := index . 0 }}{{ $w := index . 1 }}{{ $alle := partialCached "alle.html" "alle" "alle" }}{{ $m := $alle }}
{{ if eq $f "federfuehrung" }}{{ $m = where $alle "Params.federfuehrung" "intersect" (slice $w) }}{{ else if ne $f "alle" }}{{ $m = slice }}{{ range partialCached "gruppen.html" $f $f }}{{ if eq .Key $w }}{{ $m = .Pages }}{{ end }}{{ end }}{{ end }}
{{ $i := newScratch }}{{ range $m }}{{ $i.Set .Params.id . }}{{ end }}{{ return $i.Values }}
`,
	"layouts/shortcodes/massnahmen.html": `{{ $f := .Get "feld" }}{{ $w := .Get "wert" }}{{ $i := partialCached "nach-id.html" (slice $f $w) $f $w }}
{{ $m := slice }}{{ range split (.Get "ids") " " }}{{ with index $i . }}{{ $m = $m | append . }}{{ end }}{{ end }}
<table class="massnahmen"><caption>{{ .Get "titel" }} ({{ len $m }})</caption><thead><tr><th scope="col">ID</th><th scope="col">Maßnahme</th><th scope="col">Strategie</th><th scope="col">Handlungsfeld</th><th scope="col">Status</th><th scope="col">Federführung</th><th scope="col">Start</th></tr></thead><tbody>
{{ range $m }}<tr data-massnahme="{{ .Params.id }}" data-status="{{ .Params.status }}" data-handlungsfeld="{{ .Params.handlungsfeld }}" data-ressorts="{{ delimit .Params.federfuehrung " " }}" data-strategie="{{ .Params.strategie }}"><td>{{ .Params.id }}</td><th scope="row"><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.zusammenfassung }}<span class="zusammenfassung">{{ . }}</span>{{ end }}</th><td><a href="/strategien/{{ .Params.strategie }}/">{{ .Params.strategiename }}</a>{{ if eq .Params.beispiel "ja" }} <span class="marke">Fiktives Beispiel</span>{{ end }}</td><td><a href="/agenda/handlungsfelder/{{ .Params.handlungsfeld }}/">{{ .Params.handlungsfeld | humanize }}</a></td><td><span class="status status-{{ .Params.status }}">{{ .Params.status | humanize }}</span></td><td>{{ delimit .Params.federfuehrung ", " }}</td><td>{{ .Params.start }}</td></tr>
{{ end }}</tbody></table>
`,
	"layouts/index.json": `{{ $m := where .Site.RegularPages "Params.art" "massnahme" }}{"massnahmen":[{{ range $i, $p := $m }}{{ if $i }},{{ end }}{"id":{{ $p.Params.id | jsonify }},"titel":{{ $p.Title | jsonify }},"strategie":{{ $p.Params.strategie | jsonify }},"status":{{ $p.Params.status | jsonify }},"handlungsfeld":{{ $p.Params.handlungsfeld | jsonify }},"federfuehrung":{{ $p.Params.federfuehrung | jsonify }},"zusammenfassung":{{ $p.Params.zusammenfassung | jsonify }},"ziele":{{ $p.Params.ziele | jsonify }},"beschreibung":{{ $p.Plain | jsonify }}}{{ end }}]}
`,
	// The feed lists the news, as tdsite's does, not every page.
	"layouts/_default/rss.xml": `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Meldungen von {{ site.Title }}</title><link>{{ .Permalink }}</link><language>de</language>
{{ range where site.RegularPages "Params.art" "meldung" }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><description>{{ .Summary | plainify | htmlEscape }}</description></item>
{{ end }}</channel></rss>
`,
	"layouts/404.html": `{{ define "main" }}<article class="wrap"><h1>Seite nicht gefunden</h1><p>Die Seite gibt es nicht (mehr). Zur <a href="/">Startseite</a> oder zur <a href="/suche/">Suche</a>.</p></article>{{ end }}
`,
}

// frameTop and frameBottom are the frame of tdsite's pages around the
// breadcrumbs and <main>, the same for both Hugo sites.
const frameTop = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"><meta name="referrer" content="same-origin"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}"><link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/css/thueringendigital.css"><link rel="stylesheet" href="/css/druck.css" media="print"><link rel="icon" href="/icons/favicon.svg" type="image/svg+xml"><link rel="alternate" type="application/atom+xml" title="Meldungen von #thüringendigital" href="/index.xml"></head>
<body><a class="skip-link" href="#inhalt">Zum Inhalt springen</a><header class="site-header"><div class="wrap header-inner"><a class="brand" href="/"><svg class="brand-mark" aria-hidden="true" focusable="false" viewBox="0 0 32 32" width="32" height="32"><rect width="32" height="32" rx="6" class="brand-bg"/><path d="M9 8h14v4h-5v13h-4V12H9z" class="brand-fg"/></svg>
<span class="brand-name">#thüringendigital</span> <span class="brand-claim">Die Digitalstrategien des Freistaats Thüringen</span></a>
<nav class="main-nav" aria-label="Hauptnavigation"><ul>{{ $p := .RelPermalink }}{{ range slice (slice "/strategien/" "Strategien") (slice "/karte/" "Strategielandkarte") (slice "/handlungsfelder/" "Handlungsfelder") (slice "/agenda/" "Digitale Agenda") (slice "/meldungen/" "Meldungen") (slice "/suche/" "Suche") }}<li><a href="{{ index . 0 }}"{{ if hasPrefix $p (index . 0) }} aria-current="true"{{ end }}>{{ index . 1 }}</a></li>{{ end }}</ul></nav>
<nav class="service-nav" aria-label="Leichte Sprache und Gebärdensprache"><ul><li><a href="/leichte-sprache/"><svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24"><use href="/icons/symbole.svg#leichte-sprache"/></svg>Leichte Sprache</a></li><li><a href="/gebaerdensprache/"><svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24"><use href="/icons/symbole.svg#gebaerdensprache"/></svg>Gebärdensprache</a></li></ul></nav></div></header>
`

const frameBottom = `<footer class="site-footer"><div class="wrap footer-inner"><nav aria-label="Rechtliches und Service"><ul class="footer-links"><li><a href="/impressum/">Impressum</a></li><li><a href="/datenschutz/">Datenschutz</a></li><li><a href="/barrierefreiheit/">Erklärung zur Barrierefreiheit</a></li><li><a href="/leichte-sprache/">Leichte Sprache</a></li><li><a href="/gebaerdensprache/">Gebärdensprache</a></li><li><a href="/index.xml">Meldungen als Feed</a></li></ul></nav>
<p class="footer-meta">Herausgeber: Thüringer Ministerium für Digitales und Infrastruktur (Beispielangabe). Texte und Daten: <a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland – Namensnennung – Version 2.0</a>. Stand der Website: {{ now.Format "02.01.2006" }}.</p></div></footer></body></html>
`
