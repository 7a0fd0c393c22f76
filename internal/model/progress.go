package model

import (
	"time"

	"tdsite/internal/datum"
)

// Bewertung values of a goal's progress.
const (
	Erreicht     = "erreicht"
	AufKurs      = "auf-kurs"
	Verzoegert   = "verzoegert"
	Verfehlt     = "verfehlt"
	KeineMessung = "keine-messung"
	OhneZielwert = "ohne-zielwert"
)

// BewertungLabel are the reader-facing words; the page always shows them as
// text next to any colour.
var BewertungLabel = map[string]string{
	Erreicht:     "Ziel erreicht",
	AufKurs:      "Auf Kurs",
	Verzoegert:   "Hinter dem Plan",
	Verfehlt:     "Ziel verfehlt",
	KeineMessung: "Noch keine Messung",
	OhneZielwert: "Zielwert offen",
}

// Fortschritt is the progress of a quantitative goal: the latest measurement
// against the straight line from the baseline to the target value at the end
// of the target year.
type Fortschritt struct {
	Basis     Wert
	Ziel      float64
	ZielDatum time.Time
	Aktuell   *Messwert
	// Anteil is the share of the way from baseline to target that is done:
	// 0 at the baseline, 1 at the target (can be below 0 or above 1).
	Anteil float64
	// Erwartet is the share the straight line expects at the date of the
	// latest measurement.
	Erwartet  float64
	Bewertung string
}

// Label is the reader-facing assessment.
func (f *Fortschritt) Label() string { return BewertungLabel[f.Bewertung] }

// Prozent is Anteil in percent, clamped to 0–100 for bars.
func (f *Fortschritt) Prozent() int { return clampPercent(f.Anteil) }

// ErwartetProzent is Erwartet in percent, clamped to 0–100.
func (f *Fortschritt) ErwartetProzent() int { return clampPercent(f.Erwartet) }

func clampPercent(v float64) int {
	p := int(v*100 + 0.5)
	return max(0, min(100, p))
}

// computeProgress fills z.Fortschritt from its baseline, target and measurements.
func computeProgress(z *Ziel) {
	if z.Basis == nil {
		if len(z.Messwerte) == 0 {
			return
		}
	}
	f := &Fortschritt{}
	if z.Basis != nil {
		f.Basis = *z.Basis
	}
	if z.Zieljahr > 0 {
		f.ZielDatum = time.Date(z.Zieljahr, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if n := len(z.Messwerte); n > 0 {
		m := z.Messwerte[n-1]
		f.Aktuell = &m
	}
	z.Fortschritt = f
	switch {
	case z.Zielwert == nil:
		f.Bewertung = OhneZielwert
		return
	case f.Aktuell == nil:
		f.Bewertung = KeineMessung
		return
	}
	f.Ziel = *z.Zielwert
	span := f.Ziel - f.Basis.Wert
	if span != 0 {
		f.Anteil = (f.Aktuell.Wert - f.Basis.Wert) / span
	} else {
		f.Anteil = 1
	}
	f.Erwartet = expectedShare(f.Basis.Datum, f.ZielDatum, f.Aktuell.Datum)
	reached := f.Anteil >= 1-1e-9
	switch {
	case reached:
		f.Bewertung = Erreicht
	case !f.ZielDatum.IsZero() && f.Aktuell.Datum.Start().After(f.ZielDatum):
		f.Bewertung = Verfehlt
	case z.JaNein():
		// A deliverable is either there or not; until the target date it is on track.
		f.Bewertung = AufKurs
	case f.Anteil+1e-9 >= f.Erwartet:
		f.Bewertung = AufKurs
	default:
		f.Bewertung = Verzoegert
	}
}

// expectedShare is the share of the time from start to end that has passed at t.
func expectedShare(start datum.Datum, end time.Time, at datum.Datum) float64 {
	if start.IsZero() || end.IsZero() {
		return 0
	}
	s, t := start.Start(), at.Start()
	total := end.Sub(s).Hours()
	if total <= 0 {
		return 1
	}
	return max(0, min(1, t.Sub(s).Hours()/total))
}
