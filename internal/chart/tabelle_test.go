package chart_test

import (
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/chart"
	"tdsite/internal/render"
)

// tabelleVorlage is the <tbody> of layouts/partials/indikator.html before
// TabelleHTML, with the chart as .D.
const tabelleVorlage = `<tbody>
      {{- range .Zeilen}}
      <tr{{if .Gefaehrdet}} class="gefaehrdet"{{end}}>
        <th scope="row"><time datetime="{{.ISO}}">{{.Datum}}</time></th>
        <td>{{.Art}}</td>
        <td class="zahl">{{.Wert}}</td>
        {{- if $.Plan}}<td class="zahl">{{with .Plan}}{{.}}{{else}}–{{end}}</td>{{end}}
        <td>{{if .Gefaehrdet}}<strong>Zielerreichung gefährdet.</strong> {{end}}{{.Kommentar}}{{with .Korrektur}} Korrektur: {{.}}{{end}}</td>
      </tr>
      {{- end}}
    </tbody>`

func tabelleWieVorlage(t *testing.T, name string, zeilen []chart.Zeile, plan bool) {
	t.Helper()
	var want strings.Builder
	if err := template.Must(template.New("").Parse(tabelleVorlage)).Execute(&want, map[string]any{"Zeilen": zeilen, "Plan": plan}); err != nil {
		t.Fatal(err)
	}
	if got := "<tbody>" + string(chart.TabelleHTML(zeilen, plan)) + "\n    </tbody>"; got != want.String() {
		t.Fatalf("%s: Tabelle weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", name, got, want.String())
	}
}

func TestTabelleHTMLWieVorlage(t *testing.T) {
	gefaehrdet := 0
	for _, z := range ziele(t) {
		zeilen := chart.Tabelle(z, render.Wert)
		for _, r := range zeilen {
			if r.Gefaehrdet {
				gefaehrdet++
			}
		}
		tabelleWieVorlage(t, z.Key, zeilen, chart.Indikator(z, render.Wert) != nil)
		tabelleWieVorlage(t, z.Key, zeilen, false)
	}
	if gefaehrdet == 0 {
		t.Error("keine gefährdete Messung im mitgelieferten Inhalt verglichen")
	}
	tabelleWieVorlage(t, "leer", nil, true)
	tabelleWieVorlage(t, "Sonderzeichen", []chart.Zeile{{Datum: "<1>", ISO: `"2"`, Art: "A&B", Wert: "+3 %", Plan: "", Kommentar: "x'y",
		Gefaehrdet: true, Korrektur: "<b>"}, {Plan: "1 + 1"}}, true)
}
