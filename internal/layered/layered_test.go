package layered

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

var opt = Options{LayerGap: 40, NodeGap: 10, GroupGap: 20, DummyH: 4}

// bruteCrossings checks CountCrossings the slow and obvious way.
func bruteCrossings(p [][2]float64) int {
	c := 0
	for i := range p {
		for j := i + 1; j < len(p); j++ {
			if (p[i][0]-p[j][0])*(p[i][1]-p[j][1]) < 0 {
				c++
			}
		}
	}
	return c
}

func TestCountCrossings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200; n++ {
		var p [][2]float64
		for range r.IntN(30) {
			p = append(p, [2]float64{float64(r.IntN(6)), float64(r.IntN(6))})
		}
		if got, want := CountCrossings(p), bruteCrossings(p); got != want {
			t.Fatalf("%v: %d crossings, want %d", p, got, want)
		}
	}
}

// tree is a three-level tree given in an order that crosses badly.
func tree() ([]Node, []Edge) {
	nodes := []Node{{Layer: 0, W: 50, H: 20, Group: -1}}
	var edges []Edge
	for i := 0; i < 4; i++ {
		nodes = append(nodes, Node{Layer: 1, W: 60, H: 30, Group: -1})
	}
	// children listed in reverse order of their parents
	for i := 0; i < 8; i++ {
		nodes = append(nodes, Node{Layer: 2, W: 70, H: 25 + float64(i%3)*10, Group: -1})
	}
	for p := 1; p <= 4; p++ {
		edges = append(edges, Edge{From: 0, To: p, FromPort: -1, ToPort: -1})
	}
	for c := 0; c < 8; c++ {
		edges = append(edges, Edge{From: 4 - c/2, To: 5 + c, FromPort: -1, ToPort: -1})
	}
	// a long edge from the root straight to a leaf layer
	edges = append(edges, Edge{From: 0, To: 12, FromPort: -1, ToPort: -1})
	return nodes, edges
}

func TestTreeHasNoCrossingsAndNoOverlaps(t *testing.T) {
	nodes, edges := tree()
	l, err := Compute(nodes, edges, opt)
	if err != nil {
		t.Fatal(err)
	}
	if l.Crossings != 0 {
		t.Errorf("a tree should be drawn without crossings, got %d", l.Crossings)
	}
	checkNoOverlap(t, nodes, l)
	if len(l.Routes) != len(edges) {
		t.Fatalf("%d routes for %d edges", len(l.Routes), len(edges))
	}
	// The edge from layer 0 to layer 2 passes column 1: source port, column
	// edge, left and right edge of column 1, target port.
	if long := l.Routes[len(edges)-1]; len(long) != 5 || long[2].Y != long[3].Y {
		t.Errorf("long edge route %v", long)
	}
	for i, r := range l.Routes {
		e := edges[i]
		if r[0].X != l.X[e.From]+nodes[e.From].W || r[len(r)-1].X != l.X[e.To] {
			t.Errorf("edge %d does not start at its source's right side and end at its target's left side: %v", i, r)
		}
	}
}

func checkNoOverlap(t *testing.T, nodes []Node, l *Layout) {
	t.Helper()
	for i := range nodes {
		for j := i + 1; j < len(nodes); j++ {
			a, b := nodes[i], nodes[j]
			if l.X[i] < l.X[j]+b.W && l.X[j] < l.X[i]+a.W && l.Y[i] < l.Y[j]+b.H && l.Y[j] < l.Y[i]+a.H {
				t.Errorf("nodes %d and %d overlap", i, j)
			}
		}
	}
}

func TestGroupsStayTogether(t *testing.T) {
	// Two groups in layer 1 whose parents want them interleaved.
	nodes := []Node{{Layer: 0, W: 10, H: 10, Group: -1}, {Layer: 0, W: 10, H: 10, Group: -1}}
	var edges []Edge
	for i := 0; i < 6; i++ {
		nodes = append(nodes, Node{Layer: 1, W: 10, H: 10, Group: i % 2})
		edges = append(edges, Edge{From: i / 3, To: 2 + i, FromPort: -1, ToPort: -1})
	}
	l, err := Compute(nodes, edges, opt)
	if err != nil {
		t.Fatal(err)
	}
	seen, last := map[int]bool{}, -1
	for _, v := range l.Order[1] {
		g := nodes[v].Group
		if g != last && seen[g] {
			t.Fatalf("group %d is split: order %v", g, l.Order[1])
		}
		seen[g], last = true, g
	}
	checkNoOverlap(t, nodes, l)
}

func TestPortsOrderEdges(t *testing.T) {
	// A set node with three rows; each row feeds one child. The children must
	// come out in row order, without crossings.
	nodes := []Node{
		{Layer: 0, W: 100, H: 90, Group: -1, Ports: []float64{15, 45, 75}},
		{Layer: 1, W: 50, H: 20, Group: -1},
		{Layer: 1, W: 50, H: 20, Group: -1},
		{Layer: 1, W: 50, H: 20, Group: -1},
	}
	edges := []Edge{{0, 3, 0, -1}, {0, 1, 2, -1}, {0, 2, 1, -1}}
	l, err := Compute(nodes, edges, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{3, 2, 1}; !reflect.DeepEqual(l.Order[1], want) {
		t.Errorf("order %v, want %v", l.Order[1], want)
	}
	if l.Crossings != 0 {
		t.Errorf("%d crossings", l.Crossings)
	}
	// With free space, each child sits level with its row.
	for i := range edges {
		r := l.Routes[i]
		if d := r[0].Y - r[len(r)-1].Y; d > 0.5 || d < -0.5 {
			t.Errorf("edge %d bends by %.1f although it could run straight", i, d)
		}
	}
}

func TestDeterministic(t *testing.T) {
	nodes, edges := synthetic(5, 60, 3)
	a, err := Compute(nodes, edges, opt)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, _ := Compute(nodes, edges, opt)
		if !reflect.DeepEqual(a, b) {
			t.Fatal("same input, different layout")
		}
	}
	checkNoOverlap(t, nodes, a)
	t.Logf("synthetic 5×60: %d crossings, %.0f×%.0f", a.Crossings, a.Width, a.Height)
}

func TestReducesCrossings(t *testing.T) {
	nodes, edges := synthetic(4, 30, 2)
	l, err := Compute(nodes, edges, Options{LayerGap: 40, NodeGap: 10, GroupGap: 10, DummyH: 4, Sweeps: 1})
	if err != nil {
		t.Fatal(err)
	}
	l2, _ := Compute(nodes, edges, opt)
	if l2.Crossings > l.Crossings {
		t.Errorf("more sweeps gave more crossings: %d > %d", l2.Crossings, l.Crossings)
	}
	t.Logf("crossings after 1 sweep: %d, after 12: %d", l.Crossings, l2.Crossings)
}

func TestRejectsBadEdges(t *testing.T) {
	nodes := []Node{{Layer: 0, W: 1, H: 1}, {Layer: 0, W: 1, H: 1}, {Layer: 1, W: 1, H: 1}}
	for _, e := range []Edge{{0, 1, -1, -1}, {2, 0, -1, -1}, {0, 7, -1, -1}} {
		if _, err := Compute(nodes, []Edge{e}, opt); err == nil {
			t.Errorf("edge %v accepted", e)
		}
	}
	if _, err := Compute(nil, nil, opt); err == nil {
		t.Error("empty graph accepted")
	}
}

func TestIsotonic(t *testing.T) {
	// Everybody wants 0: the block is centred on 0 with the given spacing.
	y := isotonic([]float64{0, 0, 0}, []float64{1, 1, 1}, []float64{10, 10, 0})
	if want := []float64{-10, 0, 10}; !reflect.DeepEqual(y, want) {
		t.Errorf("got %v, want %v", y, want)
	}
	// Already feasible: unchanged.
	y = isotonic([]float64{0, 50, 100}, []float64{1, 1, 1}, []float64{10, 10, 0})
	if want := []float64{0, 50, 100}; !reflect.DeepEqual(y, want) {
		t.Errorf("got %v, want %v", y, want)
	}
}

// synthetic builds a random layered graph: perLayer nodes in each of layers
// layers, every node after the first layer with 1..maxParents parents, some
// of them two or three layers back (long edges), in groups of about five.
func synthetic(layers, perLayer, maxParents int) ([]Node, []Edge) {
	r := rand.New(rand.NewPCG(42, 7))
	var nodes []Node
	var edges []Edge
	first := make([]int, layers)
	for l := 0; l < layers; l++ {
		first[l] = len(nodes)
		for i := 0; i < perLayer; i++ {
			nodes = append(nodes, Node{Layer: l, W: 180, H: float64(30 + r.IntN(50)), Group: (l*1000 + i) / 5})
		}
	}
	for l := 1; l < layers; l++ {
		for i := 0; i < perLayer; i++ {
			for k := 0; k < 1+r.IntN(maxParents); k++ {
				pl := l - 1
				if r.IntN(5) == 0 {
					pl = max(0, l-1-r.IntN(3))
				}
				edges = append(edges, Edge{From: first[pl] + r.IntN(perLayer), To: first[l] + i, FromPort: -1, ToPort: -1})
			}
		}
	}
	return nodes, edges
}

// BenchmarkLayout lays out a large synthetic graph: 6 layers of 200 nodes,
// about 2 400 edges, a quarter of them long.
func BenchmarkLayout(b *testing.B) {
	nodes, edges := synthetic(6, 200, 3)
	b.ReportAllocs()
	var l *Layout
	for b.Loop() {
		var err error
		if l, err = Compute(nodes, edges, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(l.Crossings), "crossings")
	b.ReportMetric(float64(len(edges)), "edges")
}

func TestUnconnectedNodeStaysClose(t *testing.T) {
	nodes := []Node{{Layer: 0, W: 10, H: 10, Group: -1}}
	var edges []Edge
	for i := 0; i < 5; i++ {
		nodes = append(nodes, Node{Layer: 1, W: 10, H: 40, Group: 0})
		edges = append(edges, Edge{From: 0, To: i + 1, FromPort: -1, ToPort: -1})
	}
	nodes = append(nodes, Node{Layer: 1, W: 10, H: 10, Group: 1}) // no edges
	for _, top := range []bool{false, true} {
		o := opt
		o.Top = top
		l, err := Compute(nodes, edges, o)
		if err != nil {
			t.Fatal(err)
		}
		last := l.Order[1][len(l.Order[1])-2]
		if gap := l.Y[6] - (l.Y[last] + nodes[last].H); gap > opt.GroupGap+1 {
			t.Errorf("top=%v: the unconnected node is %.0f px below the others", top, gap)
		}
	}
}

// A column of hundreds of nodes in one group would make crossing
// reduction quadratic; the budget stops it with a valid layout, and maps
// of real size never reach it.
func TestBudgetBoundsCrossingReduction(t *testing.T) {
	nodes, edges := synthetic(3, 400, 2)
	for i := range nodes {
		nodes[i].Group = nodes[i].Layer
	}
	small := opt
	small.Budget = 1_000_000
	a, g, err := compute(nodes, edges, small)
	if err != nil {
		t.Fatal(err)
	}
	if !a.BudgetSpent {
		t.Error("budget of 1e6 comparisons not reached on 1,200 nodes in three groups")
	}
	// It stops between layers, so it may overshoot by about one layer's sift.
	if g.work > 4*small.Budget {
		t.Errorf("%d comparisons with a budget of %d", g.work, small.Budget)
	}
	if _, g, _ := compute(nodes, edges, opt); g.work <= 4*small.Budget {
		t.Errorf("without a small budget only %d comparisons: the test graph is too easy", g.work)
	}
	checkNoOverlap(t, nodes, a)
	if b, _ := Compute(nodes, edges, small); !reflect.DeepEqual(a, b) {
		t.Error("same input and budget, different layout")
	}
	for _, n := range [][2]int{{5, 60}, {4, 30}} {
		nodes, edges := synthetic(n[0], n[1], 3)
		if l, _ := Compute(nodes, edges, opt); l.BudgetSpent {
			t.Errorf("synthetic %d×%d hit the default budget", n[0], n[1])
		}
	}
}
