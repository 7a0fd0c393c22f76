package fahrplan

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/landkarte"
)

// Anker is the id of the row's line in the table: milestones in the drawing
// link there, so that a keyboard user reaches the words behind each mark.
func (f *Fahrplan) Anker(z *Zeile) string { return f.ID + "-" + content.Slugify(z.ID) }

// monat renders a day as its month for readers ("Juli 2018"): the bar's ends
// are never more exact than the dates they come from.
func monat(t time.Time) string {
	return datum.Point{Prec: datum.Monat, Year: t.Year(), N: int(t.Month())}.String()
}

// Zeitraum says in words what the bar shows: where it starts and whether
// the measure goes on.
func (z *Zeile) Zeitraum() string {
	var b strings.Builder
	if z.BeginnGenannt {
		b.WriteString("Beginn " + z.Beginn)
	} else {
		b.WriteString("Beginn nicht angegeben, erster Termin " + monat(z.Balken.Von))
	}
	switch {
	case z.Weiter:
		b.WriteString("; Ende nicht angegeben")
	case z.Status == "umgesetzt":
		b.WriteString("; umgesetzt, letzter Termin " + monat(z.Balken.Bis))
	default:
		b.WriteString("; " + z.StatusLabel + ", letzter Termin " + monat(z.Balken.Bis))
	}
	return b.String()
}

// StandText is the status with its date and, if stale, the warning.
func (z *Zeile) StandText() string {
	s := z.StatusLabel
	if z.Stand != "" {
		s += ", Stand " + z.Stand
	}
	if z.Veraltet {
		s += " – " + z.VeraltetText
	}
	return s
}

// Name is the accessible name of the measure's bar: everything the row
// shows, in words.
func (z *Zeile) Name() string {
	return z.ID + " " + z.Titel + ". Phase: " + z.Phase + ". " + z.Zeitraum() + ". Status: " + z.StandText() + "."
}

// OffenText says that a milestone dated "seit"/"ab" has no end.
func (ms Meilenstein) OffenText() string {
	if ms.Spanne.Offen {
		return "ohne Ende"
	}
	return ""
}

// Name is the accessible name of a milestone mark.
func (ms Meilenstein) Name(z *Zeile) string {
	d := ms.Datum
	if d == "" {
		d = "ohne Datum"
	}
	if ms.Spanne.Offen {
		d += ", ohne Ende"
	}
	return z.ID + ", Meilenstein: " + ms.Text + ". " + d + ". " + ms.ZustandLabel + "."
}

func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func esc(s string) string { return html.EscapeString(s) }

type writer struct{ strings.Builder }

func (w *writer) p(parts ...string) {
	for _, s := range parts {
		w.WriteString(s)
	}
}

// num writes a coordinate as num formats it, without a string per number:
// a drawing has thousands.
func (w *writer) num(v float64) {
	var a [32]byte
	w.Write(strconv.AppendFloat(a[:0], math.Round(v*10)/10, 'f', -1, 64))
}

// box writes the attributes x, y, width and height.
func (w *writer) box(x, y, wd, h float64) {
	w.WriteString(`" x="`)
	w.num(x)
	w.WriteString(`" y="`)
	w.num(y)
	w.WriteString(`" width="`)
	w.num(wd)
	w.WriteString(`" height="`)
	w.num(h)
}

func (w *writer) rect(class string, x, y, wd, h float64) {
	w.p(`<rect class="`, class)
	w.box(x, y, wd, h)
	w.WriteString(`"/>`)
}

func (w *writer) text(class string, x, y float64, s string) {
	w.p(`<text class="`, class, `" x="`)
	w.num(x)
	w.WriteString(`" y="`)
	w.num(y)
	w.p(`">`, esc(s), `</text>`)
}

// SVG is the drawing, empty when no measure has a date. url turns site
// paths into links (base path).
func (f *Fahrplan) SVG(url func(string) string) template.HTML { return f.render(url) }

// render writes the drawing. Only classes style it (the
// Content-Security-Policy allows no style attributes); the order of the
// links is the reading order: group by group, each bar before its
// milestones from left to right.
func (f *Fahrplan) render(url func(string) string) template.HTML {
	if len(f.Gruppen) == 0 {
		return ""
	}
	// Growing the text from nothing copied it a dozen times, each time
	// into fresh memory: a row and a milestone take some 700 bytes each
	// (measured on the 10,000-page corpus), a little more is room to spare.
	n := 4096
	for _, g := range f.Gruppen {
		for _, z := range g.Zeilen {
			n += 800 * (1 + len(z.Meilensteine))
		}
	}
	w := &writer{}
	w.Grow(n)
	id := f.ID
	w.p(`<svg xmlns="http://www.w3.org/2000/svg" id="`, id, `-svg" class="fp-svg" width="`, num(f.Breite), `" height="`, num(f.Hoehe),
		`" viewBox="0 0 `, num(f.Breite), ` `, num(f.Hoehe), `" role="group" aria-roledescription="Zeitleiste" aria-labelledby="`,
		id, `-titel" aria-describedby="`, id, `-info">`)
	w.p(`<title id="`, id, `-titel">`, esc(f.Titel), `</title><desc id="`, id, `-info">`, esc(f.Beschreibung), `</desc>`)
	// Hatching marks what is not known: milestones without a current
	// statement, measures whose status is stale.
	w.p(`<defs><pattern id="`, id, `-schraffur" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`,
		`<rect class="fp-schraffur-grund" width="6" height="6"/><path class="fp-schraffur" d="M0 0V6"/></pattern></defs>`)

	// Axis, grid and today: decoration, the description names them.
	top := float64(rand + kopfH)
	w.p(`<g aria-hidden="true">`)
	for _, j := range f.Jahre {
		w.p(`<path class="fp-gitter" d="M`, num(j.x), ` `, num(top-8), `V`, num(f.Hoehe-fussH), `"/>`)
		w.text("fp-jahr", j.x+4, top-12, strconv.Itoa(j.Jahr))
	}
	hx := f.x(f.Heute)
	w.p(`<path class="fp-heute" d="M`, num(hx), ` `, num(rand+14), `V`, num(f.Hoehe-fussH), `"/>`)
	label := "Heute: " + f.HeuteText
	lx, anchor := hx+4, "start"
	if hx+4+landkarte.TextWidth(label, 13, true) > f.Breite-rand {
		lx, anchor = hx-4, "end"
	}
	w.p(`<text class="fp-heute-text" x="`, num(lx), `" y="`, num(rand+10), `" text-anchor="`, anchor, `">`, esc(label), `</text>`)
	w.p(`</g>`)

	y := top
	for _, g := range f.Gruppen {
		w.p(`<g role="group" aria-label="`, esc(g.Titel), `">`)
		w.p(`<g aria-hidden="true">`)
		w.text("fp-gruppe", rand, y+18, landkarte.Kuerzen(g.Titel, 14, true, f.Breite-2*rand))
		w.p(`</g>`)
		for _, z := range g.Zeilen {
			f.zeile(w, z, url)
		}
		w.p(`</g>`)
		y = g.Zeilen[len(g.Zeilen)-1].y + zeileH + float64(g.Zeilen[len(g.Zeilen)-1].Bahnen)*bahnH + zeilenAbs
	}
	w.p(`</svg>`)
	return template.HTML(w.String())
}

// zeile writes one measure: the bar as a link to the measure, then its
// milestones as links to the row of the table.
func (f *Fahrplan) zeile(w *writer, z *Zeile, url func(string) string) {
	class := "fp-balken fp-s-" + z.Status
	if z.Veraltet {
		class += " fp-veraltet"
	}
	if z.Fiktiv {
		class += " fiktiv"
	}
	x0, x1 := f.spanX(z.Balken)
	anker := esc(f.Anker(z))
	w.p(`<a href="`, esc(url(z.URL)), `" id="`, anker, `-balken" class="`, class, `"><title>`, esc(z.Name()), `</title>`)
	w.rect("fp-fokus", rand-4, z.y-2, x1-rand+8, zeileH+2)
	w.p(`<g aria-hidden="true">`)
	w.text("fp-name", rand, z.y+12, landkarte.Kuerzen(z.ID+" "+z.Titel, 13, false, labelW-12))
	unter := z.Phase
	if z.Veraltet {
		unter += " · " + z.VeraltetText
	}
	w.text("fp-unter", rand, z.y+25, landkarte.Kuerzen(unter, 11.5, false, labelW-12))
	by := z.y + (zeileH-balkenH)/2
	if z.Veraltet {
		w.hatch("fp-bar", x0, by, x1-x0, balkenH, f.ID)
	} else {
		w.rect("fp-bar", x0, by, x1-x0, balkenH)
	}
	if z.Weiter {
		// Past the last known date the measure goes on, how long is not
		// known: the bar fades out towards today, or a short way if the
		// last date is in the future or the status is stale.
		end := x1 + offenMin
		if !z.Veraltet {
			end = math.Max(f.x(f.Heute), end)
		}
		step := (end - x1) / 3
		for i := 0; i < 3; i++ {
			w.rect("fp-weiter fp-weiter-"+strconv.Itoa(i+1), x1+float64(i)*step, by, step, balkenH)
		}
		w.p(`<path class="fp-weiter-rand" d="M`, num(x1), ` `, num(by), `H`, num(end), `M`, num(x1), ` `, num(by+balkenH), `H`, num(end), `"/>`)
	}
	w.p(`</g></a>`)

	for _, ms := range z.Meilensteine {
		if ms.Spanne.Von.IsZero() {
			continue
		}
		my := z.y + zeileH + float64(ms.Bahn)*bahnH
		mc := "fp-ms fp-ms-" + ms.Zustand
		if ms.Spanne.Offen {
			mc += " fp-ms-offen-ende"
		}
		w.p(`<a href="#`, anker, `" class="`, mc, `"><title>`, esc(ms.Name(z)), `</title>`)
		w.rect("fp-fokus", ms.x0-3, my-3, ms.x1-ms.x0+6, msH+6)
		if ms.Spanne.Offen {
			// The end of the dated point, then an open, fading stretch.
			px0, px1 := f.spanX(Spanne{Von: ms.Spanne.Von, Bis: ms.Spanne.Bis})
			f.msRect(w, ms, px0, my, px1-px0)
			if ms.x1 > px1 {
				step := (ms.x1 - px1) / 3
				for i := 0; i < 3; i++ {
					w.rect("fp-ms-k fp-ms-rest fp-weiter-"+strconv.Itoa(i+1), px1+float64(i)*step, my, step, msH)
				}
			}
		} else {
			f.msRect(w, ms, ms.x0, my, ms.x1-ms.x0)
		}
		w.p(`</a>`)
	}
}

// hatch draws a rectangle filled with the drawing's hatching. The fill is a
// presentation attribute, as the pattern's id differs per drawing; the
// theme sets no fill for these classes.
func (w *writer) hatch(class string, x, y, wd, h float64, id string) {
	w.p(`<rect class="`, class, ` fp-schraffiert`)
	w.box(x, y, wd, h)
	w.p(`" fill="url(#`, id, `-schraffur)"/>`)
}

// msRect draws a milestone's mark: hatched while its state is unknown.
func (f *Fahrplan) msRect(w *writer, ms Meilenstein, x, y, wd float64) {
	if ms.Zustand == content.MsUnbekannt {
		w.hatch("fp-ms-k", x, y, wd, msH, f.ID)
		return
	}
	w.rect("fp-ms-k", x, y, wd, msH)
}

func itoa(n int) string { return strconv.Itoa(n) }
