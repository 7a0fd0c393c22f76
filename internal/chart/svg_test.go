package chart_test

import (
	"html/template"
	"strings"
	"testing"

	"tdsite/internal/chart"
	"tdsite/internal/render"
)

// vorlage is the drawing as layouts/partials/indikator.html wrote it
// before Diagramm.SVG: the reference its output must match byte for byte,
// escaping included.
const vorlage = `<svg class="diagramm" role="img" aria-labelledby="{{.ID}}-titel {{.ID}}-beschr" viewBox="0 0 {{.Breite}} {{.Hoehe}}" width="{{.Breite}}" height="{{.Hoehe}}" focusable="false">` +
	`<title id="{{.ID}}-titel">{{.Titel}}</title><desc id="{{.ID}}-beschr">{{.Beschreibung}}</desc><g class="raster">` +
	`{{$d := .}}{{range .YTicks}}<line x1="{{$d.Plot.X}}" y1="{{.Pos}}" x2="{{$d.Plot.X2}}" y2="{{.Pos}}"/>{{end}}` +
	`{{range .XTicks}}<line x1="{{.Pos}}" y1="{{$d.Plot.Y}}" x2="{{.Pos}}" y2="{{$d.Plot.Y2}}"/>{{end}}</g><g class="achse">` +
	`<line x1="{{.Plot.X}}" y1="{{.Plot.Y2}}" x2="{{.Plot.X2}}" y2="{{.Plot.Y2}}"/>` +
	`{{range .YTicks}}<text x="{{.TX}}" y="{{.TY}}" text-anchor="end">{{.Text}}</text>{{end}}` +
	`{{range .XTicks}}<text x="{{.TX}}" y="{{.TY}}" text-anchor="middle">{{.Text}}</text>{{end}}</g>` +
	`{{with .Ziel}}<line class="linie-ziel" x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}"/>{{end}}` +
	`{{with .Plan}}<line class="linie-plan" x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}"/>{{end}}` +
	`<polyline class="linie-mess" points="{{.Mess}}"/>` +
	`{{with .Basis}}<rect class="punkt-basis" x="{{.X}}" y="{{.Y}}" width="9" height="9" transform="translate(-4.5 -4.5)"/>{{end}}` +
	`{{range .Punkte}}<circle class="punkt-mess" cx="{{.X}}" cy="{{.Y}}" r="4.5"/>{{end}}` +
	`{{range .Labels}}<text class="label {{.Klasse}}" x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anker}}">{{.Text}}</text>{{end}}</svg>`

func wieVorlage(t *testing.T, d *chart.Diagramm) {
	t.Helper()
	var want strings.Builder
	if err := template.Must(template.New("").Parse(vorlage)).Execute(&want, d); err != nil {
		t.Fatal(err)
	}
	if got := string(d.SVG()); got != want.String() {
		t.Fatalf("%s: SVG weicht von der Vorlage ab:\nGo:      %s\nVorlage: %s", d.ID, got, want.String())
	}
}

func TestSVGWieVorlage(t *testing.T) {
	n := 0
	for _, z := range ziele(t) {
		if d := chart.Indikator(z, render.Wert); d != nil {
			wieVorlage(t, d)
			n++
		}
	}
	if n < 5 {
		t.Fatalf("nur %d Diagramme verglichen", n)
	}
	// Texts a template escapes, numbers in exponent notation, a label
	// without class and lines that are left out.
	wieVorlage(t, &chart.Diagramm{ID: `x"<y>`, Breite: 1e21, Hoehe: -0.5, Titel: "A+B & 'C'", Beschreibung: "<b>\x00",
		YTicks: []chart.Tick{{Pos: 1, TX: 2, TY: 3, Text: "1 + 1"}}, XTicks: []chart.Tick{{Pos: 4, Text: "ü"}},
		Mess: "1,2 3,4", Punkte: []chart.Punkt{{X: 1e-9, Y: 2}},
		Labels: []chart.Label{{X: 1, Y: 2, Text: "a&b", Anker: "end"}, {Text: "x", Klasse: `k"`}}})
}
