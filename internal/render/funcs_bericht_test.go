package render_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/agenda"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/render"
)

// berichtListenVorlage holds the lists of events and of milestones of
// layouts/partials/bericht-strategie.html before they were written in Go
// (funcs_bericht.go), from where the Go output starts.
const berichtListenVorlage = `{{define "ereignisse"}}
    {{- range .}}
    <li><a href="{{url .Massnahme.URL}}">{{with .Massnahme.Massnahme}}{{.ID}} {{.Titel}}{{end}}</a> – {{datum .Datum}}{{with .Notiz}}: {{.}}{{end}}{{if .AusStart}} (laut Startdatum; ohne Statusverlauf){{end}}</li>
    {{- end}}{{end}}
{{- define "meilensteine"}}
    {{- range .}}<li>{{datum .Meilenstein.Meilenstein.Datum}}: {{.Meilenstein.Meilenstein.Text}} <span class="klein">(<a href="{{url .Massnahme.URL}}">{{.Massnahme.Massnahme.ID}}</a>)</span></li>{{end}}{{end}}`

func TestBerichtListenWieVorlage(t *testing.T) {
	a := agendaDerWebsite(t)
	if a == nil || len(a.Berichte) == 0 {
		t.Fatal("keine Fortschrittsberichte im mitgelieferten Inhalt")
	}
	// Texts and addresses to escape, a note, an event from the start date.
	boese := `<b>"A&B"</b> 'x'+1`
	m := &model.Massnahme{URL: "/m n/<x>"}
	m.ID, m.Titel = `M"1`, boese
	fremd := agenda.Ereignis{Massnahme: m, Notiz: boese, AusStart: true}
	ms := agenda.MeilensteinEreignis{Massnahme: m}
	ms.Meilenstein.Text = boese
	fall := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		alt := template.Must(template.New("").Funcs(funcs).Parse(berichtListenVorlage))
		ereignisse := funcs["berichtereignisse"].(func([]agenda.Ereignis) template.HTML)
		meilensteine := funcs["berichtmeilensteine"].(func([]agenda.MeilensteinEreignis) template.HTML)
		vergleiche := func(name string, data any, got template.HTML) {
			t.Helper()
			wieVorlage(t, alt, name, base, data, got)
		}
		for _, r := range a.Berichte {
			for _, teil := range []*agenda.BerichtTeil{r.Land, r.Beispiel} {
				for _, b := range teil.Strategien {
					for _, g := range b.Gruppen() {
						vergleiche("ereignisse", g.Ereignisse, ereignisse(g.Ereignisse))
						for _, ev := range g.Ereignisse {
							fall[fmt.Sprint("Notiz ", ev.Notiz != "")] = true
							fall[fmt.Sprint("aus Start ", ev.AusStart)] = true
						}
					}
					vergleiche("meilensteine", b.Meilensteine, meilensteine(b.Meilensteine))
					fall[fmt.Sprint("Meilensteine ", len(b.Meilensteine) > 0)] = true
				}
			}
		}
		liste := []agenda.Ereignis{fremd, {Massnahme: m, Datum: datum.Datum{}}}
		vergleiche("ereignisse", liste, ereignisse(liste))
		vergleiche("meilensteine", []agenda.MeilensteinEreignis{ms}, meilensteine([]agenda.MeilensteinEreignis{ms}))
	}
	for _, f := range []string{"Notiz true", "Meilensteine true", "Meilensteine false"} {
		if !fall[f] {
			t.Errorf("Fall „%s“ kommt in den Berichten nicht vor: %v", f, fall)
		}
	}
	out := string(render.Funcs("")["berichtereignisse"].(func([]agenda.Ereignis) template.HTML)([]agenda.Ereignis{fremd}))
	if strings.Contains(out, "<b>") || strings.Contains(out, `"A&B"`) || strings.Contains(out, "m n") {
		t.Errorf("unmaskiert: %s", out)
	}
}
