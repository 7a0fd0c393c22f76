package model

import (
	"slices"
	"strings"
)

func (b *builder) handlungsfelder() {
	for _, h := range b.cs.Handlungsfelder {
		hf := &Handlungsfeld{Handlungsfeld: *h, URL: "/handlungsfelder/" + h.Key + "/", Beschreibung: b.render(h.Body, "", 0)}
		b.site.handlungsfelder[h.Key] = hf
		b.site.Handlungsfelder = append(b.site.Handlungsfelder, hf)
	}
	name := make(map[*Handlungsfeld]string, len(b.site.Handlungsfelder))
	for _, h := range b.site.Handlungsfelder {
		name[h] = collate(h.Name)
	}
	slices.SortStableFunc(b.site.Handlungsfelder, func(a, c *Handlungsfeld) int { return strings.Compare(name[a], name[c]) })
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
