package agenda

import "tdsite/internal/model"

// Indikatoren are the measurable goals of one strategy, each shown as a chart
// of its measurements against baseline, target and the planned path.
type Indikatoren struct {
	Agenda    *Agenda
	Strategie *model.Strategie
	Ziele     []*model.Ziel
	URL       string
}

func (a *Agenda) indikatoren() {
	for _, z := range a.Zeilen {
		if q := z.QuantitativeZiele(); len(q) > 0 {
			a.Indikatoren = append(a.Indikatoren, &Indikatoren{Agenda: a, Strategie: z.Strategie, Ziele: q,
				URL: Pfad + "indikatoren/" + z.Strategie.Slug + "/"})
		}
	}
}

// IndikatorURL is the address of a goal's chart, or "" if it has none.
func (a *Agenda) IndikatorURL(z *model.Ziel) string {
	if !z.Kind.Quantitativ() {
		return ""
	}
	for _, g := range a.Indikatoren {
		if g.Strategie == z.Strategie {
			return g.URL + "#" + z.Anchor
		}
	}
	return ""
}

// Messwerte counts the measurements of the group.
func (g *Indikatoren) Messwerte() int {
	n := 0
	for _, z := range g.Ziele {
		n += len(z.Messwerte)
	}
	return n
}
