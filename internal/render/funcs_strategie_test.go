package render_test

import (
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"

	"tdsite/internal/build"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/render"
	"tdsite/internal/testkit"
)

// massnahmenZeileVorlage is a row of layouts/partials/massnahmen-tabelle.html
// before massnahmenzeile, escaping and whitespace included.
const massnahmenZeileVorlage = `{{with .M}}{{$d := .Massnahme}}<tr id="{{.Anchor}}">
      <td>{{$d.ID}}</td>
      <th scope="row">{{if .HatSeite}}<a href="{{url .URL}}">{{$d.Titel}}</a>{{else}}{{$d.Titel}}{{end}}{{with $d.Zusammenfassung}}<span class="zusammenfassung">{{.}}</span>{{end}}</th>
      {{- if $.Strategie}}<td><a href="{{url .Strategie.URL}}">{{.Strategie.Strategie.Kurzname}}</a></td>{{end}}
      <td>{{fragment "partials/status-stand.html" .}}</td>
      <td>{{akteure .Federfuehrung}}</td>
      <td>{{with .Meilensteine}}<ul class="meilensteine-kurz">{{range .}}{{$f := .Meilenstein}}<li>{{with datum $f.Datum}}<strong>{{.}}</strong> – {{end}}{{$f.Text}} <span class="meilenstein-zustand ms-{{.Zustand}}">({{.ZustandLabel}}{{if and (eq .Zustand "offen") (not $f.Stand.IsZero)}}, Stand {{datum $f.Stand}}{{end}})</span></li>{{end}}</ul>{{else}}–{{end}}</td>
    </tr>{{end}}`

func TestMassnahmenZeileWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	liste := append([]*model.Massnahme(nil), p.Model.Massnahmen...)
	if len(liste) < 20 {
		t.Fatal("zu wenige Maßnahmen im mitgelieferten Inhalt")
	}
	// A measure without page, milestones or summary, and one whose texts
	// need escaping, with an open milestone that has a Stand.
	leer := *liste[0]
	leer.HatSeite, leer.Meilensteine, leer.Zusammenfassung = false, nil, ""
	m := *liste[0]
	st := &model.Strategie{Strategie: m.Strategie.Strategie, URL: "/strategien/ä ö/"}
	st.Kurzname = "K+<x>"
	m.Strategie, m.HatSeite = st, true
	m.ID, m.Titel, m.Zusammenfassung, m.URL, m.Anchor = "X'1", "Titel & <Tag>", `"zitiert"`, "javascript:alert(1)", `a"b`
	m.Meilensteine = []model.Meilenstein{
		{Meilenstein: content.Meilenstein{Text: "<b>fett</b>", Stand: datum.Datum{}}, Zustand: content.MsOffen},
		{Meilenstein: content.Meilenstein{Text: "x", Datum: liste[0].Start, Stand: liste[0].Start}, Zustand: content.MsOffen},
		{Meilenstein: content.Meilenstein{Text: "y"}, Zustand: `"><script>`},
	}
	liste = append(liste, &leer, &m)

	status := func(m *model.Massnahme) template.HTML { return template.HTML("<span>" + m.ID + "</span>") }
	faelle := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		funcs["fragment"] = func(_ string, v any) template.HTML { return status(v.(*model.Massnahme)) }
		alt := template.Must(template.New("").Funcs(funcs).Parse(massnahmenZeileVorlage))
		neu := funcs["massnahmenzeile"].(func(*model.Massnahme, bool, template.HTML) template.HTML)
		for _, m := range liste {
			for _, mit := range []bool{false, true} {
				var want strings.Builder
				if err := alt.Execute(&want, map[string]any{"M": m, "Strategie": mit}); err != nil {
					t.Fatal(err)
				}
				if got := string(neu(m, mit, status(m))); got != want.String() {
					t.Fatalf("Zeile von %s (Basis %q, Strategie %v) weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", m.ID, base, mit, got, want.String())
				}
			}
			for _, ms := range m.Meilensteine {
				faelle[ms.Zustand] = true
			}
			faelle["seite "+strings.Repeat("x", btoi(m.HatSeite))] = true
		}
	}
	// Rows with and without own page, milestones in every state.
	for _, f := range []string{content.MsErreicht, content.MsOffen, content.MsUnbekannt, "seite ", "seite x"} {
		if !faelle[f] {
			t.Errorf("Fall %q nicht verglichen", f)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestStueckeErgebenDasGanze(t *testing.T) {
	var b strings.Builder
	for b.Len() < 150<<10 {
		b.WriteString(`<rect class="ä" x="1"/>`)
	}
	ohneTag := strings.Repeat("äöü", 40<<10)
	for _, h := range []string{"", "<svg/>", b.String(), ohneTag, b.String() + ohneTag + b.String()} {
		teile := render.Stuecke(template.HTML(h))
		var ganz strings.Builder
		for _, s := range teile {
			// fmt pools no buffer over 64 KB: a larger piece would allocate again.
			if len(s) > 64<<10 {
				t.Errorf("Stück mit %d Bytes", len(s))
			}
			if !utf8.ValidString(string(s)) {
				t.Errorf("Stück mitten in einem Zeichen geschnitten: …%q", s[max(0, len(s)-4):])
			}
			ganz.WriteString(string(s))
		}
		if ganz.String() != h {
			t.Fatalf("Stücke ergeben nicht den Text (%d Bytes, %d Stücke)", len(h), len(teile))
		}
		if len(h) > 64<<10 && len(teile) < 2 {
			t.Errorf("%d Bytes nicht geteilt", len(h))
		}
	}
}

// rollenZeilenVorlage is the body of a role matrix in layouts/strategie.html
// before rollenzeilen.
const rollenZeilenVorlage = `
        {{- range .}}
        {{- /* The letters are for the eye; screen readers get the words. */}}
        <tr><th scope="row">{{.Aufgabe}}</th>{{range .Zellen}}<td>{{if .}}{{$r := rollenname .}}<span class="rolle" title="{{$r}}" aria-hidden="true">{{.}}</span><span class="visually-hidden">{{$r}}</span>{{else}}<span class="visually-hidden">keine Rolle</span>{{end}}</td>{{end}}</tr>
        {{- end}}`

func TestRollenZeilenWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	alt := template.Must(template.New("").Funcs(render.Funcs("")).Parse(rollenZeilenVorlage))
	tabellen := [][]model.RollenZeile{
		{{Aufgabe: `<Aufgabe> & "mehr"`, Zellen: []string{"", "R/V", "X", "<i>", "B/U/C/I"}}},
		nil,
	}
	for _, s := range p.Model.Strategien {
		for _, r := range s.Rollen {
			tabellen = append(tabellen, r.Zeilen)
		}
	}
	if len(tabellen) < 4 {
		t.Fatal("keine Rollenmatrix im mitgelieferten Inhalt")
	}
	for i, z := range tabellen {
		var want strings.Builder
		if err := alt.Execute(&want, z); err != nil {
			t.Fatal(err)
		}
		if got := string(render.RollenZeilen(z)); got != want.String() {
			t.Fatalf("Tabelle %d weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", i, got, want.String())
		}
	}
}

// zielQuantVorlage and fortschrittVorlage are layouts/partials/ziel-quant.html
// and fortschritt.html before zielquant.
const zielQuantVorlage = `<li class="ziel ziel-quant" id="{{.Anchor}}">
  <p class="ziel-text"><span class="ziel-id">{{.ID}}</span> {{.Text}}</p>
  <dl class="ziel-meta">
    {{- with .Indikator}}<div><dt>Indikator</dt><dd>{{.}}</dd></div>{{end}}
    {{- with .Quelle}}<div><dt>Datenquelle</dt><dd>{{.}}</dd></div>{{end}}
    {{- with .Verantwortlich}}<div><dt>Verantwortlich</dt><dd>{{.}}</dd></div>{{end}}
  </dl>
  {{template "partials/fortschritt.html" .}}
  {{- if and .Messwerte (not .Strategie.Abgeloest)}}<p class="klein"><a href="{{url (printf "/agenda/indikatoren/%s/#%s" .Strategie.Strategie.Slug .Anchor)}}">Alle Messwerte zu {{.ID}} als Diagramm und Tabelle</a></p>{{end}}
  {{- if .Massnahmen}}
  <p class="klein">Maßnahmen dazu: {{range $i, $m := .Massnahmen}}{{if $i}}, {{end}}<a href="{{url $m.URL}}">{{$m.Massnahme.ID}} {{$m.Massnahme.Titel}}</a>{{end}}</p>
  {{- end}}
</li>
`

const fortschrittVorlage = `{{- /* Progress of a quantitative goal: text first, the bar only repeats it. */ -}}
{{- $z := . -}}
{{- with .Fortschritt}}
<div class="fortschritt">
  <dl class="werte">
    {{- if $z.Basis}}
    <div><dt>Ausgangswert</dt><dd>{{wert .Basis.Wert $z.Einheit}} <span class="klein">({{datum .Basis.Datum}})</span></dd></div>
    {{- end}}
    <div><dt>Letzte Messung</dt><dd>{{with .Aktuell}}{{wert .Wert $z.Einheit}} <span class="klein">({{datum .Datum}})</span>{{else}}noch keine{{end}}</dd></div>
    <div><dt>Ziel {{$z.Zieljahr}}</dt><dd>{{if $z.Zielwert}}{{wert .Ziel $z.Einheit}}{{else}}noch offen (Entwurf){{end}}</dd></div>
  </dl>
  <p class="bewertung bewertung-{{.Bewertung}}"><svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 16 16"><use href="{{url "/icons/symbole.svg"}}#bewertung-{{.Bewertung}}"/></svg><span><strong>{{.Label}}</strong>
    {{- if and .Aktuell $z.Zielwert (not $z.JaNein)}}: {{.Prozent}} % des Wegs vom Ausgangs- zum Zielwert geschafft; nach dem Zeitplan wären es {{.ErwartetProzent}} %.{{end}}</span></p>
  {{- if and .Aktuell $z.Zielwert (not $z.JaNein)}}
  {{- /* Inline SVG is not minified (internal/build/output.go); the comments at line ends trim the line breaks. */}}
  <svg class="balken" aria-hidden="true" focusable="false" viewBox="0 0 100 12" preserveAspectRatio="none" width="100%" height="12">{{/* */ -}}
    <rect class="balken-spur" x="0" y="0" width="100" height="12"/>{{/* */ -}}
    <rect class="balken-wert balken-{{.Bewertung}}" x="0" y="0" width="{{.Prozent}}" height="12"/>{{/* */ -}}
    <rect class="balken-plan" x="{{.ErwartetProzent}}" y="0" width="0.8" height="12"/>{{/* */ -}}
  </svg>
  {{- end}}
  {{- with .Aktuell}}{{if .Gefaehrdet}}<p class="hinweis hinweis-warnung"><strong>Zielerreichung gefährdet.</strong>{{with .Korrektur}} Vorgeschlagene Korrektur: {{.}}{{end}}</p>{{end}}{{end}}
</div>
{{- else}}
<p class="klein">Für dieses Ziel liegen noch keine Mess- oder Ausgangswerte vor.</p>
{{- end}}
`

func TestZielQuantWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	var ziele []*model.Ziel
	for _, s := range p.Model.Strategien {
		for _, set := range s.Zielsets {
			ziele = append(ziele, set.Quantitativ...)
			for _, e := range set.Etappensets {
				ziele = append(ziele, e.Quantitativ...)
			}
		}
	}
	if len(ziele) < 10 {
		t.Fatal("zu wenige messbare Ziele im mitgelieferten Inhalt")
	}
	// Texts to escape, a threatened goal with a correction, a goal without
	// progress and one of a replaced strategy.
	z := *ziele[0]
	z.Anchor, z.ID, z.Text, z.Indikator, z.Quelle, z.Verantwortlich = `a"b`, "Z<1>", "50 % & mehr", "<i>", "'q'", "V+W"
	st := &model.Strategie{Strategie: z.Strategie.Strategie, URL: z.Strategie.URL}
	st.Slug = "ä ö"
	z.Strategie = st
	if z.Fortschritt != nil {
		f := *z.Fortschritt
		if f.Aktuell != nil {
			a := *f.Aktuell
			a.Gefaehrdet, a.Korrektur = true, "<b>mehr</b> tun"
			f.Aktuell = &a
		}
		f.Bewertung = `x"y`
		z.Fortschritt = &f
	}
	ohne := *ziele[0]
	ohne.Fortschritt, ohne.Indikator, ohne.Massnahmen = nil, "", nil
	alt := *ziele[0]
	alt.Strategie = &model.Strategie{Strategie: alt.Strategie.Strategie, URL: alt.Strategie.URL, Abgeloest: true}
	entwurf := *ziele[0]
	entwurf.Zielwert, entwurf.Basis = nil, nil
	ziele = append(ziele, &z, &ohne, &alt, &entwurf)

	faelle := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		vorlage := template.Must(template.New("z").Funcs(funcs).Parse(zielQuantVorlage))
		template.Must(vorlage.New("partials/fortschritt.html").Parse(fortschrittVorlage))
		neu := funcs["zielquant"].(func(*model.Ziel) template.HTML)
		for _, z := range ziele {
			var want strings.Builder
			if err := vorlage.ExecuteTemplate(&want, "z", z); err != nil {
				t.Fatal(err)
			}
			if got := string(neu(z)); got != want.String() {
				t.Fatalf("Ziel %s (Basis %q) weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", z.ID, base, got, want.String())
			}
			if f := z.Fortschritt; f != nil {
				faelle["basis"] = faelle["basis"] || z.Basis != nil
				faelle["ohne basis"] = faelle["ohne basis"] || z.Basis == nil
				faelle["aktuell"] = faelle["aktuell"] || f.Aktuell != nil
				faelle["ohne aktuell"] = faelle["ohne aktuell"] || f.Aktuell == nil
				faelle["entwurf"] = faelle["entwurf"] || z.Zielwert == nil
				faelle["ja/nein"] = faelle["ja/nein"] || z.JaNein()
			}
		}
	}
	for _, f := range []string{"basis", "ohne basis", "aktuell", "ohne aktuell", "entwurf", "ja/nein"} {
		if !faelle[f] {
			t.Errorf("Fall %q nicht verglichen (%v)", f, faelle)
		}
	}
}

// gremienVorlage is the list of bodies in layouts/strategie.html before
// gremien.
const gremienVorlage = `      {{- range .}}
      {{- /* $c: the fields from the file; Organisation and Handlungsfeld are the model's resolved pointers
           (docs/architektur.md, „Felder in Vorlagen“). */}}
      {{- $g := .}}{{$c := .Gremium}}
      <li>
        <h3>{{$c.Name}}</h3>
        {{- $art := .ArtLabel}}{{if eq $art $c.Name}}{{$art = ""}}{{end}}
        {{- if or $art .Organisation .Handlungsfeld}}
        <p class="klein">{{$art}}{{with .Organisation}}{{if $art}} · {{end}}{{abbr .}}{{end}}{{with .Handlungsfeld}}{{if or $art $g.Organisation}} · {{end}}Handlungsfeld <a href="{{url .URL}}">{{.Handlungsfeld.Name}}</a>{{end}}</p>
        {{- end}}
        {{- with $c.Beschreibung}}<p>{{.}}</p>{{end}}
        {{- with $c.Vorsitz}}<p>Vorsitz: {{.}}</p>{{end}}
        {{- if $c.Mitglieder}}
        <details><summary>{{plural $c.Anzahl "Mitglied" "Mitglieder"}}</summary><ul>{{range $c.Mitglieder}}<li>{{.}}</li>{{end}}</ul></details>
        {{- else if $c.Anzahl}}<p>{{plural $c.Anzahl "Mitglied" "Mitglieder"}}</p>{{end}}
      </li>
      {{- end}}`

func TestGremienWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	var listen [][]*model.Gremium
	var alle []*model.Gremium
	for _, s := range p.Model.Strategien {
		listen = append(listen, s.Gremien)
		alle = append(alle, s.Gremien...)
	}
	if len(alle) < 5 {
		t.Fatal("zu wenige Gremien im mitgelieferten Inhalt")
	}
	// Texts to escape; a body whose kind is its name, one without anything
	// but a name, one with a count and no members.
	g := *alle[0]
	g.Name, g.Beschreibung, g.Vorsitz, g.Mitglieder, g.Anzahl = "<Rat> & Co", `"B"`, "V+1", []string{"<a>", "b'"}, 2
	g.ArtLabel = "Art <x>"
	gleich := *alle[0]
	gleich.ArtLabel, gleich.Organisation = gleich.Name, nil
	leer := *alle[0]
	leer.ArtLabel, leer.Organisation, leer.Handlungsfeld, leer.Beschreibung, leer.Vorsitz, leer.Mitglieder, leer.Anzahl = "", nil, nil, "", "", nil, 0
	gezaehlt := leer
	gezaehlt.Anzahl = 1
	listen = append(listen, []*model.Gremium{&g, &gleich, &leer, &gezaehlt}, nil)
	faelle := map[string]bool{}
	for _, base := range []string{"", "/unter pfad/"} {
		funcs := render.Funcs(base)
		alt := template.Must(template.New("").Funcs(funcs).Parse(gremienVorlage))
		neu := funcs["gremien"].(func([]*model.Gremium) template.HTML)
		for _, l := range listen {
			var want strings.Builder
			if err := alt.Execute(&want, l); err != nil {
				t.Fatal(err)
			}
			if got := string(neu(l)); got != want.String() {
				t.Fatalf("Gremien weichen von der Vorlage ab:\nGo:      %s\nVorlage: %s", got, want.String())
			}
			for _, g := range l {
				faelle["organisation"] = faelle["organisation"] || g.Organisation != nil
				faelle["handlungsfeld"] = faelle["handlungsfeld"] || g.Handlungsfeld != nil
				faelle["mitglieder"] = faelle["mitglieder"] || len(g.Mitglieder) > 0
			}
		}
	}
	for _, f := range []string{"organisation", "handlungsfeld", "mitglieder"} {
		if !faelle[f] {
			t.Errorf("Fall %q nicht verglichen", f)
		}
	}
}

// phasenVorlage is the list of phases in layouts/strategie.html before
// phasen.
const phasenVorlage = `{{$s := .}}      {{- range $s.Phasen}}
      <li class="phase phase-{{if .Zustand}}{{.Zustand}}{{else}}unbekannt{{end}}"{{if eq .Zustand "aktuell"}} aria-current="step"{{end}}>
        <span class="phase-name">{{.Info.Label}}{{if gt .Zyklus 1}} (Zyklus {{.Zyklus}}){{end}}</span>
        <span class="phase-zustand">{{if eq .Zustand "abgeschlossen"}}abgeschlossen{{else if eq .Zustand "aktuell"}}aktuelle Phase{{else if eq .Zustand "geplant"}}geplant{{else}}Stand unbekannt{{end}}</span>
        {{- if or (not .Beginn.IsZero) (not .Ende.IsZero)}}
        <span class="phase-daten">{{with datum .Beginn}}{{.}}{{else}}?{{end}} bis {{with datum .Ende}}{{.}}{{else}}offen{{end}}</span>
        {{- end}}
        {{- with .Ergebnis}}<span class="phase-ergebnis">{{.}}</span>{{end}}
        {{- range $s.PhasenBeschluesse .Info.Key .Zyklus}}<span class="phase-ergebnis"><a href="#{{.Anker}}">Beschluss vom {{datum .Beschluss.Datum}}</a></span>{{end}}
      </li>
      {{- end}}`

func TestPhasenWieVorlage(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	strategien := append([]*model.Strategie(nil), p.Model.Strategien...)
	// Every state, dates on one side only, a second cycle, texts to escape.
	var mit *model.Strategie
	for _, s := range strategien {
		if len(s.Phasen) > 0 && len(s.Beschluesse) > 0 {
			mit = s
		}
	}
	if mit == nil {
		t.Fatal("keine Strategie mit Phasen und Beschlüssen im mitgelieferten Inhalt")
	}
	x := &model.Strategie{Strategie: mit.Strategie, Beschluesse: mit.Beschluesse}
	for i, z := range []string{"abgeschlossen", "aktuell", "geplant", "", `"x"`} {
		ph := mit.Phasen[i%len(mit.Phasen)]
		ph.Zustand, ph.Zyklus, ph.Ergebnis = z, i, "<b>&</b>"
		if i%2 == 0 {
			ph.Beginn = datum.Datum{}
		} else {
			ph.Ende = datum.Datum{}
		}
		x.Phasen = append(x.Phasen, ph)
	}
	strategien = append(strategien, x)
	alt := template.Must(template.New("").Funcs(render.Funcs("")).Parse(phasenVorlage))
	beschluesse := 0
	for _, s := range strategien {
		var want strings.Builder
		if err := alt.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := string(render.Funcs("")["phasen"].(func(*model.Strategie) template.HTML)(s)); got != want.String() {
			t.Fatalf("Phasen von %s weichen von der Vorlage ab:\nGo:      %s\nVorlage: %s", s.Slug, got, want.String())
		}
		beschluesse += strings.Count(want.String(), "Beschluss vom")
	}
	if beschluesse == 0 {
		t.Error("kein Beschluss an einer Phase verglichen")
	}
}
