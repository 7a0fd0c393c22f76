package landkarte

import (
	"strconv"

	"tdsite/internal/model"
)

const (
	wRahmen       = 190
	wStrategie    = 220
	wInitiativeTH = 200
	// maxBeispiele is the number of fictional examples a map of several
	// strategies draws. Each adds its boxes and fields of action; a site
	// with hundreds of examples (the generated benchmark sites) would
	// otherwise make a map page of megabytes (page-weight budget,
	// internal/pages/gewicht.go). Real strategies are always all drawn.
	maxBeispiele = 5
)

// Thueringen is the map of all strategies: framework strategies, the
// sectoral strategies derived from them, their fields of action (shared
// ones connect strategies) and the strategic initiatives, which connect
// fields of action across strategies. Goals and measures are counted per
// field of action; the per-strategy maps show them one by one.
func Thueringen(s *model.Site, url func(string) string) (*Map, error) {
	rahmen, others := SplitRahmen(s)
	m := portfolio("karte-thueringen", "Strategielandkarte Thüringen: alle Digitalstrategien", rahmen, others)
	return m, m.finish(url)
}

// SplitRahmen separates the framework strategies from the others, each in
// site order.
func SplitRahmen(s *model.Site) (rahmen, others []*model.Strategie) {
	for _, st := range s.Strategien {
		if st.Rahmen {
			rahmen = append(rahmen, st)
		} else {
			others = append(others, st)
		}
	}
	return rahmen, others
}

// portfolio builds a map of framework strategies and the strategies around
// them.
func portfolio(id, title string, rahmen, strategies []*model.Strategie) *Map {
	strategies, ohne := wenigeBeispiele(strategies)
	m := &Map{ID: id, Title: title}
	b := &builder{m: m, index: map[string]int{}}
	lRahmen := b.layer("Rahmenstrategien", wRahmen)
	lStrat := b.layer("Strategien", wStrategie)
	lHF := b.layer("Handlungsfelder", wHFSumme)
	lInit := b.layer("Strategische Initiativen", wInitiativeTH)

	inMap := map[*model.Strategie]bool{}
	for _, st := range rahmen {
		inMap[st] = true
	}
	for _, st := range strategies {
		inMap[st] = true
	}
	stNode := map[*model.Strategie]int{}
	for _, st := range rahmen {
		n := &Node{Key: "strategie/" + st.Slug, Kind: KindRahmen, Layer: lRahmen, Group: -1,
			Kicker: "Rahmenstrategie", Title: st.Name, Short: "„" + st.Kurzname + "“", Href: st.URL, Strategie: st, Note: supersededNote(st)}
		if k := len(st.Fokusziele); k > 0 {
			n.Facts = append(n.Facts, plural(k, "Fokusziel", "Fokusziele"))
		}
		var real, fiktiv int
		for _, a := range st.Abgeleitete {
			if a.Fiktiv {
				fiktiv++
			} else {
				real++
			}
		}
		n.Facts = append(n.Facts, plural(real, "abgeleitete Strategie", "abgeleitete Strategien"))
		if fiktiv > 0 {
			n.FiktivFact = "Dazu " + plural(fiktiv, "fiktives Beispiel", "fiktive Beispiele")
		}
		stNode[st] = b.node(n)
	}
	var noHF, beispiele []string
	var nStrat int
	for _, st := range strategies {
		if st.Fiktiv {
			beispiele = append(beispiele, "„"+st.Kurzname+"“")
		} else {
			nStrat++
		}
		kicker := "Sektorale Strategie"
		if !st.Leitfaden {
			kicker = "Strategie vor dem Leitfaden"
		}
		n := &Node{Key: "strategie/" + st.Slug, Kind: KindStrategie, Layer: lStrat, Group: len(rahmen),
			Kicker: kicker, Title: st.Name, Short: "„" + st.Kurzname + "“", Href: st.URL, Strategie: st}
		if p := st.AktuellePhase; p != nil && st.Leitfaden {
			n.Facts = append(n.Facts, "Phase: "+p.Short)
		}
		if len(st.HF) == 0 {
			n.Facts = append(n.Facts, "Handlungsfelder noch nicht veröffentlicht")
			if !st.Fiktiv {
				noHF = append(noHF, "„"+st.Kurzname+"“")
			}
		} else {
			n.Facts = append(n.Facts, plural(len(st.HF), "Handlungsfeld", "Handlungsfelder")+" · "+
				plural(len(st.Massnahmen), "Maßnahme", "Maßnahmen"))
		}
		if w := statusWords(st.Status); w != "" {
			n.Facts = append(n.Facts, w)
		}
		switch {
		case st.Beispiel:
			n.Note, n.Fiktiv = "Fiktives Beispiel", st.Fiktiv
		case st.Abgeloest:
			n.Note = supersededNote(st)
		}
		i := b.node(n)
		stNode[st] = i
		if r := st.Rahmenstrategie; r != nil && inMap[r] {
			for gi, x := range rahmen {
				if x == r {
					n.Group = gi
				}
			}
			m.edge(stNode[r], i, -1, -1, Ableitung)
		}
	}

	// Fields of action, in the order the strategies name them.
	hfNode := map[*model.Handlungsfeld]int{}
	var hfOrder []*model.Handlungsfeld
	for _, st := range strategies {
		for _, e := range st.HF {
			if _, ok := hfNode[e.Handlungsfeld]; !ok {
				hfOrder = append(hfOrder, e.Handlungsfeld)
				hfNode[e.Handlungsfeld] = -1
			}
		}
	}
	var nHF int
	for _, h := range hfOrder {
		n := &Node{Key: "hf/" + h.Key, Kind: KindHF, Layer: lHF, Group: -1, Prefix: "Handlungsfeld",
			Title: h.Name, Short: "„" + h.Label() + "“", Href: h.URL}
		// The model keeps the examples' part of a field apart (h.Beispiel):
		// the box counts the real strategies and names the examples' part
		// separately; a field only examples use is an example's box.
		goals, ms, users := hfCounts(h.Eintraege, inMap)
		bGoals, bMs, bUsers := hfCounts(h.Beispiel.Eintraege, inMap)
		if len(users) == 0 && len(bUsers) > 0 {
			goals, ms, users = bGoals, bMs, bUsers
			n.Fiktiv, n.Note = true, "Nur im fiktiven Beispiel"
		} else {
			nHF++
			if len(bUsers) > 0 {
				n.FiktivFact = "Fiktives Beispiel, nicht mitgezählt: " + plural(bGoals, "Ziel", "Ziele") + " · " +
					plural(len(bMs), "Maßnahme", "Maßnahmen")
			}
		}
		n.Facts = []string{plural(goals, "Ziel", "Ziele") + " · " + plural(len(ms), "Maßnahme", "Maßnahmen")}
		if w := statusLine(ms); w != "" {
			n.Facts = append(n.Facts, w)
		}
		if len(users) > 1 {
			n.Note = "Gemeinsam mit " + strconv.Itoa(len(users)-1) + " weiteren Strategien"
			if len(users) == 2 {
				n.Note = "Gemeinsames Handlungsfeld zweier Strategien"
			}
		}
		hfNode[h] = b.node(n)
	}
	for _, st := range strategies {
		for _, e := range st.HF {
			m.edge(stNode[st], hfNode[e.Handlungsfeld], -1, -1, Gliederung)
		}
	}
	// Group fields of action by the first strategy that has them, so that a
	// strategy's fields stay together.
	for si, st := range strategies {
		for _, e := range st.HF {
			if n := m.Nodes[hfNode[e.Handlungsfeld]]; n.Group < 0 {
				n.Group = si
			}
		}
	}

	var inits, bInits int
	for _, st := range strategies {
		for _, in := range st.Initiativen {
			if st.Fiktiv {
				bInits++
			} else {
				inits++
			}
			n := &Node{Key: "initiative/" + in.Key, Kind: KindInitiative, Layer: lInit, Group: -1,
				Kicker: "Initiative " + in.ID + " · " + st.Kurzname, Title: in.Titel, Short: "Initiative " + in.ID,
				Href: in.URL, Strategie: st, Fiktiv: st.Fiktiv}
			setStatus(n, in.Status)
			i := b.node(n)
			linked := false
			for _, h := range in.Handlungsfelder {
				if p, ok := hfNode[h]; ok {
					if n.Group < 0 {
						n.Group = m.Nodes[p].Group
					}
					m.edge(p, i, -1, -1, Beitrag)
					linked = true
				}
			}
			if !linked {
				m.edge(stNode[st], i, -1, -1, Beitrag)
			}
		}
	}
	var missing []string
	if nHF == 0 {
		missing = append(missing, "Handlungsfelder")
		b.node(&Node{Key: "fehlt/hf", Kind: KindLuecke, Layer: lHF, Group: -1, Kicker: "Handlungsfelder", Title: "Noch nicht veröffentlicht"})
	}
	if inits == 0 {
		missing = append(missing, "strategische Initiativen")
		b.node(&Node{Key: "fehlt/initiativen", Kind: KindLuecke, Layer: lInit, Group: -1, Kicker: "Strategische Initiativen",
			Title: "Noch nicht veröffentlicht"})
	}
	if len(noHF) > 0 {
		missing = append(missing, "die Handlungsfelder "+map[bool]string{true: "der Strategie ", false: "der Strategien "}[len(noHF) == 1]+joinAnd(noHF))
	}
	m.Missing = missingSentence(missing)
	var parts []string
	if len(rahmen) > 0 {
		parts = append(parts, plural(len(rahmen), "Rahmenstrategie", "Rahmenstrategien"))
	}
	parts = append(parts, plural(nStrat, "Strategie", "Strategien"), plural(nHF, "Handlungsfeld", "Handlungsfelder"))
	if inits > 0 {
		parts = append(parts, plural(inits, "strategische Initiative", "strategische Initiativen"))
	}
	m.Summary = "Die Karte zeigt " + joinAnd(parts) + " und wie sie zusammenhängen. Ziele und Maßnahmen sind je " +
		"Handlungsfeld gezählt; einzeln zeigen sie die Karten der Strategien."
	if len(beispiele) > 0 {
		var adds []string
		if k := len(hfOrder) - nHF; k > 0 {
			adds = append(adds, plural(k, "eigenen Handlungsfeld", "eigenen Handlungsfeldern"))
		}
		if bInits > 0 {
			adds = append(adds, plural(bInits, "strategischen Initiative", "strategischen Initiativen"))
		}
		m.SummaryFiktiv = "Dazu zeigt sie " + map[bool]string{true: "das fiktive Beispiel ", false: "die fiktiven Beispiele "}[len(beispiele) == 1] +
			joinAnd(beispiele)
		if len(adds) > 0 {
			m.SummaryFiktiv += " mit " + joinAnd(adds)
		}
		m.SummaryFiktiv += map[bool]string{true: "; es ist gekennzeichnet und zählt in keiner Zahl mit.",
			false: "; sie sind gekennzeichnet und zählen in keiner Zahl mit."}[len(beispiele) == 1]
		if ohne > 0 {
			m.SummaryFiktiv += " " + plural(ohne, "weiteres fiktives Beispiel zeigt", "weitere fiktive Beispiele zeigen") +
				" sie nicht, damit sie lesbar bleibt; jedes hat seine eigene Karte."
		}
	}
	return m
}

// wenigeBeispiele keeps the first maxBeispiele fictional examples among
// strategies and says how many it left out.
func wenigeBeispiele(strategies []*model.Strategie) ([]*model.Strategie, int) {
	var out []*model.Strategie
	var n, ohne int
	for _, st := range strategies {
		if st.Fiktiv {
			if n++; n > maxBeispiele {
				ohne++
				continue
			}
		}
		out = append(out, st)
	}
	return out, ohne
}

// hfCounts counts the goals, measures and strategies of the entries whose
// strategy is on the map.
func hfCounts(entries []*model.StrategieHF, inMap map[*model.Strategie]bool) (goals int, ms []*model.Massnahme, users []*model.Strategie) {
	for _, e := range entries {
		if inMap[e.Strategie] {
			goals += len(e.Zielsets) + len(e.Ziele)
			ms = append(ms, e.Massnahmen...)
			users = append(users, e.Strategie)
		}
	}
	return goals, ms, users
}

func supersededNote(st *model.Strategie) string {
	if a := st.AbgeloestDurch; a != nil {
		return "Abgelöst durch „" + a.Kurzname + "“"
	}
	if len(st.Nachfolger) > 0 {
		return "Abgelöst durch „" + st.Nachfolger[0].Kurzname + "“"
	}
	return ""
}
