package fahrplan

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func mustDatum(t *testing.T, s string) datum.Datum {
	t.Helper()
	d, err := datum.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Every date is drawn as the whole period it names, and only "seit"/"ab"
// have an open end.
func TestSpanneVonPrecision(t *testing.T) {
	cases := []struct {
		in       string
		von, bis time.Time
		offen    bool
	}{
		{"15.07.2018", day(2018, 7, 15), day(2018, 7, 15), false},
		{"07/2018", day(2018, 7, 1), day(2018, 7, 31), false},
		{"Q3/2020", day(2020, 7, 1), day(2020, 9, 30), false},
		{"1. Halbjahr 2020", day(2020, 1, 1), day(2020, 6, 30), false},
		{"2021", day(2021, 1, 1), day(2021, 12, 31), false},
		{"Schuljahr 2019/20", day(2019, 8, 1), day(2020, 7, 31), false},
		{"seit Oktober 2019", day(2019, 10, 1), day(2019, 10, 31), true},
		{"ab Q3/2020", day(2020, 7, 1), day(2020, 9, 30), true},
		{"2020 ff.", day(2020, 1, 1), day(2020, 12, 31), true},
		{"bis Ende 2023", day(2023, 9, 1), day(2023, 12, 31), false},
		{"2025 bis 2026", day(2025, 1, 1), day(2026, 12, 31), false},
		{"01.09.2018 bis 31.08.2019", day(2018, 9, 1), day(2019, 8, 31), false},
	}
	for _, c := range cases {
		s, ok := SpanneVon(mustDatum(t, c.in))
		if !ok || !s.Von.Equal(c.von) || !s.Bis.Equal(c.bis) || s.Offen != c.offen {
			t.Errorf("%q: %v – %v offen=%v, want %v – %v offen=%v", c.in, s.Von, s.Bis, s.Offen, c.von, c.bis, c.offen)
		}
	}
	if _, ok := SpanneVon(datum.Datum{}); ok {
		t.Error("zero date has a span")
	}
}

// testMassnahme builds a measure as the model does, with milestones of
// every precision.
func testMassnahme(t *testing.T, id, start, status string, ms ...[2]string) *model.Massnahme {
	st := &model.Strategie{Strategie: content.Strategie{Slug: "test", Name: "Teststrategie", Kurzname: "Test"}}
	m := &model.Massnahme{Massnahme: content.Massnahme{ID: id, Titel: "Maßnahme " + id, Status: status}, Strategie: st, URL: "/massnahmen/" + strings.ToLower(id) + "/"}
	if start != "" {
		m.Start = mustDatum(t, start)
	}
	for _, x := range ms {
		z := content.MsErreicht
		if strings.HasPrefix(x[1], "?") {
			z = content.MsUnbekannt
		}
		m.Meilensteine = append(m.Meilensteine, model.Meilenstein{Meilenstein: content.Meilenstein{Datum: mustDatum(t, x[0]), Text: x[1]}, Zustand: z})
	}
	st.Massnahmen = append(st.Massnahmen, m)
	return m
}

func TestLayoutSpansAndLanes(t *testing.T) {
	m := testMassnahme(t, "T-1", "Q3/2020", "laufend",
		[2]string{"seit Oktober 2019", "Vorarbeit"},
		[2]string{"Q1/2021", "Quartal"},
		[2]string{"2021", "?Jahr"},
		[2]string{"15.07.2022", "Tag"})
	f := Neu("fp", "Test", day(2026, 11, 23), []Eingabe{{Titel: "G", Massnahmen: []*model.Massnahme{m}}})
	z := f.Zeilen()[0]
	// The bar starts at the stated start, not at the earlier milestone, and
	// ends with the last day of the last date.
	if !z.Balken.Von.Equal(day(2020, 7, 1)) || !z.Balken.Bis.Equal(day(2022, 7, 15)) || !z.BeginnGenannt || !z.Weiter {
		t.Errorf("bar %+v", z.Balken)
	}
	// The axis holds the earlier milestone and today, in whole years.
	if f.Jahre[0].Jahr != 2019 || f.Jahre[len(f.Jahre)-1].Jahr != 2027 {
		t.Errorf("axis %d–%d", f.Jahre[0].Jahr, f.Jahre[len(f.Jahre)-1].Jahr)
	}
	q, y, d := z.Meilensteine[1], z.Meilensteine[2], z.Meilensteine[3]
	// A year is four quarters wide; an exact day keeps the minimum width.
	if r := (y.x1 - y.x0) / (q.x1 - q.x0); math.Abs(r-4) > 0.1 {
		t.Errorf("year/quarter width ratio %.2f, want 4", r)
	}
	if w := d.x1 - d.x0; w != minBreite {
		t.Errorf("day width %.1f", w)
	}
	// Quarter and year overlap: different lanes.
	if q.Bahn == y.Bahn || z.Bahnen < 2 {
		t.Errorf("overlapping milestones share lane %d (lanes %d)", q.Bahn, z.Bahnen)
	}
	// The open milestone reaches at least to the bar's last date.
	if o := z.Meilensteine[0]; o.x1 < f.x(z.Balken.Bis)-1 {
		t.Errorf("open milestone ends at %.1f before the bar's end %.1f", o.x1, f.x(z.Balken.Bis))
	}
	svg := string(f.SVG(func(p string) string { return p }))
	for _, want := range []string{`class="fp-ms fp-ms-unbekannt"`, `fill="url(#fp-schraffur)"`, "Heute: 23.11.2026",
		"ohne Ende", "Beginn 3. Quartal 2020; Ende nicht angegeben", "Stand unbekannt"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

// Without a start, the bar starts at the first date and says so; a measure
// without any date is listed apart and not drawn.
func TestLayoutWithoutStart(t *testing.T) {
	a := testMassnahme(t, "T-1", "", "umgesetzt", [2]string{"2019", "A"}, [2]string{"Q2/2020", "B"})
	b := testMassnahme(t, "T-2", "", "geplant")
	f := Neu("fp", "Test", day(2026, 11, 23), []Eingabe{{Titel: "G", Massnahmen: []*model.Massnahme{a, b}}})
	if len(f.Zeilen()) != 1 || len(f.OhneTermin) != 1 || f.OhneTermin[0].ID != "T-2" {
		t.Fatalf("rows %d, undated %d", len(f.Zeilen()), len(f.OhneTermin))
	}
	z := f.Zeilen()[0]
	if z.BeginnGenannt || z.Weiter || !strings.Contains(z.Zeitraum(), "Beginn nicht angegeben, erster Termin Januar 2019") ||
		!strings.Contains(z.Zeitraum(), "umgesetzt, letzter Termin Juni 2020") {
		t.Errorf("Zeitraum %q", z.Zeitraum())
	}
	if !strings.Contains(f.Beschreibung, "1 Maßnahme ohne Termine steht nur in der Tabelle") {
		t.Errorf("description %q", f.Beschreibung)
	}
	if empty := Neu("leer", "Leer", day(2026, 1, 1), nil); empty.SVG(nil) != "" || !empty.Leer() {
		t.Error("empty roadmap draws")
	}
}

var (
	reLink  = regexp.MustCompile(`<a href="([^"]*)"[^>]*>(?:<title>([^<]*)</title>)?`)
	reBar   = regexp.MustCompile(`id="([^"]+)-balken"`)
	reStyle = regexp.MustCompile(`style=`)
)

// Every link of the drawing has a name: its <title> comes first.
func TestAccessibleNames(t *testing.T) {
	m := testMassnahme(t, "T-1", "2020", "laufend", [2]string{"2021", "Eins"}, [2]string{"2022", "?Zwei"})
	f := Neu("fp", "Test", day(2026, 11, 23), []Eingabe{{Titel: "G", Massnahmen: []*model.Massnahme{m}}})
	svg := string(f.SVG(func(p string) string { return p }))
	links := reLink.FindAllStringSubmatch(svg, -1)
	if len(links) != 3 {
		t.Fatalf("%d links, want bar + 2 milestones", len(links))
	}
	for _, l := range links {
		if !strings.HasPrefix(l[2], "T-1") {
			t.Errorf("link %s has name %q", l[1], l[2])
		}
	}
	if !strings.Contains(links[2][2], "Zwei. 2022. Stand unbekannt.") {
		t.Errorf("milestone name %q", links[2][2])
	}
	if reStyle.MatchString(svg) {
		t.Error("style attribute in SVG (CSP)")
	}
}
