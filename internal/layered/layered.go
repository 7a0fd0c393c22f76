// Package layered draws a directed graph in columns, after Sugiyama, Tagawa
// and Toda (1981): every node sits in a given layer (a column, left to right),
// edges that skip layers get dummy nodes, the order inside each column is
// chosen to reduce crossings (median sweeps and transposition, as in dot), and
// the vertical positions are found by weighted isotonic regression so that
// edges run as straight as the order allows.
//
// Layers are given by the caller because in a strategy map they follow from
// the kind of a node (Leitbild, field of action, goal, measure), so the hard
// part of general layering is not needed. The result is deterministic: the
// same input gives the same layout, bit for bit.
package layered

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Node is a box to place.
type Node struct {
	Layer int
	W, H  float64
	// Group keeps nodes together in their column: nodes with the same
	// Group ≥ 0 in one layer are placed next to each other (swimlanes).
	// A negative Group means the node is free.
	Group int
	// Ports are the vertical offsets (from the node's top) where edges
	// attach, e.g. the rows of a goal set. Edges name them by index; -1 or
	// no ports means the middle of the node.
	Ports []float64
}

// Edge runs from a node in a lower layer to a node in a higher layer. It
// leaves From on its right side and enters To on its left side.
type Edge struct {
	From, To         int
	FromPort, ToPort int
}

// Options are the spacings of the drawing.
type Options struct {
	LayerGap float64 // horizontal space between columns, where edges bend
	NodeGap  float64 // vertical space between nodes of a column
	GroupGap float64 // vertical space between two groups of a column
	DummyH   float64 // height a passing edge takes in a column
	Sweeps   int     // crossing-reduction iterations (each one down and up)
	// Top aligns a node with its first neighbour on the right and stacks
	// the others below, like an outline; otherwise a node is centred on its
	// neighbours. Top suits tall maps that are read from the top.
	Top bool
	// Budget bounds the work of crossing reduction, counted in comparisons
	// of segment ends (0: DefaultBudget). Maps of real strategies stay far
	// below it and get the full search; a generated map with hundreds of
	// nodes in one column gets the best order found within it, so the
	// layout time grows about linearly with the map instead of squared.
	Budget int
}

// DefaultBudget is about 100 ms of crossing reduction on one core.
const DefaultBudget = 50_000_000

// Point is a position in the drawing.
type Point struct{ X, Y float64 }

// Layout is the result.
type Layout struct {
	X, Y   []float64 // top-left corner of each node
	LayerX []float64 // left edge of each column
	LayerW []float64 // width of each column
	Width  float64
	Height float64
	// Routes holds one polyline per edge: the port on the source's right
	// side, the right edge of the source column, then for every column the
	// edge passes its left and right edge, and last the port on the target's
	// left side. Between a column's right edge and the next column's left
	// edge a drawing may bend (a curve); inside a column the route is a
	// straight horizontal line.
	Routes [][]Point
	// Order lists the real nodes of each layer from top to bottom.
	Order [][]int
	// Crossings is the number of edge crossings of the drawing. Edges between
	// two neighbouring columns are drawn with the same horizontal profile, so
	// two of them cross exactly when their end points are in opposite order.
	Crossings int
	// BudgetSpent: crossing reduction stopped at Options.Budget.
	BudgetSpent bool
}

// vertex is a real node or a dummy on a long edge.
type vertex struct {
	layer int
	h     float64
	group int
	ports []float64
	real  int     // index of the real node, or -1
	tie   float64 // deterministic tie-breaker: the real node's index
	in    []int   // segments arriving from the layer before
	out   []int   // segments leaving to the next layer
}

// segment is an edge piece between neighbouring layers.
type segment struct {
	u, v         int // vertices; layer(v) = layer(u)+1
	uPort, vPort int
	uFrac, vFrac float64 // relative height of the ports in their vertex, 0…1
}

type graph struct {
	vs     []vertex
	segs   []segment
	chains [][]int // per edge: its segments from source to target
	layers [][]int // order of vertices per layer
	pos    []int   // index of each vertex in its layer
	opt    Options

	keys, bary []float64 // sort keys of the vertices, reused by sortLayer
	byLayer    [][]int   // segments by the layer they leave
	work       int       // comparisons so far, against opt.Budget
	// Fixed once the order is: stackOffset per segment, outInOrder per vertex.
	stack  []float64
	sorted [][]int
}

func (g *graph) spent() bool { return g.work >= g.opt.Budget }

// ErrEmpty is returned for a graph without nodes.
var ErrEmpty = errors.New("layered: keine Knoten")

// Compute lays out the graph.
func Compute(nodes []Node, edges []Edge, opt Options) (*Layout, error) {
	l, _, err := compute(nodes, edges, opt)
	return l, err
}

func compute(nodes []Node, edges []Edge, opt Options) (*Layout, *graph, error) {
	if len(nodes) == 0 {
		return nil, nil, ErrEmpty
	}
	if opt.Sweeps <= 0 {
		opt.Sweeps = 12
	}
	if opt.Budget <= 0 {
		opt.Budget = DefaultBudget
	}
	g := &graph{opt: opt}
	nLayers := 0
	for i, n := range nodes {
		if n.Layer < 0 {
			return nil, nil, fmt.Errorf("layered: Knoten %d hat die Ebene %d", i, n.Layer)
		}
		nLayers = max(nLayers, n.Layer+1)
		g.vs = append(g.vs, vertex{layer: n.Layer, h: n.H, group: n.Group, ports: n.Ports, real: i, tie: float64(i)})
	}
	shared := map[[3]int][]int{}
	for i, e := range edges {
		if e.From < 0 || e.From >= len(nodes) || e.To < 0 || e.To >= len(nodes) {
			return nil, nil, fmt.Errorf("layered: Kante %d verweist auf einen unbekannten Knoten", i)
		}
		lf, lt := nodes[e.From].Layer, nodes[e.To].Layer
		if lt <= lf {
			return nil, nil, fmt.Errorf("layered: Kante %d führt von Ebene %d nach Ebene %d; Kanten müssen nach rechts führen", i, lf, lt)
		}
		// Long edges from the same port into the same layer share their
		// dummies up to the last column ("edge concentration", as in dot):
		// one line crosses the columns and fans out only at the end.
		key := [3]int{e.From, e.FromPort, lt}
		segs, ok := shared[key]
		if !ok && lt-lf > 1 {
			prev, port := e.From, e.FromPort
			for l := lf + 1; l < lt; l++ {
				// A dummy inherits the target's group, so that a long edge
				// runs through the swimlane it ends in.
				g.vs = append(g.vs, vertex{layer: l, h: opt.DummyH, group: nodes[e.To].Group, real: -1,
					tie: float64(e.To) + 0.5})
				segs = append(segs, g.addSegment(segment{u: prev, v: len(g.vs) - 1, uPort: port, vPort: -1}))
				prev, port = len(g.vs)-1, -1
			}
			shared[key] = segs
		}
		from, fromPort := e.From, e.FromPort
		if len(segs) > 0 {
			from, fromPort = g.segs[segs[len(segs)-1]].v, -1
		}
		last := g.addSegment(segment{u: from, v: e.To, uPort: fromPort, vPort: e.ToPort})
		g.chains = append(g.chains, append(append([]int(nil), segs...), last))
	}
	for i := range g.segs {
		sg := &g.segs[i]
		sg.uFrac, sg.vFrac = g.portFrac(sg.u, sg.uPort), g.portFrac(sg.v, sg.vPort)
	}
	g.layers = make([][]int, nLayers)
	for v := range g.vs {
		g.layers[g.vs[v].layer] = append(g.layers[g.vs[v].layer], v)
	}
	g.pos = make([]int, len(g.vs))
	g.keys, g.bary = make([]float64, len(g.vs)), make([]float64, len(g.vs))
	g.byLayer = make([][]int, nLayers)
	for i, sg := range g.segs {
		l := g.vs[sg.u].layer
		g.byLayer[l] = append(g.byLayer[l], i)
	}
	g.order()
	y := g.coordinates()
	l := g.result(nodes, y)
	l.BudgetSpent = g.spent()
	return l, g, nil
}

func (g *graph) addSegment(s segment) int {
	g.segs = append(g.segs, s)
	i := len(g.segs) - 1
	g.vs[s.u].out = append(g.vs[s.u].out, i)
	g.vs[s.v].in = append(g.vs[s.v].in, i)
	return i
}

// portOffset is where segment s attaches to vertex v, from v's top.
func (g *graph) portOffset(v, port int) float64 {
	vx := &g.vs[v]
	if port >= 0 && port < len(vx.ports) {
		return vx.ports[port]
	}
	return vx.h / 2
}

// portFrac is the relative height of a port in its vertex, so that segment
// ends can be ordered by vertex position and then by row.
func (g *graph) portFrac(v, port int) float64 {
	f := 0.5
	if h := g.vs[v].h; h > 0 {
		f = g.portOffset(v, port) / h
	}
	return math.Min(math.Max(f, 0), 0.999)
}

// upper and lower are the slots of a segment's ends in the order of their
// layers: the vertex position plus the relative height of the port.
func (g *graph) upper(s int) float64 { return float64(g.pos[g.segs[s].u]) + g.segs[s].uFrac }
func (g *graph) lower(s int) float64 { return float64(g.pos[g.segs[s].v]) + g.segs[s].vFrac }

func (g *graph) setPositions(l int) {
	for i, v := range g.layers[l] {
		g.pos[v] = i
	}
}

// order reduces crossings. It starts from the input order and from a
// depth-first order (which keeps the children of a node together), each
// with a first sweep down and a first sweep up, runs median sweeps with
// transposition and keeps the best order seen; ties go to the earlier one,
// so the result is deterministic.
func (g *graph) order() {
	var best [][]int
	bestC := -1
	for _, start := range []func(){g.inputOrder, g.depthFirstOrder} {
		for _, downFirst := range []bool{true, false} {
			start()
			c, saved := g.sweep(downFirst)
			if bestC < 0 || c < bestC {
				bestC, best = c, saved
			}
			if bestC == 0 || g.spent() {
				g.restore(best)
				return
			}
		}
	}
	g.restore(best)
}

func (g *graph) inputOrder() {
	for l := range g.layers {
		layer := g.layers[l]
		sort.SliceStable(layer, func(i, j int) bool { return g.vs[layer[i]].tie < g.vs[layer[j]].tie })
		g.groupTogether(l, func(v int) float64 { return g.vs[v].tie })
		g.setPositions(l)
	}
}

// depthFirstOrder visits the vertices from the sources in input order and
// lists each layer in visiting order.
func (g *graph) depthFirstOrder() {
	seen := make([]bool, len(g.vs))
	rank := make([]float64, len(g.vs))
	next := make([]int, len(g.layers))
	var visit func(v int)
	visit = func(v int) {
		seen[v] = true
		l := g.vs[v].layer
		rank[v] = float64(next[l])
		next[l]++
		out := append([]int(nil), g.vs[v].out...)
		sort.SliceStable(out, func(i, j int) bool {
			a, b := g.segs[out[i]], g.segs[out[j]]
			if pa, pb := g.portOffset(v, a.uPort), g.portOffset(v, b.uPort); pa != pb {
				return pa < pb
			}
			return g.vs[a.v].tie < g.vs[b.v].tie
		})
		for _, s := range out {
			if w := g.segs[s].v; !seen[w] {
				visit(w)
			}
		}
	}
	all := make([]int, len(g.vs))
	for v := range all {
		all[v] = v
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := g.vs[all[i]], g.vs[all[j]]
		if a.layer != b.layer {
			return a.layer < b.layer
		}
		return a.tie < b.tie
	})
	for _, v := range all {
		if !seen[v] && len(g.vs[v].in) == 0 {
			visit(v)
		}
	}
	for _, v := range all {
		if !seen[v] {
			visit(v)
		}
	}
	for l := range g.layers {
		layer := g.layers[l]
		sort.SliceStable(layer, func(i, j int) bool { return rank[layer[i]] < rank[layer[j]] })
		g.groupTogether(l, func(v int) float64 { return rank[v] })
		g.setPositions(l)
	}
}

// sweep runs median sweeps down and up with transposition and returns the
// fewest crossings seen with that order.
func (g *graph) sweep(downFirst bool) (int, [][]int) {
	best := g.crossings()
	saved := g.snapshot()
	stale := 0
	for it := 0; it < g.opt.Sweeps && best > 0 && stale < 4 && !g.spent(); it++ {
		improved := false
		for _, down := range []bool{downFirst, !downFirst} {
			if down {
				for l := 1; l < len(g.layers); l++ {
					g.sortLayer(l, true)
				}
			} else {
				for l := len(g.layers) - 2; l >= 0; l-- {
					g.sortLayer(l, false)
				}
			}
			g.transpose()
			g.sift()
			if c := g.crossings(); c < best {
				best, saved, improved = c, g.snapshot(), true
			}
		}
		if improved {
			stale = 0
		} else {
			stale++
		}
	}
	return best, saved
}

func (g *graph) snapshot() [][]int {
	out := make([][]int, len(g.layers))
	for l, layer := range g.layers {
		out[l] = append([]int(nil), layer...)
	}
	return out
}

func (g *graph) restore(s [][]int) {
	for l := range s {
		copy(g.layers[l], s[l])
		g.setPositions(l)
	}
}

// median of the neighbour slots (Gansner et al. 1993: for an even count,
// the two middle values weighted by how spread out each side is).
func median(p []float64) (float64, bool) {
	n := len(p)
	if n == 0 {
		return 0, false
	}
	sort.Float64s(p)
	m := n / 2
	switch {
	case n%2 == 1:
		return p[m], true
	case n == 2:
		return (p[0] + p[1]) / 2, true
	}
	left, right := p[m-1]-p[0], p[n-1]-p[m]
	if left+right == 0 {
		return (p[m-1] + p[m]) / 2, true
	}
	return (p[m-1]*right + p[m]*left) / (left + right), true
}

// sortLayer orders layer l by the median position of its neighbours in the
// layer above (down) or below (!down). Vertices without such neighbours
// keep their place.
func (g *graph) sortLayer(l int, down bool) {
	layer := g.layers[l]
	keys, bary := g.keys, g.bary
	var buf []float64
	for _, v := range layer {
		buf = buf[:0]
		if down {
			for _, s := range g.vs[v].in {
				buf = append(buf, g.upper(s))
			}
		} else {
			for _, s := range g.vs[v].out {
				buf = append(buf, g.lower(s))
			}
		}
		sum := 0.0
		for _, x := range buf {
			sum += x
		}
		if m, ok := median(buf); ok {
			keys[v], bary[v] = m, sum/float64(len(buf))
		} else {
			// Keep the place: the slot a vertex had is also a position in
			// the neighbouring layer's scale, roughly.
			keys[v], bary[v] = float64(g.pos[v])+0.5, float64(g.pos[v])+0.5
		}
	}
	sort.SliceStable(layer, func(i, j int) bool {
		a, b := layer[i], layer[j]
		if keys[a] != keys[b] {
			return keys[a] < keys[b]
		}
		if bary[a] != bary[b] {
			return bary[a] < bary[b]
		}
		if g.pos[a] != g.pos[b] {
			return g.pos[a] < g.pos[b]
		}
		return g.vs[a].tie < g.vs[b].tie
	})
	g.centreDummies(layer, func(a, b int) bool { return keys[a] == keys[b] && bary[a] == bary[b] })
	g.groupTogether(l, func(v int) float64 { return keys[v] })
	g.setPositions(l)
}

// centreDummies puts passing edges into the middle of the siblings they tie
// with (same sort key), or first with Options.Top, so that the nodes such an
// edge fans out to line up beside those siblings instead of below them.
func (g *graph) centreDummies(layer []int, tied func(a, b int) bool) {
	for i := 0; i < len(layer); {
		j := i + 1
		for j < len(layer) && tied(layer[i], layer[j]) {
			j++
		}
		var real, dummy []int
		for _, v := range layer[i:j] {
			if g.vs[v].real < 0 {
				dummy = append(dummy, v)
			} else {
				real = append(real, v)
			}
		}
		if len(real) > 0 && len(dummy) > 0 {
			h := len(real) / 2
			if g.opt.Top {
				h = 0 // the fan starts level with its source, at the top
			}
			copy(layer[i:], real[:h])
			copy(layer[i+h:], dummy)
			copy(layer[i+h+len(dummy):], real[h:])
		}
		i = j
	}
}

// groupTogether makes the groups of layer l contiguous: groups are ordered by
// the mean key of their members, members keep their relative order.
func (g *graph) groupTogether(l int, key func(int) float64) {
	layer := g.layers[l]
	type unit struct {
		first   int // index of the first member in the current order
		sum     float64
		members []int
	}
	var units []*unit
	byGroup := map[int]*unit{}
	for i, v := range layer {
		grp := g.vs[v].group
		if grp >= 0 {
			if u := byGroup[grp]; u != nil {
				u.members = append(u.members, v)
				u.sum += key(v)
				continue
			}
		}
		u := &unit{first: i, sum: key(v), members: []int{v}}
		if grp >= 0 {
			byGroup[grp] = u
		}
		units = append(units, u)
	}
	if len(units) == len(layer) {
		return
	}
	sort.SliceStable(units, func(i, j int) bool {
		a := units[i].sum / float64(len(units[i].members))
		b := units[j].sum / float64(len(units[j].members))
		if a != b {
			return a < b
		}
		return units[i].first < units[j].first
	})
	k := 0
	for _, u := range units {
		for _, v := range u.members {
			layer[k] = v
			k++
		}
	}
}

// transpose swaps neighbours of one group while that removes crossings.
func (g *graph) transpose() {
	for pass := 0; pass < 8 && !g.spent(); pass++ {
		improved := false
		for l := range g.layers {
			layer := g.layers[l]
			for i := 0; i+1 < len(layer); i++ {
				u, v := layer[i], layer[i+1]
				if g.vs[u].group != g.vs[v].group {
					continue // would split a group
				}
				if above, below := g.pairCrossings(u, v); below < above {
					layer[i], layer[i+1] = v, u
					g.pos[u], g.pos[v] = i+1, i
					improved = true
				}
			}
		}
		if !improved {
			return
		}
	}
}

// sift moves each vertex to the place in its layer (among neighbours of its
// group) where its edges cross the fewest others (Matuszewski, Schönfeld
// and Molitor 1999); a move must remove crossings, so ties keep the order.
func (g *graph) sift() {
	for l := range g.layers {
		if g.spent() {
			return
		}
		layer := g.layers[l]
		for _, v := range append([]int(nil), layer...) {
			i := g.pos[v]
			best, bestAt := 0, i
			// Moving up past the neighbours above, then down past those below.
			d := 0
			for k := i - 1; k >= 0 && g.vs[layer[k]].group == g.vs[v].group; k-- {
				above, below := g.pairCrossings(v, layer[k])
				d += above - below
				if d < best {
					best, bestAt = d, k
				}
			}
			d = 0
			for k := i + 1; k < len(layer) && g.vs[layer[k]].group == g.vs[v].group; k++ {
				above, below := g.pairCrossings(v, layer[k])
				d += below - above
				if d < best {
					best, bestAt = d, k
				}
			}
			if bestAt == i {
				continue
			}
			copy(layer[i:], layer[i+1:])
			layer = layer[:len(layer)-1]
			layer = append(layer[:bestAt], append([]int{v}, layer[bestAt:]...)...)
			g.layers[l] = layer
			g.setPositions(l)
		}
	}
}

// pairCrossings counts the crossings among the edges of u and v if u is
// directly above v (above) and if v is directly above u (below). Callers
// always compare both, and one pass over the edge pairs yields both.
func (g *graph) pairCrossings(u, v int) (above, below int) {
	vu, vv := &g.vs[u], &g.vs[v]
	// The work of two one-sided counts, as the budget was set for them.
	g.work += 2 * (len(vu.in)*len(vv.in) + len(vu.out)*len(vv.out) + 1)
	for _, su := range vu.in {
		a := g.upper(su)
		for _, sv := range vv.in {
			switch b := g.upper(sv); {
			case a > b:
				above++
			case b > a:
				below++
			}
		}
	}
	for _, su := range vu.out {
		a := g.lower(su)
		for _, sv := range vv.out {
			switch b := g.lower(sv); {
			case a > b:
				above++
			case b > a:
				below++
			}
		}
	}
	return above, below
}

// crossings counts all crossings, layer pair by layer pair, in
// O(E log E) with a Fenwick tree (Barth, Jünger, Mutzel 2002).
func (g *graph) crossings() int {
	total := 0
	for _, list := range g.byLayer {
		pairs := make([][2]float64, len(list))
		for i, s := range list {
			pairs[i] = [2]float64{g.upper(s), g.lower(s)}
		}
		total += CountCrossings(pairs)
	}
	return total
}

// CountCrossings counts pairs of straight segments between two parallel
// lines that cross, given their end positions on both lines. Segments that
// share an end do not cross.
func CountCrossings(pairs [][2]float64) int {
	if len(pairs) < 2 {
		return 0
	}
	p := append([][2]float64(nil), pairs...)
	sort.Slice(p, func(i, j int) bool {
		if p[i][0] != p[j][0] {
			return p[i][0] < p[j][0]
		}
		return p[i][1] < p[j][1]
	})
	lower := make([]float64, len(p))
	for i := range p {
		lower[i] = p[i][1]
	}
	sort.Float64s(lower)
	tree := make([]int, len(p)+1) // Fenwick tree over the ranks of lower ends
	count := 0
	for i, e := range p {
		// Every segment inserted so far starts at or above e. It crosses e
		// if it ends strictly below e's lower end; equal ends touch only.
		atOrAbove := sort.SearchFloat64s(lower, math.Nextafter(e[1], math.Inf(1)))
		for k := atOrAbove; k > 0; k -= k & -k {
			count -= tree[k]
		}
		count += i
		for k := sort.SearchFloat64s(lower, e[1]) + 1; k < len(tree); k += k & -k {
			tree[k]++
		}
	}
	return count
}

// coordinates finds the y of every vertex: columns are packed, then each
// vertex is pulled towards the median of its neighbours' ports, alternately
// from the left and from the right, with an exact solution of the
// order and spacing constraints per column (pool adjacent violators).
func (g *graph) coordinates() []float64 {
	// The order is fixed from here on, and with it each segment's place in
	// its source's fan: compute those offsets once, not per sweep.
	g.stack = make([]float64, len(g.segs))
	g.sorted = make([][]int, len(g.vs))
	for v := range g.vs {
		out := g.outInOrder(v)
		g.sorted[v] = out
		for _, s := range out {
			g.stack[s] = g.stackOffset(s, out)
		}
	}
	y := make([]float64, len(g.vs))
	for l := range g.layers {
		cur := 0.0
		for i, v := range g.layers[l] {
			if i > 0 {
				cur += g.gap(g.layers[l][i-1], v)
			}
			y[v] = cur
			cur += g.vs[v].h
		}
	}
	rounds := 2 * g.opt.Sweeps
	for r := 0; r < rounds; r++ {
		switch {
		case r >= rounds-4 && !g.opt.Top:
			// Balance: each vertex between its neighbours on both sides.
			// Top alignment ends with an up sweep instead, so that every
			// node is level with its first neighbour on the right.
			for l := range g.layers {
				g.placeLayer(l, y, true, true)
			}
		case r%2 == 0:
			for l := 1; l < len(g.layers); l++ {
				g.placeLayer(l, y, true, false)
			}
		default:
			for l := len(g.layers) - 2; l >= 0; l-- {
				g.placeLayer(l, y, false, true)
			}
		}
	}
	minY := math.Inf(1)
	for v := range y {
		minY = math.Min(minY, y[v])
	}
	for v := range y {
		y[v] -= minY
	}
	return y
}

func (g *graph) gap(a, b int) float64 {
	va, vb := &g.vs[a], &g.vs[b]
	switch {
	case va.real < 0 && vb.real < 0:
		return g.opt.NodeGap / 2 // parallel long edges may run close
	case va.group >= 0 && vb.group >= 0 && va.group != vb.group:
		return g.opt.GroupGap
	}
	return g.opt.NodeGap
}

// placeLayer moves the vertices of layer l as close as possible to where
// their neighbours want them, keeping order and spacing.
func (g *graph) placeLayer(l int, y []float64, fromLeft, fromRight bool) {
	layer := g.layers[l]
	n := len(layer)
	d := make([]float64, n)
	w := make([]float64, n)
	sep := make([]float64, n)
	free := make([]bool, n)
	var buf []float64
	for i, v := range layer {
		buf = buf[:0]
		if fromLeft {
			for _, s := range g.vs[v].in {
				sg := g.segs[s]
				buf = append(buf, y[sg.u]+g.portOffset(sg.u, sg.uPort)-g.portOffset(v, sg.vPort)+g.stack[s])
			}
		}
		if fromRight {
			for k, s := range g.sorted[v] {
				if g.opt.Top && k > 0 {
					break // aligned with the first neighbour only
				}
				sg := g.segs[s]
				buf = append(buf, y[sg.v]+g.portOffset(sg.v, sg.vPort)-g.portOffset(v, sg.uPort))
			}
		}
		if m, ok := median(buf); ok {
			d[i] = m
			w[i] = float64(len(buf))
			if g.vs[v].real < 0 {
				w[i] *= 8 // long edges should run straight
			}
		} else {
			d[i], w[i] = y[v], 0.01
			free[i] = true
		}
		if i+1 < n {
			sep[i] = g.vs[v].h + g.gap(v, layer[i+1])
		}
	}
	res := isotonic(d, w, sep)
	// Nothing pulls at a free vertex: it closes up to its neighbour, so that
	// unconnected nodes do not drift away from the rest.
	for i := 1; i < n; i++ {
		if free[i] {
			res[i] = math.Min(res[i], res[i-1]+sep[i-1])
		}
	}
	if n > 1 && free[0] {
		res[0] = math.Max(res[0], res[1]-sep[0])
	}
	for i, yi := range res {
		y[layer[i]] = yi
	}
}

// outInOrder lists the segments leaving v by the position of their ends.
func (g *graph) outInOrder(v int) []int {
	out := g.vs[v].out
	if len(out) < 2 || !g.opt.Top {
		return out
	}
	out = append([]int(nil), out...)
	sort.SliceStable(out, func(i, j int) bool { return g.lower(out[i]) < g.lower(out[j]) })
	return out
}

// stackOffset is, with Options.Top, how far below its source's port the end
// of segment s should sit: the source's first neighbour is level with it,
// the others follow in order, each below the one before.
func (g *graph) stackOffset(s int, out []int) float64 {
	if !g.opt.Top {
		return 0
	}
	sg := g.segs[s]
	first := g.segs[out[0]]
	if out[0] == s {
		return 0
	}
	off := g.portOffset(sg.v, sg.vPort) - g.portOffset(first.v, first.vPort)
	prev := -1
	for _, o := range out {
		v := g.segs[o].v
		if g.pos[v] >= g.pos[sg.v] {
			break
		}
		if prev >= 0 && v != prev {
			off += g.gap(prev, v)
		}
		if v != prev {
			off += g.vs[v].h
		}
		prev = v
	}
	if prev >= 0 && prev != sg.v {
		off += g.gap(prev, sg.v)
	}
	return off
}

// isotonic solves: minimise Σ w_i (y_i − d_i)² subject to
// y_{i+1} ≥ y_i + sep_i, exactly, by pooling adjacent violators on
// z_i = y_i − c_i where c is the running sum of the separations.
func isotonic(d, w, sep []float64) []float64 {
	n := len(d)
	c := make([]float64, n)
	for i := 1; i < n; i++ {
		c[i] = c[i-1] + sep[i-1]
	}
	type block struct {
		start, end int
		sw, swt    float64
	}
	val := func(b block) float64 { return b.swt / b.sw }
	var st []block
	for i := 0; i < n; i++ {
		b := block{i, i + 1, w[i], w[i] * (d[i] - c[i])}
		for len(st) > 0 && val(st[len(st)-1]) >= val(b) {
			top := st[len(st)-1]
			st = st[:len(st)-1]
			b = block{top.start, b.end, top.sw + b.sw, top.swt + b.swt}
		}
		st = append(st, b)
	}
	y := make([]float64, n)
	for _, b := range st {
		z := val(b)
		for i := b.start; i < b.end; i++ {
			y[i] = z + c[i]
		}
	}
	return y
}

func (g *graph) result(nodes []Node, y []float64) *Layout {
	L := len(g.layers)
	out := &Layout{X: make([]float64, len(nodes)), Y: make([]float64, len(nodes)),
		LayerX: make([]float64, L), LayerW: make([]float64, L), Order: make([][]int, L)}
	for _, n := range nodes {
		out.LayerW[n.Layer] = math.Max(out.LayerW[n.Layer], n.W)
	}
	for l := 1; l < L; l++ {
		out.LayerX[l] = out.LayerX[l-1] + out.LayerW[l-1] + g.opt.LayerGap
	}
	out.Width = out.LayerX[L-1] + out.LayerW[L-1]
	for v, vx := range g.vs {
		out.Height = math.Max(out.Height, y[v]+vx.h)
		if vx.real >= 0 {
			out.X[vx.real] = out.LayerX[vx.layer]
			out.Y[vx.real] = y[v]
		}
	}
	for l, layer := range g.layers {
		for _, v := range layer {
			if g.vs[v].real >= 0 {
				out.Order[l] = append(out.Order[l], g.vs[v].real)
			}
		}
	}
	for _, chain := range g.chains {
		first, last := g.segs[chain[0]], g.segs[chain[len(chain)-1]]
		src, tgt := first.u, last.v
		sy := y[src] + g.portOffset(src, first.uPort)
		ls := g.vs[src].layer
		r := []Point{{out.X[g.vs[src].real] + nodes[g.vs[src].real].W, sy}, {out.LayerX[ls] + out.LayerW[ls], sy}}
		for _, s := range chain[1:] {
			v := g.segs[s].u // a dummy
			dy := y[v] + g.vs[v].h/2
			l := g.vs[v].layer
			r = append(r, Point{out.LayerX[l], dy}, Point{out.LayerX[l] + out.LayerW[l], dy})
		}
		r = append(r, Point{out.LayerX[g.vs[tgt].layer], y[tgt] + g.portOffset(tgt, last.vPort)})
		out.Routes = append(out.Routes, r)
	}
	out.Crossings = g.crossings()
	return out
}
