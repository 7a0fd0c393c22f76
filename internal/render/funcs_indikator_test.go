package render_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/model"
	"tdsite/internal/render"
	"tdsite/internal/testkit"
)

// indikatorVorlage holds the parts of layouts/agenda-indikator.html before
// they were written in Go (funcs_indikator.go).
const indikatorVorlage = `{{define "inhalt"}}{{range .}}<li><a href="#{{.Anchor}}">{{.ID}}: {{with .Indikator}}{{.}}{{else}}{{.Text}}{{end}}</a></li>{{end}}{{end}}
{{- define "meta"}}<dl class="ziel-meta">
      <div><dt>Art</dt><dd>{{.KindLabel}}{{if .Zieljahr}} ({{.Zieljahr}}){{end}}</dd></div>
      {{- with .Indikator}}<div><dt>Indikator</dt><dd>{{.}}</dd></div>{{end}}
      {{- with .Quelle}}<div><dt>Datenquelle</dt><dd>{{.}}</dd></div>{{end}}
      {{- with .Methode}}<div><dt>Methode</dt><dd>{{.}}</dd></div>{{end}}
      {{- with .Verantwortlich}}<div><dt>Verantwortlich</dt><dd>{{.}}</dd></div>{{end}}
    </dl>{{end}}
{{- define "bewertung"}}<p class="bewertung bewertung-{{.Bewertung}}"><svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 16 16"><use href="{{url "/icons/symbole.svg"}}#bewertung-{{.Bewertung}}"/></svg><strong>{{.Label}}</strong></p>{{end}}`

// wieVorlage fails t unless got is what the template name of alt writes
// for data; base is the base path of the links, for the message.
func wieVorlage(t *testing.T, alt *template.Template, name, base string, data any, got template.HTML) {
	t.Helper()
	var want strings.Builder
	if err := alt.ExecuteTemplate(&want, name, data); err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Fatalf("%s (Basis %q) weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", name, base, got, want.String())
	}
}

func TestIndikatorTeileWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	var ziele []*model.Ziel
	for _, st := range p.Model.Strategien {
		ziele = append(ziele, st.Ziele()...)
	}
	if len(ziele) < 10 {
		t.Fatalf("nur %d Ziele im mitgelieferten Inhalt", len(ziele))
	}
	boese := `<b>"A&B"</b> 'x'+1`
	z := &model.Ziel{ID: `Z"1`, Text: boese, Anchor: "a b/ä", Quelle: boese, Verantwortlich: boese, Zieljahr: 2030,
		Fortschritt: &model.Fortschritt{Bewertung: `x y"+#`}}
	ziele = append(ziele, z)
	fall := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		alt := template.Must(template.New("").Funcs(funcs).Parse(indikatorVorlage))
		vergleiche := func(name string, data any, got template.HTML) {
			t.Helper()
			wieVorlage(t, alt, name, base, data, got)
		}
		vergleiche("inhalt", ziele, render.IndikatorInhalt(ziele))
		bewertung := funcs["zielbewertung"].(func(*model.Fortschritt) template.HTML)
		for _, z := range ziele {
			vergleiche("meta", z, render.ZielMeta(z))
			if z.Fortschritt != nil {
				vergleiche("bewertung", z.Fortschritt, bewertung(z.Fortschritt))
			}
			fall[fmt.Sprint("Indikator ", z.Indikator != "")] = true
			fall[fmt.Sprint("Zieljahr ", z.Zieljahr != 0)] = true
			fall[fmt.Sprint("Fortschritt ", z.Fortschritt != nil)] = true
		}
	}
	if len(fall) < 6 {
		t.Errorf("nicht alle Fälle verglichen: %v", fall)
	}
	out := string(render.IndikatorInhalt([]*model.Ziel{z}) + render.ZielMeta(z))
	if strings.Contains(out, "<b>") || strings.Contains(out, `"A&B"`) || strings.Contains(out, "a b") {
		t.Errorf("unmaskiert: %s", out)
	}
}
