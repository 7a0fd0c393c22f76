package layered

import (
	"math"
	"slices"
	"sort"
)

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
	sc := &g.place
	d, w, sep := grow(&sc.d, n), grow(&sc.w, n), grow(&sc.sep, n)
	free := slices.Grow(sc.free[:0], n)[:n]
	sc.free = free
	clear(sep)
	clear(free)
	buf := g.medBuf
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
	g.medBuf = buf
	res := sc.isotonic(d, w, sep)
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
	var sc placeScratch
	return sc.isotonic(d, w, sep)
}

// block is a run of pooled values in isotonic.
type block struct {
	start, end int
	sw, swt    float64
}

// placeScratch holds the buffers of placeLayer and isotonic between calls,
// which run once per layer and round.
type placeScratch struct {
	d, w, sep, c, y []float64
	free            []bool
	st              []block
}

// grow returns (*buf)[:n], reallocating only when the capacity is short.
func grow(buf *[]float64, n int) []float64 {
	*buf = slices.Grow((*buf)[:0], n)[:n]
	return *buf
}

// isotonic is the function isotonic with the buffers of sc; the result is
// valid until the next call.
func (sc *placeScratch) isotonic(d, w, sep []float64) []float64 {
	n := len(d)
	c := grow(&sc.c, n)
	if n > 0 {
		c[0] = 0
	}
	for i := 1; i < n; i++ {
		c[i] = c[i-1] + sep[i-1]
	}
	val := func(b block) float64 { return b.swt / b.sw }
	st := sc.st[:0]
	for i := 0; i < n; i++ {
		b := block{i, i + 1, w[i], w[i] * (d[i] - c[i])}
		for len(st) > 0 && val(st[len(st)-1]) >= val(b) {
			top := st[len(st)-1]
			st = st[:len(st)-1]
			b = block{top.start, b.end, top.sw + b.sw, top.swt + b.swt}
		}
		st = append(st, b)
	}
	sc.st = st
	y := grow(&sc.y, n)
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
