package model

import "sort"

func (b *builder) handlungsfelder() {
	for _, h := range b.cs.Handlungsfelder {
		hf := &Handlungsfeld{Handlungsfeld: *h, URL: "/handlungsfelder/" + h.Key + "/", Beschreibung: b.render(h.Body, "", 0)}
		b.site.handlungsfelder[h.Key] = hf
		b.site.Handlungsfelder = append(b.site.Handlungsfelder, hf)
	}
	sort.SliceStable(b.site.Handlungsfelder, func(i, j int) bool {
		return collate(b.site.Handlungsfelder[i].Name) < collate(b.site.Handlungsfelder[j].Name)
	})
}

func (b *builder) hfs(keys []string) []*Handlungsfeld {
	var out []*Handlungsfeld
	for _, k := range keys {
		if h := b.site.handlungsfelder[k]; h != nil {
			out = append(out, h)
		}
	}
	return out
}
