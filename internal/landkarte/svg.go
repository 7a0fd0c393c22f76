package landkarte

import (
	"html"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"

	"tdsite/internal/layered"
)

// svgWriter collects the SVG text and the label boxes of one drawing.
type svgWriter struct {
	b      strings.Builder
	m      *Map
	url    func(string) string
	boxes  []*box  // geometry of each node in this drawing
	keep   bool    // list labels and rects (Map.Boxes)
	height float64 // of the narrow drawing
	labels []Box
	rects  []Box
}

func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// writeNum writes num(v) to b without making a string of it: a drawing has
// thousands of numbers, and each string was an allocation.
func writeNum(b *strings.Builder, v float64) {
	var a [32]byte
	b.Write(strconv.AppendFloat(a[:0], math.Round(v*10)/10, 'f', -1, 64))
}

// n writes num(v) into the drawing.
func (w *svgWriter) n(v float64) { writeNum(&w.b, v) }

func esc(s string) string { return html.EscapeString(s) }

// estimate is a generous size of the drawing: growing a builder of 100 KB
// step by step copied more bytes than the drawing has.
func (w *svgWriter) estimate() int {
	return 1024 + 1200*len(w.m.Nodes) + 200*len(w.m.Edges)
}

func (w *svgWriter) p(parts ...string) {
	for _, s := range parts {
		w.b.WriteString(s)
	}
}

// text writes lines of one style from (x, y) downwards and records their
// boxes; it returns the y below the last line.
func (w *svgWriter) text(class string, f font, x, y float64, lines []string, node int) float64 {
	for _, l := range lines {
		// The no-break space keeps words of consecutive lines apart in the
		// document text (minifiers drop ordinary trailing spaces); it is
		// invisible at the end of a line.
		w.p(`<text class="`, class, `" x="`)
		w.n(x)
		w.p(`" y="`)
		w.n(y + f.ascent)
		w.p(`"`)
		w.attrs(f)
		w.p(`>`, esc(l), "\u00a0</text>")
		if w.keep {
			w.labels = append(w.labels, Box{X: x, Y: y, W: f.width(l), H: f.line, Node: node, Text: l})
		}
		y += f.line
	}
	return y
}

// open starts an SVG element with its accessible name and description.
// minWidth > 0 lets the drawing shrink to fit its container down to that
// width (the text stays readable), below it the container scrolls. The
// Content-Security-Policy forbids <style> and style attributes, so the
// lower bound is a class of a fixed ladder in the theme (MinWidthClass).
// Width and height are in em (16 px to the em at the default text size),
// so the drawing and its labels grow when readers enlarge the text.
func (w *svgWriter) open(id string, width, height, minWidth float64) {
	m := w.m
	class := "sk-svg"
	if minWidth > 0 {
		class += " " + MinWidthClass(minWidth)
	}
	w.p(`<svg xmlns="http://www.w3.org/2000/svg" id="`, id, `-svg" class="`, class, `" width="`, em(width), `" height="`, em(height),
		`" viewBox="0 0 `, num(width), ` `, num(height), `" role="group" aria-roledescription="Strategielandkarte" aria-labelledby="`,
		id, `-titel" aria-describedby="`, id, `-info">`)
	w.p(`<title id="`, id, `-titel">`, esc(m.Title), `</title><desc id="`, id, `-info">`, esc(join(m.Summary, m.SummaryFiktiv)), `</desc>`)
}

// em writes a length in px of the default text size as em.
func em(px float64) string {
	return strconv.FormatFloat(math.Round(px/16*1000)/1000, 'f', -1, 64) + "em"
}

// The ladder of minimum widths the theme defines (.sk-min-320 … .sk-min-2400,
// in px at the default text size; the theme writes them in rem).
const (
	ladderStep = 40
	ladderMin  = 320
	ladderMax  = 2400
)

// MinWidthClass rounds minWidth up to the theme's ladder. A map wider than
// the ladder keeps its full width and scrolls (sk-fest).
func MinWidthClass(minWidth float64) string {
	n := int(math.Ceil(minWidth/ladderStep)) * ladderStep
	switch {
	case n < ladderMin:
		n = ladderMin
	case n > ladderMax:
		return "sk-fest"
	}
	return "sk-min-" + strconv.Itoa(n)
}

// minScale is how far the wide map may shrink to fit (text 14 px → 12 px).
const minScale = 0.86

// SVG draws the wide map: columns from left to right. Like SVGNarrow it
// draws on every call instead of keeping the drawing: a map is kept for
// the whole build (the landing page and the map page share it), and its
// two drawings were 30 MB of a build's memory at 10,000 pages, each read
// by one page; on this project's machines every megabyte a build takes
// from the system costs about 3 ms of CPU (docs/leistung.md).
func (m *Map) SVG() template.HTML { return template.HTML(m.drawWide(false).b.String()) }

// SVGNarrow draws the narrow map for phones: an indented outline.
func (m *Map) SVGNarrow() template.HTML { return template.HTML(m.drawNarrow(false).b.String()) }

// Boxes draws both maps again and returns every line of text and every
// node with its box, for tests that check labels fit. A build does not
// keep them: at 10,000 pages they were 20 MB of the memory of rendering,
// for no reader.
func (m *Map) Boxes() (wide, narrow Drawing) {
	w, n := m.drawWide(true), m.drawNarrow(true)
	return Drawing{Labels: w.labels, Rects: w.rects}, Drawing{Labels: n.labels, Rects: n.rects, Height: n.height}
}

// Drawing lists the boxes of one drawing of a map.
type Drawing struct {
	Labels []Box // every line of text with its box
	Rects  []Box // every node
	Height float64
}

// drawWide writes the wide map: columns with headers, edges behind, nodes in
// reading order (column by column, top to bottom), each column a group.
func (m *Map) drawWide(keep bool) *svgWriter {
	w := &svgWriter{m: m, url: m.url, keep: keep}
	w.b.Grow(w.estimate())
	for _, n := range m.Nodes {
		w.boxes = append(w.boxes, n.wide)
	}
	id := m.ID
	w.open(id, m.Width, m.Height, math.Ceil(m.Width*minScale))
	w.p(`<defs><marker id="`, id, `-pfeil" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="sk-pfeil" d="M0 0 10 5 0 10z"/></marker></defs>`)

	// Columns, headers and edges are decoration: the groups below name the
	// columns, and the text version lists every connection.
	w.p(`<g aria-hidden="true">`)
	top := margin + m.headerH + headerGap
	x := float64(margin)
	for _, l := range m.Layers {
		w.p(`<rect class="sk-spalte" x="`, num(x-4), `" y="`, num(top-6), `" width="`, num(l.Width+8), `" height="`, num(m.Height-top+6-margin/2), `" rx="8"/>`)
		lines, _ := wrap(l.Title, fontHeader, l.Width, 3)
		w.text("sk-h", fontHeader, x, margin+m.headerH-float64(len(lines))*fontHeader.line, lines, -1)
		x += l.Width + layerGap
	}
	for i, e := range m.Edges {
		class := "sk-e"
		marker := ""
		if e.Rel == Beitrag {
			class = "sk-e sk-e2"
			marker = ` marker-start="url(#` + id + `-pfeil)"`
		}
		w.p(`<path class="`, class, `" d="`)
		routePath(&w.b, m.Routes[i])
		w.p(`"`, marker, `/>`)
	}
	w.p(`</g>`)

	for l, layer := range m.Layers {
		var list []int
		for i, n := range m.Nodes {
			if n.Layer == l {
				list = append(list, i)
			}
		}
		// Reading order is the visual order: top to bottom.
		sort.SliceStable(list, func(a, b int) bool { return m.Nodes[list[a]].Y < m.Nodes[list[b]].Y })
		w.p(`<g role="group" aria-label="`, esc(layer.Title), `">`)
		for _, i := range list {
			w.node(i)
		}
		w.p(`</g>`)
	}
	w.p(`</svg>`)
	return w
}

// Geometry of the narrow map.
const (
	narrowW   = 288 // fits a 320 px screen with the page's margins
	indent    = 14
	narrowGap = 8
)

// drawNarrow writes the map for narrow screens: the nested list of the
// text version drawn as boxes, each indented under the box it belongs to,
// joined by lines on the left. Connections the nesting cannot show are
// written into the box ("Auch: trägt bei zu E2.1").
func (m *Map) drawNarrow(keep bool) *svgWriter {
	also := map[*Node][]Extra{}
	for _, e := range m.Extra {
		also[e.From] = append(also[e.From], e)
	}
	index := map[*Node]int{}
	for i, n := range m.Nodes {
		index[n] = i
	}
	w := &svgWriter{m: m, url: m.url, keep: keep, boxes: make([]*box, len(m.Nodes))}
	w.b.Grow(w.estimate())
	var order []int
	var conn strings.Builder
	y := float64(margin)
	var walk func(it *Item, depth int) float64 // returns the y the parent's line ends at
	walk = func(it *Item, depth int) float64 {
		n := it.Node
		i := index[n]
		x := float64(margin + depth*indent)
		kicker := n.Kicker
		if kicker == "" {
			kicker = n.Prefix
		}
		note := join(n.Note, relations(it, also[n]))
		b := n.measure(narrowW-margin-x, kicker, note, true)
		b.x, b.y = x, y
		w.boxes[i] = b
		order = append(order, i)
		y += b.h + narrowGap
		tick := b.y + fontKicker.line/2 + padY
		if len(it.Children) > 0 {
			lx := x + indent/2
			last := 0.0
			for _, c := range it.Children {
				last = walk(c, depth+1)
				conn.WriteString("M")
				writeNum(&conn, lx)
				conn.WriteString(" ")
				writeNum(&conn, last)
				conn.WriteString("H")
				writeNum(&conn, lx+indent/2)
			}
			conn.WriteString("M")
			writeNum(&conn, lx)
			conn.WriteString(" ")
			writeNum(&conn, b.y+b.h)
			conn.WriteString("V")
			writeNum(&conn, last)
		}
		return tick
	}
	for _, it := range m.Tree {
		walk(it, 0)
	}
	w.height = math.Ceil(y - narrowGap + margin)
	w.open(m.ID+"-s", narrowW, w.height, 0)
	w.p(`<path aria-hidden="true" class="sk-e" d="`, conn.String(), `"/>`)
	for _, i := range order {
		w.node(i)
	}
	w.p(`</svg>`)
	return w
}

// relations says in words which goals a box of the narrow map serves, where
// the nesting alone does not say it: "Trägt bei zu E2.2, E2.1 und Initiative I2."
func relations(it *Item, extra []Extra) string {
	var out []string
	for _, rel := range []Relation{Ableitung, Beitrag, Gliederung} {
		var names []string
		if it.row != nil && it.rel == rel {
			names = append(names, it.row.ID)
		}
		for _, e := range extra {
			if e.Rel != rel {
				continue
			}
			switch {
			case e.Row != nil:
				names = append(names, e.Row.ID)
			case e.To.Short != "":
				names = append(names, e.To.Short)
			default:
				names = append(names, e.To.Title)
			}
		}
		if len(names) == 0 {
			continue
		}
		verb := rel.Verb()
		if it.row == nil || it.rel != rel {
			verb = map[Relation]string{Ableitung: "auch abgeleitet aus", Beitrag: "trägt auch bei zu",
				Gliederung: "gehört auch zu"}[rel]
		}
		out = append(out, strings.ToUpper(verb[:1])+verb[1:]+" "+joinAnd(names)+".")
	}
	return strings.Join(out, " ")
}

// join joins two texts as sentences.
func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.ContainsAny(a[len(a)-1:], ".!?“"):
		return a + " " + b
	}
	return a + ". " + b
}

// attrs sets the type of a label as presentation attributes, from the same
// values the layout measures with; the theme resets family and spacing
// (.sk-svg text), so labels cannot outgrow their boxes.
func (w *svgWriter) attrs(f font) {
	weight := "400"
	if f.bold {
		weight = "700"
	}
	w.p(` font-size="`)
	w.n(f.size)
	w.p(`" font-weight="`, weight, `"`)
}

// routePath draws a route: straight inside columns, a horizontal S-curve
// (cubic Bézier) across each gap between columns.
func routePath(b *strings.Builder, r []layered.Point) {
	// cmd writes a path command and its numbers, separated by spaces.
	cmd := func(c string, vs ...float64) {
		b.WriteString(c)
		for k, v := range vs {
			if k > 0 {
				b.WriteByte(' ')
			}
			writeNum(b, v)
		}
	}
	cmd("M", r[0].X, r[0].Y)
	if r[1].X != r[0].X {
		cmd("H", r[1].X)
	}
	for i := 1; i+1 < len(r); i += 2 {
		a, c := r[i], r[i+1]
		if a.Y == c.Y {
			cmd("H", c.X)
		} else {
			xm := (a.X + c.X) / 2
			cmd("C", xm, a.Y, xm, c.Y, c.X, c.Y)
		}
		if i+2 < len(r) {
			cmd("H", r[i+2].X)
		}
	}
}

func (w *svgWriter) rect(class string, x, y, wd, h float64) {
	w.p(`<rect class="`, class, `"`)
	w.geometry(x, y, wd, h)
	w.p(` rx="6"/>`)
}

// geometry writes the attributes x, y, width and height.
func (w *svgWriter) geometry(x, y, wd, h float64) {
	w.p(` x="`)
	w.n(x)
	w.p(`" y="`)
	w.n(y)
	w.p(`" width="`)
	w.n(wd)
	w.p(`" height="`)
	w.n(h)
	w.p(`"`)
}

// icon writes a status or progress symbol of the site's sprite.
func (w *svgWriter) icon(symbol, class string, x, y float64) {
	w.p(`<use href="`, esc(w.url("/icons/symbole.svg")), `#`, symbol, `" class="`, class, `"`)
	w.geometry(x, y, iconSize, iconSize)
	w.p(`/>`)
}

// openLink starts a link named by its <title> (SVG-AAM): the full text of
// the box, which sighted readers also get as a tooltip where the box had to
// shorten it.
func (w *svgWriter) openLink(href, label, class string) {
	w.p(`<a href="`, esc(w.url(href)), `" class="`, class, `"><title>`, esc(label), `</title>`)
}

func (w *svgWriter) node(i int) {
	n, b := w.m.Nodes[i], w.boxes[i]
	if w.keep {
		w.rects = append(w.rects, Box{X: b.x, Y: b.y, W: b.w, H: b.h, Node: i, Text: n.Key})
	}
	class := "sk-n sk-" + string(n.Kind)
	if n.Foreign {
		class += " sk-fremd"
	}
	if n.empty() {
		class += " sk-leer"
	}
	if n.Fiktiv {
		class += " fiktiv"
	}
	if n.Status != "" {
		class += " sk-s-" + n.Status
	}
	if len(n.Rows) > 0 {
		w.setNode(i, class)
		return
	}
	if n.Href != "" {
		w.openLink(n.Href, n.accessibleName(b), class)
	} else {
		w.p(`<g class="`, class, `">`)
	}
	w.rect("sk-k", b.x, b.y, b.w, b.h)
	if n.Status != "" {
		w.p(`<rect class="sk-streifen" x="`)
		w.n(b.x + 1)
		w.p(`" y="`)
		w.n(b.y + 1)
		w.p(`" width="5" height="`)
		w.n(b.h - 2)
		w.p(`"/>`)
	}
	w.hideInLink(n.Href != "", func() { w.body(i, b.y+padY) })
	if n.Href != "" {
		w.p(`</a>`)
	} else {
		w.p(`</g>`)
	}
}

// hideInLink hides the drawn text of a link from assistive technology: the
// link's aria-label says the same in full, without line breaks, hyphens and
// shortening, so the name is read once and whole.
func (w *svgWriter) hideInLink(link bool, draw func()) {
	if link {
		w.p(`<g aria-hidden="true">`)
	}
	draw()
	if link {
		w.p(`</g>`)
	}
}

// body writes kicker, title, facts, info and note from y down.
func (w *svgWriter) body(i int, y float64) float64 {
	n, b := w.m.Nodes[i], w.boxes[i]
	x := b.x + padX
	top := y
	y = w.text("sk-o", fontKicker, x, y, b.kicker, i)
	if b.infoInline {
		// Status at the right end of the kicker line.
		iw := fontInline.width(b.info[0])
		ix := b.x + b.w - padRight - iw
		if n.Status != "" {
			w.icon("status-"+n.Status, "sk-icon", ix-iconGap-iconSize, top+(fontKicker.line-iconSize)/2)
		}
		w.text("sk-i", fontInline, ix, top, b.info, i)
	}
	titleClass := "sk-t"
	if n.Href == "" {
		titleClass = "sk-t sk-t-text"
	}
	y = w.text(titleClass, fontTitle, x, y, b.title, i)
	for _, f := range b.facts {
		y = w.text("sk-f", fontFact, x, y, f, i)
	}
	if len(b.fiktivFact) > 0 {
		w.p(`<g class="fiktiv">`)
		y = w.text("sk-f", fontFact, x, y, b.fiktivFact, i)
		w.p(`</g>`)
	}
	if len(b.info) > 0 && !b.infoInline {
		if n.Status != "" {
			w.icon("status-"+n.Status, "sk-icon", x, y+(fontInfo.line-iconSize)/2)
		}
		y = w.text("sk-i", fontInfo, x+iconSize+iconGap, y, b.info, i)
	}
	return w.text("sk-f", fontFact, x, y, b.note, i)
}

// setNode writes a goal set: the qualitative goal as header, each
// quantitative goal as a row; header and rows are links of their own.
func (w *svgWriter) setNode(i int, class string) {
	n, b := w.m.Nodes[i], w.boxes[i]
	w.p(`<g class="`, class, `">`)
	w.rect("sk-k", b.x, b.y, b.w, b.h)
	if n.Href != "" {
		w.openLink(n.Href, n.accessibleName(b), "sk-teil")
		w.rect("sk-fokus", b.x+2, b.y+2, b.w-4, b.headH-2)
	}
	w.hideInLink(n.Href != "", func() { w.body(i, b.y+padY) })
	if n.Href != "" {
		w.p(`</a>`)
	}
	for r, row := range n.Rows {
		rb := b.rows[r]
		top := b.y + rb.y
		w.p(`<path class="sk-trenn" d="M`)
		w.n(b.x + padX)
		w.p(` `)
		w.n(top - rowGap/2)
		w.p(`H`)
		w.n(b.x + b.w - padRight)
		w.p(`"/>`)
		if row.Href != "" {
			w.openLink(row.Href, row.accessibleName(), "sk-teil sk-b-"+row.Bewertung)
			w.rect("sk-fokus", b.x+2, top-rowGap/2+2, b.w-4, rb.h+rowGap/2-2)
		} else {
			w.p(`<g class="sk-teil sk-b-`, row.Bewertung, `">`)
		}
		x := b.x + padX
		w.hideInLink(row.Href != "", func() {
			y := top + 4
			w.icon("bewertung-"+row.Bewertung, "sk-icon", x, y+(fontInfo.line-iconSize)/2)
			y = w.text("sk-i", fontInfo, x+iconSize+iconGap, y, rb.head, i)
			w.text("sk-r", fontRow, x, y, rb.lines, i)
		})
		if row.Href != "" {
			w.p(`</a>`)
		} else {
			w.p(`</g>`)
		}
	}
	w.p(`</g>`)
}

// empty reports whether the node stands for something not yet published.
func (n *Node) empty() bool { return n.Kind == KindLuecke }

// accessibleName is the whole text of a box in the order it is drawn, but
// untouched by line breaks and shortening: the visible words are always a
// part of it (WCAG 2.5.3, label in name).
func (n *Node) accessibleName(b *box) string {
	head := n.Kicker
	if b.infoInline {
		head = strings.TrimSpace(head + " " + n.Info)
	}
	name := n.Title
	switch {
	case head != "":
		name = head + ": " + n.Title
	case n.Prefix != "":
		name = n.Prefix + ": " + n.Title
	}
	parts := append([]string{name}, n.Facts...)
	if n.FiktivFact != "" {
		parts = append(parts, n.FiktivFact)
	}
	if n.Info != "" && !b.infoInline {
		parts = append(parts, n.Info)
	}
	if b.noteText != "" {
		parts = append(parts, b.noteText)
	}
	out := parts[0]
	for _, p := range parts[1:] {
		out = join(out, p)
	}
	return out
}

func (r *Row) accessibleName() string {
	return r.ID + " · " + r.BewertungText + ": " + r.Text
}
