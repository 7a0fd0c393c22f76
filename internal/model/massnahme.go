package model

import (
	"sort"

	"tdsite/internal/content"
)

func (b *builder) massnahmen(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	ms := append([]*content.Massnahme(nil), c.Massnahmen...)
	sort.SliceStable(ms, func(i, j int) bool { return naturalLess(ms[i].ID, ms[j].ID) })
	for _, cm := range ms {
		if _, dup := b.site.massnahmen[lower(cm.ID)]; dup || cm.ID == "" {
			continue
		}
		m := &Massnahme{
			Massnahme: *cm, Strategie: st, Anchor: MassnahmeAnker(cm.ID),
			Handlungsfeld: b.site.handlungsfelder[cm.Handlungsfeld], md: b.md,
		}
		if m.Stand.IsZero() {
			m.Stand = st.Stand
		}
		if st.StandMassnahmen.IsZero() || st.StandMassnahmen.Start().Before(m.Stand.Start()) {
			st.StandMassnahmen = m.Stand
		}
		mitText, ok := b.mitText[cm]
		if !ok {
			mitText = b.md.HatHTML(cm.Body.Text, eigeneSeite)
		}
		m.HatSeite = HatSeite(cm, mitText)
		m.URL = MassnahmeURL(st.Slug, cm, mitText)
		for _, f := range cm.Federfuehrung {
			if a := b.akteur(f); a != nil {
				m.Federfuehrung = append(m.Federfuehrung, a)
			}
		}
		for _, t := range cm.Beteiligte {
			m.Beteiligte = append(m.Beteiligte, Beteiligter{Text: t, Akteur: b.akteur(t)})
		}
		for _, ref := range cm.Ziele {
			if z := b.site.ziele[content.Qualify(c, ref)]; z != nil {
				m.Ziele = append(m.Ziele, z)
				z.Massnahmen = append(z.Massnahmen, m)
			}
		}
		for _, in := range st.Initiativen {
			if in.ID == cm.Initiative {
				m.Initiative = in
				in.Massnahmen = append(in.Massnahmen, m)
			}
		}
		b.verlauf(m, cm)
		for _, ms := range cm.Meilensteine {
			m.Meilensteine = append(m.Meilensteine, b.meilenstein(m, ms))
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
		b.site.massnahmen[lower(m.ID)] = m
		b.site.Massnahmen = append(b.site.Massnahmen, m)
	}
}
