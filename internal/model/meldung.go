package model

import (
	"sort"

	"tdsite/internal/content"
)

func (b *builder) meldungen(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	for _, cm := range c.Meldungen {
		m := &Meldung{Meldung: *cm, Strategie: st, URL: MeldungURL(st.Slug, cm.Slug), md: b.md}
		st.Meldungen = append(st.Meldungen, m)
		b.site.Meldungen = append(b.site.Meldungen, m)
	}
	sortNews(st.Meldungen)
}

func sortNews(list []*Meldung) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Datum.Start(), list[j].Datum.Start()
		if !a.Equal(b) {
			return a.After(b)
		}
		return list[i].URL < list[j].URL
	})
}
