package model

import (
	"sort"

	"tdsite/internal/content"
)

func (b *builder) akteure() {
	if b.cs.Akteure == nil {
		return
	}
	for _, list := range [][]content.Akteur{b.cs.Akteure.Ressorts, b.cs.Akteure.Organisationen} {
		for _, a := range list {
			if _, dup := b.site.akteure[a.Kuerzel]; dup || a.Kuerzel == "" {
				continue
			}
			ak := &Akteur{a}
			b.site.akteure[a.Kuerzel] = ak
			b.site.Akteure = append(b.site.Akteure, ak)
		}
	}
	sort.Slice(b.site.Akteure, func(i, j int) bool { return b.site.Akteure[i].Kuerzel < b.site.Akteure[j].Kuerzel })
}

func (b *builder) akteur(k string) *Akteur { return b.site.akteure[k] }
