package model

import (
	"slices"

	"tdsite/internal/content"
)

func (b *builder) newZiel(st *Strategie, id string, kind content.GoalKind, text string, hfs []*Handlungsfeld) *Ziel {
	var z *Ziel
	if len(b.zielPool) > 0 {
		z, b.zielPool = &b.zielPool[0], b.zielPool[1:]
	} else {
		z = new(Ziel)
	}
	*z = Ziel{Strategie: st, ID: id, Key: st.Slug + "/" + id, Kind: kind, Text: text,
		Anchor: "ziel-" + anchorID(id), Handlungsfelder: hfs}
	z.URL = st.URL + "#" + z.Anchor
	if _, dup := b.site.ziele[z.Key]; !dup {
		b.site.ziele[z.Key] = z
	}
	return z
}

func (b *builder) quant(st *Strategie, q content.Quantitativ, kind content.GoalKind, hfs []*Handlungsfeld, jahr int) *Ziel {
	z := b.newZiel(st, q.ID, kind, q.Text, hfs)
	z.Indikator, z.Einheit, z.Quelle, z.Methode = q.Indikator, q.Einheit, q.Quelle, q.Methode
	z.Zielwert, z.Entwurf, z.Fallend = q.Zielwert, q.Entwurf, q.Richtung == "fallend"
	z.Verantwortlich = q.Teilprojektleitung
	z.Zieljahr = jahr
	if q.Zieljahr != 0 {
		z.Zieljahr = q.Zieljahr
	}
	if q.Basis != nil {
		z.Basis = &Wert{Wert: q.Basis.Wert, Datum: q.Basis.Datum}
	}
	return z
}

func (b *builder) ziele(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	if c.Ziele == nil {
		return
	}
	// The goals of a strategy live in one array (see massnahmen).
	b.zielPool = make([]Ziel, zielAnzahl(c.Ziele))
	defer func() { b.zielPool = nil }()
	for _, set := range c.Ziele.Zielsets {
		hfs := b.hfs(set.Handlungsfelder)
		jahr := set.Zieljahr
		if jahr == 0 {
			jahr = st.Horizonte.Ziele
		}
		zs := &Zielset{Zielset: set, Strategie: st, Handlungsfelder: hfs,
			Pfad: b.text(set.PfadMarkdown, "pfad-"+anchorID(set.ID)+"-", 3)}
		zs.Zieljahr = jahr
		zs.Qualitativ = b.newZiel(st, set.ID, content.ZielQualitativ, set.Text, hfs)
		zs.Qualitativ.Zielset, zs.Qualitativ.Zieljahr = zs, jahr
		zs.Qualitativ.Verantwortlich = set.Projektleitung
		for _, q := range set.Quantitativ {
			z := b.quant(st, q, content.ZielQuantitativ, hfs, jahr)
			z.Zielset = zs
			zs.Quantitativ = append(zs.Quantitativ, z)
		}
		st.Zielsets = append(st.Zielsets, zs)
		for _, h := range hfs {
			h.Zielsets = append(h.Zielsets, zs)
			if e := st.hfEntry(h.Key); e != nil {
				e.Zielsets = append(e.Zielsets, zs)
			}
		}
	}
	for _, set := range c.Ziele.Etappenziele {
		parent := b.ziel(c, set.AbgeleitetVon)
		var hfs []*Handlungsfeld
		if parent != nil {
			hfs = parent.Handlungsfelder
		}
		jahr := set.Zieljahr
		if jahr == 0 {
			jahr = st.Horizonte.Etappen
		}
		es := &Etappenset{Etappenset: set, Strategie: st, AbgeleitetVon: parent,
			Pfad: b.text(set.PfadMarkdown, "pfad-"+anchorID(set.ID)+"-", 3)}
		es.Zieljahr = jahr
		es.Qualitativ = b.newZiel(st, set.ID, content.EtappeQualitativ, set.Text, hfs)
		es.Qualitativ.Etappenset, es.Qualitativ.Zieljahr = es, jahr
		es.Qualitativ.Verantwortlich = set.Projektleitung
		for _, q := range set.Quantitativ {
			z := b.quant(st, q, content.EtappeQuantitativ, hfs, jahr)
			z.Etappenset = es
			es.Quantitativ = append(es.Quantitativ, z)
		}
		st.Etappensets = append(st.Etappensets, es)
		if parent != nil && parent.Zielset != nil {
			parent.Zielset.Etappensets = append(parent.Zielset.Etappensets, es)
		}
	}
	for _, g := range c.Ziele.Ziele {
		hfs := b.hfs([]string{g.Handlungsfeld})
		z := b.newZiel(st, g.ID, content.ZielEinfach, g.Text, hfs)
		st.EinfacheZiele = append(st.EinfacheZiele, z)
		for _, h := range hfs {
			h.Ziele = append(h.Ziele, z)
			if e := st.hfEntry(h.Key); e != nil {
				e.Ziele = append(e.Ziele, z)
			}
		}
	}
	if c.Messwerte != nil {
		// Counted first, each goal's measurements get their room in one
		// array: appended one by one, they were the largest part of the
		// goals' allocations.
		ziele := make([]*Ziel, len(c.Messwerte.Messwerte))
		anzahl := map[*Ziel]int{}
		for i, m := range c.Messwerte.Messwerte {
			if z := b.ziel(c, m.Ziel); z != nil && z.Strategie == st {
				ziele[i] = z
				anzahl[z]++
			}
		}
		pool := make([]Messwert, len(c.Messwerte.Messwerte))
		for i, m := range c.Messwerte.Messwerte {
			if z := ziele[i]; z != nil {
				if z.Messwerte == nil {
					z.Messwerte = teil(&pool, anzahl[z])
				}
				z.Messwerte = append(z.Messwerte, m)
			}
		}
	}
	for _, z := range st.Ziele() {
		slices.SortStableFunc(z.Messwerte, func(a, c Messwert) int { return a.Datum.Start().Compare(c.Datum.Start()) })
		if z.Kind.Quantitativ() {
			computeProgress(z)
		}
	}
}

// Ziele returns all goals of the strategy in page order.
func (st *Strategie) Ziele() []*Ziel {
	var out []*Ziel
	for _, zs := range st.Zielsets {
		out = append(out, zs.Qualitativ)
		out = append(out, zs.Quantitativ...)
	}
	for _, es := range st.Etappensets {
		out = append(out, es.Qualitativ)
		out = append(out, es.Quantitativ...)
	}
	return append(out, st.EinfacheZiele...)
}

// QuantitativeZiele returns all measurable goals of the strategy.
func (st *Strategie) QuantitativeZiele() []*Ziel {
	var out []*Ziel
	for _, z := range st.Ziele() {
		if z.Kind.Quantitativ() {
			out = append(out, z)
		}
	}
	return out
}

// ziel looks up a goal referenced in strategy c, as
// b.site.ziele[content.Qualify(c, ref)] but without making the key.
func (b *builder) ziel(c *content.Strategie, ref string) *Ziel {
	b.schluessel = content.AppendQualified(b.schluessel[:0], c, ref)
	return b.site.ziele[string(b.schluessel)]
}

// zielAnzahl is how many goals ziele makes of a ziele.toml.
func zielAnzahl(z *content.Ziele) int {
	if z == nil {
		return 0
	}
	n := len(z.Ziele)
	for _, set := range z.Zielsets {
		n += 1 + len(set.Quantitativ)
	}
	for _, set := range z.Etappenziele {
		n += 1 + len(set.Quantitativ)
	}
	return n
}
