package render_test

import (
	"fmt"
	"html/template"
	"slices"
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

// agendaDerWebsite is the agenda of the bundled site.
func agendaDerWebsite(t *testing.T) *agenda.Agenda {
	t.Helper()
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	for _, pg := range p.Pages {
		if pg.Template == "agenda-massnahmen.html" {
			return pg.Data.(*agenda.Agenda)
		}
	}
	return nil
}

func TestAgendaZeileWieVorlage(t *testing.T) {
	a := agendaDerWebsite(t)
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

// berichtZieleVorlage is the rows of the goal table in
// layouts/partials/bericht-strategie.html before berichtziele.
const berichtZieleVorlage = `{{$r := .R}}{{with .Ziele}}<tbody>
      {{- range .}}{{$z := .Ziel}}
      <tr>
        <th scope="row"><a href="{{url ($r.Agenda.IndikatorURL $z)}}"><span class="ziel-id">{{$z.ID}}</span></a> {{$z.Text}}</th>
        <td>{{with .Vorjahr}}{{with .Aktuell}}{{wert .Wert $z.Einheit}} <span class="klein">({{datum .Datum}})</span>{{else}}noch keine Messung{{end}}{{else}}Ziel noch nicht festgelegt{{end}}</td>
        <td>{{with .Am.Aktuell}}{{wert .Wert $z.Einheit}} <span class="klein">({{datum .Datum}})</span>{{else}}noch keine Messung{{end}}{{with .Neu}} <span class="marke marke-alt">{{plural (len .) "neue Messung" "neue Messungen"}}</span>{{end}}</td>
        <td>{{with $z.Zielwert}}{{wert . $z.Einheit}} <span class="klein">(Ende {{$z.Zieljahr}})</span>{{else}}offen{{end}}</td>
        <td><span class="bewertung-kurz bewertung-{{.Am.Bewertung}}"><svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16"><use href="{{url "/icons/symbole.svg"}}#bewertung-{{.Am.Bewertung}}"/></svg>{{.Am.Label}}</span>{{if .ErreichtNeu}} <strong>(im Berichtszeitraum erreicht)</strong>{{else}}{{$am := .Am}}{{with .Vorjahr}}{{if ne .Bewertung $am.Bewertung}} <span class="klein">(vorher: {{.Label}})</span>{{end}}{{end}}{{end}}</td>
      </tr>
      {{- end}}
    </tbody>{{end}}`

func TestBerichtZieleWieVorlage(t *testing.T) {
	a := agendaDerWebsite(t)
	if a == nil || len(a.Berichte) == 0 {
		t.Fatal("keine Fortschrittsberichte im mitgelieferten Inhalt")
	}
	fall := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		alt := template.Must(template.New("").Funcs(funcs).Parse(berichtZieleVorlage))
		neu := funcs["berichtziele"].(func([]*agenda.ZielStand, *agenda.Bericht) template.HTML)
		for _, r := range a.Berichte {
			for _, teil := range []*agenda.BerichtTeil{r.Land, r.Beispiel} {
				for _, b := range teil.Strategien {
					if len(b.Ziele) == 0 {
						continue
					}
					var want strings.Builder
					if err := alt.Execute(&want, map[string]any{"R": r, "Ziele": b.Ziele}); err != nil {
						t.Fatal(err)
					}
					if got := "<tbody>" + string(neu(b.Ziele, r)) + "\n    </tbody>"; got != want.String() {
						t.Fatalf("Bericht %d, %s: Zeilen weichen von der Vorlage ab:\nGo:      %s\nVorlage: %s", r.Jahr, b.Strategie.Slug, got, want.String())
					}
					for _, zs := range b.Ziele {
						fall[fmt.Sprint("Vorjahr ", zs.Vorjahr != nil)] = true
						fall[fmt.Sprint("neu ", len(zs.Neu) > 0)] = true
						fall[fmt.Sprint("erreicht ", zs.ErreichtNeu)] = true
						fall[fmt.Sprint("ohne Messung ", zs.Am.Aktuell == nil)] = true
					}
				}
			}
		}
	}
	// Cases the bundled reports lack: reached in the period, no measurement,
	// no target value, texts and assessment keys to escape.
	var r *agenda.Bericht
	var zs *agenda.ZielStand
	for _, rr := range a.Berichte {
		for _, b := range slices.Concat(rr.Land.Strategien, rr.Beispiel.Strategien) {
			if len(b.Ziele) > 0 {
				r, zs = rr, b.Ziele[0]
			}
		}
	}
	erreicht, ohne := *zs, *zs
	erreicht.ErreichtNeu = true
	am, z := *zs.Am, *zs.Ziel
	am.Aktuell, am.Bewertung = nil, "x y+#"
	z.Zielwert, z.Text, z.ID = nil, "<a&b>", "Z'1"
	ohne.Am, ohne.Ziel = &am, &z
	funcs := render.Funcs("/b/")
	var want strings.Builder
	liste := []*agenda.ZielStand{&erreicht, &ohne}
	if err := template.Must(template.New("").Funcs(funcs).Parse(berichtZieleVorlage)).Execute(&want, map[string]any{"R": r, "Ziele": liste}); err != nil {
		t.Fatal(err)
	}
	if got := "<tbody>" + string(funcs["berichtziele"].(func([]*agenda.ZielStand, *agenda.Bericht) template.HTML)(liste, r)) + "\n    </tbody>"; got != want.String() {
		t.Fatalf("Sonderfälle weichen von der Vorlage ab:\nGo:      %s\nVorlage: %s", got, want.String())
	}
	// Both sides of each condition of the rows occur in the bundled reports.
	for _, f := range []string{"Vorjahr true", "Vorjahr false", "neu true", "neu false", "erreicht false"} {
		if !fall[f] {
			t.Errorf("Fall „%s“ kommt in den Berichten nicht vor: %v", f, fall)
		}
	}
}
