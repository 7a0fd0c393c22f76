package model

import (
	"testing"

	"tdsite/internal/datum"
)

func day(s string) datum.Datum {
	d, err := datum.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func fptr(v float64) *float64 { return &v }

func TestProgress(t *testing.T) {
	// Baseline 0 on 01.01.2025, target 100 at the end of 2026: on 01.01.2026
	// the straight line expects almost exactly half.
	base := &Wert{Wert: 0, Datum: day("01.01.2025")}
	cases := []struct {
		name      string
		z         Ziel
		bewertung string
		anteil    int // percent
	}{
		{"on track", Ziel{Basis: base, Zielwert: fptr(100), Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("01.01.2026"), Wert: 60}}}, AufKurs, 60},
		{"behind", Ziel{Basis: base, Zielwert: fptr(100), Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("01.01.2026"), Wert: 30}}}, Verzoegert, 30},
		{"reached", Ziel{Basis: base, Zielwert: fptr(100), Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("01.07.2026"), Wert: 120}}}, Erreicht, 100},
		{"missed", Ziel{Basis: base, Zielwert: fptr(100), Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("30.06.2027"), Wert: 90}}}, Verfehlt, 90},
		{"falling", Ziel{Basis: &Wert{Wert: 50, Datum: day("01.01.2025")}, Zielwert: fptr(10), Zieljahr: 2026, Fallend: true, Messwerte: []Messwert{{Datum: day("01.01.2026"), Wert: 20}}}, AufKurs, 75},
		{"no measurement", Ziel{Basis: base, Zielwert: fptr(100), Zieljahr: 2026}, KeineMessung, 0},
		{"no measurement, target 50", Ziel{Basis: &Wert{Wert: 0, Datum: day("31.03.2025")}, Zielwert: fptr(50), Zieljahr: 2030}, KeineMessung, 0},
		{"no target", Ziel{Basis: base, Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("01.01.2026"), Wert: 3}}}, OhneZielwert, 0},
		{"deliverable pending", Ziel{Einheit: "ja/nein", Basis: base, Zielwert: fptr(1), Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("01.01.2026"), Wert: 0}}}, AufKurs, 0},
		{"deliverable done", Ziel{Einheit: "ja/nein", Basis: base, Zielwert: fptr(1), Zieljahr: 2026, Messwerte: []Messwert{{Datum: day("01.01.2026"), Wert: 1}}}, Erreicht, 100},
	}
	for _, c := range cases {
		z := c.z
		computeProgress(&z)
		if z.Fortschritt == nil {
			t.Fatalf("%s: no progress", c.name)
		}
		if z.Fortschritt.Bewertung != c.bewertung {
			t.Errorf("%s: Bewertung %s, want %s", c.name, z.Fortschritt.Bewertung, c.bewertung)
		}
		if got := z.Fortschritt.Prozent(); got != c.anteil {
			t.Errorf("%s: Prozent %d, want %d", c.name, got, c.anteil)
		}
		if z.Fortschritt.Label() == "" {
			t.Errorf("%s: no label", c.name)
		}
		if z.Zielwert != nil && z.Fortschritt.Ziel != *z.Zielwert {
			t.Errorf("%s: Ziel %v, want the target value %v", c.name, z.Fortschritt.Ziel, *z.Zielwert)
		}
	}
}

func TestExpectedShare(t *testing.T) {
	end := day("31.12.2026").Start()
	if got := expectedShare(day("01.01.2025"), end, day("01.01.2025").Start()); got != 0 {
		t.Errorf("at start: %v", got)
	}
	if got := expectedShare(day("01.01.2025"), end, day("31.12.2026").Start()); got != 1 {
		t.Errorf("at end: %v", got)
	}
	if got := expectedShare(day("01.01.2025"), end, day("01.01.2030").Start()); got != 1 {
		t.Errorf("after end must clamp to 1: %v", got)
	}
}

func TestNaturalLess(t *testing.T) {
	if !naturalLess("M1-2", "M1-10") || naturalLess("M1-10", "M1-2") || !naturalLess("B4-06", "M1-01") {
		t.Error("natural order wrong")
	}
}
