package gencontent

import (
	"fmt"
	"os"
	"path/filepath"
)

// Hugo writes a Hugo site with n pages of the same Markdown weight as the
// generated measures: n-1 pages in one section plus the home page, with a
// layout of similar size to tdsite's measure page (head, navigation,
// breadcrumbs, facts, text, footer). Taxonomies are off; sitemap and
// feeds stay on, as tdsite writes them too.
func Hugo(dst string, n int) error {
	files := map[string]string{
		"hugo.toml": `baseURL = "https://digital.thueringen.de/"
languageCode = "de"
title = "#thüringendigital"
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
[markup.goldmark.parser.attribute]
block = true
`,
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="stylesheet" href="/css/thueringendigital.css">
</head>
<body>
<a class="skiplink" href="#inhalt">Zum Inhalt springen</a>
<header class="kopf"><div class="wrap"><a class="marke" href="/">#thüringendigital</a>
<nav aria-label="Hauptnavigation"><ul>
<li><a href="/strategien/">Strategien</a></li><li><a href="/karte/">Strategielandkarte</a></li>
<li><a href="/handlungsfelder/">Handlungsfelder</a></li><li><a href="/agenda/">Digitale Agenda</a></li>
<li><a href="/meldungen/">Meldungen</a></li><li><a href="/suche/">Suche</a></li></ul></nav></div></header>
<main id="inhalt" class="wrap">{{ block "main" . }}{{ end }}</main>
<footer class="fuss"><div class="wrap"><ul><li><a href="/impressum/">Impressum</a></li><li><a href="/datenschutz/">Datenschutz</a></li>
<li><a href="/barrierefreiheit/">Erklärung zur Barrierefreiheit</a></li><li><a href="/leichte-sprache/">Leichte Sprache</a></li></ul>
<p>Stand der Website: {{ now.Format "02.01.2006" }}</p></div></footer>
</body>
</html>
`,
		"layouts/_default/single.html": `{{ define "main" }}
<nav aria-label="Brotkrümelnavigation" class="brotkruemel"><ol><li><a href="/">Startseite</a></li><li><a href="/massnahmen/">Maßnahmen</a></li><li aria-current="page">{{ .Title }}</li></ol></nav>
<header><p class="oberzeile">Maßnahme {{ .Params.id }}</p><h1>{{ .Title }}</h1></header>
<dl class="fakten">
<div><dt>Status</dt><dd>{{ .Params.status }}</dd></div>
<div><dt>Federführung</dt><dd>{{ range $i, $a := .Params.federfuehrung }}{{ if $i }}, {{ end }}{{ $a }}{{ end }}</dd></div>
<div><dt>Ziele</dt><dd>{{ range .Params.ziele }}<a href="#{{ . | urlize }}">{{ . }}</a> {{ end }}</dd></div>
<div><dt>Stand</dt><dd>{{ .Params.stand }}</dd></div>
</dl>
<section aria-labelledby="beschreibung"><h2 id="beschreibung">Beschreibung</h2>{{ .Content }}</section>
{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
		"layouts/index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len .Site.RegularPages }} Seiten.</p>{{ end }}
`,
		"static/css/thueringendigital.css": "body{font-family:sans-serif}\n",
		"content/massnahmen/_index.md":     "+++\ntitle = \"Maßnahmen\"\n+++\n",
	}
	for name, text := range files {
		p := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	for i := 1; i < n-1; i++ {
		text := fmt.Sprintf(`+++
title = "Synthetische Maßnahme %d"
id = "H-%d"
status = "laufend"
federfuehrung = ["TMDI"]
ziele = ["E1.2"]
stand = "30.09.2026"
+++
%s`, i, i, Body)
		if err := os.WriteFile(filepath.Join(dst, "content", "massnahmen", fmt.Sprintf("h-%d.md", i)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
