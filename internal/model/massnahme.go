package model

import (
	"slices"

	"tdsite/internal/content"
)

// vorbereitet are the measures of a strategy, sorted by ID, made before
// they are linked: key is each one's lookup key (lower-case ID).
type vorbereitet struct {
	ms  []*content.Massnahme
	arr []Massnahme
	key []string
}

// massnahmenVorbereiten makes the measures of a strategy as far as they
// depend on the measure's file, the actors and the fields of action alone:
// everything but their strategy and the goals and initiatives they link.
// It runs on the other core while the strategies and goals are linked.
func (b *builder) massnahmenVorbereiten(c *content.Strategie) vorbereitet {
	ms := slices.Clone(c.Massnahmen)
	slices.SortStableFunc(ms, func(x, y *content.Massnahme) int { return naturalCmp(x.ID, y.ID) })
	// The measures of a strategy and their lists live in one array each:
	// at 10,000 measures, tens of thousands of small allocations were a
	// good part of the model's time, and the lists grew by doubling.
	var nMs, nVerlauf, nBet, nFf int
	for _, cm := range ms {
		nMs += len(cm.Meilensteine)
		nVerlauf += max(len(cm.Verlauf), 1)
		nBet += len(cm.Beteiligte)
		nFf += len(cm.Federfuehrung)
	}
	v := vorbereitet{ms: ms, arr: make([]Massnahme, len(ms)), key: make([]string, len(ms))}
	meilensteine := make([]Meilenstein, nMs)
	verlauf := make([]StatusEintrag, nVerlauf)
	beteiligte := make([]Beteiligter, nBet)
	federfuehrung := make([]*Akteur, nFf)
	strategieURL := StrategieURL(c.Slug) // the model's Strategie.URL
	for i, cm := range ms {
		v.key[i] = lower(cm.ID)
		if cm.ID == "" {
			continue
		}
		m := &v.arr[i]
		slug := anchorID(cm.ID)
		*m = Massnahme{
			Massnahme: *cm, Anchor: massnahmeAnker(slug),
			Handlungsfeld: b.site.handlungsfelder[cm.Handlungsfeld], md: b.md,
		}
		if m.Stand.IsZero() {
			m.Stand = c.Stand // the model's Strategie.Stand
		}
		mitText, ok := b.mitText[cm]
		if !ok {
			mitText = b.md.HatHTML(cm.Body.Text, eigeneSeite)
		}
		// As MassnahmeURL, with the slug made once.
		m.HatSeite = HatSeite(cm, mitText)
		if m.HatSeite {
			m.URL = massnahmeSeite(slug)
		} else {
			m.URL = strategieURL + "#" + m.Anchor
		}
		m.Federfuehrung = teil(&federfuehrung, len(cm.Federfuehrung))
		for _, f := range cm.Federfuehrung {
			if a := b.akteur(f); a != nil {
				m.Federfuehrung = append(m.Federfuehrung, a)
			}
		}
		m.Federfuehrung = nilWennLeer(m.Federfuehrung)
		m.Beteiligte = teil(&beteiligte, len(cm.Beteiligte))
		for _, t := range cm.Beteiligte {
			m.Beteiligte = append(m.Beteiligte, Beteiligter{Text: t, Akteur: b.akteur(t)})
		}
		m.Verlauf = teil(&verlauf, max(len(cm.Verlauf), 1))
		b.verlauf(m, cm)
		m.Verlauf = nilWennLeer(m.Verlauf)
		m.Meilensteine = teil(&meilensteine, len(cm.Meilensteine))
		for _, ms := range cm.Meilensteine {
			m.Meilensteine = append(m.Meilensteine, b.meilenstein(m, ms))
		}
	}
	return v
}

// massnahmen links the measures made by massnahmenVorbereiten to their
// strategy, goals, initiative and field of action.
func (b *builder) massnahmen(c *content.Strategie, v vorbereitet) {
	st := b.site.strategien[c.Slug]
	nZiele := 0
	for _, cm := range v.ms {
		nZiele += len(cm.Ziele)
	}
	ziele := make([]*Ziel, nZiele)
	for i, cm := range v.ms {
		key := v.key[i]
		if _, dup := b.site.massnahmen[key]; dup || cm.ID == "" {
			continue
		}
		m := &v.arr[i]
		m.Strategie = st
		if st.StandMassnahmen.IsZero() || st.StandMassnahmen.Start().Before(m.Stand.Start()) {
			st.StandMassnahmen = m.Stand
		}
		m.Ziele = teil(&ziele, len(cm.Ziele))
		for _, ref := range cm.Ziele {
			if z := b.ziel(c, ref); z != nil {
				m.Ziele = append(m.Ziele, z)
				z.Massnahmen = append(z.Massnahmen, m)
			}
		}
		m.Ziele = nilWennLeer(m.Ziele)
		for _, in := range st.Initiativen {
			if in.ID == cm.Initiative {
				m.Initiative = in
				in.Massnahmen = append(in.Massnahmen, m)
			}
		}
		st.Massnahmen = append(st.Massnahmen, m)
		st.Status.AddM(m)
		if h := m.Handlungsfeld; h != nil {
			h.Massnahmen = append(h.Massnahmen, m)
			h.Status.AddM(m)
			if e := st.hfEntry(h.Key); e != nil {
				e.Massnahmen = append(e.Massnahmen, m)
			}
		}
		b.site.massnahmen[key] = m
		b.site.Massnahmen = append(b.site.Massnahmen, m)
	}
}

// teil takes the next n elements of pool as an empty slice with room for
// n (nil for none), so that appending to it never reaches the next one's.
func teil[T any](pool *[]T, n int) []T {
	if n == 0 {
		return nil
	}
	s := (*pool)[:0:n]
	*pool = (*pool)[n:]
	return s
}

// nilWennLeer keeps a list nil when nothing was added, as before the
// lists were taken from one array.
func nilWennLeer[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
