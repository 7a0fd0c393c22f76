package model

import (
	"html/template"
	"sort"

	"tdsite/internal/content"
	"tdsite/internal/datum"
)

// Wirkung holds a strategy's impact assessments (wirkung.toml). The
// Leitfaden measures impact every two years once the Etappenziele are
// reached; the six-monthly measurement of indicators is something else
// (Messwerte).
// Build sets Stand to the strategy's when the file gives none.
type Wirkung struct {
	content.Wirkung
	Messungen []*Wirkungsmessung // newest first
}

// Wirkungsmessung is one dated impact assessment. Build sets Naechste,
// when the next assessment is due, to two years after Datum when the file
// gives none (NaechsteAbgeleitet).
type Wirkungsmessung struct {
	content.Wirkungsmessung
	Strategie          *Strategie
	ID                 string // "<slug>/<datum>[/<zielset>]", stable for open data
	Anchor             string
	Zielset            *Zielset      // nil: the whole strategy
	Ergebnis           template.HTML // ErgebnisMarkdown as HTML
	NaechsteAbgeleitet bool
	// Aktuell: the latest assessment of its scope (strategy or goal set);
	// only its due date counts. Ueberfaellig: that date lies before the
	// build day.
	Aktuell, Ueberfaellig bool
}

// Gegenstand names what was assessed, for readers.
func (w *Wirkungsmessung) Gegenstand() string {
	if w.Zielset != nil {
		return "Zielset " + w.Zielset.Qualitativ.ID
	}
	return "Gesamte Strategie"
}

// Letzte is the newest assessment.
func (w *Wirkung) Letzte() *Wirkungsmessung {
	if w == nil || len(w.Messungen) == 0 {
		return nil
	}
	return w.Messungen[0]
}

// Faellig are the current assessments of each scope, soonest due first:
// they say when the next assessments are due.
func (w *Wirkung) Faellig() []*Wirkungsmessung {
	if w == nil {
		return nil
	}
	var out []*Wirkungsmessung
	for _, m := range w.Messungen {
		if m.Aktuell {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Naechste.Start().Before(out[j].Naechste.Start()) })
	return out
}

// NaechsteWirkung is the default due date of the next assessment.
func NaechsteWirkung(d datum.Datum) datum.Datum {
	return datum.FromTime(d.Start().AddDate(content.WirkungTurnusJahre, 0, 0))
}

func (b *builder) wirkung(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	if c.Wirkung == nil || st == nil {
		return
	}
	w := &Wirkung{Wirkung: *c.Wirkung}
	sets := map[string]*Zielset{}
	for _, zs := range st.Zielsets {
		sets[zs.Qualitativ.ID] = zs
	}
	for _, e := range c.Wirkung.Messungen {
		if e.Datum.IsZero() {
			continue // reported by validate
		}
		m := &Wirkungsmessung{Wirkungsmessung: e, Strategie: st, Zielset: sets[e.Zielset]}
		m.ID = st.Slug + "/" + m.Datum.ISO()
		m.Anchor = "wirkung-" + m.Datum.ISO()
		if m.Zielset != nil {
			m.ID += "/" + m.Zielset.Qualitativ.ID
			m.Anchor += "-" + m.Zielset.Qualitativ.Anchor
		}
		m.Ergebnis = b.text(e.ErgebnisMarkdown, m.Anchor+"-", 4)
		if m.Naechste.IsZero() {
			m.Naechste, m.NaechsteAbgeleitet = NaechsteWirkung(m.Datum), true
		}
		w.Messungen = append(w.Messungen, m)
	}
	sort.SliceStable(w.Messungen, func(i, j int) bool { return w.Messungen[i].Datum.Start().After(w.Messungen[j].Datum.Start()) })
	seen := map[*Zielset]bool{}
	for _, m := range w.Messungen {
		if !seen[m.Zielset] {
			seen[m.Zielset], m.Aktuell = true, true
			m.Ueberfaellig = m.Naechste.End().Before(b.site.BuildDate.Start())
		}
	}
	if w.Stand.IsZero() {
		w.Stand = st.Stand
	}
	st.Wirkung = w
}
