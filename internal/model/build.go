package model

import (
	"html/template"
	"sort"
	"strings"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
)

func lower(s string) string { return strings.ToLower(s) }

// anchorID makes an HTML id from an ID like "Z1.1" → "z1-1".
func anchorID(s string) string { return content.Slugify(s) }

type builder struct {
	cs   *content.Site
	md   *markdown.Renderer
	site *Site
}

// Build links validated content into the model. It tolerates content with
// errors (skipping what cannot be resolved), so that the dev server can still
// show the last good state next to the errors.
func Build(cs *content.Site, cfg *config.Config, md *markdown.Renderer, buildDate datum.Datum) *Site {
	s := &Site{
		Config:          cfg,
		BuildDate:       buildDate,
		Seiten:          map[string]*Seite{},
		strategien:      map[string]*Strategie{},
		handlungsfelder: map[string]*Handlungsfeld{},
		massnahmen:      map[string]*Massnahme{},
		akteure:         map[string]*Akteur{},
		ziele:           map[string]*Ziel{},
	}
	b := &builder{cs: cs, md: md, site: s}
	b.akteure()
	b.handlungsfelder()
	for _, cst := range cs.Strategien {
		b.strategieBasis(cst)
	}
	for _, cst := range cs.Strategien {
		b.strategieLinks(cst)
	}
	for _, cst := range cs.Strategien {
		b.ziele(cst)
		b.wirkung(cst)
	}
	for _, cst := range cs.Strategien {
		b.initiativen(cst)
		b.massnahmen(cst)
		b.meldungen(cst)
		b.beschluesseUndBeteiligung(cst)
	}
	b.related()
	b.seiten()
	b.berichte()
	b.barrierefreiheit()
	b.order()
	s.sortTermine()
	b.beispieleTrennen()
	b.verbindungen()
	return s
}

func (b *builder) render(m content.Markdown, prefix string, offset int) template.HTML {
	return b.md.Render(m.Text, markdown.Options{Prefix: prefix, Offset: offset})
}

func (b *builder) text(s, prefix string, offset int) template.HTML {
	return b.md.Render([]byte(s), markdown.Options{Prefix: prefix, Offset: offset})
}

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

// collate makes German names sort as readers expect (Ä with A, ß as ss).
func collate(s string) string {
	return strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss", "„", "", "“", "").Replace(strings.ToLower(s))
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

func (b *builder) strategieBasis(c *content.Strategie) {
	st := &Strategie{
		Strategie: *c, URL: "/strategien/" + c.Slug + "/",
		Rahmen: c.IsRahmen(), Leitfaden: c.Leitfaden(),
		Federfuehrung: b.akteur(c.Federfuehrung),
		Beschreibung:  b.render(c.Body, "", 1),
		Leitbild:      b.text(c.LeitbildMarkdown, "leitbild-", 2),
	}
	st.Horizonte.Leitbild, st.Horizonte.Ziele, st.Horizonte.Etappen = c.HorizontLeitbildJahr(), c.HorizontZieleJahr(), c.HorizontEtappenJahr()
	st.Zyklus = max(c.Zyklus, 1)
	if st.Kurzname == "" {
		st.Kurzname = st.Name
	}
	for _, k := range c.Beteiligt {
		if a := b.akteur(k); a != nil {
			st.Beteiligt = append(st.Beteiligt, a)
		}
	}
	st.Files = strategyFiles(c)

	// Phases: the six phases of the current cycle, with dates where known.
	if i := content.PhaseIndex(c.AktuellePhase); i >= 0 {
		st.AktuellePhase = &content.Phasen[i]
	}
	for z := 1; z <= 2; z++ {
		var row []Phase
		dated := false
		for i, info := range content.Phasen {
			if z == 2 && i == 0 {
				continue // Projektstart happens once, before the first cycle
			}
			p := Phase{Info: info, Zyklus: z}
			for _, cp := range c.Phasen {
				if cp.Phase == info.Key && (max(cp.Zyklus, 1) == z || info.Key == "projektstart") {
					p.Beginn, p.Ende, p.Ergebnis = cp.Beginn, cp.Ende, cp.Ergebnis
					dated = true
				}
			}
			if st.AktuellePhase != nil {
				cur := content.PhaseIndex(c.AktuellePhase)
				switch {
				case z < st.Zyklus || (z == st.Zyklus && i < cur):
					p.Zustand = "abgeschlossen"
				case z == st.Zyklus && i == cur:
					p.Zustand = "aktuell"
				default:
					p.Zustand = "geplant"
				}
			}
			row = append(row, p)
		}
		if z == 1 || dated || st.Zyklus == 2 {
			st.Phasen = append(st.Phasen, row...)
		}
	}

	gremien := map[string]*Gremium{}
	for _, g := range c.Gremien {
		gr := &Gremium{Gremium: g, ArtLabel: content.GremiumArten[g.Art],
			Organisation: b.akteur(g.Organisation), Handlungsfeld: b.site.handlungsfelder[g.Handlungsfeld]}
		gr.Anzahl = max(g.Anzahl, len(g.Mitglieder))
		gremien[g.Schluessel] = gr
		st.Gremien = append(st.Gremien, gr)
	}
	for _, key := range []string{"erstellung", "umsetzung"} {
		t := RollenTabelle{Key: key, Titel: content.RollenTabellen[key]}
		used := map[string]bool{}
		for _, r := range c.Rollen {
			if orDefault(r.Tabelle, "erstellung") != key {
				continue
			}
			for who := range r.Zuordnung {
				used[who] = true
			}
		}
		for _, g := range st.Gremien { // columns in the order the bodies are listed
			if used[g.Schluessel] {
				t.Spalten = append(t.Spalten, g)
			}
		}
		for _, r := range c.Rollen {
			if orDefault(r.Tabelle, "erstellung") != key {
				continue
			}
			row := RollenZeile{Aufgabe: r.Aufgabe}
			for _, g := range t.Spalten {
				row.Zellen = append(row.Zellen, strings.ReplaceAll(r.Zuordnung[g.Schluessel], " ", ""))
			}
			t.Zeilen = append(t.Zeilen, row)
		}
		if len(t.Zeilen) > 0 {
			st.Rollen = append(st.Rollen, t)
		}
	}
	for i, f := range c.Fokusziele {
		st.Fokusziele = append(st.Fokusziele, Fokusziel{Nummer: i + 1, Titel: f.Titel, Text: b.md.Inline(f.Text)})
	}
	st.IstAnalyse = b.istAnalyse(c.IstAnalyse, "ist-", 2)

	files := map[string]*content.StrategieHF{}
	for _, h := range c.HF {
		files[h.Key] = h
	}
	for _, key := range c.Handlungsfelder {
		hf := b.site.handlungsfelder[key]
		if hf == nil {
			continue
		}
		e := &StrategieHF{Strategie: st, Handlungsfeld: hf, Anchor: "hf-" + key}
		if f := files[key]; f != nil {
			e.StrategieHF = *f
			e.Leitbild = b.render(f.Body, "hf-"+key+"-", 2)
			e.IstAnalyse = b.istAnalyse(f.IstAnalyse, "ist-"+key+"-", 2)
			e.Fachgruppe = gremien[f.Fachgruppe]
		}
		if e.Stand.IsZero() {
			e.Stand = st.Stand
		}
		st.HF = append(st.HF, e)
		hf.Strategien = append(hf.Strategien, st)
		hf.Eintraege = append(hf.Eintraege, e)
	}
	for _, lt := range c.Leitthemen {
		l := Leitthema{Schluessel: lt.Schluessel, Name: lt.Name, Kuerzel: lt.Kuerzel, Text: b.text(lt.Text, "lt-"+lt.Schluessel+"-", 3)}
		for _, key := range lt.Handlungsfelder {
			if e := st.hfEntry(key); e != nil {
				l.HF = append(l.HF, e)
			}
		}
		st.Leitthemen = append(st.Leitthemen, l)
	}
	if c.Backlog != nil {
		for _, e := range c.Backlog.Eintraege {
			if e.Oeffentlich { // the Leitfaden keeps the backlog internal unless released
				st.Backlog = append(st.Backlog, e)
			}
		}
	}
	if ls := c.LeichteSprache; ls != nil {
		st.LeichteSprache = &Seite{Seite: *ls, Text: b.seitenText(ls, true), URL: st.URL + "leichte-sprache/"}
	}
	st.StandZiele, st.StandInitiativen, st.StandMesswerte = st.Stand, st.Stand, st.Stand
	if c.Ziele != nil && !c.Ziele.Stand.IsZero() {
		st.StandZiele = c.Ziele.Stand
	}
	if c.Initiativen != nil && !c.Initiativen.Stand.IsZero() {
		st.StandInitiativen = c.Initiativen.Stand
	}
	if c.Messwerte != nil {
		if !c.Messwerte.Stand.IsZero() {
			st.StandMesswerte = c.Messwerte.Stand
		}
	}
	b.dokumente(st, c)
	b.site.strategien[st.Slug] = st
	b.site.Strategien = append(b.site.Strategien, st)
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func strategyFiles(c *content.Strategie) []string {
	files := []string{c.File}
	for _, h := range c.HF {
		files = append(files, h.File)
	}
	if c.Ziele != nil {
		files = append(files, c.Ziele.File)
	}
	if c.Initiativen != nil {
		files = append(files, c.Initiativen.File)
	}
	if c.Messwerte != nil {
		files = append(files, c.Messwerte.File)
	}
	if c.Backlog != nil {
		files = append(files, c.Backlog.File)
	}
	if c.Wirkung != nil {
		files = append(files, c.Wirkung.File)
	}
	for _, m := range c.Massnahmen {
		files = append(files, m.File)
	}
	for _, m := range c.Meldungen {
		files = append(files, m.File)
	}
	if c.LeichteSprache != nil {
		files = append(files, c.LeichteSprache.File)
	}
	sort.Strings(files)
	return files
}

func (st *Strategie) hfEntry(key string) *StrategieHF {
	for _, e := range st.HF {
		if e.Handlungsfeld.Key == key {
			return e
		}
	}
	return nil
}

func (b *builder) istAnalyse(c *content.IstAnalyse, prefix string, offset int) *IstAnalyse {
	if c == nil {
		return nil
	}
	ia := &IstAnalyse{IstAnalyse: *c, Text: b.text(c.TextMarkdown, prefix, offset)}
	if r := c.Reifegrad; r != nil {
		ia.Reifegrad = &Reifegrad{Reifegrad: *r, Max: max(len(r.Stufen), 5)}
	}
	return ia
}

func (b *builder) strategieLinks(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	if r := b.site.strategien[c.Rahmenstrategie]; r != nil && r != st {
		st.Rahmenstrategie = r
		r.Abgeleitete = append(r.Abgeleitete, st)
	}
	if a := b.site.strategien[c.AbgeloestDurch]; a != nil && a != st {
		st.AbgeloestDurch = a
		st.Abgeloest = true
		a.Vorgaenger = appendUnique(a.Vorgaenger, st)
		st.Nachfolger = appendUnique(st.Nachfolger, a)
	}
	for _, v := range c.Vorgaenger {
		if p := b.site.strategien[v]; p != nil && p != st {
			st.Vorgaenger = appendUnique(st.Vorgaenger, p)
			p.Nachfolger = appendUnique(p.Nachfolger, st)
			p.Abgeloest = true
		}
	}
	for _, v := range c.Verwandt {
		if p := b.site.strategien[v]; p != nil && p != st {
			st.Verwandt = appendUnique(st.Verwandt, p)
			p.Verwandt = appendUnique(p.Verwandt, st)
		}
	}
}

func appendUnique[T comparable](list []T, v T) []T {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func (b *builder) newZiel(st *Strategie, id string, kind content.GoalKind, text string, hfs []*Handlungsfeld) *Ziel {
	z := &Ziel{Strategie: st, ID: id, Key: st.Slug + "/" + id, Kind: kind, Text: text,
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
	for _, set := range c.Ziele.Zielsets {
		hfs := b.hfs(set.Handlungsfelder)
		jahr := set.Zieljahr
		if jahr == 0 {
			jahr = st.Horizonte.Ziele
		}
		zs := &Zielset{Strategie: st, Handlungsfelder: hfs, Zieljahr: jahr, Beschlossen: set.Beschlossen,
			Pfad: b.text(set.Pfad, "pfad-"+anchorID(set.ID)+"-", 3), Prioritaet: set.Prioritaet}
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
		parent := b.site.ziele[content.Qualify(c, set.AbgeleitetVon)]
		var hfs []*Handlungsfeld
		if parent != nil {
			hfs = parent.Handlungsfelder
		}
		jahr := set.Zieljahr
		if jahr == 0 {
			jahr = st.Horizonte.Etappen
		}
		es := &Etappenset{Strategie: st, AbgeleitetVon: parent, Zieljahr: jahr, Beschlossen: set.Beschlossen,
			Pfad: b.text(set.Pfad, "pfad-"+anchorID(set.ID)+"-", 3), Projektleitung: set.Projektleitung}
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
		for _, m := range c.Messwerte.Messwerte {
			if z := b.site.ziele[content.Qualify(c, m.Ziel)]; z != nil && z.Strategie == st {
				z.Messwerte = append(z.Messwerte, m)
			}
		}
	}
	for _, z := range st.Ziele() {
		sort.SliceStable(z.Messwerte, func(i, j int) bool { return z.Messwerte[i].Datum.Start().Before(z.Messwerte[j].Datum.Start()) })
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

// MassnahmenOhneHF returns the measures not assigned to a Handlungsfeld.
func (st *Strategie) MassnahmenOhneHF() []*Massnahme {
	var out []*Massnahme
	for _, m := range st.Massnahmen {
		if m.Handlungsfeld == nil {
			out = append(out, m)
		}
	}
	return out
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
			if z := b.site.ziele[content.Qualify(c, ref)]; z != nil {
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

func (b *builder) massnahmen(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	ms := append([]*content.Massnahme(nil), c.Massnahmen...)
	sort.SliceStable(ms, func(i, j int) bool { return naturalLess(ms[i].ID, ms[j].ID) })
	for _, cm := range ms {
		if _, dup := b.site.massnahmen[lower(cm.ID)]; dup || cm.ID == "" {
			continue
		}
		m := &Massnahme{
			Massnahme: *cm, Strategie: st, Anchor: "massnahme-" + anchorID(cm.ID),
			Handlungsfeld: b.site.handlungsfelder[cm.Handlungsfeld],
			Beschreibung:  b.render(cm.Body, "", 0),
		}
		if m.Stand.IsZero() {
			m.Stand = st.Stand
		}
		if st.StandMassnahmen.IsZero() || st.StandMassnahmen.Start().Before(m.Stand.Start()) {
			st.StandMassnahmen = m.Stand
		}
		m.HatSeite = m.Beschreibung != "" || len(cm.Meilensteine) > 0 || cm.KostenNutzen != nil
		if m.HatSeite {
			m.URL = "/massnahmen/" + anchorID(cm.ID) + "/"
		} else {
			m.URL = st.URL + "#" + m.Anchor
		}
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

// naturalLess sorts IDs with numbers by value: "M1-2" before "M1-10".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		ca, cb := a[0], b[0]
		if isDigit(ca) && isDigit(cb) {
			na, ra := number(a)
			nb, rb := number(b)
			if na != nb {
				return na < nb
			}
			a, b = ra, rb
			continue
		}
		if ca != cb {
			return ca < cb
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func number(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && isDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, s[i:]
}

func (b *builder) meldungen(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	for _, cm := range c.Meldungen {
		m := &Meldung{Meldung: *cm, Strategie: st, Text: b.render(cm.Body, "", 0),
			URL: st.URL + "meldungen/" + cm.Slug + "/"}
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

// related links strategies that share Handlungsfelder.
func (b *builder) related() {
	for _, st := range b.site.Strategien {
		st.GemeinsameHF = map[*Strategie][]*Handlungsfeld{}
	}
	for _, h := range b.site.Handlungsfelder {
		for _, a := range h.Strategien {
			for _, o := range h.Strategien {
				if a != o {
					a.GemeinsameHF[o] = append(a.GemeinsameHF[o], h)
					a.Verwandt = appendUnique(a.Verwandt, o)
				}
			}
		}
	}
}

// verbindungen lists each strategy's related ones in the final order,
// sharing one Verbindung between all strategies that see the same.
func (b *builder) verbindungen() {
	seen := map[string]*Verbindung{}
	for _, s := range b.site.Strategien {
		for _, o := range s.Verwandt {
			hf := s.GemeinsameHF[o]
			key := o.Slug
			for _, h := range hf {
				key += "|" + h.Key
			}
			v := seen[key]
			if v == nil {
				v = &Verbindung{Strategie: o, Handlungsfelder: hf}
				seen[key] = v
			}
			s.Verbindungen = append(s.Verbindungen, v)
		}
	}
}

func (b *builder) seiten() {
	for _, p := range b.cs.Seiten {
		b.site.Seiten[p.Slug] = &Seite{Seite: *p, Text: b.seitenText(p, p.Slug == SeiteLeichteSprache),
			URL: "/" + p.Slug + "/", Videos: b.videos(p.Videos)}
	}
}

// order sorts strategies: current framework strategies, then sectoral ones by
// name, fictional examples and superseded strategies last.
func (b *builder) order() {
	rank := func(s *Strategie) int {
		switch {
		case s.Rahmen && !s.Abgeloest:
			return 0
		case s.Beispiel:
			return 2
		case s.Abgeloest:
			return 3
		}
		return 1
	}
	sort.SliceStable(b.site.Strategien, func(i, j int) bool {
		a, c := b.site.Strategien[i], b.site.Strategien[j]
		if ra, rc := rank(a), rank(c); ra != rc {
			return ra < rc
		}
		return collate(a.Name) < collate(c.Name)
	})
	pos := map[*Strategie]int{}
	for i, s := range b.site.Strategien {
		pos[s] = i
	}
	byOrder := func(list []*Strategie) {
		sort.SliceStable(list, func(i, j int) bool { return pos[list[i]] < pos[list[j]] })
	}
	for _, s := range b.site.Strategien {
		byOrder(s.Abgeleitete)
		byOrder(s.Verwandt)
		byOrder(s.Vorgaenger)
		byOrder(s.Nachfolger)
	}
	for _, h := range b.site.Handlungsfelder {
		byOrder(h.Strategien)
		sort.SliceStable(h.Eintraege, func(i, j int) bool { return pos[h.Eintraege[i].Strategie] < pos[h.Eintraege[j].Strategie] })
	}
	sort.SliceStable(b.site.Massnahmen, func(i, j int) bool {
		a, c := b.site.Massnahmen[i], b.site.Massnahmen[j]
		if a.Strategie != c.Strategie {
			return pos[a.Strategie] < pos[c.Strategie]
		}
		return naturalLess(a.ID, c.ID)
	})
	sortNews(b.site.Meldungen)
}
