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

	// Scratch buffers of the inner loops, reused so that crossing reduction
	// does not allocate per comparison or per layer.
	medBuf              []float64
	ends                ends  // of the layer that transpose or sift is at
	group               []int // of each vertex, for sift
	siftBuf             []int
	unitOf, rank, start []int // of groupTogether
	groupBuf            []int
	realBuf, dummyBuf   []int // of centreDummies
	units               []unit
	byGroup             map[int]int
	place               placeScratch
	pairs               [][2]float64
	cc                  counter
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
	// The groups side by side: sift reads them for every comparison.
	g.group = make([]int, len(g.vs))
	for v := range g.vs {
		g.group[v] = g.vs[v].group
	}
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
