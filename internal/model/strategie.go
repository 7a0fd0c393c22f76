package model

import (
	"slices"
	"sort"
	"strings"

	"tdsite/internal/content"
)

func (b *builder) strategieBasis(c *content.Strategie) {
	st := &Strategie{
		Strategie: *c, URL: StrategieURL(c.Slug),
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
	st.Files = strategieDateien(c)

	// Phases: the six phases of the current cycle, with dates where known.
	if i := content.PhaseIndex(c.AktuellePhase); i >= 0 {
		st.AktuellePhase = &content.Phasen[i]
	}
	for z := 1; z <= 2; z++ {
		row := make([]Phase, 0, len(content.Phasen))
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
		switch {
		case z == 1:
			st.Phasen = row
		case dated || st.Zyklus == 2:
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
			if len(t.Spalten) > 0 {
				row.Zellen = make([]string, 0, len(t.Spalten))
			}
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
		st.Fokusziele = append(st.Fokusziele, Fokusziel{Fokusziel: f, Nummer: i + 1, Text: b.md.Inline(f.TextMarkdown)})
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
		l := Leitthema{Leitthema: lt, Text: b.text(lt.TextMarkdown, "lt-"+lt.Schluessel+"-", 3)}
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

func strategieDateien(c *content.Strategie) []string {
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

// related links strategies that share Handlungsfelder.
func (b *builder) related() {
	// Each strategy's fields of action, as often as it is listed in
	// them: for a pair (a, o), GemeinsameHF[o] gets the fields in the order
	// of b.site.Handlungsfelder, once for each time both are listed there.
	felder := make(map[*Strategie][]*Handlungsfeld, len(b.site.Strategien))
	for _, h := range b.site.Handlungsfelder {
		for _, a := range h.Strategien {
			felder[a] = append(felder[a], h)
		}
	}
	// At 170 strategies sharing few fields, most pairs of strategies share
	// one: a map of small slices grown one by one was the model's largest
	// cost after the measures. Counted first, they share one array.
	anzahl := map[*Strategie]int{}
	for _, a := range b.site.Strategien {
		clear(anzahl)
		gesamt := 0
		for _, h := range felder[a] {
			for _, o := range h.Strategien {
				if a != o {
					anzahl[o]++
					gesamt++
				}
			}
		}
		gemeinsam := make(map[*Strategie][]*Handlungsfeld, len(anzahl))
		pool := make([]*Handlungsfeld, gesamt)
		erklaert := len(a.Verwandt) // declared in the files (strategieLinks)
		a.Verwandt = slices.Grow(a.Verwandt, len(anzahl))
		for _, h := range felder[a] {
			for _, o := range h.Strategien {
				if a == o {
					continue
				}
				list, ok := gemeinsam[o]
				if !ok {
					list = teil(&pool, anzahl[o])
					if !slices.Contains(a.Verwandt[:erklaert], o) {
						a.Verwandt = append(a.Verwandt, o)
					}
				}
				gemeinsam[o] = append(list, h)
			}
		}
		a.GemeinsameHF = gemeinsam
	}
}

// verbindungen lists each strategy's related ones in the final order,
// sharing one Verbindung between all strategies that see the same.
func (b *builder) verbindungen() {
	seen := map[string]*Verbindung{}
	var key []byte // the strategy and the fields, made in one buffer
	for _, s := range b.site.Strategien {
		if len(s.Verwandt) > 0 {
			s.Verbindungen = make([]*Verbindung, 0, len(s.Verwandt))
		}
		for _, o := range s.Verwandt {
			hf := s.GemeinsameHF[o]
			key = append(key[:0], o.Slug...)
			for _, h := range hf {
				key = append(append(key, '|'), h.Key...)
			}
			v := seen[string(key)]
			if v == nil {
				v = &Verbindung{Strategie: o, Handlungsfelder: hf}
				seen[string(key)] = v
			}
			s.Verbindungen = append(s.Verbindungen, v)
		}
	}
}
