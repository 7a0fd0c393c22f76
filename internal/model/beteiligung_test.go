package model

import (
	"testing"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/markdown"
	"tdsite/internal/testkit"
)

func titel(list []*Format) []string {
	var out []string
	for _, f := range list {
		out = append(out, f.Titel)
	}
	return out
}

// Whether a format is upcoming depends on the build date only: the same
// content built on another day splits differently, and a format running
// on the build date is still upcoming.
func TestBeteiligungNachBuildDatum(t *testing.T) {
	root := testkit.Root()
	cfg, _ := config.Load(root)
	cs, _ := content.Load(root)
	for _, c := range []struct {
		tag                 string
		kommend, vergangen  int
		ersterKommend       string
		termineImFeedMindst int
	}{
		{"23.11.2026", 2, 5, "Umfrage zur Zufriedenheit mit der Beratung", 2},
		{"15.01.2027", 2, 5, "Umfrage zur Zufriedenheit mit der Beratung", 2}, // last day of the survey
		{"16.01.2027", 1, 6, "Digitaltag der Kommunen: Zwischenbilanz der Umsetzung", 1},
		{"01.01.2025", 7, 0, "Kickoff der Beispielstrategie", 7},
	} {
		s := Build(cs, cfg, markdown.New(false), day(c.tag))
		b := s.Strategie("beispiel-kommunen").Beteiligung
		if len(b.Kommend) != c.kommend || len(b.Vergangen) != c.vergangen {
			t.Errorf("%s: kommend %v, vergangen %v", c.tag, titel(b.Kommend), titel(b.Vergangen))
			continue
		}
		if b.Kommend[0].Titel != c.ersterKommend {
			t.Errorf("%s: zuerst kommt %q, erwartet %q", c.tag, b.Kommend[0].Titel, c.ersterKommend)
		}
		if len(s.Termine) < c.termineImFeedMindst {
			t.Errorf("%s: %d Termine für den Feed", c.tag, len(s.Termine))
		}
	}
	s := bundled(t)
	if b := s.Strategie("beispiel-kommunen").Beteiligung; b.Vergangen[0].Titel != "Konsultation zum Leitfaden für kommunale Digitalstrategien" {
		t.Errorf("vergangene Formate nicht neueste zuerst: %v", titel(b.Vergangen))
	}
	if b := s.Strategie("smart-state").Beteiligung; len(b.OhneTermin) != 1 || b.Kontakt != nil {
		t.Errorf("Smart State: %d ohne Termin, Kontakt %v", len(b.OhneTermin), b.Kontakt)
	}
	if b := s.Strategie("kultur").Beteiligung; b == nil || !b.Leer() {
		t.Errorf("Kultur ohne beteiligung.toml: %+v", b)
	}
}

// Decisions are sorted by date and linked to the phase of their cycle.
func TestBeschluessePhasen(t *testing.T) {
	s := bundled(t)
	bsp := s.Strategie("beispiel-kommunen")
	if n := len(bsp.Beschluesse); n != 6 {
		t.Fatalf("%d Beschlüsse", n)
	}
	for i := 1; i < len(bsp.Beschluesse); i++ {
		if bsp.Beschluesse[i].Datum.Start().Before(bsp.Beschluesse[i-1].Datum.Start()) {
			t.Errorf("Beschluss %d steht vor einem älteren", i)
		}
	}
	if got := bsp.PhasenBeschluesse("ziele-massnahmen", 1); len(got) != 2 || got[1].Anker != "beschluss-2025-05-22-2" {
		t.Errorf("Phase Ziele und Maßnahmen: %d Beschlüsse", len(got))
	}
	if got := bsp.PhasenBeschluesse("aktivierung", 2); len(got) != 0 {
		t.Errorf("Zyklus 2 hat keine Beschlüsse, bekam %d", len(got))
	}
	if g := bsp.PhasenBeschluesse("leitbild", 1)[0]; g.Gremium == nil || g.GremiumName() != "Steuerkreis" {
		t.Errorf("Gremium nicht verknüpft: %+v", g)
	}
	eg := s.Strategie("e-government-it-2014")
	if len(eg.Beschluesse) != 2 || Datetime(eg.Beschluesse[0].Datum) != "2014-05" || eg.Beschluesse[1].GremiumName() != "Kabinett" {
		t.Errorf("2014: %+v", eg.Beschluesse)
	}
}
