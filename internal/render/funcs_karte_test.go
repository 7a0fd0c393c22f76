package render

import (
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/landkarte"
)

// The map's text version and the roadmap's rows escape in Go what the
// partials before them escaped with html/template: the same bytes for text
// and links, whatever they contain.
func TestEscapeWieHTMLTemplate(t *testing.T) {
	run := func(src, v string) string {
		var b strings.Builder
		if err := template.Must(template.New("").Parse(src)).Execute(&b, v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, s := range []string{"", "Maßnahme K1.101 – „Portal“ · 3 Ziele", "a & b", "<b>", `"x"`, "it's", "1+1", "\x00",
		"/strategien/beispiel/massnahmen/k1-101/", "../../strategien/x/#ziel-z1", "/seite mit leerzeichen/", "/ümlaut/",
		"javascript:alert(1)", "https://example.org/?a=1&b=2", "%41", "\xff"} {
		var w listenWriter
		w.url = func(p string) string { return p }
		w.link(s, s)
		if got, want := w.b.String(), run(`{{if .}}<a href="{{.}}">{{.}}</a>{{end}}`, s); got != want {
			t.Errorf("link(%q) = %q, html/template: %q", s, got, want)
		}
	}
}

// A status the template passed no mark for is an error that names it, not
// a box without its status.
func TestStrategiekarteBaumOhneStatuszeichen(t *testing.T) {
	k := &landkarte.Map{Tree: []*landkarte.Item{{Node: &landkarte.Node{Title: "M1", Status: "laufend"}}}}
	_, err := kartenBaum(func(s string) string { return s })(k, map[string]any{"geplant": template.HTML("G")})
	if err == nil || !strings.Contains(err.Error(), "„laufend“") {
		t.Errorf("Fehler = %v, erwartet einer, der den Status „laufend“ nennt", err)
	}
	h, err := kartenBaum(func(s string) string { return s })(k, map[string]any{"laufend": template.HTML("<L>")})
	if err != nil || h != "<li>M1 <L>\n</li>\n" {
		t.Errorf("= %q, %v", h, err)
	}
}
