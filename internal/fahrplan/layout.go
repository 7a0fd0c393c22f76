// Package fahrplan draws the Umsetzungsfahrplan (roadmap) of measures: one
// bar per measure over the years, its milestones below it, and a line for
// today. The Leitfaden asks for a roadmap of measures and milestones in the
// phases Anbahnung, Umsetzung and Abschluss; the sources date milestones as
// "Q3/2020", "2021" or "seit Oktober 2019", so every date is drawn as the
// span it covers, never as a point it does not claim.
//
// The drawing is a static SVG; the table of the page holds the same rows and
// is what prints and what reads without the drawing.
package fahrplan

import (
	"math"
	"sort"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
)

// Spanne is a stretch of time as drawn: from the first to the last day a
// date covers. Offen marks "seit"/"ab" dates: they have no end, the drawing
// fades out to the right and the table says so.
type Spanne struct {
	Von, Bis time.Time
	Offen    bool
}

// SpanneVon returns the span a date covers; ok is false for a zero date.
func SpanneVon(d datum.Datum) (Spanne, bool) {
	if d.IsZero() {
		return Spanne{}, false
	}
	s := Spanne{Von: d.Start(), Bis: d.End()}
	if d.Kind == datum.Seit || d.Kind == datum.Ab {
		s.Offen = true
	}
	return s, true
}

// Meilenstein is one milestone of a row.
type Meilenstein struct {
	Text         string
	Datum        string // as readers see it: "1. Quartal 2027", "seit August 2026"
	Spanne       Spanne
	Zustand      string // content.MsErreicht, MsOffen or MsUnbekannt
	ZustandLabel string
	Genau        bool // the date is one exact day
	Bahn         int  // lane below the bar, so that milestones do not overlap
	x0, x1       float64
}

// Phase names the Leitfaden's phase of a measure from its status: planned
// measures are in the Anbahnung, running ones in the Umsetzung, completed
// ones in the Abschluss. Suspended measures are in none of them.
func Phase(status string) string {
	switch status {
	case "geplant":
		return "Anbahnung"
	case "laufend":
		return "Umsetzung"
	case "umgesetzt":
		return "Abschluss"
	case "ausgesetzt":
		return "ausgesetzt"
	}
	return "unbekannt"
}

// Zeile is one measure of the roadmap.
type Zeile struct {
	ID, Titel, URL string
	Strategie      string // short name, for roadmaps across strategies
	Status         string // as the source says; Veraltet tells whether it is stale
	StatusLabel    string
	Phase          string
	Veraltet       bool
	VeraltetText   string
	Stand          string // date of the current status, "" if none
	Fiktiv         bool

	// Balken is the span the sources give dates for: from the start (or,
	// without one, the first dated milestone or status) to the last date
	// known. BeginnGenannt is false when the start is not given.
	Balken        Spanne
	BeginnGenannt bool
	Beginn        string // the start as the source gives it
	// Weiter: the measure is not finished or suspended, so it goes on past
	// the last known date; the drawing continues the bar open to today,
	// or only a short way when its status is stale: what came after that
	// is not known.
	Weiter       bool
	Meilensteine []Meilenstein
	Bahnen       int

	y float64
}

// Gruppe is a set of rows under a heading (a strategy, or a Handlungsfeld).
type Gruppe struct {
	Titel  string
	Zeilen []*Zeile
}

// Jahr is one tick of the time axis.
type Jahr struct {
	Jahr int
	x    float64
}

// Fahrplan is one roadmap: its rows, axis and drawing.
type Fahrplan struct {
	ID, Titel    string
	Beschreibung string // the drawing's description: what it shows, in one sentence
	Gruppen      []*Gruppe
	OhneTermin   []*Zeile // measures without any date: listed, not drawn
	Fiktiv       bool
	Heute        time.Time
	HeuteText    string

	Jahre         []Jahr
	Breite, Hoehe float64
	von, bis      time.Time
}

// Zeilen returns the drawn rows in drawing order.
func (f *Fahrplan) Zeilen() []*Zeile {
	var out []*Zeile
	for _, g := range f.Gruppen {
		out = append(out, g.Zeilen...)
	}
	return out
}

// Anzahl is the number of measures in the roadmap, undated ones included.
func (f *Fahrplan) Anzahl() int { return len(f.Zeilen()) + len(f.OhneTermin) }

// Leer reports whether the roadmap has no measure at all.
func (f *Fahrplan) Leer() bool { return f.Anzahl() == 0 }

// Eingabe is a group of measures to draw under one heading.
type Eingabe struct {
	Titel      string
	Massnahmen []*model.Massnahme
}

// Neu builds the roadmap of the groups at day heute. Rows keep the order of
// their measures; groups without any measure are left out.
func Neu(id, titel string, heute time.Time, gruppen []Eingabe) *Fahrplan {
	f := &Fahrplan{ID: id, Titel: titel, Heute: heute, HeuteText: datum.FromTime(heute).String()}
	for _, e := range gruppen {
		g := &Gruppe{Titel: e.Titel}
		for _, m := range e.Massnahmen {
			z := zeile(m)
			if z.Fiktiv {
				f.Fiktiv = true
			}
			if z.Balken.Von.IsZero() {
				f.OhneTermin = append(f.OhneTermin, z)
				continue
			}
			g.Zeilen = append(g.Zeilen, z)
		}
		if len(g.Zeilen) > 0 {
			f.Gruppen = append(f.Gruppen, g)
		}
	}
	f.layout()
	if len(f.Gruppen) > 0 {
		f.Beschreibung = f.beschreibung()
	}
	return f
}

// zeile computes a measure's bar and milestones.
func zeile(m *model.Massnahme) *Zeile {
	z := &Zeile{ID: m.ID, Titel: m.Titel, URL: m.URL, Strategie: m.Strategie.Kurzname,
		Status: m.Status, StatusLabel: m.StatusLabel(), Phase: Phase(m.Status),
		Veraltet: m.Veraltet, Fiktiv: m.Strategie.Fiktiv || m.Strategie.Beispiel}
	if z.StatusLabel == "" {
		z.StatusLabel = "ohne Status"
	}
	if m.Veraltet {
		z.VeraltetText = m.VeraltetText()
	}
	if d := m.Aktuell().Datum; !d.IsZero() {
		z.Stand = d.String()
	}
	// Room for every date at once: grown one by one, the spans were half
	// of a row's time at 10,000 measures.
	spans := make([]Spanne, 0, 1+len(m.Meilensteine)+len(m.Verlauf))
	if len(m.Meilensteine) > 0 {
		z.Meilensteine = make([]Meilenstein, 0, len(m.Meilensteine))
	}
	if s, ok := SpanneVon(m.Start); ok {
		z.BeginnGenannt, z.Beginn = true, m.Start.String()
		spans = append(spans, s)
	}
	for _, ms := range m.Meilensteine {
		out := Meilenstein{Text: ms.Text, Datum: ms.Datum.String(), Zustand: ms.Zustand, ZustandLabel: ms.ZustandLabel(),
			Genau: ms.Datum.ExactDay()}
		if out.Zustand == "" {
			out.Zustand = content.MsUnbekannt
		}
		if s, ok := SpanneVon(ms.Datum); ok {
			out.Spanne = s
			spans = append(spans, s)
		}
		z.Meilensteine = append(z.Meilensteine, out)
	}
	for _, v := range m.Verlauf {
		if s, ok := SpanneVon(v.Datum); ok {
			s.Offen = false // a status was true on its day; that says nothing about later
			spans = append(spans, s)
		}
	}
	for i, s := range spans {
		// A stated start is where the bar begins; preparations dated
		// earlier are milestones of their own and drawn as such.
		if (i == 0 || s.Von.Before(z.Balken.Von)) && (!z.BeginnGenannt || i == 0) {
			z.Balken.Von = s.Von
		}
		if i == 0 || s.Bis.After(z.Balken.Bis) {
			z.Balken.Bis = s.Bis
		}
		if s.Offen {
			z.Balken.Offen = true
		}
	}
	z.Weiter = m.Status != "umgesetzt" && m.Status != "ausgesetzt"
	return z
}

// Geometry in px.
const (
	rand      = 12
	labelW    = 250 // column of measure names
	kopfH     = 44  // axis labels and the label of today
	zeileH    = 30  // the bar's part of a row
	balkenH   = 12
	bahnH     = 14 // one lane of milestones
	msH       = 10
	gruppeH   = 28 // heading of a group
	zeilenAbs = 10
	offenMin  = 24 // shortest fading stretch of an open end
	minBreite = 6  // narrower spans are widened to stay visible and clickable
	fussH     = 8
)

// layout places rows, milestone lanes and the axis.
func (f *Fahrplan) layout() {
	zeilen := f.Zeilen()
	for i, z := range zeilen {
		if i == 0 || z.Balken.Von.Before(f.von) {
			f.von = z.Balken.Von
		}
		if i == 0 || z.Balken.Bis.After(f.bis) {
			f.bis = z.Balken.Bis
		}
		for _, ms := range z.Meilensteine {
			if !ms.Spanne.Von.IsZero() && ms.Spanne.Von.Before(f.von) {
				f.von = ms.Spanne.Von
			}
		}
	}
	if len(zeilen) == 0 {
		f.von, f.bis = f.Heute, f.Heute
	}
	if f.Heute.After(f.bis) {
		f.bis = f.Heute
	}
	if f.Heute.Before(f.von) {
		f.von = f.Heute
	}
	// Whole years on the axis, with room after the last date for open ends.
	y0, y1 := f.von.Year(), f.bis.Year()+1
	f.von = time.Date(y0, 1, 1, 0, 0, 0, 0, time.UTC)
	f.bis = time.Date(y1, 12, 31, 0, 0, 0, 0, time.UTC)
	n := y1 - y0 + 1
	jahrW := math.Max(56, math.Min(160, 960/float64(n)))
	f.Breite = rand + labelW + jahrW*float64(n) + rand
	for y := y0; y <= y1; y++ {
		f.Jahre = append(f.Jahre, Jahr{Jahr: y, x: f.x(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))})
	}

	y := float64(rand + kopfH)
	for _, g := range f.Gruppen {
		y += gruppeH
		for _, z := range g.Zeilen {
			z.bahnen(f)
			z.y = y
			y += zeileH + float64(z.Bahnen)*bahnH + zeilenAbs
		}
	}
	f.Hoehe = math.Ceil(y + fussH)
}

// x maps a day to the drawing: the start of the day.
func (f *Fahrplan) x(t time.Time) float64 {
	total := f.bis.AddDate(0, 0, 1).Sub(f.von).Hours()
	w := f.Breite - 2*rand - labelW
	return rand + labelW + w*t.Sub(f.von).Hours()/total
}

// spanX is the horizontal extent of a span: from the start of its first
// day to the end of its last, widened to minBreite around its centre.
func (f *Fahrplan) spanX(s Spanne) (float64, float64) {
	x0, x1 := f.x(s.Von), f.x(s.Bis.AddDate(0, 0, 1))
	if x1-x0 < minBreite {
		c := (x0 + x1) / 2
		x0, x1 = c-minBreite/2, c+minBreite/2
	}
	return x0, x1
}

// bahnen puts the milestones into lanes: each goes into the first lane where
// it does not overlap the one before it. Open ends reach to today.
func (z *Zeile) bahnen(f *Fahrplan) {
	var ende []float64 // right end per lane
	order := make([]int, 0, len(z.Meilensteine))
	for i, ms := range z.Meilensteine {
		if !ms.Spanne.Von.IsZero() {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		return z.Meilensteine[order[a]].Spanne.Von.Before(z.Meilensteine[order[b]].Spanne.Von)
	})
	for _, i := range order {
		ms := &z.Meilensteine[i]
		ms.x0, ms.x1 = f.spanX(ms.Spanne)
		if ms.Spanne.Offen {
			// "seit X" holds as far as the measure is known: up to its
			// last date, at least a short fading stretch.
			ms.x1 = math.Max(ms.x1+offenMin, f.x(z.Balken.Bis.AddDate(0, 0, 1)))
		}
		lane := -1
		for l, e := range ende {
			if e+2 <= ms.x0 {
				lane = l
				break
			}
		}
		if lane < 0 {
			ende = append(ende, 0)
			lane = len(ende) - 1
		}
		ende[lane] = ms.x1
		ms.Bahn = lane
	}
	z.Bahnen = len(ende)
}

// beschreibung says in one sentence what the drawing shows.
func (f *Fahrplan) beschreibung() string {
	n, ms := 0, 0
	for _, z := range f.Zeilen() {
		n++
		ms += len(z.Meilensteine)
	}
	s := "Zeitleiste mit " + anzahl(n, "Maßnahme", "Maßnahmen") + " und " + anzahl(ms, "Meilenstein", "Meilensteinen") +
		" von " + itoa(f.Jahre[0].Jahr) + " bis " + itoa(f.Jahre[len(f.Jahre)-1].Jahr) + ". Eine senkrechte Linie markiert heute, den " +
		f.HeuteText + ". Die Tabelle unter der Grafik enthält dieselben Angaben."
	if len(f.OhneTermin) > 0 {
		verb := " steht"
		if len(f.OhneTermin) > 1 {
			verb = " stehen"
		}
		s += " " + anzahl(len(f.OhneTermin), "Maßnahme", "Maßnahmen") + " ohne Termine" + verb + " nur in der Tabelle."
	}
	return s
}

func anzahl(n int, eins, viele string) string {
	if n == 1 {
		return "1 " + eins
	}
	return itoa(n) + " " + viele
}

// FuerStrategie is the roadmap of a strategy, its measures grouped by
// Handlungsfeld in the strategy's order. It is laid out once per model and
// day: the roadmap's page draws it and the strategy's landing page counts
// its rows, and at 10,000 pages the second layout cost as much as the
// first.
func FuerStrategie(st *model.Strategie, heute time.Time) *Fahrplan {
	v, _ := st.Memo.Do("fahrplan "+heute.Format(time.RFC3339Nano), func() (any, error) { return fuerStrategie(st, heute), nil })
	return v.(*Fahrplan)
}

func fuerStrategie(st *model.Strategie, heute time.Time) *Fahrplan {
	var gruppen []Eingabe
	for _, e := range st.HF {
		if len(e.Massnahmen) > 0 {
			gruppen = append(gruppen, Eingabe{Titel: "Handlungsfeld " + e.Handlungsfeld.Name, Massnahmen: e.Massnahmen})
		}
	}
	if rest := st.MassnahmenOhneHF(); len(rest) > 0 {
		titel := "Ohne Handlungsfeld"
		if len(gruppen) == 0 {
			titel = "Maßnahmen"
		}
		gruppen = append(gruppen, Eingabe{Titel: titel, Massnahmen: rest})
	}
	return Neu("fahrplan-"+st.Slug, "Umsetzungsfahrplan: "+st.Name, heute, gruppen)
}

// NachStrategie groups measures of several strategies by strategy, in the
// order they come.
func NachStrategie(list []*model.Massnahme) []Eingabe {
	var out []Eingabe
	index := map[*model.Strategie]int{}
	for _, m := range list {
		i, ok := index[m.Strategie]
		if !ok {
			i = len(out)
			index[m.Strategie] = i
			out = append(out, Eingabe{Titel: m.Strategie.Name})
		}
		out[i].Massnahmen = append(out[i].Massnahmen, m)
	}
	return out
}
