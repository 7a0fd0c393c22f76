package landkarte

import "sort"

// Item is an entry of the text version: a node and the nodes nested under it.
type Item struct {
	Node     *Node
	Via      string // the row an edge starts from, e.g. "abgeleitet aus Z1.1"
	Children []*Item

	rel Relation // of the edge to the parent
	row *Row     // the parent's row that edge starts from
}

// Extra is a connection the nested list cannot show, because a node has
// only one place in the list: a measure that serves two goals, an
// initiative that supports goals in several fields of action.
type Extra struct {
	From, To *Node // From is the right-hand node: it "trägt bei zu" To
	Row      *Row  // the quantitative goal of To the edge starts from, if any
	Verb     string
	Rel      Relation
	Fremd    bool // the two ends belong to different strategies
}

// textVersion builds the nested list and the table of further connections
// from the laid-out graph, in the order of the picture: columns from left
// to right, nodes from top to bottom.
func (m *Map) textVersion() {
	items := make([]*Item, len(m.Nodes))
	for i, n := range m.Nodes {
		items[i] = &Item{Node: n}
	}
	hasParent := make([]bool, len(m.Nodes))
	m.Extra = nil
	for _, e := range m.Edges {
		from, to := m.Nodes[e.From], m.Nodes[e.To]
		var row *Row
		if e.FromRow >= 0 {
			row = &from.Rows[e.FromRow]
		}
		if e.Tree {
			hasParent[e.To] = true
			it := items[e.To]
			it.rel, it.row = e.Rel, row
			if row != nil {
				it.Via = e.Rel.Verb() + " " + row.ID
			}
			items[e.From].Children = append(items[e.From].Children, it)
			continue
		}
		m.Extra = append(m.Extra, Extra{From: to, To: from, Row: row, Verb: e.Rel.Verb(), Rel: e.Rel,
			Fremd: to.Strategie != from.Strategie})
	}
	less := func(a, b *Node) bool {
		if a.Layer != b.Layer {
			return a.Layer < b.Layer
		}
		if a.Y != b.Y {
			return a.Y < b.Y
		}
		return a.Key < b.Key
	}
	for _, it := range items {
		sort.SliceStable(it.Children, func(i, j int) bool { return less(it.Children[i].Node, it.Children[j].Node) })
	}
	m.Tree = nil
	for i, it := range items {
		if !hasParent[i] {
			m.Tree = append(m.Tree, it)
		}
	}
	sort.SliceStable(m.Tree, func(i, j int) bool { return less(m.Tree[i].Node, m.Tree[j].Node) })
	sort.SliceStable(m.Extra, func(i, j int) bool {
		if m.Extra[i].From != m.Extra[j].From {
			return less(m.Extra[i].From, m.Extra[j].From)
		}
		return less(m.Extra[i].To, m.Extra[j].To)
	})
}

// HasForeign reports whether any further connection crosses strategies, so
// that the table needs a column for the strategy.
func (m *Map) HasForeign() bool {
	for _, e := range m.Extra {
		if e.Fremd {
			return true
		}
	}
	return false
}
