package model

// Fictional example strategies (beispiel = true) show how the site works.
// Truth over completeness: what they contain never counts into a number
// about a real strategy or Handlungsfeld. Where a real entity and an
// example meet – a shared Handlungsfeld, a framework strategy with an
// example derived from it – the example's part is kept apart here, once,
// so that pages, maps and open data show it separately and labelled.

// Fiktiv reports whether the strategy's content is kept out of the numbers
// about real entities: a fictional example, unless config.toml counts
// examples in ([agenda] beispiele_einrechnen, for demonstration sites).
func (s *Site) Fiktiv(st *Strategie) bool { return st != nil && st.Fiktiv }

// Anteil is what fictional examples contribute to a Handlungsfeld; the
// Handlungsfeld's own lists and counts hold only the real strategies.
type Anteil struct {
	Strategien []*Strategie
	Eintraege  []*StrategieHF
	Zielsets   []*Zielset
	Ziele      []*Ziel
	Massnahmen []*Massnahme
	Status     StatusZahlen
}

// Leer reports whether nothing fictional is there.
func (a *Anteil) Leer() bool { return len(a.Strategien) == 0 && len(a.Massnahmen) == 0 }

// beispieleTrennen moves the examples' part of every Handlungsfeld into its
// Beispiel share. It runs after the links between strategies are made, so
// that an example still shows which real strategies share its fields.
func (b *builder) beispieleTrennen() {
	cfg := b.site.Config
	for _, st := range b.site.Strategien {
		st.Fiktiv = st.Beispiel && (cfg == nil || !cfg.Agenda.BeispieleEinrechnen)
	}
	fiktiv := b.site.Fiktiv
	for _, h := range b.site.Handlungsfelder {
		h.Strategien, h.Beispiel.Strategien = trennen(h.Strategien, func(st *Strategie) bool { return fiktiv(st) })
		h.Eintraege, h.Beispiel.Eintraege = trennen(h.Eintraege, func(e *StrategieHF) bool { return fiktiv(e.Strategie) })
		h.Zielsets, h.Beispiel.Zielsets = trennen(h.Zielsets, func(z *Zielset) bool { return fiktiv(z.Strategie) })
		h.Ziele, h.Beispiel.Ziele = trennen(h.Ziele, func(z *Ziel) bool { return fiktiv(z.Strategie) })
		h.Massnahmen, h.Beispiel.Massnahmen = trennen(h.Massnahmen, func(m *Massnahme) bool { return fiktiv(m.Strategie) })
		h.Status, h.Beispiel.Status = StatusZahlen{}, StatusZahlen{}
		for _, m := range h.Massnahmen {
			h.Status.AddM(m)
		}
		for _, m := range h.Beispiel.Massnahmen {
			h.Beispiel.Status.AddM(m)
		}
	}
}

// trennen splits list into the real and the fictional part, keeping order.
func trennen[T any](list []T, fiktiv func(T) bool) (real, beispiel []T) {
	for _, v := range list {
		if fiktiv(v) {
			beispiel = append(beispiel, v)
		} else {
			real = append(real, v)
		}
	}
	return real, beispiel
}

// EchteMassnahmen are the measures of all real strategies.
func (s *Site) EchteMassnahmen() []*Massnahme {
	var out []*Massnahme
	for _, m := range s.Massnahmen {
		if !s.Fiktiv(m.Strategie) {
			out = append(out, m)
		}
	}
	return out
}

// MeldungenEchtZuerst lists the news of real strategies first, then those
// of fictional examples, each newest first: an invented item never pushes
// a real one off the home page.
func (s *Site) MeldungenEchtZuerst() []*Meldung {
	out := make([]*Meldung, 0, len(s.Meldungen))
	for _, m := range s.Meldungen {
		if !s.Fiktiv(m.Strategie) {
			out = append(out, m)
		}
	}
	for _, m := range s.Meldungen {
		if s.Fiktiv(m.Strategie) {
			out = append(out, m)
		}
	}
	return out
}

// StatusLand counts the measures of the real, current strategies by their
// counting status: the home page says how many have a current Stand.
func (s *Site) StatusLand() StatusZahlen {
	var z StatusZahlen
	for _, m := range s.EchteMassnahmen() {
		if !m.Strategie.Abgeloest {
			z.AddM(m)
		}
	}
	return z
}
