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
