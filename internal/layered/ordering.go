package layered

import (
	"cmp"
	"slices"
	"sort"
)

// cmpLess turns a strict "less" of two unequal values into a comparison.
func cmpLess(less bool) int {
	if less {
		return -1
	}
	return 1
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
	buf := g.medBuf
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
	g.medBuf = buf
	// A stable sort has one result for a given order and comparison, so the
	// generic sort (no reflection, no closure per swap) orders as before.
	slices.SortStableFunc(layer, func(a, b int) int {
		if keys[a] != keys[b] {
			return cmpLess(keys[a] < keys[b])
		}
		if bary[a] != bary[b] {
			return cmpLess(bary[a] < bary[b])
		}
		if g.pos[a] != g.pos[b] {
			return g.pos[a] - g.pos[b]
		}
		return cmp.Compare(g.vs[a].tie, g.vs[b].tie)
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
		if j-i < 2 {
			i = j
			continue // a vertex alone has nothing to move past
		}
		real, dummy := g.realBuf[:0], g.dummyBuf[:0]
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
		g.realBuf, g.dummyBuf = real, dummy
		i = j
	}
}

// unit is a group or a free vertex of a layer in groupTogether; first is the
// index of its first member in the current order, which also breaks ties
// between means.
type unit struct {
	first, n int
	sum      float64
}

// groupTogether makes the groups of layer l contiguous: groups are ordered by
// the mean key of their members, members keep their relative order.
func (g *graph) groupTogether(l int, key func(int) float64) {
	layer := g.layers[l]
	units := g.units[:0]
	unitOf := g.unitOf[:0]
	if g.byGroup == nil {
		g.byGroup = map[int]int{}
	}
	clear(g.byGroup)
	for i, v := range layer {
		grp := g.vs[v].group
		if grp >= 0 {
			if u, ok := g.byGroup[grp]; ok {
				units[u].n++
				units[u].sum += key(v)
				unitOf = append(unitOf, u)
				continue
			}
			g.byGroup[grp] = len(units)
		}
		unitOf = append(unitOf, len(units))
		units = append(units, unit{first: i, n: 1, sum: key(v)})
	}
	g.units, g.unitOf = units, unitOf
	if len(units) == len(layer) {
		return
	}
	// first differs between units, so the order is total and any sort
	// gives the one result.
	rank := g.rank[:0]
	for u := range units {
		rank = append(rank, u)
	}
	slices.SortFunc(rank, func(i, j int) int {
		a := units[i].sum / float64(units[i].n)
		b := units[j].sum / float64(units[j].n)
		if a != b {
			return cmpLess(a < b)
		}
		return units[i].first - units[j].first
	})
	// Each unit's members go to consecutive places from its start on.
	start := g.start[:0]
	start = slices.Grow(start, len(units))[:len(units)]
	k := 0
	for _, u := range rank {
		start[u] = k
		k += units[u].n
	}
	g.rank, g.start = rank, start
	g.groupBuf = append(g.groupBuf[:0], layer...)
	for i, v := range g.groupBuf {
		u := unitOf[i]
		layer[start[u]] = v
		start[u]++
	}
}

// transpose swaps neighbours of one group while that removes crossings.
func (g *graph) transpose() {
	for pass := 0; pass < 8 && !g.spent(); pass++ {
		improved := false
		for l := range g.layers {
			layer := g.layers[l]
			g.layerEnds(l)
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
		g.layerEnds(l)
		g.siftBuf = append(g.siftBuf[:0], layer...)
		for _, v := range g.siftBuf {
			i := g.pos[v]
			best, bestAt := 0, i
			// Moving up past the neighbours above, then down past those below.
			d := 0
			grp := g.group[v]
			in, out := g.vertexEnds(v) // nothing moves during the search
			for k := i - 1; k >= 0 && g.group[layer[k]] == grp; k-- {
				above, below := g.crossEnds(in, out, layer[k])
				d += above - below
				if d < best {
					best, bestAt = d, k
				}
			}
			d = 0
			for k := i + 1; k < len(layer) && g.group[layer[k]] == grp; k++ {
				above, below := g.crossEnds(in, out, layer[k])
				d += below - above
				if d < best {
					best, bestAt = d, k
				}
			}
			if bestAt == i {
				continue
			}
			// Move v from i to bestAt; only the places in between change.
			lo, hi := i, bestAt
			if bestAt < i {
				copy(layer[bestAt+1:i+1], layer[bestAt:i])
				lo, hi = bestAt, i
			} else {
				copy(layer[i:bestAt], layer[i+1:bestAt+1])
			}
			layer[bestAt] = v
			for k := lo; k <= hi; k++ {
				g.pos[layer[k]] = k
			}
		}
	}
}

// pairCrossings counts the crossings among the edges of u and v if u is
// directly above v (above) and if v is directly above u (below). Callers
// always compare both, and one pass over the edge pairs yields both. u and v
// are in the layer of the last layerEnds.
func (g *graph) pairCrossings(u, v int) (above, below int) {
	uIn, uOut := g.vertexEnds(u)
	return g.crossEnds(uIn, uOut, v)
}

// vertexEnds returns the slots of v's ends from the last layerEnds.
func (g *graph) vertexEnds(v int) (in, out []float64) {
	a := &g.ends.at[v]
	return g.ends.in[a.in:a.inEnd], g.ends.out[a.out:a.outEnd]
}

// crossEnds is pairCrossings with u's ends given, which sift compares with
// many vertices.
func (g *graph) crossEnds(uIn, uOut []float64, v int) (above, below int) {
	vIn, vOut := g.vertexEnds(v)
	// The work of two one-sided counts, as the budget was set for them.
	g.work += 2 * (len(uIn)*len(vIn) + len(uOut)*len(vOut) + 1)
	above, below = countOrder(uIn, vIn)
	ab, be := countOrder(uOut, vOut)
	return above + ab, below + be
}

// ends holds the slots of the segment ends of one layer's vertices in the
// neighbouring layers: upper ends of the segments arriving, lower ends of
// those leaving. transpose and sift only reorder the layer itself, which
// leaves these slots as they are, so each is read once per layer instead of
// once per compared pair.
type ends struct {
	in, out []float64
	at      []vertexEnds // by vertex
}

// vertexEnds locates a vertex's slots in ends.in and ends.out; it is small,
// so that comparing many pairs reads little memory.
type vertexEnds struct {
	in, inEnd, out, outEnd int32
}

// layerEnds fills g.ends for layer l.
func (g *graph) layerEnds(l int) {
	e := &g.ends
	if e.at == nil {
		e.at = make([]vertexEnds, len(g.vs))
	}
	e.in, e.out = e.in[:0], e.out[:0]
	for _, v := range g.layers[l] {
		at := &e.at[v]
		at.in, at.out = int32(len(e.in)), int32(len(e.out))
		for _, s := range g.vs[v].in {
			e.in = append(e.in, g.upper(s))
		}
		for _, s := range g.vs[v].out {
			e.out = append(e.out, g.lower(s))
		}
		at.inEnd, at.outEnd = int32(len(e.in)), int32(len(e.out))
	}
}

// countOrder counts the pairs (x of a, y of b) with x > y and with y > x.
func countOrder(a, b []float64) (above, below int) {
	for _, x := range a {
		for _, y := range b {
			switch {
			case x > y:
				above++
			case y > x:
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
		pairs := g.pairs[:0]
		for _, s := range list {
			pairs = append(pairs, [2]float64{g.upper(s), g.lower(s)})
		}
		g.pairs = pairs
		total += g.cc.count(pairs)
	}
	return total
}

// counter holds the buffers of CountCrossings between calls.
type counter struct {
	lower, tmp []float64
}

// CountCrossings counts pairs of straight segments between two parallel
// lines that cross, given their end positions on both lines. Segments that
// share an end do not cross.
func CountCrossings(pairs [][2]float64) int {
	var c counter
	return c.count(append([][2]float64(nil), pairs...))
}

// count is CountCrossings on pairs, which it sorts in place. Sorted by upper
// end, and by lower end where the upper ends are equal, two segments cross
// exactly when the later one ends strictly above the earlier one: the count
// is the number of strict inversions of the lower ends, which a merge sort
// counts in O(n log n) (the count does not depend on the order of equal
// pairs, so an unstable sort will do).
func (c *counter) count(p [][2]float64) int {
	if len(p) < 2 {
		return 0
	}
	slices.SortFunc(p, func(a, b [2]float64) int {
		if a[0] != b[0] {
			return cmpLess(a[0] < b[0])
		}
		return cmp.Compare(a[1], b[1])
	})
	lower := c.lower[:0]
	for i := range p {
		lower = append(lower, p[i][1])
	}
	c.lower = lower
	c.tmp = slices.Grow(c.tmp[:0], len(lower))[:len(lower)]
	return inversions(lower, c.tmp)
}

// inversions sorts a and returns the number of pairs i < j with
// a[i] > a[j]; tmp is scratch of the same length.
func inversions(a, tmp []float64) int {
	n := len(a)
	if n < 2 {
		return 0
	}
	m := n / 2
	count := inversions(a[:m], tmp[:m]) + inversions(a[m:], tmp[m:])
	if a[m-1] <= a[m] {
		return count // already in order, nothing crosses between the halves
	}
	copy(tmp, a)
	left, right := tmp[:m], tmp[m:]
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
			// right[j] is smaller than every left value still waiting.
			count += len(left) - i
			a[k] = right[j]
			j++
		} else {
			a[k] = left[i]
			i++
		}
		k++
	}
	k += copy(a[k:], left[i:])
	copy(a[k:], right[j:])
	return count
}
