// Package agenda merges the goals, initiatives and measures of all sectoral
// strategies into the Digitale Agenda Thüringen 2030: totals, status
// distribution, progress of goals, views per Handlungsfeld, Ressort and
// status, indicator groups and the yearly progress reports. It reads only the
// model, the same data the landing pages show, so the two cannot disagree.
package agenda

import (
	"slices"
	"sort"

	"tdsite/internal/content"
	"tdsite/internal/model"
)

// Base path of the agenda pages.
const Pfad = "/agenda/"

// Agenda is the merged view of all strategies.
type Agenda struct {
	Titel string
	Site  *model.Site

	// BeispieleEingerechnet: fictional examples count in the state totals
	// (config [agenda] beispiele_einrechnen). Normally they are kept apart.
	BeispieleEingerechnet bool
	FruehereEingerechnet  bool

	Zeilen         []*Zeile           // every strategy in the agenda, model order
	Alle           *Bestand           // everything in the agenda, examples included, in Zeilen order
	Land           *Bestand           // what the state totals include
	Beispiel       *Bestand           // fictional examples, shown apart and marked
	Rahmen         []*model.Strategie // framework strategies: context, not counted
	Ausgeschlossen []*model.Strategie // superseded strategies left out by config

	Handlungsfelder []*Facette
	Ressorts        []*Facette
	Status          []*Facette
	// AndereFederfuehrung holds the measures no Ressort leads (agencies,
	// universities, chambers); the Ressort view lists them so that nothing
	// drops out of the sums.
	AndereFederfuehrung *Facette

	Indikatoren []*Indikatoren
	Berichte    []*Bericht

	hf      map[*model.Handlungsfeld]*Facette
	ressort map[*model.Akteur]*Facette
}

// Bestand is a set of agenda items with their counts.
type Bestand struct {
	Strategien  []*model.Strategie
	Massnahmen  []*model.Massnahme
	Ziele       []*model.Ziel // all goals: qualitative, quantitative, older ones
	Initiativen []*model.Initiative

	Status    model.StatusZahlen // measures by status
	Bewertung BewertungZahlen    // quantitative goals by assessment

	Qualitativ, Quantitativ, Einfach int // goals by kind

	seen map[*model.Strategie]struct{} // what Strategien holds already
}

func newBestand() *Bestand { return &Bestand{} }

// The sets take each goal, initiative and measure once without asking:
// Build adds each strategy's items to a set once, and a Handlungsfeld's
// view adds the measures of strategies outside the field after those of
// the strategies in it. A set of every item already added was a map per
// kind and set, at 10,000 pages 4 MB and a tenth of the page list's time.

func (b *Bestand) strategie(s *model.Strategie) {
	if n := len(b.Strategien); n > 0 && b.Strategien[n-1] == s {
		return // the common case: the items of one strategy come together
	}
	if _, ok := b.seen[s]; ok {
		return
	}
	if b.seen == nil {
		b.seen = map[*model.Strategie]struct{}{}
	}
	b.seen[s] = struct{}{}
	b.Strategien = append(b.Strategien, s)
}

func (b *Bestand) massnahme(m *model.Massnahme) {
	b.Massnahmen = append(b.Massnahmen, m)
	b.Status.AddM(m)
	b.strategie(m.Strategie)
}

func (b *Bestand) ziel(z *model.Ziel) {
	b.Ziele = append(b.Ziele, z)
	b.strategie(z.Strategie)
	switch {
	case z.Kind.Quantitativ():
		b.Quantitativ++
		b.Bewertung.Add(z.Fortschritt)
	case z.Kind == content.ZielEinfach:
		b.Einfach++
	default:
		b.Qualitativ++
	}
}

func (b *Bestand) initiative(i *model.Initiative) {
	b.Initiativen = append(b.Initiativen, i)
	b.strategie(i.Strategie)
}

// Leer reports whether the set holds nothing at all.
func (b *Bestand) Leer() bool {
	return b == nil || len(b.Strategien)+len(b.Massnahmen)+len(b.Ziele)+len(b.Initiativen) == 0
}

// QuantitativeZiele are the measurable goals of the set.
func (b *Bestand) QuantitativeZiele() []*model.Ziel {
	var out []*model.Ziel
	for _, z := range b.Ziele {
		if z.Kind.Quantitativ() {
			out = append(out, z)
		}
	}
	return out
}

// Zeile is one strategy with its own counts.
type Zeile struct {
	Strategie *model.Strategie
	*Bestand
}

// Facette is one pre-rendered view: a Handlungsfeld, a Ressort or a status.
type Facette struct {
	Agenda        *Agenda
	Art           string // "handlungsfeld", "ressort", "status" or "andere"
	Key           string // last path segment
	Name          string
	URL           string
	Handlungsfeld *model.Handlungsfeld
	Akteur        *model.Akteur
	Status        string
	Land          *Bestand
	Beispiel      *Bestand
}

// Gesamt is the number of measures in the facet, examples included.
func (f *Facette) Gesamt() int { return len(f.Land.Massnahmen) + len(f.Beispiel.Massnahmen) }

// Build computes the agenda from the model.
func Build(s *model.Site) *Agenda {
	cfg := s.Config
	a := &Agenda{Titel: cfg.AgendaTitel(), Site: s, BeispieleEingerechnet: cfg.Agenda.BeispieleEinrechnen,
		FruehereEingerechnet: cfg.FruehereFassungenEinrechnen(),
		Land:                 newBestand(), Beispiel: newBestand(),
		hf: map[*model.Handlungsfeld]*Facette{}, ressort: map[*model.Akteur]*Facette{}}
	for _, st := range s.Strategien {
		switch {
		case st.Rahmen:
			a.Rahmen = append(a.Rahmen, st)
			continue
		case st.Abgeloest && !st.Beispiel && !a.FruehereEingerechnet:
			a.Ausgeschlossen = append(a.Ausgeschlossen, st)
			continue
		}
		z := &Zeile{Strategie: st, Bestand: newBestand()}
		sammleAlles(z.Bestand, st)
		sammleAlles(a.teil(st), st)
		a.Zeilen = append(a.Zeilen, z)
	}
	// Examples last, so that the state's strategies come first everywhere.
	sort.SliceStable(a.Zeilen, func(i, j int) bool { return !a.Zeilen[i].Strategie.Beispiel && a.Zeilen[j].Strategie.Beispiel })
	a.Alle = newBestand()
	for _, z := range a.Zeilen {
		sammleAlles(a.Alle, z.Strategie)
	}
	// The reports read only the rows: they are made on another core
	// while the views are.
	berichte := make(chan struct{})
	go func() {
		defer close(berichte)
		a.berichte()
	}()
	a.facetten()
	a.indikatoren()
	<-berichte
	return a
}

// teil returns the set a strategy's items count in.
func (a *Agenda) teil(st *model.Strategie) *Bestand {
	if st.Beispiel && !a.BeispieleEingerechnet {
		return a.Beispiel
	}
	return a.Land
}

// sammleAlles adds the strategy with all its goals, initiatives and measures.
func sammleAlles(b *Bestand, st *model.Strategie) { sammle(b, st, nil, nil, nil) }

// sammle adds the strategy and the items of st that pass the filters; a nil
// filter keeps everything.
func sammle(b *Bestand, st *model.Strategie, m func(*model.Massnahme) bool, z func(*model.Ziel) bool, i func(*model.Initiative) bool) {
	b.strategie(st)
	for _, x := range st.Ziele() {
		if z == nil || z(x) {
			b.ziel(x)
		}
	}
	for _, x := range st.Initiativen {
		if i == nil || i(x) {
			b.initiative(x)
		}
	}
	for _, x := range st.Massnahmen {
		if m == nil || m(x) {
			b.massnahme(x)
		}
	}
}

// facettenPfad is the directory of each kind of facet below Pfad.
var facettenPfad = map[string]string{"handlungsfeld": "handlungsfelder/", "ressort": "ressorts/", "status": "status/"}

func (a *Agenda) facette(art, key, name string) *Facette {
	return &Facette{Agenda: a, Art: art, Key: key, Name: name, URL: Pfad + facettenPfad[art] + key + "/",
		Land: newBestand(), Beispiel: newBestand()}
}

func (a *Agenda) facetten() {
	none := func(*model.Initiative) bool { return false }
	for _, h := range a.Site.Handlungsfelder {
		f := a.facette("handlungsfeld", h.Key, h.Name)
		f.Handlungsfeld = h
		for _, z := range a.Zeilen {
			st := z.Strategie
			if !usesHF(st, h) {
				continue
			}
			b := f.teil(st)
			sammle(b, st, func(m *model.Massnahme) bool { return m.Handlungsfeld == h },
				func(g *model.Ziel) bool { return slices.Contains(g.Handlungsfelder, h) },
				func(i *model.Initiative) bool { return slices.Contains(i.Handlungsfelder, h) })
		}
		// Measures may name a Handlungsfeld their strategy does not list
		// (validate warns); they still belong to this view. Those of the
		// strategies that list it are in it already.
		for _, z := range a.Zeilen {
			if usesHF(z.Strategie, h) {
				continue
			}
			for _, m := range z.Strategie.Massnahmen {
				if m.Handlungsfeld == h {
					f.teil(z.Strategie).massnahme(m)
				}
			}
		}
		if !f.Land.Leer() || !f.Beispiel.Leer() {
			a.Handlungsfelder = append(a.Handlungsfelder, f)
			a.hf[h] = f
		}
	}
	for _, r := range a.Site.Akteure {
		if !r.Ressort {
			continue
		}
		f := a.facette("ressort", content.Slugify(r.Kuerzel), r.Name)
		f.Akteur = r
		for _, z := range a.Zeilen {
			st := z.Strategie
			leads := st.Federfuehrung == r
			b := f.teil(st)
			for _, m := range st.Massnahmen {
				if slices.Contains(m.Federfuehrung, r) {
					b.massnahme(m)
				}
			}
			for _, i := range st.Initiativen {
				if slices.Contains(i.Ressorts, r) {
					b.initiative(i)
				}
			}
			if leads {
				// The lead Ressort answers for the strategy's goals.
				sammle(b, st, func(*model.Massnahme) bool { return false }, func(*model.Ziel) bool { return true }, none)
			}
		}
		if !f.Land.Leer() || !f.Beispiel.Leer() {
			a.Ressorts = append(a.Ressorts, f)
			a.ressort[r] = f
		}
	}
	a.AndereFederfuehrung = a.facette("ressort", "", "Federführung bei anderen Stellen")
	a.AndereFederfuehrung.Art, a.AndereFederfuehrung.URL = "andere", Pfad+"ressorts/#andere"
	for _, z := range a.Zeilen {
		for _, m := range z.Strategie.Massnahmen {
			if !anyRessort(m.Federfuehrung) {
				a.AndereFederfuehrung.teil(z.Strategie).massnahme(m)
			}
		}
	}
	// Stale measures get their own view: they are not counted under a
	// status they may no longer have.
	for _, status := range append(slices.Clone(content.Status), model.Veraltet) {
		label := content.StatusLabel[status]
		if status == model.Veraltet {
			label = a.Land.Status.VeraltetLabel()
		}
		f := a.facette("status", status, label)
		f.Status = status
		for _, z := range a.Zeilen {
			for _, m := range z.Strategie.Massnahmen {
				if m.Zaehlstatus() == status {
					f.teil(z.Strategie).massnahme(m)
				}
			}
			for _, i := range z.Strategie.Initiativen {
				if i.Status == status {
					f.teil(z.Strategie).initiative(i)
				}
			}
		}
		a.Status = append(a.Status, f)
	}
}

func (f *Facette) teil(st *model.Strategie) *Bestand {
	if f.Agenda.teil(st) == f.Agenda.Beispiel {
		return f.Beispiel
	}
	return f.Land
}

// FacetteHF is the agenda view of a Handlungsfeld, or nil.
func (a *Agenda) FacetteHF(h *model.Handlungsfeld) *Facette { return a.hf[h] }

// FacetteRessort is the agenda view of a Ressort, or nil.
func (a *Agenda) FacetteRessort(r *model.Akteur) *Facette { return a.ressort[r] }

// Zaehlt reports whether a strategy counts in the state totals.
func (a *Agenda) Zaehlt(st *model.Strategie) bool {
	for _, s := range a.Land.Strategien {
		if s == st {
			return true
		}
	}
	return false
}

func usesHF(st *model.Strategie, h *model.Handlungsfeld) bool {
	for _, e := range st.HF {
		if e.Handlungsfeld == h {
			return true
		}
	}
	return false
}

func anyRessort(list []*model.Akteur) bool {
	for _, x := range list {
		if x.Ressort {
			return true
		}
	}
	return false
}
