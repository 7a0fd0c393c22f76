package model

import (
	"testing"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
	"tdsite/internal/testkit"
)

// TestWirkungFaellig reads the example's wirkung.toml on two build days: on
// the day of the tests nothing is due; two years later the latest assessment
// of each scope is overdue, the superseded ones never are.
func TestWirkungFaellig(t *testing.T) {
	root := testkit.Root()
	cfg, _ := config.Load(root)
	cs, ld := content.Load(root)
	if ld.HasErrors() {
		t.Fatal("bundled content does not load")
	}
	for _, c := range []struct {
		tag          string
		ueberfaellig int
	}{{"23.11.2026", 0}, {"01.10.2028", 2}} {
		s := Build(cs, cfg, markdown.New(false), day(c.tag))
		w := s.Strategie("beispiel-kommunen").Wirkung
		if w == nil || len(w.Messungen) < 2 {
			t.Fatal("example: impact assessments missing")
		}
		for i := 1; i < len(w.Messungen); i++ {
			if w.Messungen[i].Datum.Start().After(w.Messungen[i-1].Datum.Start()) {
				t.Error("assessments are not newest first")
			}
		}
		if w.Letzte() != w.Messungen[0] {
			t.Error("Letzte is not the newest")
		}
		n := 0
		for _, m := range w.Messungen {
			if m.Ueberfaellig {
				n++
				if !m.Aktuell {
					t.Errorf("%s: a superseded assessment counts as overdue", m.ID)
				}
			}
			if m.NaechsteAbgeleitet && !m.Naechste.Start().Equal(m.Datum.Start().AddDate(2, 0, 0)) {
				t.Errorf("%s: default due date %s is not two years later", m.ID, m.Naechste)
			}
		}
		if n != c.ueberfaellig {
			t.Errorf("build day %s: %d overdue, want %d", c.tag, n, c.ueberfaellig)
		}
		if len(w.Faellig()) != 2 {
			t.Errorf("Faellig: %d scopes, want 2 (strategy and Z2)", len(w.Faellig()))
		}
	}
	if s := Build(cs, cfg, markdown.New(false), datum.FromTime(testkit.Date)); s.Strategie("kultur").Wirkung != nil {
		t.Error("kultur: no impact assessment is published")
	}
}
