package model

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

// FuzzFortschritt: progress and planned values stay finite for any float
// and any target year, so that no NaN or ±Inf reaches a bar or JSON
// (issue 16: 1e308 and -1e308 for one goal ended in "json: unsupported value").
func FuzzFortschritt(f *testing.F) {
	f.Add(-1e308, 1e308, 0.0, 2030, false)
	f.Add(0.0, 1.7e308, 1.7e308, 2030, false)
	f.Add(0.0, 5e-324, 1e15, 2030, false)
	f.Add(math.NaN(), math.Inf(1), math.Inf(-1), math.MaxInt, true)
	f.Add(50.0, 10.0, 20.0, 2026, false)
	f.Fuzz(func(t *testing.T, basis, ziel, wert float64, jahr int, jaNein bool) {
		z := &Ziel{Basis: &Wert{Wert: basis, Datum: day("01.01.2025")}, Zielwert: &ziel, Zieljahr: jahr,
			Messwerte: []Messwert{{Datum: day("01.07.2025"), Wert: wert}}}
		if jaNein {
			z.Einheit = "ja/nein"
		}
		computeProgress(z)
		p := z.Fortschritt
		if p == nil || p.Label() == "" {
			t.Fatalf("keine Bewertung: %+v", p)
		}
		for _, v := range []float64{p.Anteil, p.Erwartet} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("Anteil %v, erwartet %v", p.Anteil, p.Erwartet)
			}
		}
		if n := p.Prozent(); n < 0 || n > 100 {
			t.Fatalf("Prozent %d", n)
		}
		if n := p.ErwartetProzent(); n < 0 || n > 100 {
			t.Fatalf("erwartet %d Prozent", n)
		}
		// What open data writes: shares rounded to four places.
		r4 := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
		if _, err := json.Marshal([]float64{r4(p.Anteil), r4(p.Erwartet)}); err != nil {
			t.Fatal(err)
		}
		for _, tag := range []time.Time{z.Basis.Datum.Start(), z.ZielDatum(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} {
			if v, ok := z.PlanWert(tag); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
				t.Fatalf("Planwert %v am %v", v, tag)
			}
		}
	})
}
