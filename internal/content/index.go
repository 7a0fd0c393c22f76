package content

import (
	"strings"

	"tdsite/internal/decode"
)

// GoalKind tells which level of the goal cascade a goal belongs to.
type GoalKind int

const (
	ZielQualitativ  GoalKind = iota + 1 // qualitative strategic goal (= the set)
	ZielQuantitativ                     // quantitative strategic goal
	EtappeQualitativ
	EtappeQuantitativ
	ZielEinfach // goal of a strategy written before the Leitfaden
)

// Etappe reports whether the goal is an Etappenziel.
func (k GoalKind) Etappe() bool { return k == EtappeQualitativ || k == EtappeQuantitativ }

// Quantitativ reports whether the goal is measurable.
func (k GoalKind) Quantitativ() bool { return k == ZielQuantitativ || k == EtappeQuantitativ }

// GoalRef locates a goal in the content.
type GoalRef struct {
	Strategie *Strategie
	Kind      GoalKind
	ID        string
	Set       int // index into Zielsets, Etappenziele or Ziele
	Quant     int // index into Quantitativ, or -1
	At        decode.At
}

// Index gives fast lookups by key or ID. Duplicates keep the first occurrence;
// validate reports them.
type Index struct {
	Akteure         map[string]*Akteur
	Handlungsfelder map[string]*Handlungsfeld
	Strategien      map[string]*Strategie
	Massnahmen      map[string]*Massnahme // by ID across the site
	Goals           map[string]GoalRef    // by "<slug>/<id>"
	Initiativen     map[string]*Initiative
}

func buildIndex(s *Site) *Index {
	ix := &Index{
		Akteure:         map[string]*Akteur{},
		Handlungsfelder: map[string]*Handlungsfeld{},
		Strategien:      map[string]*Strategie{},
		Massnahmen:      map[string]*Massnahme{},
		Goals:           map[string]GoalRef{},
		Initiativen:     map[string]*Initiative{},
	}
	if s.Akteure != nil {
		for _, list := range [][]Akteur{s.Akteure.Ressorts, s.Akteure.Organisationen} {
			for i := range list {
				if _, dup := ix.Akteure[list[i].Kuerzel]; !dup {
					ix.Akteure[list[i].Kuerzel] = &list[i]
				}
			}
		}
	}
	for _, hf := range s.Handlungsfelder {
		ix.Handlungsfelder[hf.Key] = hf
	}
	for _, st := range s.Strategien {
		ix.Strategien[st.Slug] = st
		add := func(ref GoalRef) {
			key := st.Slug + "/" + ref.ID
			if _, dup := ix.Goals[key]; !dup && ref.ID != "" {
				ix.Goals[key] = ref
			}
		}
		if z := st.Ziele; z != nil {
			for i, set := range z.Zielsets {
				add(GoalRef{Strategie: st, Kind: ZielQualitativ, ID: set.ID, Set: i, Quant: -1, At: set.At})
				for j, q := range set.Quantitativ {
					add(GoalRef{Strategie: st, Kind: ZielQuantitativ, ID: q.ID, Set: i, Quant: j, At: q.At})
				}
			}
			for i, set := range z.Etappenziele {
				add(GoalRef{Strategie: st, Kind: EtappeQualitativ, ID: set.ID, Set: i, Quant: -1, At: set.At})
				for j, q := range set.Quantitativ {
					add(GoalRef{Strategie: st, Kind: EtappeQuantitativ, ID: q.ID, Set: i, Quant: j, At: q.At})
				}
			}
			for i, g := range z.Ziele {
				add(GoalRef{Strategie: st, Kind: ZielEinfach, ID: g.ID, Set: i, Quant: -1, At: g.At})
			}
		}
		if in := st.Initiativen; in != nil {
			for i := range in.Initiativen {
				key := st.Slug + "/" + in.Initiativen[i].ID
				if _, dup := ix.Initiativen[key]; !dup {
					ix.Initiativen[key] = &in.Initiativen[i]
				}
			}
		}
		for _, m := range st.Massnahmen {
			if _, dup := ix.Massnahmen[m.ID]; !dup && m.ID != "" {
				ix.Massnahmen[m.ID] = m
			}
		}
	}
	return ix
}

// Qualify turns a reference written in strategy from ("E1.1" or
// "other-slug/E1.1") into the global key "<slug>/<id>".
func Qualify(from *Strategie, ref string) string {
	return string(AppendQualified(make([]byte, 0, len(from.Slug)+1+len(ref)), from, ref))
}

// AppendQualified appends Qualify(from, ref) to b: a lookup by the key
// then needs no string of its own (the model looks up every goal a
// measure names).
func AppendQualified(b []byte, from *Strategie, ref string) []byte {
	if strings.Contains(ref, "/") {
		return append(b, ref...)
	}
	return append(append(append(b, from.Slug...), '/'), ref...)
}

// Goal resolves a goal reference written in strategy from.
func (ix *Index) Goal(from *Strategie, ref string) (GoalRef, bool) {
	g, ok := ix.Goals[Qualify(from, ref)]
	return g, ok
}

// Quant returns the quantitative goal a reference points to, if it is one.
func (g GoalRef) QuantGoal() *Quantitativ {
	if g.Quant < 0 || g.Strategie.Ziele == nil {
		return nil
	}
	switch g.Kind {
	case ZielQuantitativ:
		return &g.Strategie.Ziele.Zielsets[g.Set].Quantitativ[g.Quant]
	case EtappeQuantitativ:
		return &g.Strategie.Ziele.Etappenziele[g.Set].Quantitativ[g.Quant]
	}
	return nil
}

// Handlungsfelder returns the Handlungsfeld keys a goal belongs to. Etappenziele
// inherit them from the strategic goal set they are derived from.
func (ix *Index) GoalHandlungsfelder(g GoalRef) []string {
	z := g.Strategie.Ziele
	switch g.Kind {
	case ZielQualitativ, ZielQuantitativ:
		return z.Zielsets[g.Set].Handlungsfelder
	case EtappeQualitativ, EtappeQuantitativ:
		if parent, ok := ix.Goal(g.Strategie, z.Etappenziele[g.Set].AbgeleitetVon); ok && !parent.Kind.Etappe() {
			return ix.GoalHandlungsfelder(parent)
		}
	case ZielEinfach:
		if hf := z.Ziele[g.Set].Handlungsfeld; hf != "" {
			return []string{hf}
		}
	}
	return nil
}
