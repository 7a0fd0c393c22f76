package model

import (
	"math"
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

// clampPercent clamps before converting: int() of a float beyond the int
// range is undefined and came out negative for huge shares.
func clampPercent(v float64) int {
	if math.IsNaN(v) {
		return 0
	}
	return int(math.Max(0, math.Min(100, v*100+0.5)))
}

// maxAnteil bounds a share of the way: a million times the planned way is
// already absurd, and beyond it rounding for open data would overflow.
const maxAnteil = 1e6

// endlicherAnteil keeps a computed share finite, so that no NaN or ±Inf
// reaches a progress bar or JSON, even for values check would reject.
func endlicherAnteil(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Max(-maxAnteil, math.Min(maxAnteil, v))
}

// computeProgress fills z.Fortschritt from its baseline, target and measurements.
func computeProgress(z *Ziel) { z.Fortschritt = progress(z, z.Messwerte) }

// FortschrittAm is the progress as it stood on day t: only measurements up to
// t count. It is nil when the goal had neither a baseline nor a measurement
// by then. The progress report compares years with it, so that report and
// landing page share one definition of "on track".
func (z *Ziel) FortschrittAm(t time.Time) *Fortschritt {
	n := 0
	for n < len(z.Messwerte) && !z.Messwerte[n].Datum.Start().After(t) {
		n++
	}
	if n == 0 && (z.Basis == nil || z.Basis.Datum.Start().After(t)) {
		return nil
	}
	return progress(z, z.Messwerte[:n])
}

// ZielDatum is the day the target value is due: the end of the target year.
func (z *Ziel) ZielDatum() time.Time {
	if z.Zieljahr == 0 {
		return time.Time{}
	}
	return time.Date(z.Zieljahr, 12, 31, 0, 0, 0, 0, time.UTC)
}

// PlanWert is the value the straight line from baseline to target expects
// on day t; ok is false when baseline, target value or target year is missing.
func (z *Ziel) PlanWert(t time.Time) (v float64, ok bool) {
	if z.Basis == nil || z.Zielwert == nil || z.Zieljahr == 0 {
		return 0, false
	}
	share := expectedShare(z.Basis.Datum, z.ZielDatum(), t)
	v = z.Basis.Wert + (*z.Zielwert-z.Basis.Wert)*share
	if math.IsNaN(v) || math.IsInf(v, 0) { // the way from baseline to target overflows
		return 0, false
	}
	return v, true
}

// progress assesses the goal on the given (sorted) measurements.
func progress(z *Ziel, messwerte []Messwert) *Fortschritt {
	if z.Basis == nil && len(messwerte) == 0 {
		return nil
	}
	f := &Fortschritt{ZielDatum: z.ZielDatum()}
	if z.Basis != nil {
		f.Basis = *z.Basis
	}
	if n := len(messwerte); n > 0 {
		m := messwerte[n-1]
		f.Aktuell = &m
	}
	if z.Zielwert == nil {
		f.Bewertung = OhneZielwert
		return f
	}
	// The target is known before anything is measured; pages show it then too.
	f.Ziel = *z.Zielwert
	if f.Aktuell == nil {
		f.Bewertung = KeineMessung
		return f
	}
	span := f.Ziel - f.Basis.Wert
	if span != 0 {
		f.Anteil = (f.Aktuell.Wert - f.Basis.Wert) / span
	} else {
		f.Anteil = 1
	}
	f.Anteil = endlicherAnteil(f.Anteil)
	f.Erwartet = endlicherAnteil(expectedShare(f.Basis.Datum, f.ZielDatum, f.Aktuell.Datum.Start()))
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
	return f
}

// expectedShare is the share of the time from start to end that has passed at t.
func expectedShare(start datum.Datum, end time.Time, t time.Time) float64 {
	if start.IsZero() || end.IsZero() {
		return 0
	}
	s := start.Start()
	total := end.Sub(s).Hours()
	if total <= 0 {
		return 1
	}
	return max(0, min(1, t.Sub(s).Hours()/total))
}
