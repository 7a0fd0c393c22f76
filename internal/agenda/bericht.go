package agenda

import (
	"fmt"
	"slices"
	"time"

	"tdsite/internal/datum"
	"tdsite/internal/model"
)

// The yearly progress report answers "what changed in the year?" from dated
// content only:
//
//   - status changes of measures from their [[verlauf]]; a measure without
//     a Verlauf counts as started in the year of its start date if it is no
//     longer planned – its completion date is unknown and never guessed;
//   - the status of each measure at the cut-off is its latest entry dated on
//     or before it. A measure whose latest entry predates the reporting
//     period counts as "ohne Meldung im Berichtszeitraum", not under that
//     old status – unless it was completed, which stays true;
//   - milestones marked as reached whose date falls into the year;
//   - measurements dated in the year, and the assessment of each goal at
//     the end of the previous year and at the report's Stand.
//
// An event with a fuzzy date counts on the last day of its period
// ("Q3/2025" → 30.09.2025): by then it had surely happened. Only events up
// to the report's Stand count, so a report keeps its figures when later
// data is added – unless someone adds data dated inside the period.

// Ereignis arten: what happened to a measure.
const (
	Aufgenommen       = "aufgenommen"       // entered the Aktionsplan as planned
	Begonnen          = "begonnen"          // started
	Abgeschlossen     = "abgeschlossen"     // completed
	Ausgesetzt        = "ausgesetzt"        // suspended
	Wiederaufgenommen = "wiederaufgenommen" // resumed after a suspension
	Zurueckgestellt   = "zurueckgestellt"   // back to planned
)

// EreignisArten in reading order, with their headings.
var EreignisArten = []struct{ Key, Titel string }{
	{Begonnen, "Begonnene Maßnahmen"},
	{Abgeschlossen, "Abgeschlossene Maßnahmen"},
	{Ausgesetzt, "Ausgesetzte Maßnahmen"},
	{Wiederaufgenommen, "Wieder aufgenommene Maßnahmen"},
	{Zurueckgestellt, "Zurückgestellte Maßnahmen"},
	{Aufgenommen, "Neu in den Aktionsplan aufgenommene Maßnahmen (geplant)"},
}

// Bericht is the progress report for one year.
type Bericht struct {
	*model.Bericht
	Agenda     *Agenda
	URL        string
	Titel      string
	Von, Bis   time.Time // reporting period: 1 January up to the end of the year or the Stand
	Vorjahr    time.Time // comparison day: the previous report's cut-off, else 31 December of the previous year
	VorjahrVon time.Time // start of the previous reporting period
	Vorlaeufig bool      // the Stand lies before the end of the year
	Land       *BerichtTeil
	Beispiel   *BerichtTeil

	Vorheriger, Naechster *Bericht
}

// BerichtTeil is the state's part or the fictional examples' part of a report.
type BerichtTeil struct {
	Strategien []*BerichtStrategie // in model order
	Summe      *BerichtStrategie   // all strategies of the part together
}

// MitAenderungen are the strategies with dated changes in the period.
func (t *BerichtTeil) MitAenderungen() []*BerichtStrategie {
	var out []*BerichtStrategie
	for _, s := range t.Strategien {
		if s.Veraendert() {
			out = append(out, s)
		}
	}
	return out
}

// OhneAenderungen are the strategies without dated changes in the period.
func (t *BerichtTeil) OhneAenderungen() []*BerichtStrategie {
	var out []*BerichtStrategie
	for _, s := range t.Strategien {
		if !s.Veraendert() {
			out = append(out, s)
		}
	}
	return out
}

// BerichtStrategie is what changed in one strategy (or, as Summe, in several).
type BerichtStrategie struct {
	Strategie                   *model.Strategie // nil for sums
	StatusVorjahr, StatusAm     StatusStichtag
	Ereignisse                  []Ereignis
	Meilensteine                []MeilensteinEreignis
	Ziele                       []*ZielStand             // quantitative goals existing at the end of the period
	Wirkung                     []*model.Wirkungsmessung // impact assessments dated in the period (wirkung.go)
	BewertungVorjahr, Bewertung BewertungZahlen
}

// StatusStichtag counts measures by their status on a day. Offen counts
// measures not yet in the Aktionsplan then, or whose status on that day is
// not known (reported later than that day and without a Verlauf);
// OhneMeldung those whose latest entry predates the reporting period.
type StatusStichtag struct {
	model.StatusZahlen
	Offen       int
	OhneMeldung int
}

// Keys of StatusStichtag beyond the statuses.
const (
	KeyOffen       = "offen"
	KeyOhneMeldung = "ohne-meldung"
)

// Ereignis is a status change of a measure.
type Ereignis struct {
	Art       string
	Massnahme *model.Massnahme
	Datum     datum.Datum
	Notiz     string
	AusStart  bool // derived from the start date; the measure has no Verlauf
}

// MeilensteinEreignis is a milestone reached in the period.
type MeilensteinEreignis struct {
	Massnahme   *model.Massnahme
	Meilenstein model.Meilenstein
}

// ZielStand compares a measurable goal at both ends of the period.
type ZielStand struct {
	Ziel          *model.Ziel
	Vorjahr, Am   *model.Fortschritt // nil: the goal did not exist yet
	Neu           []model.Messwert   // measurements dated in the period
	ErreichtNeu   bool               // reached in the period
	GefaehrdetNeu bool               // a measurement of the period flags it at risk
}

// Veraendert reports whether anything dated happened in the period.
func (b *BerichtStrategie) Veraendert() bool {
	return len(b.Ereignisse) > 0 || len(b.Meilensteine) > 0 || b.NeueMesswerte() > 0 || len(b.Wirkung) > 0
}

// Nach returns the events of one kind.
func (b *BerichtStrategie) Nach(art string) []Ereignis {
	var out []Ereignis
	for _, e := range b.Ereignisse {
		if e.Art == art {
			out = append(out, e)
		}
	}
	return out
}

// Anzahl counts the events of one kind.
func (b *BerichtStrategie) Anzahl(art string) int { return len(b.Nach(art)) }

// NeueMesswerte counts the measurements of the period.
func (b *BerichtStrategie) NeueMesswerte() int {
	n := 0
	for _, z := range b.Ziele {
		n += len(z.Neu)
	}
	return n
}

// ErreichteZiele are the goals reached in the period.
func (b *BerichtStrategie) ErreichteZiele() []*ZielStand {
	return slices.DeleteFunc(slices.Clone(b.Ziele), func(z *ZielStand) bool { return !z.ErreichtNeu })
}

// GefaehrdeteZiele are the goals flagged at risk by a measurement of the period.
func (b *BerichtStrategie) GefaehrdeteZiele() []*ZielStand {
	return slices.DeleteFunc(slices.Clone(b.Ziele), func(z *ZielStand) bool { return !z.GefaehrdetNeu })
}

// Massnahmen counts the measures in the Aktionsplan on the report's day,
// those without a report in the period included.
func (b *BerichtStrategie) Massnahmen() int { return b.StatusAm.Gesamt() + b.StatusAm.OhneMeldung }

// Vergleich is one row of a comparison table: a status or an assessment
// at the end of the previous year and at the end of the period.
type Vergleich struct {
	Key, Label        string
	Vorjahr, Am, Diff int
}

func vergleiche(vorjahr, am []BewertungAnzahl) []Vergleich {
	var out []Vergleich
	for i, v := range vorjahr {
		out = append(out, Vergleich{Key: v.Key, Label: v.Label, Vorjahr: v.Anzahl, Am: am[i].Anzahl, Diff: am[i].Anzahl - v.Anzahl})
	}
	return out
}

// StatusTabelle compares the status counts at both ends of the period.
func (b *BerichtStrategie) StatusTabelle() []Vergleich {
	liste := func(s StatusStichtag) []BewertungAnzahl {
		l := s.Liste()
		return l[:len(l)-1] // a report counts by its period, not by the staleness interval
	}
	return append(vergleiche(liste(b.StatusVorjahr), liste(b.StatusAm)),
		Vergleich{KeyOhneMeldung, "Ohne Meldung im Berichtszeitraum", b.StatusVorjahr.OhneMeldung, b.StatusAm.OhneMeldung, b.StatusAm.OhneMeldung - b.StatusVorjahr.OhneMeldung},
		Vergleich{KeyOffen, "Noch nicht im Aktionsplan oder Stand unbekannt", b.StatusVorjahr.Offen, b.StatusAm.Offen, b.StatusAm.Offen - b.StatusVorjahr.Offen})
}

// BewertungTabelle compares the goal assessments at both ends of the period.
func (b *BerichtStrategie) BewertungTabelle() []Vergleich {
	return vergleiche(b.BewertungVorjahr.Liste(), b.Bewertung.Liste())
}

// StandISO is the report's Stand for the sitemap.
func (r *Bericht) StandISO() string { return r.Stand.ISO() }

func (a *Agenda) berichte() {
	var puffer []Ereignis // see strategie
	for _, mb := range a.Site.Berichte {
		r := &Bericht{Bericht: mb, Agenda: a, URL: fmt.Sprintf("%sfortschrittsbericht/%d/", Pfad, mb.Jahr),
			Titel:   mb.Titel,
			Von:     time.Date(mb.Jahr, 1, 1, 0, 0, 0, 0, time.UTC),
			Bis:     time.Date(mb.Jahr, 12, 31, 0, 0, 0, 0, time.UTC),
			Vorjahr: time.Date(mb.Jahr-1, 12, 31, 0, 0, 0, 0, time.UTC)}
		if r.Titel == "" {
			r.Titel = fmt.Sprintf("Fortschrittsbericht %d", mb.Jahr)
		}
		if st := mb.Stand.Start(); !mb.Stand.IsZero() && st.Before(r.Bis) {
			r.Bis, r.Vorlaeufig = st, true
		}
		r.VorjahrVon = time.Date(mb.Jahr-1, 1, 1, 0, 0, 0, 0, time.UTC)
		if n := len(a.Berichte); n > 0 {
			r.Vorheriger, a.Berichte[n-1].Naechster = a.Berichte[n-1], r
			// Compare with what the previous report showed at its cut-off.
			if p := r.Vorheriger; p.Jahr == mb.Jahr-1 {
				r.Vorjahr, r.VorjahrVon = p.Bis, p.Von
			}
		}
		r.Land, r.Beispiel = &BerichtTeil{}, &BerichtTeil{}
		for _, z := range a.Zeilen {
			bs := r.strategie(z.Strategie, &puffer)
			t := r.Land
			if a.teil(z.Strategie) == a.Beispiel {
				t = r.Beispiel
			}
			t.Strategien = append(t.Strategien, bs)
		}
		r.Land.Summe, r.Beispiel.Summe = summe(r.Land.Strategien), summe(r.Beispiel.Strategien)

		a.Berichte = append(a.Berichte, r)
	}
}

// zeitpunkt is the day by which a dated event had surely happened.
func zeitpunkt(d datum.Datum) time.Time { return d.End() }

func (r *Bericht) inPeriode(d datum.Datum) bool {
	if d.IsZero() {
		return false
	}
	t := zeitpunkt(d)
	return !t.Before(r.Von) && !t.After(r.Bis)
}

// StatusAm is a measure's status on day t: its latest entry dated on or
// before t. "" means not yet in the Aktionsplan or unknown.
func StatusAm(m *model.Massnahme, t time.Time) string {
	e, _ := m.EintragAm(t)
	return e.Status
}

// Stichtag is the key a measure counts under in a report whose period runs
// from von to t: its status, KeyOhneMeldung when its latest entry predates
// the period (completion excepted: it stays true), or KeyOffen.
func Stichtag(m *model.Massnahme, von, t time.Time) string {
	e, ok := m.EintragAm(t)
	switch {
	case !ok:
		return KeyOffen
	case e.Status != "umgesetzt" && zeitpunkt(e.Datum).Before(von):
		return KeyOhneMeldung
	}
	return e.Status
}

func (s *StatusStichtag) add(key string) {
	switch key {
	case KeyOffen:
		s.Offen++
	case KeyOhneMeldung:
		s.OhneMeldung++
	default:
		s.Add(key)
	}
}

// strategie is the report's part of one strategy. puffer collects its
// events: a list grown for each strategy and left at up to twice its
// length was most of the reports' allocations; the events are copied
// from it once, at their size.
func (r *Bericht) strategie(st *model.Strategie, puffer *[]Ereignis) *BerichtStrategie {
	b := &BerichtStrategie{Strategie: st}
	n := 0 // milestones reached in the period
	ereignisse := (*puffer)[:0]
	for _, m := range st.Massnahmen {
		b.StatusVorjahr.add(Stichtag(m, r.VorjahrVon, r.Vorjahr))
		b.StatusAm.add(Stichtag(m, r.Von, r.Bis))
		ereignisse = r.ereignisse(ereignisse, m)
		for i := range m.Meilensteine {
			if r.erreicht(&m.Meilensteine[i]) {
				n++
			}
		}
	}
	*puffer = ereignisse
	if len(ereignisse) > 0 {
		b.Ereignisse = slices.Clone(ereignisse)
	}
	// Counted first: a milestone event is a copy of the milestone, and
	// grown one by one the list was most of a report's allocations.
	if n > 0 {
		b.Meilensteine = make([]MeilensteinEreignis, 0, n)
		for _, m := range st.Massnahmen {
			for i := range m.Meilensteine {
				if ms := &m.Meilensteine[i]; r.erreicht(ms) {
					b.Meilensteine = append(b.Meilensteine, MeilensteinEreignis{m, *ms})
				}
			}
		}
	}
	b.Wirkung = r.wirkungen(st)
	slices.SortStableFunc(b.Ereignisse, func(x, y Ereignis) int {
		return zeitpunkt(x.Datum).Compare(zeitpunkt(y.Datum))
	})
	slices.SortStableFunc(b.Meilensteine, func(x, y MeilensteinEreignis) int {
		return zeitpunkt(x.Meilenstein.Datum).Compare(zeitpunkt(y.Meilenstein.Datum))
	})
	for _, z := range st.QuantitativeZiele() {
		am := z.FortschrittAm(r.Bis)
		if am == nil {
			continue
		}
		zs := &ZielStand{Ziel: z, Vorjahr: z.FortschrittAm(r.Vorjahr), Am: am}
		for _, mw := range z.Messwerte {
			if r.inPeriode(mw.Datum) {
				zs.Neu = append(zs.Neu, mw)
				zs.GefaehrdetNeu = zs.GefaehrdetNeu || mw.Gefaehrdet
			}
		}
		zs.ErreichtNeu = am.Bewertung == model.Erreicht && (zs.Vorjahr == nil || zs.Vorjahr.Bewertung != model.Erreicht)
		b.Ziele = append(b.Ziele, zs)
		b.Bewertung.Add(am)
		if zs.Vorjahr != nil {
			b.BewertungVorjahr.Add(zs.Vorjahr)
		}
	}
	return b
}

// erreicht reports whether a milestone was reached in the period.
func (r *Bericht) erreicht(ms *model.Meilenstein) bool {
	return ms.Erreicht() && r.inPeriode(ms.Datum)
}

// ereignisse appends the changes of m's status in the period to out.
func (r *Bericht) ereignisse(out []Ereignis, m *model.Massnahme) []Ereignis {
	if len(m.Verlauf) == 0 || m.Verlauf[0].Implizit {
		if m.Status != "geplant" && r.inPeriode(m.Start) {
			out = append(out, Ereignis{Art: Begonnen, Massnahme: m, Datum: m.Start, AusStart: true})
		}
		return out
	}
	prev := ""
	for _, v := range m.Verlauf {
		if art := wechsel(prev, v.Status); art != "" && r.inPeriode(v.Datum) {
			out = append(out, Ereignis{Art: art, Massnahme: m, Datum: v.Datum, Notiz: v.Notiz})
		}
		prev = v.Status
	}
	return out
}

// wechsel names the change from one status to the next ("" if none).
func wechsel(from, to string) string {
	if from == to {
		return ""
	}
	switch to {
	case "geplant":
		if from == "" {
			return Aufgenommen
		}
		return Zurueckgestellt
	case "laufend":
		if from == "ausgesetzt" {
			return Wiederaufgenommen
		}
		return Begonnen
	case "umgesetzt":
		return Abgeschlossen
	case "ausgesetzt":
		return Ausgesetzt
	}
	return ""
}

// summe is the sum of the strategies' reports. Its lists are made at
// their full length first: a large site's example part appends the events
// of a hundred strategies.
func summe(list []*BerichtStrategie) *BerichtStrategie {
	var e, m, z, w int
	for _, o := range list {
		e, m, z, w = e+len(o.Ereignisse), m+len(o.Meilensteine), z+len(o.Ziele), w+len(o.Wirkung)
	}
	s := &BerichtStrategie{}
	// Empty lists stay nil, as if appended to.
	if e > 0 {
		s.Ereignisse = make([]Ereignis, 0, e)
	}
	if m > 0 {
		s.Meilensteine = make([]MeilensteinEreignis, 0, m)
	}
	if z > 0 {
		s.Ziele = make([]*ZielStand, 0, z)
	}
	if w > 0 {
		s.Wirkung = make([]*model.Wirkungsmessung, 0, w)
	}
	for _, o := range list {
		s.add(o)
	}
	return s
}

// add sums another strategy's report into b.
func (b *BerichtStrategie) add(o *BerichtStrategie) {
	addStatus := func(dst *StatusStichtag, src StatusStichtag) {
		dst.Geplant += src.Geplant
		dst.Laufend += src.Laufend
		dst.Umgesetzt += src.Umgesetzt
		dst.Ausgesetzt += src.Ausgesetzt
		dst.Veraltet += src.Veraltet
		dst.Offen += src.Offen
		dst.OhneMeldung += src.OhneMeldung
	}
	addStatus(&b.StatusVorjahr, o.StatusVorjahr)
	addStatus(&b.StatusAm, o.StatusAm)
	b.Ereignisse = append(b.Ereignisse, o.Ereignisse...)
	b.Meilensteine = append(b.Meilensteine, o.Meilensteine...)
	b.Wirkung = append(b.Wirkung, o.Wirkung...)
	b.Ziele = append(b.Ziele, o.Ziele...)
	for _, z := range o.Ziele {
		b.Bewertung.Add(z.Am)
		if z.Vorjahr != nil {
			b.BewertungVorjahr.Add(z.Vorjahr)
		}
	}
}

// EreignisGruppe is the list of one kind of events, for headings.
type EreignisGruppe struct {
	Art, Titel string
	Ereignisse []Ereignis
}

// Gruppen returns the non-empty event lists in reading order.
func (b *BerichtStrategie) Gruppen() []EreignisGruppe {
	var out []EreignisGruppe
	for _, a := range EreignisArten {
		if list := b.Nach(a.Key); len(list) > 0 {
			out = append(out, EreignisGruppe{a.Key, a.Titel, list})
		}
	}
	return out
}
