package render_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/render"
	"tdsite/internal/testkit"
)

// massnahmeVorlage holds the blocks of layouts/massnahme.html as they were
// before they were written in Go (funcs_massnahme.go): the reference,
// escaping and whitespace included. Each block starts where the Go
// function's output starts.
const massnahmeVorlage = `{{define "oberzeile"}}{{$m := .}}{{$d := $m.Massnahme}}Maßnahme {{$d.ID}} · <a href="{{url $m.Strategie.URL}}">{{$m.Strategie.Strategie.Name}}</a>{{end}}
{{- define "aktionsplan"}}{{$m := .}}<a href="{{url $m.Strategie.URL}}#aktionsplan">Alle Maßnahmen der Strategie „{{$m.Strategie.Strategie.Kurzname}}“</a>{{end}}
{{- define "fakten"}}{{$m := .}}{{$d := $m.Massnahme}}<dl class="fakten fakten-breit">
    <div><dt>Federführung</dt><dd>{{range $i, $a := $m.Federfuehrung}}{{if $i}}, {{end}}{{$a.Akteur.Name}} ({{$a.Akteur.Kuerzel}}){{else}}keine Angabe{{end}}</dd></div>
    {{- with $m.Beteiligte}}<div><dt>Beteiligt</dt><dd>{{range $i, $b := .}}{{if $i}}, {{end}}{{with $b.Akteur}}{{abbr .}}{{else}}{{$b.Text}}{{end}}{{end}}</dd></div>{{end}}
    {{- with $m.Handlungsfeld}}<div><dt>Handlungsfeld</dt><dd><a href="{{url .URL}}">{{.Handlungsfeld.Name}}</a></dd></div>{{end}}
    {{- with $m.Initiative}}<div><dt>Strategische Initiative</dt><dd><a href="{{url .URL}}">{{.Titel}}</a></dd></div>{{end}}
    {{- if not $d.Start.IsZero}}<div><dt>Start</dt><dd>{{datum $d.Start}}</dd></div>{{end}}
    {{- with $d.Teilprojektleitung}}<div><dt>Teilprojektleitung</dt><dd>{{.}}</dd></div>{{end}}
    {{- with $d.Prioritaet}}<div><dt>Priorität</dt><dd>{{.}}</dd></div>{{end}}
  </dl>{{end}}
{{- define "ziele"}}<ul>{{range .Ziele}}<li><a href="{{url .URL}}">{{.ID}}</a> {{.Text}} <span class="klein">({{.KindLabel}}{{with .Fortschritt}}; {{.Label}}{{end}})</span></li>{{end}}</ul>{{end}}
{{- define "stand"}}{{$m := .}}{{$d := $m.Massnahme}}
    {{- $e := $m.Aktuell}}<dl class="fakten fakten-breit">
      <div><dt>Status</dt><dd>{{fragment "partials/status.html" $d.Status}}</dd></div>
      <div><dt>Stand</dt><dd>{{if $e.Datum.IsZero}}unbekannt: Die Quelle nennt kein Datum.{{else}}<time datetime="{{iso $e.Datum}}">{{datum $e.Datum}}</time>{{end}}</dd></div>
      <div><dt>Quelle</dt><dd>{{with $e.Quelle}}{{.}}{{else}}nicht angegeben{{end}}</dd></div>
      {{- if $e.Abgeleitet}}
      <div><dt>Sicherheit</dt><dd><span class="marke marke-abgeleitet">abgeleitet</span> Die Quelle nennt keinen Status. Die Redaktion hat ihn erschlossen: {{$e.Grund}}</dd></div>
      {{- else if eq $e.Sicherheit "belegt"}}
      <div><dt>Sicherheit</dt><dd>belegt: Die Quelle nennt diesen Status.</dd></div>
      {{- end}}
      {{- with $e.Notiz}}<div><dt>Anmerkung</dt><dd>{{.}}</dd></div>{{end}}
    </dl>
    {{- if $m.Veraltet}}
    <p class="hinweis-veraltet"><span class="marke marke-veraltet">{{$m.VeraltetText}}</span> {{if $e.Datum.IsZero}}Seit wann dieser Status gilt, ist nicht bekannt.{{else}}Neuere Angaben liegen nicht vor. Ob der Status heute noch gilt, ist nicht bekannt.{{end}}</p>
    {{- end}}{{end}}
{{- define "meilensteine"}}{{$m := .}}
    {{- if $m.Meilensteine}}<ol class="meilensteine">
      {{- range $m.Meilensteine}}{{$f := .Meilenstein}}
      <li class="ms-{{.Zustand}}">{{with datum $f.Datum}}<strong>{{.}}</strong>: {{end}}{{$f.Text}} <span class="meilenstein-zustand">({{.ZustandLabel}}{{if and (ne .Zustand "unbekannt") (not $f.Stand.IsZero)}}, Stand {{datum $f.Stand}}{{end}})</span></li>
      {{- end}}
    </ol>
    {{- with (index $m.Meilensteine 0).Meilenstein.Quelle}}<p class="klein">Quelle der Meilensteine: {{.}}. „Stand unbekannt“ heißt: Keine Quelle sagt, ob der Meilenstein erreicht ist.</p>{{end}}
    {{- else}}<p>Für diese Maßnahme sind keine Meilensteine veröffentlicht.</p>
    {{- end}}{{end}}
{{- define "kosten"}}{{$d := .}}{{if or $d.KostenNutzen $d.Regelbetrieb}}<dl class="fakten fakten-breit">
      {{- with $d.KostenNutzen}}
      {{- with .Aufwand}}<div><dt>Aufwand der Umsetzung</dt><dd>{{.}}</dd></div>{{end}}
      {{- with .Nutzen}}<div><dt>Erwarteter Nutzen</dt><dd>{{.}}</dd></div>{{end}}
      {{- with .Regelbetrieb}}<div><dt>Aufwand im Regelbetrieb</dt><dd>{{.}}</dd></div>{{end}}
      {{- with .Finanzierung}}<div><dt>Finanzierung</dt><dd>{{.}}</dd></div>{{end}}
      {{- end}}
      {{- with $d.Regelbetrieb}}<div><dt>Übergang in den Regelbetrieb</dt><dd>{{.Beschreibung}}{{with .Status}} (Stand: {{.}}){{end}}</dd></div>{{end}}
    </dl>{{end}}{{end}}`

// feindlicheMassnahme is a copy of m with texts and addresses to escape
// and the cases the bundled measures may lack.
func feindlicheMassnahme(m *model.Massnahme) *model.Massnahme {
	x := *m
	boese := `<b>"A&B"</b> 'x'+1`
	st := &model.Strategie{Strategie: m.Strategie.Strategie, URL: "/s t/<x>"}
	st.Name, st.Kurzname = boese, boese
	x.Strategie, x.ID = st, `M"1`
	x.Federfuehrung = nil
	x.Beteiligte = []model.Beteiligter{{Text: boese}, {Akteur: &model.Akteur{Akteur: content.Akteur{Name: boese, Kuerzel: "A+B"}}}}
	x.Handlungsfeld = &model.Handlungsfeld{URL: "/h f/ä?x=<1>"}
	x.Handlungsfeld.Name = boese
	x.Initiative = &model.Initiative{URL: "javascript:alert(1)"}
	x.Initiative.Titel = ""
	x.Start = datum.Datum{}
	x.Teilprojektleitung, x.Prioritaet = boese, "hoch"
	z := &model.Ziel{URL: "/z/%zz#a b"}
	z.ID, z.Text = "Z'1", boese
	x.Ziele = []*model.Ziel{z}
	x.Verlauf = []model.StatusEintrag{{Status: "x<y", Quelle: boese, Sicherheit: content.Abgeleitet, Grund: boese, Notiz: boese}}
	x.Veraltet, x.VeraltetTage = true, 400
	x.Meilensteine = []model.Meilenstein{{Zustand: `e"r`}, {Zustand: content.MsOffen}}
	x.Meilensteine[0].Text, x.Meilensteine[0].Quelle = boese, boese
	x.Meilensteine[1].Text = "zwei"
	x.KostenNutzen = &content.KostenNutzen{Nutzen: boese, Finanzierung: "Land"}
	x.Regelbetrieb = &content.Regelbetrieb{Beschreibung: boese, Status: boese}
	return &x
}

func TestMassnahmeBloeckeWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	liste := append([]*model.Massnahme(nil), p.Model.Massnahmen...)
	liste = append(liste, feindlicheMassnahme(liste[0]), feindlicheMassnahme(liste[len(liste)-1]))
	status := func(s string) template.HTML { return template.HTML("<b>" + s + "</b>\n") }
	fall := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		funcs["fragment"] = func(_ string, s string) template.HTML { return status(s) }
		alt := template.Must(template.New("").Funcs(funcs).Parse(massnahmeVorlage))
		neu := map[string]func(m *model.Massnahme) template.HTML{
			"oberzeile":    funcs["massnahmeoberzeile"].(func(*model.Massnahme) template.HTML),
			"aktionsplan":  funcs["aktionsplanlink"].(func(*model.Massnahme) template.HTML),
			"fakten":       funcs["massnahmefakten"].(func(*model.Massnahme) template.HTML),
			"ziele":        funcs["massnahmeziele"].(func(*model.Massnahme) template.HTML),
			"stand":        func(m *model.Massnahme) template.HTML { return render.MassnahmeStand(m, status(m.Status)) },
			"meilensteine": render.Meilensteine,
			"kosten":       func(m *model.Massnahme) template.HTML { return render.KostenNutzen(&m.Massnahme) },
		}
		for _, m := range liste {
			for name, f := range neu {
				var data any = m
				if name == "kosten" {
					data = &m.Massnahme
				}
				var want strings.Builder
				if err := alt.ExecuteTemplate(&want, name, data); err != nil {
					t.Fatal(err)
				}
				if got := string(f(m)); got != want.String() {
					t.Fatalf("%s, Block %s (Basis %q) weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", m.ID, name, base, got, want.String())
				}
			}
			e := m.Aktuell()
			fall[fmt.Sprint("Datum ", !e.Datum.IsZero())] = true
			fall["Sicherheit "+e.Sicherheit] = true
			fall[fmt.Sprint("veraltet ", m.Veraltet)] = true
			fall[fmt.Sprint("Meilensteine ", len(m.Meilensteine) > 0)] = true
			fall[fmt.Sprint("Kosten ", m.KostenNutzen != nil)] = true
			fall[fmt.Sprint("Beteiligte ", len(m.Beteiligte) > 0)] = true
		}
	}
	for _, f := range []string{"Datum true", "Datum false", "Sicherheit belegt", "Sicherheit abgeleitet",
		"veraltet true", "veraltet false", "Meilensteine true", "Meilensteine false", "Kosten true", "Kosten false"} {
		if !fall[f] {
			t.Errorf("Fall „%s“ kommt nicht vor: %v", f, fall)
		}
	}
}

// The Go blocks must escape what they take from the files: no tag, quote
// or script address of a measure's file reaches the page as it is.
func TestMassnahmeBloeckeMaskieren(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	m := feindlicheMassnahme(p.Model.Massnahmen[0])
	funcs := render.Funcs("")
	var b strings.Builder
	b.WriteString(string(funcs["massnahmeoberzeile"].(func(*model.Massnahme) template.HTML)(m)))
	b.WriteString(string(funcs["aktionsplanlink"].(func(*model.Massnahme) template.HTML)(m)))
	b.WriteString(string(funcs["massnahmefakten"].(func(*model.Massnahme) template.HTML)(m)))
	b.WriteString(string(funcs["massnahmeziele"].(func(*model.Massnahme) template.HTML)(m)))
	b.WriteString(string(render.MassnahmeStand(m, "")))
	b.WriteString(string(render.Meilensteine(m)))
	b.WriteString(string(render.KostenNutzen(&m.Massnahme)))
	out := b.String()
	for _, roh := range []string{"<b>", `"A&B"`, "'x'", `href="javascript:`, `e"r`, "a b"} {
		if strings.Contains(out, roh) {
			t.Errorf("%q steht unmaskiert in der Ausgabe:\n%s", roh, out)
		}
	}
	if !strings.Contains(out, "&lt;b&gt;&#34;A&amp;B&#34;&lt;/b&gt; &#39;x&#39;&#43;1") {
		t.Errorf("Text nicht wie von html/template maskiert:\n%s", out)
	}
}
