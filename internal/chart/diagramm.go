// Package chart computes the geometry of indicator charts: the
// measurements of a quantitative goal over time against its baseline, its
// target value and the straight planned path between them. It returns plain
// numbers and texts, and draws them as SVG (svg.go) for
// layouts/partials/indikator.html; themes restyle it by its classes. Lines
// differ by dash pattern and carry direct labels, so the chart never
// depends on colour alone. TabelleHTML (tabelle.go) writes the rows of the
// data table beside it.
package chart

import (
	"fmt"
	"math"
	"strings"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/model"
)

// Size of the drawing in user units. The chart scales with the page; the
// data table next to it carries the same numbers at any size.
const (
	Breite   = 400.0
	Hoehe    = 250.0
	Schrift  = 13.0 // font size of labels, user units
	randL    = 44.0
	randR    = 14.0
	randO    = 26.0
	randU    = 30.0
	zeichenB = 0.62 // average width of a bold glyph relative to the font size
)

// Diagramm is one chart, ready for the template.
type Diagramm struct {
	ID            string
	Breite, Hoehe float64
	Plot          Rechteck
	XTicks        []Tick
	YTicks        []Tick
	Ziel          *Linie // horizontal line at the target value
	Plan          *Linie // straight path from baseline to target
	Mess          string // polyline points of baseline and measurements
	Basis         *Punkt
	Punkte        []Punkt // measurements
	Labels        []Label
	Titel         string
	Beschreibung  string
}

// Rechteck is the plot area; X2, Y2 are its right and bottom edges.
type Rechteck struct{ X, Y, B, H, X2, Y2 float64 }

// Tick is an axis mark with its label; TX, TY place the label.
type Tick struct {
	Pos    float64
	TX, TY float64
	Text   string
}

// Linie is a straight line.
type Linie struct{ X1, Y1, X2, Y2 float64 }

// Punkt is a marker.
type Punkt struct{ X, Y float64 }

// Label is a direct label next to a line or point.
type Label struct {
	X, Y   float64
	Text   string
	Anker  string // text-anchor: start, middle, end
	Klasse string
}

// Format renders a value with its unit ("50 %", "100 Personen").
type Format func(v float64, einheit string) string

// Limits of what a chart draws. check keeps content far inside them
// (docs/inhaltsformat.md, „Zahlen“); they make sure that any input, even
// NaN or ±Inf, ends in a chart of finite numbers or in no chart at all,
// instead of an endless tick loop.
const (
	maxTicks = 50  // a value axis has about five marks
	maxJahre = 200 // years from the baseline to the last date
)

// Zeichenbar reports whether a goal can be drawn: it needs a baseline, a
// target value and a target year, and a number (not ja/nein) to plot.
func Zeichenbar(z *model.Ziel) bool {
	return z.Kind.Quantitativ() && z.Basis != nil && z.Zielwert != nil && z.Zieljahr > 0 && !z.JaNein()
}

func endlich(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// Indikator computes the chart of a goal, or nil if it cannot be drawn.
func Indikator(z *model.Ziel, wert Format) *Diagramm {
	if !Zeichenbar(z) {
		return nil
	}
	d := &Diagramm{ID: "diagramm-" + content.Slugify(z.Key), Breite: Breite, Hoehe: Hoehe,
		Plot: Rechteck{randL, randO, Breite - randL - randR, Hoehe - randO - randU, Breite - randR, Hoehe - randU}}
	t0, t1 := z.Basis.Datum.Start(), z.ZielDatum()
	lo, hi := math.Min(math.Min(0, z.Basis.Wert), *z.Zielwert), math.Max(z.Basis.Wert, *z.Zielwert)
	for _, m := range z.Messwerte {
		if t := m.Datum.Start(); t.After(t1) {
			t1 = t
		}
		lo, hi = math.Min(lo, m.Wert), math.Max(hi, m.Wert)
	}
	if !t1.After(t0) {
		t1 = t0.AddDate(1, 0, 0)
	}
	// Checked on the year itself: time.Date wraps around for huge years.
	// Beyond 292 years a time.Duration saturates.
	if z.Zieljahr-t0.Year() > maxJahre || t1.Year()-t0.Year() > maxJahre {
		return nil
	}
	step := niceStep((hi - lo) / 4)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if hi <= lo {
		hi = lo + step
	}
	// Near ±MaxFloat64 the rounded bounds overflow, and subnormal steps
	// round to 0: either would make the ticks run forever.
	ticks := (hi - lo) / step
	if !endlich(lo, hi, step, ticks) || step <= 0 || ticks > maxTicks {
		return nil
	}
	x := func(t time.Time) float64 {
		return round(d.Plot.X + d.Plot.B*t.Sub(t0).Hours()/t1.Sub(t0).Hours())
	}
	// The share first: H*(hi-v) overflows near the float64 limit.
	y := func(v float64) float64 { return round(d.Plot.Y + d.Plot.H*((hi-v)/(hi-lo))) }

	for i := 0; i <= int(math.Round(ticks)); i++ {
		v := lo + float64(i)*step
		d.YTicks = append(d.YTicks, Tick{y(v), d.Plot.X - 6, y(v) + 4, wert(v, kurzEinheit(z.Einheit))})
	}
	for yr := t0.Year() + 1; yr <= t1.Year(); yr++ {
		t := time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC)
		if span := t1.Year() - t0.Year(); span > 8 && yr%2 != 0 {
			continue
		}
		d.XTicks = append(d.XTicks, Tick{x(t), x(t), d.Plot.Y2 + Schrift + 6, fmt.Sprint(yr)})
	}

	ziel := *z.Zielwert
	d.Ziel = &Linie{d.Plot.X, y(ziel), d.Plot.X + d.Plot.B, y(ziel)}
	d.Plan = &Linie{x(t0), y(z.Basis.Wert), x(z.ZielDatum()), y(ziel)}
	d.Basis = &Punkt{x(t0), y(z.Basis.Wert)}
	pts := []string{fmt.Sprintf("%g,%g", d.Basis.X, d.Basis.Y)}
	for _, m := range z.Messwerte {
		p := Punkt{x(m.Datum.Start()), y(m.Wert)}
		d.Punkte = append(d.Punkte, p)
		pts = append(pts, fmt.Sprintf("%g,%g", p.X, p.Y))
	}
	d.Mess = strings.Join(pts, " ")

	// Direct labels: target at the right end above its line, plan along its
	// line, the latest measurement beside its point, the baseline at the start.
	fallend := ziel < z.Basis.Wert
	oben := func(yy float64) float64 { // above a line unless that leaves the drawing
		if fallend {
			return yy + Schrift + 4
		}
		return yy - 6
	}
	var labels []Label
	labels = append(labels, Label{d.Plot.X + d.Plot.B, oben(d.Ziel.Y1),
		fmt.Sprintf("Ziel %d: %s", z.Zieljahr, wert(ziel, z.Einheit)), "end", "label-ziel"})
	pt := time.Unix(t0.Unix()+int64(0.8*float64(t1.Unix()-t0.Unix())), 0).UTC()
	if pv, ok := z.PlanWert(pt); ok {
		ly := y(pv) + Schrift + 4
		if fallend {
			ly = y(pv) - 6
		}
		labels = append(labels, Label{x(pt) + 4, ly, "Plan", "start", "label-plan"})
	}
	if n := len(z.Messwerte); n > 0 {
		m, p := z.Messwerte[n-1], d.Punkte[n-1]
		text := wert(m.Wert, z.Einheit) // its date is on the time axis and in the table
		l := Label{p.X + 8, p.Y - 8, text, "start", "label-mess"}
		if p.X+8+textBreite(text) > Breite-randR {
			l.X, l.Anker = p.X-8, "end"
		}
		labels = append(labels, l)
	}
	by := d.Basis.Y + Schrift + 4 // below the point, unless the axis is there
	if by > d.Plot.Y2-3 {
		by = d.Basis.Y - 8
	}
	labels = append(labels, Label{d.Basis.X + 6, by, "Ausgangswert " + wert(z.Basis.Wert, z.Einheit), "start", "label-basis"})
	if e := z.Einheit; e != "" && kurzEinheit(e) == "" {
		labels = append(labels, Label{4, Schrift + 2, e, "start", "label-achse"})
	}
	d.Labels = place(labels)

	d.Titel = fmt.Sprintf("Verlauf von %s: %s", z.ID, orText(z.Indikator, z.Text))
	d.Beschreibung = beschreibung(z, wert)
	return d
}

// kurzEinheit keeps axis labels short: units longer than "%" are left out
// (the axis title names them).
func kurzEinheit(e string) string {
	if e == "%" {
		return e
	}
	return ""
}

func orText(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// beschreibung is the text alternative of the chart: what it shows and its
// message, so that a screen reader user gets the point without the table.
func beschreibung(z *model.Ziel, wert Format) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Liniendiagramm. Ausgangswert %s am %s, Zielwert %s bis Ende %d.",
		wert(z.Basis.Wert, z.Einheit), z.Basis.Datum.String(), wert(*z.Zielwert, z.Einheit), z.Zieljahr)
	switch n := len(z.Messwerte); n {
	case 0:
		b.WriteString(" Es gibt noch keine Messung.")
	default:
		m := z.Messwerte[n-1]
		fmt.Fprintf(&b, " %d %s, zuletzt %s am %s.", n, plural(n, "Messung", "Messungen"), wert(m.Wert, z.Einheit), m.Datum.String())
		if pv, ok := z.PlanWert(m.Datum.Start()); ok {
			fmt.Fprintf(&b, " Nach dem Plan wären zu diesem Tag %s erreicht.", wert(eineStelle(pv), z.Einheit))
		}
	}
	if f := z.Fortschritt; f != nil {
		fmt.Fprintf(&b, " Bewertung: %s.", f.Label())
	}
	b.WriteString(" Alle Werte stehen auch in der Tabelle.")
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// place keeps labels inside the drawing and moves them apart vertically
// where they would overlap.
func place(labels []Label) []Label {
	box := Label.Rahmen
	for i := range labels {
		l := &labels[i]
		// Keep the text inside the drawing horizontally.
		if x0, _, x1, _ := box(*l); x1 > Breite-2 {
			l.X -= x1 - (Breite - 2)
		} else if x0 < 2 {
			l.X += 2 - x0
		}
		for try := 0; try < 12; try++ {
			ax0, ay0, ax1, ay1 := box(*l)
			hit := false
			for j := 0; j < i; j++ {
				bx0, by0, bx1, by1 := box(labels[j])
				if ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1 {
					hit = true
					// Move away from the other label, in the direction with more room.
					if l.Y <= labels[j].Y && by0-(ay1-ay0)-2 > Schrift {
						l.Y = by0 - 2 - 3
					} else {
						l.Y = by1 + Schrift + 2
					}
					break
				}
			}
			if !hit {
				break
			}
		}
		l.Y = math.Max(Schrift+2, math.Min(Hoehe-randU-4, l.Y))
		l.X, l.Y = round(l.X), round(l.Y)
	}
	return labels
}

// Rahmen estimates the box a label covers: left, top, right, bottom.
func (l Label) Rahmen() (x0, y0, x1, y1 float64) {
	w := textBreite(l.Text)
	switch l.Anker {
	case "end":
		x0 = l.X - w
	case "middle":
		x0 = l.X - w/2
	default:
		x0 = l.X
	}
	return x0, l.Y - Schrift, x0 + w, l.Y + 3
}

// textBreite estimates the width of a label in user units.
func textBreite(s string) float64 { return float64(len([]rune(s))) * Schrift * zeichenB }

// niceStep rounds a raw step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

// eineStelle rounds a value to one decimal; near the float64 limit v*10
// would overflow, and such numbers have no decimals left anyway.
func eineStelle(v float64) float64 {
	if r := math.Round(v*10) / 10; endlich(r) {
		return r
	}
	return v
}

// Zeile is one row of the data table next to a chart: the same numbers as
// the chart, plus the value the planned path expects on that day.
type Zeile struct {
	Datum      string
	ISO        string
	Art        string // "Ausgangswert", "Messung", "Zielwert"
	Wert       string
	Plan       string // "" where there is no plan (ja/nein, no target)
	Kommentar  string
	Gefaehrdet bool
	Korrektur  string
}

// Tabelle lists baseline, measurements and target of a quantitative goal.
// Values are written without their unit (the caption names it), except
// percentages and ja/nein, which read better with it.
func Tabelle(z *model.Ziel, format Format) []Zeile {
	einheit := z.Einheit
	if einheit != "%" && einheit != "ja/nein" {
		einheit = ""
	}
	wert := func(v float64, _ string) string { return format(v, einheit) }
	plan := func(t time.Time) string {
		if v, ok := z.PlanWert(t); ok && !z.JaNein() {
			return wert(eineStelle(v), z.Einheit)
		}
		return ""
	}
	var out []Zeile
	if b := z.Basis; b != nil {
		out = append(out, Zeile{Datum: b.Datum.String(), ISO: b.Datum.ISO(), Art: "Ausgangswert", Wert: wert(b.Wert, z.Einheit),
			Plan: plan(b.Datum.Start())})
	}
	for _, m := range z.Messwerte {
		out = append(out, Zeile{Datum: m.Datum.String(), ISO: m.Datum.ISO(), Art: "Messung", Wert: wert(m.Wert, z.Einheit),
			Plan: plan(m.Datum.Start()), Kommentar: m.Kommentar, Gefaehrdet: m.Gefaehrdet, Korrektur: m.Korrektur})
	}
	if z.Zielwert != nil && z.Zieljahr > 0 {
		t := z.ZielDatum()
		out = append(out, Zeile{Datum: t.Format("02.01.2006"), ISO: t.Format("2006-01-02"), Art: "Zielwert",
			Wert: wert(*z.Zielwert, z.Einheit), Plan: plan(t)})
	}
	return out
}
