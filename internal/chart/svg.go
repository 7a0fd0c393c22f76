package chart

import (
	"html/template"

	"tdsite/internal/htmlesc"
)

// SVG draws the chart: the element <svg class="diagramm"> that
// layouts/partials/indikator.html places in its figure. It was drawn by
// that template until 6 December 2026; at 10,000 pages its 600,000
// template commands cost more than the rest of the indicator pages. The
// markup is the one the template wrote, byte for byte, with every text
// escaped as html/template escapes it (internal/htmlesc). Classes and
// dash patterns for themes are unchanged (static/css).
func (d *Diagramm) SVG() template.HTML {
	b := make([]byte, 0, 3072)
	f := htmlesc.AppendFloat
	e := htmlesc.Append
	b = append(b, `<svg class="diagramm" role="img" aria-labelledby="`...)
	b = e(b, d.ID)
	b = append(b, `-titel `...)
	b = e(b, d.ID)
	b = append(b, `-beschr" viewBox="0 0 `...)
	b = f(b, d.Breite)
	b = append(b, ' ')
	b = f(b, d.Hoehe)
	b = append(b, `" width="`...)
	b = f(b, d.Breite)
	b = append(b, `" height="`...)
	b = f(b, d.Hoehe)
	b = append(b, `" focusable="false"><title id="`...)
	b = e(b, d.ID)
	b = append(b, `-titel">`...)
	b = e(b, d.Titel)
	b = append(b, `</title><desc id="`...)
	b = e(b, d.ID)
	b = append(b, `-beschr">`...)
	b = e(b, d.Beschreibung)
	b = append(b, `</desc><g class="raster">`...)
	line := func(b []byte, class string, x1, y1, x2, y2 float64) []byte {
		b = append(b, `<line`...)
		if class != "" {
			b = append(b, ` class="`...)
			b = append(b, class...)
			b = append(b, '"')
		}
		b = num(b, "x1", x1)
		b = num(b, "y1", y1)
		b = num(b, "x2", x2)
		b = num(b, "y2", y2)
		return append(b, `/>`...)
	}
	p := d.Plot
	for _, t := range d.YTicks {
		b = line(b, "", p.X, t.Pos, p.X2, t.Pos)
	}
	for _, t := range d.XTicks {
		b = line(b, "", t.Pos, p.Y, t.Pos, p.Y2)
	}
	b = append(b, `</g><g class="achse">`...)
	b = line(b, "", p.X, p.Y2, p.X2, p.Y2)
	// label: a direct label with its class ("label label-ziel"), else a tick.
	text := func(b []byte, label bool, class string, x, y float64, anchor, s string) []byte {
		b = append(b, `<text`...)
		if label {
			b = append(b, ` class="label `...)
			b = e(b, class)
			b = append(b, '"')
		}
		b = num(b, "x", x)
		b = num(b, "y", y)
		b = append(b, ` text-anchor="`...)
		b = e(b, anchor)
		b = append(b, `">`...)
		b = e(b, s)
		return append(b, `</text>`...)
	}
	for _, t := range d.YTicks {
		b = text(b, false, "", t.TX, t.TY, "end", t.Text)
	}
	for _, t := range d.XTicks {
		b = text(b, false, "", t.TX, t.TY, "middle", t.Text)
	}
	b = append(b, `</g>`...)
	if l := d.Ziel; l != nil {
		b = line(b, "linie-ziel", l.X1, l.Y1, l.X2, l.Y2)
	}
	if l := d.Plan; l != nil {
		b = line(b, "linie-plan", l.X1, l.Y1, l.X2, l.Y2)
	}
	b = append(b, `<polyline class="linie-mess" points="`...)
	b = e(b, d.Mess)
	b = append(b, `"/>`...)
	if pt := d.Basis; pt != nil {
		b = append(b, `<rect class="punkt-basis"`...)
		b = num(b, "x", pt.X)
		b = num(b, "y", pt.Y)
		b = append(b, ` width="9" height="9" transform="translate(-4.5 -4.5)"/>`...)
	}
	for _, pt := range d.Punkte {
		b = append(b, `<circle class="punkt-mess"`...)
		b = num(b, "cx", pt.X)
		b = num(b, "cy", pt.Y)
		b = append(b, ` r="4.5"/>`...)
	}
	for _, l := range d.Labels {
		b = text(b, true, l.Klasse, l.X, l.Y, l.Anker, l.Text)
	}
	b = append(b, `</svg>`...)
	return template.HTML(b)
}

// num appends the attribute name="v" with a leading space, v written as
// the template wrote a float64.
func num(b []byte, name string, v float64) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = htmlesc.AppendFloat(b, v)
	return append(b, '"')
}
