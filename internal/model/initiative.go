package model

import "tdsite/internal/content"

func (b *builder) initiativen(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	if c.Initiativen == nil {
		return
	}
	for _, i := range c.Initiativen.Initiativen {
		in := &Initiative{Initiative: i, Strategie: st, Key: st.Slug + "/" + i.ID,
			Anchor: "initiative-" + anchorID(i.ID), Beschreibung: b.text(i.BeschreibungMarkdown, "init-"+anchorID(i.ID)+"-", 3)}
		in.URL = st.URL + "#" + in.Anchor
		seen := map[*Handlungsfeld]bool{}
		for _, ref := range i.Unterstuetzt {
			if z := b.ziel(c, ref); z != nil {
				in.Unterstuetzt = append(in.Unterstuetzt, z)
				z.Initiativen = append(z.Initiativen, in)
				for _, h := range z.Handlungsfelder {
					if !seen[h] {
						seen[h] = true
						in.Handlungsfelder = append(in.Handlungsfelder, h)
					}
				}
			}
		}
		for _, r := range i.Ressorts {
			if a := b.akteur(r); a != nil {
				in.Ressorts = append(in.Ressorts, a)
			}
		}
		st.Initiativen = append(st.Initiativen, in)
		b.site.Initiativen = append(b.site.Initiativen, in)
	}
}
