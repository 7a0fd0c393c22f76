package render_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/render"
	"tdsite/internal/testkit"
)

// zeileVorlage is layouts/partials/agenda-massnahme-zeile.html as it was
// before the row was written in Go (agendazeile): the reference, escaping
// and whitespace included.
const zeileVorlage = `{{with .M}}{{$d := .Massnahme}}{{$s := .Strategie.Strategie}}<tr data-massnahme="{{$d.ID}}" data-status="{{$d.Status}}" data-handlungsfeld="{{with .Handlungsfeld}}{{.Handlungsfeld.Key}}{{end}}" data-ressorts="{{range $i, $a := .Federfuehrung}}{{if $i}} {{end}}{{$a.Akteur.Kuerzel}}{{end}}" data-strategie="{{$s.Slug}}"{{if $s.Beispiel}} class="fiktiv"{{end}}>
      <td>{{$d.ID}}</td>
      <th scope="row"><a href="{{url .URL}}">{{$d.Titel}}</a>{{with $d.Zusammenfassung}}<span class="zusammenfassung">{{.}}</span>{{end}}</th>
      <td><a href="{{url .Strategie.URL}}">{{$s.Kurzname}}</a>{{if $s.Beispiel}} <span class="marke">Fiktives Beispiel</span>{{end}}{{if .Strategie.Abgeloest}} <span class="marke marke-alt">Frühere Fassung</span>{{end}}</td>
      <td>{{with .Handlungsfeld}}{{with $.Agenda.FacetteHF .}}<a href="{{url .URL}}">{{.Kurz}}</a>{{else}}{{.Label}}{{end}}{{else}}–{{end}}</td>
      <td>{{fragment "partials/status-stand.html" .}}</td>
      <td>{{akteure .Federfuehrung}}</td>
      <td>{{with datum $d.Start}}{{.}}{{else}}–{{end}}</td>
    </tr>{{end -}}`

func TestAgendaZeileWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	var a *agenda.Agenda
	for _, pg := range p.Pages {
		if pg.Template == "agenda-massnahmen.html" {
			a = pg.Data.(*agenda.Agenda)
			break
		}
	}
	if a == nil || len(a.Alle.Massnahmen) < 20 {
		t.Fatal("keine Agenda mit Maßnahmen im mitgelieferten Inhalt")
	}
	liste := append([]*model.Massnahme(nil), a.Alle.Massnahmen...)
	// A measure with texts to escape and without field of action and start.
	m := *liste[0]
	st := &model.Strategie{Strategie: m.Strategie.Strategie, URL: "/strategien/ä ö/", Abgeloest: true}
	st.Slug, st.Kurzname, st.Beispiel = `a"b`, "K+<x>", true
	m.Strategie, m.Handlungsfeld = st, nil
	m.ID, m.Titel, m.Zusammenfassung, m.URL = "X'1", "Titel & <Tag>", `"zitiert"`, "javascript:alert(1)"
	m.Start = datum.Datum{}
	liste = append(liste, &m)

	status := func(m *model.Massnahme) template.HTML { return template.HTML("<span>" + m.ID + "</span>") }
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		funcs["fragment"] = func(_ string, v any) template.HTML { return status(v.(*model.Massnahme)) }
		alt := template.Must(template.New("").Funcs(funcs).Parse(zeileVorlage))
		neu := funcs["agendazeile"].(func(*model.Massnahme, *agenda.Agenda, template.HTML) template.HTML)
		for _, m := range liste {
			var want strings.Builder
			if err := alt.Execute(&want, map[string]any{"M": m, "Agenda": a}); err != nil {
				t.Fatal(err)
			}
			if got := string(neu(m, a, status(m))); got != want.String() {
				t.Fatalf("Zeile von %s (Basis %q) weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", m.ID, base, got, want.String())
			}
		}
	}
}

// statusStandVorlage is layouts/partials/status-stand.html before
// StatusStand.
const statusStandVorlage = `{{fragment "partials/status.html" .Massnahme.Status}}{{with .Aktuell}}{{if not .Datum.IsZero}} <span class="status-stand">(Stand <time datetime="{{iso .Datum}}">{{datum .Datum}}</time>)</span>{{end}}{{if .Abgeleitet}} <span class="marke marke-abgeleitet">abgeleitet</span>{{end}}{{end}}{{if .Veraltet}} <span class="marke marke-veraltet">{{.VeraltetText}}</span>{{end}}`

func TestStatusStandWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	funcs := render.Funcs("")
	funcs["fragment"] = func(_ string, s string) template.HTML { return template.HTML("<b>" + s + "</b>\n") }
	alt := template.Must(template.New("").Funcs(funcs).Parse(statusStandVorlage))
	art := map[string]int{}
	for _, m := range p.Model.Massnahmen {
		var want strings.Builder
		if err := alt.Execute(&want, m); err != nil {
			t.Fatal(err)
		}
		got := string(render.StatusStand(m, template.HTML("<b>"+m.Status+"</b>\n")))
		if got != want.String() {
			t.Fatalf("%s: StatusStand weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", m.ID, got, want.String())
		}
		e := m.Aktuell()
		art[fmt.Sprint(e.Datum.IsZero(), e.Abgeleitet(), m.Veraltet)]++
	}
	// The bundled content has measures with and without date, inferred and stale ones.
	if len(art) < 3 {
		t.Errorf("nur %d Fälle verglichen: %v", len(art), art)
	}
}
