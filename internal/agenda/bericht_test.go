package agenda_test

import (
	"sort"
	"strings"
	"testing"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/testkit"
)

func modell(t testing.TB) *model.Site { return testkit.Prepare(t, testkit.Root(), build.Prepare).Model }

func bericht(t *testing.T, a *agenda.Agenda, jahr int) *agenda.Bericht {
	t.Helper()
	for _, r := range a.Berichte {
		if r.Jahr == jahr {
			return r
		}
	}
	t.Fatalf("kein Fortschrittsbericht %d", jahr)
	return nil
}

func ereignisIDs(b *agenda.BerichtStrategie, art string) string {
	var out []string
	for _, e := range b.Nach(art) {
		out = append(out, e.Massnahme.ID)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func zielIDs(list []*agenda.ZielStand) string {
	var out []string
	for _, z := range list {
		out = append(out, z.Ziel.ID)
	}
	return strings.Join(out, " ")
}

// TestBerichtBeispiel2025Und2026 compares the two reporting years of the
// fictional example. The expected values come from reading its measure
// files ([[verlauf]], Meilensteine) and messwerte.toml by hand.
func TestBerichtBeispiel2025Und2026(t *testing.T) {
	a := agenda.Build(modell(t))
	type erwartung struct {
		jahr                                     int
		bis                                      string
		vorlaeufig                               bool
		begonnen, abgeschlossen, ausgesetzt, neu string
		vorjahr, am                              [6]int // geplant, laufend, umgesetzt, ausgesetzt, offen, ohne Meldung
		messwerte, meilensteine                  int
		erreicht, gefaehrdet                     string
	}
	for _, w := range []erwartung{
		{2025, "2025-12-31", false, "BSP-01 BSP-02 BSP-03 BSP-05 BSP-06 BSP-07 BSP-08 BSP-09 BSP-10", "BSP-06", "", "BSP-04",
			[6]int{0, 0, 0, 0, 10, 0}, [6]int{1, 8, 1, 0, 0, 0}, 18, 12, "E2.2", "E1.2"},
		{2026, "2026-09-30", true, "", "BSP-03", "BSP-10", "",
			// BSP-04 (geplant, 22.05.2025) and BSP-07 (laufend, Q3/2025) have no
			// entry in 2026: "ohne Meldung im Berichtszeitraum", not counted as before.
			[6]int{1, 8, 1, 0, 0, 0}, [6]int{0, 5, 2, 1, 0, 2}, 9, 8, "E1.3", "E1.2"},
	} {
		r := bericht(t, a, w.jahr)
		if got := r.Bis.Format("2006-01-02"); got != w.bis || r.Vorlaeufig != w.vorlaeufig {
			t.Errorf("%d: Zeitraum bis %s (vorläufig %v), erwartet %s (%v)", w.jahr, got, r.Vorlaeufig, w.bis, w.vorlaeufig)
		}
		if len(r.Beispiel.Strategien) != 1 {
			t.Fatalf("%d: %d Beispielstrategien", w.jahr, len(r.Beispiel.Strategien))
		}
		b := r.Beispiel.Strategien[0]
		for _, c := range []struct{ art, want string }{
			{agenda.Begonnen, w.begonnen}, {agenda.Abgeschlossen, w.abgeschlossen},
			{agenda.Ausgesetzt, w.ausgesetzt}, {agenda.Aufgenommen, w.neu}, {agenda.Wiederaufgenommen, ""},
		} {
			if got := ereignisIDs(b, c.art); got != c.want {
				t.Errorf("%d %s: %q, erwartet %q", w.jahr, c.art, got, c.want)
			}
		}
		st := func(s agenda.StatusStichtag) [6]int {
			return [6]int{s.Geplant, s.Laufend, s.Umgesetzt, s.Ausgesetzt, s.Offen, s.OhneMeldung}
		}
		if st(b.StatusVorjahr) != w.vorjahr || st(b.StatusAm) != w.am {
			t.Errorf("%d Status: Vorjahr %v, Stand %v; erwartet %v, %v", w.jahr, st(b.StatusVorjahr), st(b.StatusAm), w.vorjahr, w.am)
		}
		if b.NeueMesswerte() != w.messwerte || len(b.Meilensteine) != w.meilensteine {
			t.Errorf("%d: %d neue Messwerte, %d Meilensteine; erwartet %d, %d", w.jahr, b.NeueMesswerte(), len(b.Meilensteine), w.messwerte, w.meilensteine)
		}
		if got := zielIDs(b.ErreichteZiele()); got != w.erreicht {
			t.Errorf("%d erreichte Ziele: %q, erwartet %q", w.jahr, got, w.erreicht)
		}
		if got := zielIDs(b.GefaehrdeteZiele()); got != w.gefaehrdet {
			t.Errorf("%d gefährdete Ziele: %q, erwartet %q", w.jahr, got, w.gefaehrdet)
		}
		// The state's part: the real strategies have no dated changes in
		// these years, and the fictional example must not leak into it.
		if s := r.Land.Summe; len(s.Ereignisse) != 0 || len(s.Meilensteine) != 0 || s.NeueMesswerte() != 0 {
			t.Errorf("%d: Veränderungen im Teil des Landes: %d/%d/%d", w.jahr, len(s.Ereignisse), len(s.Meilensteine), s.NeueMesswerte())
		}
		if s := r.Land.Summe.StatusAm; s.Gesamt()+s.Offen+s.OhneMeldung != len(a.Land.Massnahmen) {
			t.Errorf("%d: %d Maßnahmen des Landes am Stichtag, erwartet %d", w.jahr, s.Gesamt()+s.Offen+s.OhneMeldung, len(a.Land.Massnahmen))
		}
		// The real strategies last reported in 2020: no measure of theirs
		// counts as running in these years, only completion stays true.
		if s := r.Land.Summe.StatusAm; s.Laufend != 0 || s.Geplant != 0 || s.OhneMeldung == 0 {
			t.Errorf("%d: Land am Stichtag %+v; erwartet nur umgesetzt und „ohne Meldung“", w.jahr, s)
		}
	}
	if r := bericht(t, a, 2025); r.Naechster == nil || r.Naechster.Jahr != 2026 || r.Vorheriger != nil {
		t.Error("2025 verweist nicht auf 2026")
	}
}

// TestBerichtSeiten checks the rendered reports: the same events as above
// in the right lists, and the example separated and marked.
func TestBerichtSeiten(t *testing.T) {
	for jahr, want := range map[string][]string{
		"2025": {"Abgeschlossene Maßnahmen", "BSP-06 Grundschulung als Online-Kurs", "(im Berichtszeitraum erreicht)", "Stichtag</dt><dd><time datetime=\"2025-12-31\"", "Ohne Meldung im Berichtszeitraum"},
		"2026": {"Ausgesetzte Maßnahmen", "BSP-10 Datenwerkstätten vor Ort", "Zwischenstand.", "Stichtag</dt><dd><time datetime=\"2026-09-30\"", "Ohne Meldung im Berichtszeitraum"},
	} {
		html := lies(t, "agenda/fortschrittsbericht/"+jahr+"/index.html")
		for _, s := range want {
			if !strings.Contains(html, s) {
				t.Errorf("Bericht %s: „%s“ fehlt", jahr, s)
			}
		}
		i, j := strings.Index(html, `id="land"`), strings.Index(html, `id="beispiel"`)
		if i < 0 || j < i {
			t.Fatalf("Bericht %s: Teile des Landes und des Beispiels fehlen oder sind vertauscht", jahr)
		}
		if strings.Contains(html[i:j], "BSP-") {
			t.Errorf("Bericht %s: Maßnahmen des fiktiven Beispiels stehen im Teil des Landes", jahr)
		}
	}
}

// TestBeispieleEinrechnen switches the config: examples then count in the
// state totals, and the separate example part is empty.
func TestBeispieleEinrechnen(t *testing.T) {
	s := modell(t)
	ohne := agenda.Build(s)
	s.Config.Agenda.BeispieleEinrechnen = true
	mit := agenda.Build(s)
	if !mit.Beispiel.Leer() || len(mit.Land.Massnahmen) != len(ohne.Land.Massnahmen)+len(ohne.Beispiel.Massnahmen) {
		t.Errorf("eingerechnet: Land %d, Beispiel leer %v; ohne: %d + %d",
			len(mit.Land.Massnahmen), mit.Beispiel.Leer(), len(ohne.Land.Massnahmen), len(ohne.Beispiel.Massnahmen))
	}
	if !strings.Contains(mit.Umfang(), "fiktiven Beispiele") || strings.Contains(ohne.Umfang(), "und die fiktiven") {
		t.Errorf("Umfang beschreibt die Einstellung nicht: %q / %q", mit.Umfang(), ohne.Umfang())
	}
	// Superseded strategies are out of the state totals by default.
	if len(ohne.Ausgeschlossen) != 1 || ohne.Ausgeschlossen[0].Slug != "e-government-it-2014" {
		t.Errorf("Standard: ausgeschlossen %v, erwartet die Strategie von 2014", ohne.Ausgeschlossen)
	}
	s.Config.Agenda.BeispieleEinrechnen, s.Config.Agenda.FruehereFassungen = false, true
	mitFrueheren := agenda.Build(s)
	if len(mitFrueheren.Ausgeschlossen) != 0 || len(mitFrueheren.Land.Massnahmen) != len(ohne.Land.Massnahmen)+5 {
		t.Errorf("mit früheren Fassungen: ausgeschlossen %v, %d Maßnahmen", mitFrueheren.Ausgeschlossen, len(mitFrueheren.Land.Massnahmen))
	}
}

// TestBerichtOhneVerlauf: measures without [[verlauf]] count as started in
// the year of their start date, and their milestones count when reached;
// their completion is never guessed.
func TestBerichtOhneVerlauf(t *testing.T) {
	s := modell(t)
	stand, _ := datum.ParseDay("31.12.2019")
	s.Berichte = []*model.Bericht{{Bericht: content.Bericht{Jahr: 2019, Stand: stand}}}
	a := agenda.Build(s)
	r := a.Berichte[0]
	var gesellschaft *agenda.BerichtStrategie
	for _, b := range r.Land.Strategien {
		if b.Strategie.Slug == "digitale-gesellschaft" {
			gesellschaft = b
		}
	}
	if gesellschaft == nil {
		t.Fatal("Strategie 2020 fehlt im Bericht")
	}
	if len(gesellschaft.Nach(agenda.Abgeschlossen)) != 0 {
		t.Error("ohne Verlauf darf kein Abschluss abgeleitet werden")
	}
	for _, e := range gesellschaft.Nach(agenda.Begonnen) {
		if !e.AusStart || e.Massnahme.Start.End().Year() != 2019 || e.Massnahme.Status == "geplant" {
			t.Errorf("%s: begonnen ohne passendes Startjahr", e.Massnahme.ID)
		}
	}
	if len(gesellschaft.Meilensteine) == 0 {
		t.Error("keine 2019 erreichten Meilensteine gefunden; der Katalog nennt mehrere")
	}
	for _, m := range gesellschaft.Meilensteine {
		if !m.Meilenstein.Erreicht() || m.Meilenstein.Datum.End().Year() != 2019 {
			t.Errorf("%s: Meilenstein %q gehört nicht in 2019", m.Massnahme.ID, m.Meilenstein.Datum.Raw)
		}
	}
	// The 2020 catalogue has its Stand 31.12.2020, after this report's day:
	// its status on 31.12.2019 is unknown, not guessed.
	if gesellschaft.StatusAm.Offen != 75 {
		t.Errorf("Status am 31.12.2019: %+v, erwartet 75 × unbekannt", gesellschaft.StatusAm)
	}
}
