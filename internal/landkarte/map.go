// Package landkarte draws the strategy maps (Strategielandkarten) of the
// site as accessible static SVG: how Leitbild, Handlungsfelder, goals,
// initiatives and measures of a strategy connect, and how all Thuringian
// strategies connect around the framework strategy. Each map comes with a
// text version built from the same ordered graph, so the picture and the
// text say the same in the same order.
//
// The graph is built from the model (strategie.go, thueringen.go), laid out
// in columns by package layered and written as SVG (svg.go).
package landkarte

import (
	"fmt"
	"math"

	"tdsite/internal/layered"
	"tdsite/internal/model"
)

// Kind of a node; also its CSS class (sk-<kind>).
type Kind string

// Node kinds.
const (
	KindRahmen     Kind = "rahmen"
	KindStrategie  Kind = "strategie"
	KindLeitbild   Kind = "leitbild"
	KindLeitthema  Kind = "leitthema"
	KindHF         Kind = "hf"
	KindZielset    Kind = "zielset"
	KindEtappenset Kind = "etappenset"
	KindZiel       Kind = "ziel"
	KindInitiative Kind = "initiative"
	KindMassnahme  Kind = "massnahme"
	KindLuecke     Kind = "luecke" // a level with nothing published yet
)

// Relation of an edge, read from the right node to the left one.
type Relation int

// Relations.
const (
	Gliederung Relation = iota // "gehört zu": a field of action of a strategy, a goal of a field
	Ableitung                  // "abgeleitet aus": a sectoral strategy from its framework, Etappenziele from a goal
	Beitrag                    // "trägt bei zu": initiatives and measures to goals
)

// Verb names the relation for readers.
func (r Relation) Verb() string {
	switch r {
	case Ableitung:
		return "abgeleitet aus"
	case Beitrag:
		return "trägt bei zu"
	}
	return "gehört zu"
}

// Row is a quantitative goal inside a goal set node.
type Row struct {
	ID, Text, Href string
	Bewertung      string // progress key (model.AufKurs …), for icon and colour
	BewertungText  string
}

// Node is a box of the map.
type Node struct {
	Key       string // unique in the map
	Kind      Kind
	Layer     int
	Group     int    // nodes of a group stay together in their column
	Kicker    string // small line above the title
	Prefix    string // names the kind for screen readers where no kicker shows it
	Title     string
	Short     string // how other boxes refer to this one: "E2", "Initiative I1", a short name
	Href      string // site path, "" if there is nothing to link to
	Status    string // status key of measures and initiatives
	Info      string // status word or summary, shown with the status icon
	Facts     []string
	Note      string // "Fiktives Beispiel", "aus der Strategie …"
	Rows      []Row
	Foreign   bool // belongs to another strategy than the map's
	Strategie *model.Strategie

	// Fiktiv: the box stands for fictional examples only. FiktivFact is
	// what examples add to a real box, counted apart; both are drawn and
	// listed with the class "fiktiv".
	Fiktiv     bool
	FiktivFact string

	X, Y, W, H float64 // place in the wide map

	wide   *box // geometry in the wide map
	narrow *box // geometry in the narrow map
}

// box is a node's geometry and wrapped text in one drawing.
type box struct {
	x, y, w, h float64
	headH      float64 // height of the header part (kicker, title, facts)
	kicker     []string
	title      []string
	facts      [][]string
	fiktivFact []string
	note       []string
	info       []string
	infoInline bool // the status stands right-aligned in the kicker line
	rows       []rowBox
	noteText   string // the note as shown, with the extra connections of the narrow map
}

type rowBox struct {
	y, h        float64 // relative to the node's top
	head, lines []string
}

// Label is the full name of the node for screen readers and the text
// version: kicker and title.
func (n *Node) Label() string {
	switch {
	case n.Kicker != "":
		return n.Kicker + ": " + n.Title
	case n.Prefix != "":
		return n.Prefix + ": " + n.Title
	}
	return n.Title
}

// Edge joins a node in a lower layer (From) to one in a higher layer (To).
type Edge struct {
	From, To       int
	FromRow, ToRow int // index into Rows, or -1 for the node itself
	Rel            Relation
	Tree           bool // the edge that places To in the text version's list
}

// Map is a strategy map.
type Map struct {
	ID            string // prefix of HTML ids
	Title         string
	Summary       string   // one sentence for the caption
	SummaryFiktiv string   // what fictional examples add, apart from Summary; may be ""
	Missing       []string // what is not published yet, as sentences
	Layers        []Layer
	Nodes         []*Node
	Edges         []Edge
	Width, Height float64
	Crossings     int
	Tree          []*Item // text version: nested list
	Extra         []Extra // text version: edges the list does not show
	Routes        [][]layered.Point
	headerH       float64
	url           func(string) string // of the build that drew it (Boxes)
}

// Layer is a column.
type Layer struct {
	Title string
	Width float64
}

// Box is a rectangle; for labels, Node is the index of the node it belongs
// to (-1 for column headers).
type Box struct {
	X, Y, W, H float64
	Node       int
	Text       string
}

func (m *Map) add(n *Node) int {
	m.Nodes = append(m.Nodes, n)
	return len(m.Nodes) - 1
}

func (m *Map) edge(from, to, fromRow, toRow int, rel Relation) {
	m.Edges = append(m.Edges, Edge{From: from, To: to, FromRow: fromRow, ToRow: toRow, Rel: rel})
}

// Geometry of nodes, in px.
const (
	padX       = 12 // text starts this far from the node's left edge
	padRight   = 10
	padY       = 7
	iconSize   = 14
	iconGap    = 5
	rowGap     = 6 // above a row's separator line
	layerGap   = 36
	nodeGap    = 10
	groupGap   = 22
	dummyH     = 6
	margin     = 6 // room for focus rings at the border
	headerGap  = 10
	maxTitle   = 4
	maxRowText = 3
)

// measure wraps the texts of n for a box of width w. kicker and note are
// given because the narrow map shows more of them.
func (n *Node) measure(w float64, kicker, note string, narrow bool) *box {
	b := &box{w: w, noteText: note}
	inner := w - padX - padRight
	y := float64(padY)
	b.kicker, _ = wrap(kicker, fontKicker, inner, 2)
	if n.Info != "" && len(b.kicker) == 1 &&
		fontKicker.width(b.kicker[0])+12+iconSize+iconGap+fontInline.width(n.Info) <= inner {
		b.info, b.infoInline = []string{n.Info}, true
	}
	y += float64(len(b.kicker)) * fontKicker.line
	maxLines := maxTitle
	switch n.Kind {
	case KindLeitbild:
		maxLines = 7
	case KindMassnahme:
		maxLines = 3
	case KindZiel:
		// Goals of older strategies are long sentences, and there are
		// many; the text version and the landing page have them in full.
		maxLines = 2
		if narrow {
			maxLines = 3 // narrow lines hold fewer words
		}
	}
	b.title, _ = wrap(n.Title, fontTitle, inner, maxLines)
	y += float64(len(b.title)) * fontTitle.line
	for _, f := range n.Facts {
		l, _ := wrap(f, fontFact, inner, 3)
		b.facts = append(b.facts, l)
		y += float64(len(l)) * fontFact.line
	}
	if n.FiktivFact != "" {
		b.fiktivFact, _ = wrap(n.FiktivFact, fontFact, inner, 4)
		y += float64(len(b.fiktivFact)) * fontFact.line
	}
	if n.Info != "" && !b.infoInline {
		b.info, _ = wrap(n.Info, fontInfo, inner-iconSize-iconGap, 2)
		y += float64(len(b.info)) * fontInfo.line
	}
	if note != "" {
		b.note, _ = wrap(note, fontFact, inner, 6)
		y += float64(len(b.note)) * fontFact.line
	}
	b.headH = y
	for _, r := range n.Rows {
		y += rowGap
		rb := rowBox{y: y}
		y += 4
		rb.head, _ = wrap(r.ID+" · "+r.BewertungText, fontInfo, inner-iconSize-iconGap, 2)
		y += float64(len(rb.head)) * fontInfo.line
		rb.lines, _ = wrap(r.Text, fontRow, inner, maxRowText)
		y += float64(len(rb.lines)) * fontRow.line
		rb.h = y + 2 - rb.y
		b.rows = append(b.rows, rb)
	}
	b.h = math.Ceil(y + padY)
	if len(b.rows) > 0 {
		b.headH = b.rows[0].y - rowGap/2
	} else {
		b.headH = b.h
	}
	return b
}

// port is where an edge attaches: the middle of a row, or of the header.
// Whole pixels, so that edges between aligned ports stay straight after
// the node positions are rounded.
func (b *box) port(row int) float64 {
	switch {
	case row >= 0 && row < len(b.rows):
		return math.Round(b.rows[row].y + b.rows[row].h/2)
	case len(b.rows) > 0:
		return math.Round(b.headH / 2)
	}
	return math.Round(b.h / 2)
}

// layout measures, places and routes the map.
func (m *Map) layout() error {
	if len(m.Nodes) == 0 {
		return fmt.Errorf("Die Karte „%s“ hat keine Knoten.", m.Title)
	}
	m.headerH = 0
	for _, l := range m.Layers {
		lines, _ := wrap(l.Title, fontHeader, l.Width, 3)
		m.headerH = math.Max(m.headerH, float64(len(lines))*fontHeader.line)
	}
	nodes := make([]layered.Node, len(m.Nodes))
	for i, n := range m.Nodes {
		b := n.measure(m.Layers[n.Layer].Width, n.Kicker, n.Note, false)
		n.wide, n.W, n.H = b, b.w, b.h
		ports := make([]float64, len(n.Rows)+1)
		for r := range n.Rows {
			ports[r] = b.port(r)
		}
		ports[len(n.Rows)] = b.port(-1)
		nodes[i] = layered.Node{Layer: n.Layer, W: b.w, H: b.h, Group: n.Group, Ports: ports}
	}
	portIndex := func(n *Node, row int) int {
		if row < 0 {
			return len(n.Rows)
		}
		return row
	}
	edges := make([]layered.Edge, len(m.Edges))
	for i, e := range m.Edges {
		edges[i] = layered.Edge{From: e.From, To: e.To,
			FromPort: portIndex(m.Nodes[e.From], e.FromRow), ToPort: portIndex(m.Nodes[e.To], e.ToRow)}
	}
	l, err := layered.Compute(nodes, edges, layered.Options{LayerGap: layerGap, NodeGap: nodeGap,
		GroupGap: groupGap, DummyH: dummyH, Top: true})
	if err != nil {
		return err
	}
	top := margin + m.headerH + headerGap
	for i, n := range m.Nodes {
		// Whole pixels: crisp lines, and stable bytes across platforms.
		n.X, n.Y = math.Round(l.X[i]+margin), math.Round(l.Y[i]+top)
		n.wide.x, n.wide.y = n.X, n.Y
	}
	m.Routes = make([][]layered.Point, len(l.Routes))
	for i, r := range l.Routes {
		pts := make([]layered.Point, len(r))
		for k, p := range r {
			pts[k] = layered.Point{X: math.Round(p.X + margin), Y: math.Round(p.Y + top)}
		}
		// The ends sit exactly on the rounded ports.
		e := m.Edges[i]
		from, to := m.Nodes[e.From], m.Nodes[e.To]
		pts[0].Y = from.Y + from.wide.port(e.FromRow)
		pts[1].Y = pts[0].Y
		pts[len(pts)-1].Y = to.Y + to.wide.port(e.ToRow)
		m.Routes[i] = pts
	}
	m.Width = math.Ceil(l.Width + 2*margin)
	m.Height = math.Ceil(l.Height + top + margin)
	m.Crossings = l.Crossings
	m.treeEdges()
	return nil
}

// treeEdges marks for every node the edge that nests it in the text
// version: the first edge into it from a node of the map's own strategy,
// else the first edge into it.
func (m *Map) treeEdges() {
	chosen := make([]int, len(m.Nodes))
	for i := range chosen {
		chosen[i] = -1
	}
	for i, e := range m.Edges {
		m.Edges[i].Tree = false
		c := chosen[e.To]
		if c < 0 || m.Nodes[m.Edges[c].From].Foreign && !m.Nodes[e.From].Foreign {
			chosen[e.To] = i
		}
	}
	for _, c := range chosen {
		if c >= 0 {
			m.Edges[c].Tree = true
		}
	}
}
