package model

import (
	"testing"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
	"tdsite/internal/testkit"
)

func bundled(t *testing.T) *Site {
	t.Helper()
	root := testkit.Root()
	cfg, cd := config.Load(root)
	cs, ld := content.Load(root)
	if cd.HasErrors() || ld.HasErrors() {
		t.Fatal("bundled content does not load")
	}
	return Build(cs, cfg, markdown.New(false), datum.FromTime(testkit.Date))
}

// TestBundledModel checks the linking against facts of the bundled content.
func TestBundledModel(t *testing.T) {
	s := bundled(t)
	dg := s.Strategie("digitale-gesellschaft")
	if dg == nil || len(dg.Massnahmen) != 75 {
		t.Fatalf("digitale-gesellschaft: want the 75 catalogue measures")
	}
	if got := dg.Status.Gesamt(); got != 75 {
		t.Errorf("status counted %d measures", got)
	}
	if len(dg.Leitthemen) != 4 {
		t.Errorf("Leitthemen: %d", len(dg.Leitthemen))
	}
	bsp := s.Strategie("beispiel-kommunen")
	if bsp == nil || !bsp.Beispiel || !bsp.Leitfaden {
		t.Fatal("example strategy missing or not marked")
	}
	z11 := s.Ziel("beispiel-kommunen/Z1.1")
	if z11 == nil || z11.Zielset == nil || len(z11.Zielset.Etappensets) == 0 {
		t.Fatal("Z1.1 has no derived Etappenziele")
	}
	e1 := z11.Zielset.Etappensets[0]
	if e1.AbgeleitetVon != z11 || len(e1.Quantitativ) != 3 {
		t.Errorf("E1 derivation: %+v", e1)
	}
	for _, q := range bsp.QuantitativeZiele() {
		if q.Fortschritt == nil {
			t.Errorf("%s: no progress computed", q.Key)
		}
	}
	shared := s.Handlungsfeld("transparenz-teilhabe-daten")
	if shared == nil || len(shared.Strategien)+len(shared.Beispiel.Strategien) < 2 {
		t.Fatal("the shared Handlungsfeld must connect at least two strategies")
	}
	// The example's part of a shared field is kept apart from the real one.
	for _, st := range shared.Strategien {
		if st.Beispiel {
			t.Errorf("fictional %s counts among the real strategies of %s", st.Slug, shared.Key)
		}
	}
	if len(shared.Beispiel.Strategien) != 1 || len(shared.Beispiel.Massnahmen) == 0 || shared.Beispiel.Status.Gesamt() != len(shared.Beispiel.Massnahmen) {
		t.Errorf("the example's part of %s: %+v", shared.Key, shared.Beispiel)
	}
	for _, m := range shared.Massnahmen {
		if m.Strategie.Beispiel {
			t.Errorf("fictional measure %s counts in %s", m.ID, shared.Key)
		}
	}
	if len(bsp.GemeinsameHF[s.Strategie("e-government-it")]) == 0 {
		t.Error("example and E-Government strategy are not related through the shared Handlungsfeld")
	}
	if s.Strategie("e-government-it-2014").Abgeloest != true {
		t.Error("2014 strategy should be superseded by its successor")
	}
	if s.Strategien[0].Slug != "smart-state" {
		t.Errorf("current framework strategy should come first, got %s", s.Strategien[0].Slug)
	}
	for _, m := range s.Massnahmen {
		if m.Strategie == nil || (m.HatSeite && m.URL != "/massnahmen/"+anchorID(m.ID)+"/") {
			t.Errorf("measure %s: URL %s", m.ID, m.URL)
		}
	}
	// The example has one public and one internal backlog entry; the
	// internal one must never reach the model (Leitfaden: backlog is internal).
	if len(bsp.Backlog) != 1 {
		t.Errorf("public backlog entries: %d, want 1", len(bsp.Backlog))
	}
}

// Verbindungen follow Verwandt with the shared Handlungsfelder; strategies
// that see the same connection share one object (its list entry is a
// fragment rendered once per build).
func TestVerbindungen(t *testing.T) {
	s := bundled(t)
	byContent := map[string]*Verbindung{}
	shared := 0
	for _, st := range s.Strategien {
		if len(st.Verbindungen) != len(st.Verwandt) {
			t.Fatalf("%s: %d Verbindungen for %d related strategies", st.Slug, len(st.Verbindungen), len(st.Verwandt))
		}
		for i, v := range st.Verbindungen {
			o := st.Verwandt[i]
			if v.Strategie != o || len(v.Handlungsfelder) != len(st.GemeinsameHF[o]) {
				t.Errorf("%s → %s: %+v", st.Slug, o.Slug, v)
			}
			key := o.Slug
			for j, h := range v.Handlungsfelder {
				if h != st.GemeinsameHF[o][j] {
					t.Errorf("%s → %s: Handlungsfeld %d differs", st.Slug, o.Slug, j)
				}
				key += "|" + h.Key
			}
			if prev, ok := byContent[key]; ok {
				shared++
				if prev != v {
					t.Errorf("%s → %s: equal connection is a second object", st.Slug, o.Slug)
				}
			}
			byContent[key] = v
		}
	}
	if shared == 0 {
		t.Error("no connection is shared between strategies; the test proves nothing")
	}
}

// A landing page lists at most MaxVerbindungen connections through shared
// Handlungsfelder, the Land's strategies first; declared ones always; the
// rest is counted with the Handlungsfelder whose pages list them.
func TestVerbindungenBegrenzt(t *testing.T) {
	hf := []*Handlungsfeld{{}, {}}
	st := &Strategie{HF: []*StrategieHF{{Handlungsfeld: hf[0]}, {Handlungsfeld: hf[1]}}}
	if st.WeitereVerbindungen() != nil {
		t.Fatal("without connections nothing is left out")
	}
	for i := 0; i < MaxVerbindungen+5; i++ {
		st.Verbindungen = append(st.Verbindungen, &Verbindung{Strategie: &Strategie{}, Handlungsfelder: hf[1:]})
	}
	declared := &Verbindung{Strategie: &Strategie{}}
	st.Verbindungen = append(st.Verbindungen, declared)
	after := st.Verbindungen[MaxVerbindungen]
	shown := st.VerbindungenGezeigt()
	if st.Verbindungen[MaxVerbindungen] != after {
		t.Error("listing the shown ones changed the model's list")
	}
	if len(shown) != MaxVerbindungen+1 || shown[0] != st.Verbindungen[0] || shown[len(shown)-1] != declared {
		t.Errorf("shown %d, want the first %d and the declared one", len(shown), MaxVerbindungen)
	}
	w := st.WeitereVerbindungen()
	if w == nil || w.Anzahl != 5 || len(w.Handlungsfelder) != 1 || w.Handlungsfelder[0] != hf[1] {
		t.Errorf("weitere: %+v, want 5 through the second Handlungsfeld", w)
	}
}
