package landkarte

import (
	"fmt"
	"strconv"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/model"
)

// Column widths in px. Goal sets carry most text, so their columns are the
// widest; all columns of the Leitfaden cascade fit 1 280 px side by side.
const (
	wLeitbild   = 140
	wThema      = 130
	wHF         = 150
	wHFAlt      = 170 // older strategies have room for longer names
	wSet        = 210
	wInitiative = 150
	wMassnahme  = 180
	wZielAlt    = 300 // simple goals of older strategies
	wMassAlt    = 270
	wHFSumme    = 250 // fields of action with counts (overviews)
)

// FullLimit is the number of nodes up to which a landing page embeds the
// full map; larger strategies get an overview down to the fields of action.
const FullLimit = 60

// ForStrategy returns the full map of a strategy. url turns site paths
// into links (base path).
func ForStrategy(st *model.Strategie, url func(string) string) (*Map, error) {
	return memo(st, "voll", func() (*Map, error) { return forStrategy(st, url) })
}

// memo computes a strategy's map once per model: the landing page and the
// map page show the same one. The pages of one build share a base path,
// so url need not be part of the key.
func memo(st *model.Strategie, key string, f func() (*Map, error)) (*Map, error) {
	v, err := st.Memo.Do(key, func() (any, error) { return f() })
	m, _ := v.(*Map)
	return m, err
}

func forStrategy(st *model.Strategie, url func(string) string) (*Map, error) {
	var m *Map
	if st.Rahmen {
		m = portfolio("karte-"+st.Slug, "Strategielandkarte: "+st.Name, []*model.Strategie{st}, st.Abgeleitete)
	} else {
		m = strategyMap(st, false)
	}
	return m, m.finish(url)
}

// Embedded returns the map for the strategy's landing page: the full map if
// it is small enough to read there, else the overview.
func Embedded(st *model.Strategie, url func(string) string) (*Map, error) {
	if st.Rahmen {
		return ForStrategy(st, url)
	}
	// The choice is made once per model too: it needs the full graph.
	return memo(st, "eingebettet", func() (*Map, error) {
		if m := strategyMap(st, false); len(m.Nodes) <= FullLimit {
			return ForStrategy(st, url)
		}
		m := strategyMap(st, true)
		return m, m.finish(url)
	})
}

func (m *Map) finish(url func(string) string) error {
	if err := m.layout(); err != nil {
		return err
	}
	// The drawings are made when a page asks for them (SVG, SVGNarrow).
	m.url = url
	m.textVersion()
	return nil
}

// builder keeps track of the nodes of a map by key.
type builder struct {
	m     *Map
	st    *model.Strategie
	index map[string]int
}

func (b *builder) node(n *Node) int {
	if i, ok := b.index[n.Key]; ok {
		return i
	}
	i := b.m.add(n)
	b.index[n.Key] = i
	return i
}

func (b *builder) layer(title string, width float64) int {
	b.m.Layers = append(b.m.Layers, Layer{Title: title, Width: width})
	return len(b.m.Layers) - 1
}

// strategyMap builds the map of a sectoral strategy: Leitbild → (Leitthemen)
// → Handlungsfelder → strategic goals → Etappenziele → initiatives →
// measures. Levels the Leitfaden asks for but the strategy has not
// published yet get a node that says so.
func strategyMap(st *model.Strategie, overview bool) *Map {
	m := &Map{ID: "karte-" + st.Slug, Title: "Strategielandkarte: " + st.Name}
	b := &builder{m: m, st: st, index: map[string]int{}}
	lf := st.Leitfaden
	var missing []string
	placeholder := func(layer int, what, kicker string) {
		missing = append(missing, what)
		b.node(&Node{Key: "fehlt/" + what, Kind: KindLuecke, Layer: layer, Group: -1, Kicker: kicker,
			Title: "Noch nicht veröffentlicht", Strategie: st})
	}

	// Leitbild
	lbTitle := "Leitbild"
	if lf {
		lbTitle = "Leitbild " + strconv.Itoa(st.Horizonte.Leitbild)
	}
	lLeitbild := b.layer(lbTitle, wLeitbild)
	leitbild := &Node{Key: "leitbild", Kind: KindLeitbild, Layer: lLeitbild, Group: -1, Kicker: lbTitle,
		Href: st.URL + "#leitbild", Strategie: st}
	if p := plainParagraphs(string(st.Leitbild)); len(p) > 0 {
		leitbild.Title = p[0]
	} else {
		leitbild.Title = "Noch nicht veröffentlicht"
		leitbild.Kind = KindLuecke
		missing = append(missing, "Leitbild")
	}
	root := b.node(leitbild)

	// Leitthemen group the fields of action of older strategies.
	themeOf := map[*model.Handlungsfeld]int{}
	lThema := -1
	if len(st.Leitthemen) > 0 {
		lThema = b.layer("Leitthemen", wThema)
		for ti, lt := range st.Leitthemen {
			kicker := "Leitthema"
			if lt.Kuerzel != "" {
				kicker += " " + lt.Kuerzel
			}
			n := &Node{Key: "leitthema/" + lt.Schluessel, Kind: KindLeitthema, Layer: lThema, Group: -1,
				Kicker: kicker, Title: lt.Name, Short: "Leitthema " + lt.Name, Strategie: st}
			if len(st.Massnahmen) > 0 {
				n.Href = st.URL + "#leitthema-" + lt.Schluessel
			}
			i := b.node(n)
			m.edge(root, i, -1, -1, Gliederung)
			for _, e := range lt.HF {
				if _, seen := themeOf[e.Handlungsfeld]; !seen {
					themeOf[e.Handlungsfeld] = ti
				}
			}
		}
	}

	// Handlungsfelder
	hfWidth := float64(wHF)
	if !lf {
		hfWidth = wHFAlt
	}
	if overview {
		hfWidth = wHFSumme
	}
	lHF := b.layer("Handlungsfelder", hfWidth)
	hfNode := map[*model.Handlungsfeld]int{}
	group := map[*model.Handlungsfeld]int{}
	for gi, e := range st.HF {
		h := e.Handlungsfeld
		group[h] = gi
		n := &Node{Key: "hf/" + h.Key, Kind: KindHF, Layer: lHF, Group: -1, Prefix: "Handlungsfeld",
			Title: h.Name, Short: "„" + h.Label() + "“", Href: h.URL, Strategie: st}
		parent := root
		if ti, ok := themeOf[h]; ok {
			n.Group = ti
			parent = b.index["leitthema/"+st.Leitthemen[ti].Schluessel]
		}
		if overview {
			n.Facts = hfFacts(e)
		}
		hfNode[h] = b.node(n)
		m.edge(parent, hfNode[h], -1, -1, Gliederung)
	}
	if len(st.HF) == 0 {
		placeholder(lHF, "Handlungsfelder", "Handlungsfelder")
	}
	if overview {
		if rest := st.MassnahmenOhneHF(); len(rest) > 0 {
			b.node(&Node{Key: "hf/ohne", Kind: KindHF, Layer: lHF, Group: 1 << 20, Title: "Ohne Handlungsfeld",
				Facts: []string{plural(len(rest), "Maßnahme", "Maßnahmen") + ": " + statusLine(rest)}, Href: st.URL + "#ohne-handlungsfeld", Strategie: st})
		}
		m.Summary = overviewSummary(st)
		m.Missing = missingSentence(missing)
		return m
	}
	groupOf := func(hs []*model.Handlungsfeld) int {
		for _, h := range hs {
			if g, ok := group[h]; ok {
				return g
			}
		}
		return -1
	}
	hfParents := func(hs []*model.Handlungsfeld) []int {
		var out []int
		for _, h := range hs {
			if i, ok := hfNode[h]; ok {
				out = append(out, i)
			}
		}
		if len(out) == 0 {
			out = append(out, root)
		}
		return out
	}

	// Goals: sets of strategic goals and Etappenziele (Leitfaden), or the
	// simple goals of older strategies.
	zielJahr := "Ziele"
	if lf {
		zielJahr = "Strategische Ziele " + strconv.Itoa(st.Horizonte.Ziele)
	}
	lZiele := b.layer(zielJahr, wSet)
	lEtappen, lInit := -1, -1
	if lf {
		lEtappen = b.layer("Etappenziele "+strconv.Itoa(st.Horizonte.Etappen), wSet)
		lInit = b.layer("Strategische Initiativen", wInitiative)
	} else {
		m.Layers[lZiele].Width = wZielAlt
	}
	lMass := b.layer("Maßnahmen", wMassnahme)
	if !lf {
		m.Layers[lMass].Width = wMassAlt
	}
	layerOf := map[content.GoalKind]int{content.ZielQualitativ: lZiele, content.ZielQuantitativ: lZiele,
		content.EtappeQualitativ: lEtappen, content.EtappeQuantitativ: lEtappen, content.ZielEinfach: lZiele}
	if lEtappen < 0 {
		layerOf[content.EtappeQualitativ], layerOf[content.EtappeQuantitativ] = lZiele, lZiele
	}
	// goalNode returns the node and row that stand for goal z, adding it as
	// a foreign node if it belongs to another strategy.
	goalNode := func(z *model.Ziel) (int, int) {
		switch {
		case z.Zielset != nil:
			return b.setNode(z.Zielset.Qualitativ, z.Zielset.Quantitativ, fmt.Sprintf("Ziel %d", z.Zielset.Zieljahr),
				layerOf[z.Kind], groupOf(z.Handlungsfelder)), rowOf(z, z.Zielset.Quantitativ)
		case z.Etappenset != nil:
			return b.setNode(z.Etappenset.Qualitativ, z.Etappenset.Quantitativ, fmt.Sprintf("Etappenziel %d", z.Etappenset.Zieljahr),
				layerOf[z.Kind], groupOf(z.Handlungsfelder)), rowOf(z, z.Etappenset.Quantitativ)
		}
		return b.node(&Node{Key: "ziel/" + z.Key, Kind: KindZiel, Layer: lZiele, Group: groupOf(z.Handlungsfelder),
			Kicker: "Ziel " + z.ID, Title: z.Text, Short: z.ID, Href: z.URL, Strategie: z.Strategie, Foreign: z.Strategie != st,
			Note: foreignNote(z.Strategie, st)}), -1
	}
	for _, zs := range st.Zielsets {
		i, _ := goalNode(zs.Qualitativ)
		for _, p := range hfParents(zs.Handlungsfelder) {
			m.edge(p, i, -1, -1, Gliederung)
		}
	}
	for _, z := range st.EinfacheZiele {
		i, _ := goalNode(z)
		for _, p := range hfParents(z.Handlungsfelder) {
			m.edge(p, i, -1, -1, Gliederung)
		}
	}
	if lf && len(st.Zielsets) == 0 {
		placeholder(lZiele, "strategische Ziele", zielJahr)
	}
	if !lf && len(st.EinfacheZiele) == 0 {
		placeholder(lZiele, "Ziele", "Ziele")
	}
	for _, es := range st.Etappensets {
		i, _ := goalNode(es.Qualitativ)
		if z := es.AbgeleitetVon; z != nil {
			p, row := goalNode(z)
			m.edge(p, i, row, -1, Ableitung)
		} else {
			m.edge(root, i, -1, -1, Ableitung)
		}
	}
	if lf && len(st.Etappensets) == 0 {
		placeholder(lEtappen, "Etappenziele", m.Layers[lEtappen].Title)
	}

	// Initiatives and measures.
	initNode := map[*model.Initiative]int{}
	for _, in := range st.Initiativen {
		n := &Node{Key: "initiative/" + in.Key, Kind: KindInitiative, Layer: lInit, Group: -1,
			Kicker: "Initiative " + in.ID, Title: in.Titel, Short: "Initiative " + in.ID, Href: in.URL, Strategie: st}
		setStatus(n, in.Status)
		i := b.node(n)
		initNode[in] = i
		for _, z := range in.Unterstuetzt {
			p, row := goalNode(z)
			m.edge(p, i, row, -1, Beitrag)
		}
		if len(in.Unterstuetzt) == 0 {
			n.Note = "Unterstützt noch kein veröffentlichtes Etappenziel."
		}
	}
	if lf && len(st.Initiativen) == 0 {
		placeholder(lInit, "strategische Initiativen", "Strategische Initiativen")
	}
	for _, ms := range st.Massnahmen {
		n := &Node{Key: "massnahme/" + ms.ID, Kind: KindMassnahme, Layer: lMass, Group: -1,
			Kicker: "Maßnahme " + ms.ID, Title: ms.Titel, Short: "Maßnahme " + ms.ID, Href: ms.URL, Strategie: st}
		setStatus(n, ms.Status)
		if ms.Veraltet {
			// The map is read as today's picture: an old status says its age.
			n.Info += " (" + ms.VeraltetText() + ")"
		}
		i := b.node(n)
		// Measures and initiatives are free to move between the lanes of the
		// fields of action: they often serve goals of several fields.
		free := lf
		for _, z := range ms.Ziele {
			p, row := goalNode(z)
			if n.Group < 0 && !free {
				n.Group = m.Nodes[p].Group
			}
			m.edge(p, i, row, -1, Beitrag)
		}
		if in := ms.Initiative; in != nil {
			if p, ok := initNode[in]; ok {
				if n.Group < 0 && !free {
					n.Group = m.Nodes[p].Group
				}
				m.edge(p, i, -1, -1, Beitrag)
			}
		}
		if len(ms.Ziele) == 0 && ms.Initiative == nil {
			if p, ok := hfNode[ms.Handlungsfeld]; ok {
				if !free {
					n.Group = group[ms.Handlungsfeld]
				}
				m.edge(p, i, -1, -1, Gliederung)
				if lf {
					n.Note = "Keinem Ziel zugeordnet."
				}
			} else {
				n.Note = "Keinem Handlungsfeld und keinem Ziel zugeordnet."
			}
		}
	}
	if len(st.Massnahmen) == 0 {
		placeholder(lMass, "Maßnahmen", "Maßnahmen")
	}
	m.Summary = fullSummary(st)
	m.Missing = missingSentence(missing)
	if !lf && !st.Rahmen {
		m.Missing = append(m.Missing, "Die Strategie ist vor dem Leitfaden entstanden: Sie hat keine Zielsets mit Messgrößen, "+
			"keine Etappenziele und keine strategischen Initiativen. Ihre Ziele und Maßnahmen gehören zu den Handlungsfeldern.")
	}
	return m
}

// setNode returns the node of a goal set, adding it on first use.
func (b *builder) setNode(q *model.Ziel, quant []*model.Ziel, kicker string, layer, group int) int {
	key := "set/" + q.Key
	if i, ok := b.index[key]; ok {
		return i
	}
	kind := KindZielset
	if q.Kind == content.EtappeQualitativ {
		kind = KindEtappenset
	}
	n := &Node{Key: key, Kind: kind, Layer: layer, Group: group, Kicker: kicker + " · " + q.ID, Title: q.Text, Short: q.ID,
		Href: q.URL, Strategie: q.Strategie, Foreign: q.Strategie != b.st, Note: foreignNote(q.Strategie, b.st)}
	if n.Foreign {
		n.Group = -1
	}
	for _, z := range quant {
		r := Row{ID: z.ID, Text: z.Text, Href: z.URL, Bewertung: model.KeineMessung}
		if f := z.Fortschritt; f != nil {
			r.Bewertung = f.Bewertung
		}
		r.BewertungText = model.BewertungLabel[r.Bewertung]
		n.Rows = append(n.Rows, r)
	}
	return b.node(n)
}

// rowOf is the row of goal z in its set, -1 for the qualitative goal.
func rowOf(z *model.Ziel, quant []*model.Ziel) int {
	for i, q := range quant {
		if q == z {
			return i
		}
	}
	return -1
}

func foreignNote(owner, st *model.Strategie) string {
	if owner == nil || owner == st {
		return ""
	}
	return "Aus der Strategie „" + owner.Kurzname + "“"
}

func setStatus(n *Node, status string) {
	if l, ok := content.StatusLabel[status]; ok {
		n.Status, n.Info = status, l
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// statusLine counts measures by status in words: "2 umgesetzt, 3 laufend".
func statusLine(list []*model.Massnahme) string {
	var z model.StatusZahlen
	for _, m := range list {
		z.AddM(m)
	}
	return statusWords(z)
}

func statusWords(z model.StatusZahlen) string {
	var parts []string
	for _, s := range z.Liste() {
		switch {
		case s.Anzahl == 0:
		case s.Key == model.Veraltet:
			parts = append(parts, strconv.Itoa(s.Anzahl)+" mit veraltetem Stand")
		default:
			parts = append(parts, strconv.Itoa(s.Anzahl)+" "+strings.ToLower(s.Label))
		}
	}
	return strings.Join(parts, ", ")
}

// hfFacts summarise what one strategy does in one field of action.
func hfFacts(e *model.StrategieHF) []string {
	goals := len(e.Zielsets) + len(e.Ziele)
	facts := []string{plural(goals, "Ziel", "Ziele") + " · " + plural(len(e.Massnahmen), "Maßnahme", "Maßnahmen")}
	if s := statusLine(e.Massnahmen); s != "" {
		facts = append(facts, s)
	}
	return facts
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " und " + parts[len(parts)-1]
}

func missingSentence(missing []string) []string {
	if len(missing) == 0 {
		return nil
	}
	return []string{"Noch nicht veröffentlicht: " + joinAnd(missing) + "."}
}

func summaryParts(st *model.Strategie) []string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plural(n, one, many))
		}
	}
	add(len(st.Leitthemen), "Leitthema", "Leitthemen")
	add(len(st.HF), "Handlungsfeld", "Handlungsfelder")
	add(len(st.Zielsets), "Set strategischer Ziele", "Sets strategischer Ziele")
	add(len(st.Etappensets), "Set von Etappenzielen", "Sets von Etappenzielen")
	add(len(st.EinfacheZiele), "Ziel", "Ziele")
	add(len(st.Initiativen), "strategische Initiative", "strategische Initiativen")
	add(len(st.Massnahmen), "Maßnahme", "Maßnahmen")
	return parts
}

func fullSummary(st *model.Strategie) string {
	parts := summaryParts(st)
	if len(parts) == 0 {
		return "Die Karte zeigt die Ebenen des Leitfadens; Inhalte dazu sind noch nicht veröffentlicht."
	}
	return "Die Karte zeigt, wie " + joinAnd(parts) + " zusammenhängen."
}

func overviewSummary(st *model.Strategie) string {
	return "Überblick über " + joinAnd(summaryParts(st)) + ". Die Handlungsfelder nennen die Zahl ihrer Ziele " +
		"und Maßnahmen; einzeln zeigt sie die große Karte."
}
