package landkarte_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/gencontent"
	"tdsite/internal/landkarte"
	"tdsite/internal/model"
	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// bundled loads, checks and models the content shipped in content/.
func bundled(t testing.TB) *model.Site {
	t.Helper()
	return testkit.Prepare(t, testkit.Root(), build.Prepare).Model
}

func ident(p string) string { return p }

// allMaps returns every map the site shows: full, landing page and Thuringia.
func allMaps(t testing.TB, s *model.Site) map[string]*landkarte.Map {
	t.Helper()
	out := map[string]*landkarte.Map{}
	for _, st := range s.Strategien {
		m, err := landkarte.ForStrategy(st, ident)
		if err != nil {
			t.Fatalf("%s: %v", st.Slug, err)
		}
		out[st.Slug] = m
		e, err := landkarte.Embedded(st, ident)
		if err != nil {
			t.Fatalf("%s (Landingpage): %v", st.Slug, err)
		}
		out[st.Slug+" (Landingpage)"] = e
	}
	m, err := landkarte.Thueringen(s, ident)
	if err != nil {
		t.Fatal(err)
	}
	out["thueringen"] = m
	return out
}

func countKinds(m *landkarte.Map) map[landkarte.Kind]int {
	c := map[landkarte.Kind]int{}
	for _, n := range m.Nodes {
		c[n.Kind]++
	}
	return c
}

func inStrategy(st *model.Strategie, hs []*model.Handlungsfeld) int {
	n := 0
	for _, h := range hs {
		for _, e := range st.HF {
			if e.Handlungsfeld == h {
				n++
			}
		}
	}
	return n
}

// TestCountsMatchModel counts nodes, goal rows and edges of every per-strategy
// map and compares them with what the model says, computed independently.
func TestCountsMatchModel(t *testing.T) {
	s := bundled(t)
	for _, st := range s.Strategien {
		m, err := landkarte.ForStrategy(st, ident)
		if err != nil {
			t.Fatal(err)
		}
		if st.Rahmen {
			checkPortfolio(t, st.Slug, m, []*model.Strategie{st}, st.Abgeleitete)
			continue
		}
		want := map[landkarte.Kind]int{
			landkarte.KindLeitthema:  len(st.Leitthemen),
			landkarte.KindHF:         len(st.HF),
			landkarte.KindZielset:    len(st.Zielsets),
			landkarte.KindEtappenset: len(st.Etappensets),
			landkarte.KindZiel:       len(st.EinfacheZiele),
			landkarte.KindInitiative: len(st.Initiativen),
			landkarte.KindMassnahme:  len(st.Massnahmen),
		}
		// Levels without content get one placeholder each.
		gaps := 0
		if st.Leitbild == "" {
			gaps++
		} else {
			want[landkarte.KindLeitbild] = 1
		}
		empty := []bool{len(st.HF) == 0, len(st.Massnahmen) == 0}
		if st.Leitfaden {
			empty = append(empty, len(st.Zielsets) == 0, len(st.Etappensets) == 0, len(st.Initiativen) == 0)
		} else {
			empty = append(empty, len(st.EinfacheZiele) == 0)
		}
		for _, e := range empty {
			if e {
				gaps++
			}
		}
		want[landkarte.KindLuecke] = gaps
		got := countKinds(m)
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s: %d nodes of kind %s, the model has %d", st.Slug, got[k], k, n)
			}
		}
		rows, wantRows := 0, 0
		for _, n := range m.Nodes {
			rows += len(n.Rows)
		}
		for _, zs := range st.Zielsets {
			wantRows += len(zs.Quantitativ)
		}
		for _, es := range st.Etappensets {
			wantRows += len(es.Quantitativ)
		}
		if rows != wantRows {
			t.Errorf("%s: %d measurable goals on the map, the model has %d", st.Slug, rows, wantRows)
		}

		edges := len(st.Leitthemen) + len(st.HF) + len(st.Etappensets)
		for _, zs := range st.Zielsets {
			edges += max(1, inStrategy(st, zs.Handlungsfelder))
		}
		for _, z := range st.EinfacheZiele {
			edges += max(1, inStrategy(st, z.Handlungsfelder))
		}
		for _, in := range st.Initiativen {
			edges += len(in.Unterstuetzt)
		}
		for _, ms := range st.Massnahmen {
			edges += len(ms.Ziele)
			if ms.Initiative != nil {
				edges++
			}
			if len(ms.Ziele) == 0 && ms.Initiative == nil && ms.Handlungsfeld != nil {
				edges++
			}
		}
		if len(m.Edges) != edges {
			t.Errorf("%s: %d edges, the model has %d connections", st.Slug, len(m.Edges), edges)
		}
		checkTextVersion(t, st.Slug, m)
	}
	m, err := landkarte.Thueringen(s, ident)
	if err != nil {
		t.Fatal(err)
	}
	rahmen, others := landkarte.SplitRahmen(s)
	checkPortfolio(t, "thueringen", m, rahmen, others)
}

// checkPortfolio checks a map of framework strategies and the strategies
// around them: every strategy, every field of action once, every initiative;
// an edge per derivation, per field of a strategy, per field an initiative
// serves.
func checkPortfolio(t *testing.T, name string, m *landkarte.Map, rahmen, strategies []*model.Strategie) {
	t.Helper()
	hfs := map[*model.Handlungsfeld]bool{}
	inits, edges := 0, 0
	in := map[*model.Strategie]bool{}
	for _, st := range rahmen {
		in[st] = true
	}
	for _, st := range strategies {
		if in[st.Rahmenstrategie] {
			edges++
		}
		for _, e := range st.HF {
			hfs[e.Handlungsfeld] = true
			edges++
		}
		for _, i := range st.Initiativen {
			inits++
			edges += max(1, len(i.Handlungsfelder))
		}
	}
	got := countKinds(m)
	for k, n := range map[landkarte.Kind]int{landkarte.KindRahmen: len(rahmen), landkarte.KindStrategie: len(strategies),
		landkarte.KindHF: len(hfs), landkarte.KindInitiative: inits} {
		if got[k] != n {
			t.Errorf("%s: %d nodes of kind %s, the model has %d", name, got[k], k, n)
		}
	}
	if len(m.Edges) != edges {
		t.Errorf("%s: %d edges, the model has %d connections", name, len(m.Edges), edges)
	}
	checkTextVersion(t, name, m)
}

// checkTextVersion: the nested list holds every node exactly once, and the
// list plus the table of further connections hold every edge exactly once.
func checkTextVersion(t *testing.T, name string, m *landkarte.Map) {
	t.Helper()
	seen := map[*landkarte.Node]int{}
	nested := 0
	var walk func(items []*landkarte.Item)
	walk = func(items []*landkarte.Item) {
		for _, it := range items {
			seen[it.Node]++
			nested += len(it.Children)
			walk(it.Children)
		}
	}
	walk(m.Tree)
	for _, n := range m.Nodes {
		if seen[n] != 1 {
			t.Errorf("%s: %q appears %d times in the text version", name, n.Key, seen[n])
		}
	}
	if nested+len(m.Extra) != len(m.Edges) {
		t.Errorf("%s: text version shows %d nestings and %d further connections for %d edges",
			name, nested, len(m.Extra), len(m.Edges))
	}
}

func overlap(a, b landkarte.Box) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// TestLabelsFitAndDoNotOverlap: every line of text lies inside its node (or,
// for column headers, above the columns), no two lines overlap, no two
// nodes overlap, and everything is inside the drawing; for the wide and the
// narrow drawing of every map.
func TestLabelsFitAndDoNotOverlap(t *testing.T) {
	s := bundled(t)
	for name, m := range allMaps(t, s) {
		wide, narrow := m.Boxes()
		for _, v := range []struct {
			variant       string
			labels, rects []landkarte.Box
			w, h          float64
		}{{"breit", wide.Labels, wide.Rects, m.Width, m.Height}, {"schmal", narrow.Labels, narrow.Rects, 288, narrow.Height}} {
			where := name + " (" + v.variant + ")"
			if len(v.rects) != len(m.Nodes) {
				t.Errorf("%s: %d boxes drawn for %d nodes", where, len(v.rects), len(m.Nodes))
			}
			rect := map[int]landkarte.Box{}
			for _, r := range v.rects {
				rect[r.Node] = r
				if r.X < 0 || r.Y < 0 || r.X+r.W > v.w || r.Y+r.H > v.h {
					t.Errorf("%s: node %s leaves the drawing", where, r.Text)
				}
			}
			for i, a := range v.rects {
				for _, b := range v.rects[i+1:] {
					if overlap(a, b) {
						t.Errorf("%s: nodes %s and %s overlap", where, a.Text, b.Text)
					}
				}
			}
			for _, l := range v.labels {
				if l.Node < 0 {
					if l.X < 0 || l.X+l.W > v.w || l.Y < 0 {
						t.Errorf("%s: header %q leaves the drawing", where, l.Text)
					}
					for _, r := range v.rects {
						if overlap(l, r) {
							t.Errorf("%s: header %q overlaps node %s", where, l.Text, r.Text)
						}
					}
					continue
				}
				r := rect[l.Node]
				if l.X < r.X+6 || l.X+l.W > r.X+r.W-4 || l.Y < r.Y || l.Y+l.H > r.Y+r.H {
					t.Errorf("%s: label %q (%.0f,%.0f %.0f×%.0f) leaves its node %s (%.0f,%.0f %.0f×%.0f)",
						where, l.Text, l.X, l.Y, l.W, l.H, r.Text, r.X, r.Y, r.W, r.H)
				}
			}
			// Sweep by x to find overlapping lines among thousands.
			ls := append([]landkarte.Box(nil), v.labels...)
			sort.Slice(ls, func(i, j int) bool { return ls[i].X < ls[j].X })
			for i, a := range ls {
				for _, b := range ls[i+1:] {
					if b.X >= a.X+a.W {
						break
					}
					if overlap(a, b) {
						t.Errorf("%s: labels %q and %q overlap", where, a.Text, b.Text)
					}
				}
			}
		}
	}
}

// TestDeterministic builds the model twice from scratch: the maps must be
// byte for byte the same.
func TestDeterministic(t *testing.T) {
	a, b := allMaps(t, bundled(t)), allMaps(t, bundled(t))
	for name, m := range a {
		if m.SVG() != b[name].SVG() || m.SVGNarrow() != b[name].SVGNarrow() {
			t.Errorf("%s: two builds give different SVG", name)
		}
	}
}

// TestZeichnenNebenlaeufig: a map is drawn on every call to SVG and
// SVGNarrow, and the landing page and the map page of a strategy may draw
// the same map at once on two cores. Drawing must only read the map (go
// test -race sees a write) and give the same bytes every time.
func TestZeichnenNebenlaeufig(t *testing.T) {
	for name, m := range allMaps(t, bundled(t)) {
		wide, narrow := m.SVG(), m.SVGNarrow()
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if m.SVG() != wide || m.SVGNarrow() != narrow {
					errs <- name
				}
			}()
		}
		wg.Wait()
		close(errs)
		for n := range errs {
			t.Errorf("%s: drawn again, the map differs", n)
		}
	}
}

// TestTreesHaveNoCrossings: maps whose graph is a tree (older strategies,
// framework strategies) must be drawn without crossings; the others report
// theirs.
func TestTreesHaveNoCrossings(t *testing.T) {
	s := bundled(t)
	for name, m := range allMaps(t, s) {
		if len(m.Extra) == 0 && m.Crossings != 0 {
			t.Errorf("%s is a tree but has %d crossings", name, m.Crossings)
		}
		t.Logf("%-45s %3d nodes, %3d edges, %2d crossings, %4.0f×%5.0f px, SVG %6d bytes minified (schmal %6d)",
			name, len(m.Nodes), len(m.Edges), m.Crossings, m.Width, m.Height,
			len(publish.Minify("image/svg+xml", []byte(m.SVG()))), len(publish.Minify("image/svg+xml", []byte(m.SVGNarrow()))))
	}
}

var (
	reNamedLink = regexp.MustCompile(`<a href="[^"]+" class="[^"]*"><title>[^<]+</title>`)
	reHref      = regexp.MustCompile(`href="([^"]*)"`)
	reID        = regexp.MustCompile(`id="([^"]*)"`)
)

// TestLinksResolve builds the bundled site and follows every link of every
// map and text version: the page must exist, and so must the anchor.
func TestLinksResolve(t *testing.T) {
	root := testkit.Root()
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := build.Run(context.Background(), build.Options{Source: root, Dest: dest, BuildDate: testkit.Date}); err != nil {
		t.Fatal(err)
	}
	s := bundled(t)
	ids := map[string]map[string]bool{}
	pageIDs := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		data, err := os.ReadFile(filepath.Join(dest, file))
		if err != nil {
			ids[file] = nil
			return nil
		}
		m := map[string]bool{}
		for _, x := range reID.FindAllStringSubmatch(string(data), -1) {
			m[x[1]] = true
		}
		ids[file] = m
		return m
	}
	links := 0
	for name, m := range allMaps(t, s) {
		var hrefs []string
		for _, svg := range []string{string(m.SVG()), string(m.SVGNarrow())} {
			for _, x := range reHref.FindAllStringSubmatch(svg, -1) {
				hrefs = append(hrefs, x[1])
			}
		}
		for _, n := range m.Nodes {
			if n.Href != "" {
				hrefs = append(hrefs, n.Href)
			}
		}
		for _, h := range hrefs {
			links++
			p, anchor, _ := strings.Cut(h, "#")
			file := strings.TrimPrefix(p, "/")
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			found := pageIDs(file)
			if found == nil {
				if _, err := os.Stat(filepath.Join(dest, file)); err != nil {
					t.Errorf("%s: link %s: no page %s", name, h, file)
				}
				continue
			}
			if anchor != "" && !found[anchor] && !strings.HasSuffix(file, ".svg") {
				t.Errorf("%s: link %s: the page has no id %q", name, h, anchor)
			}
		}
	}
	for _, p := range []string{"karte/index.html", "strategien/beispiel-kommunen/karte/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	t.Logf("%d links checked", links)
}

// TestSVGStructure checks the accessibility rules of every map: a named
// group with the role description "Strategielandkarte" (never role=img,
// since it holds links), every link named.
func TestSVGStructure(t *testing.T) {
	s := bundled(t)
	for name, m := range allMaps(t, s) {
		for _, svg := range []string{string(m.SVG()), string(m.SVGNarrow())} {
			if !strings.Contains(svg, `role="group" aria-roledescription="Strategielandkarte" aria-labelledby=`) {
				t.Errorf("%s: SVG is not a named group", name)
			}
			if strings.Contains(svg, `role="img"`) {
				t.Errorf("%s: role=img hides the links", name)
			}
			if a, l := strings.Count(svg, "<a "), len(reNamedLink.FindAllString(svg, -1)); a != l || a == 0 {
				t.Errorf("%s: %d links, %d of them with href and name", name, a, l)
			}
			if strings.Contains(svg, "tabindex") {
				t.Errorf("%s: tabindex in the map; links are focusable as they are", name)
			}
		}
	}
}

// BenchmarkThueringen lays out and draws the map of all strategies.
func BenchmarkThueringen(b *testing.B) {
	s := bundled(b)
	for b.Loop() {
		if _, err := landkarte.Thueringen(s, ident); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLargestStrategy lays out and draws the largest per-strategy map
// (Digitale Gesellschaft: 192 nodes, 190 edges) in both drawings.
func BenchmarkLargestStrategy(b *testing.B) {
	st := bundled(b).Strategie("digitale-gesellschaft")
	for b.Loop() {
		st.Memo = model.Memo{} // lay the map out again, not just look it up
		if _, err := landkarte.ForStrategy(st, ident); err != nil {
			b.Fatal(err)
		}
	}
}

// The landing page and the map page of a strategy share one layout per
// build: asking twice returns the same map.
func TestMapComputedOncePerModel(t *testing.T) {
	s := bundled(t)
	for _, slug := range []string{"digitale-gesellschaft", "smart-state"} {
		st := s.Strategie(slug)
		a, err := landkarte.ForStrategy(st, ident)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := landkarte.ForStrategy(st, ident)
		if a != b {
			t.Errorf("%s: map laid out twice", slug)
		}
		if e, _ := landkarte.Embedded(st, ident); st.Rahmen && e != a {
			t.Errorf("%s: framework strategy's embedded map is not the full one", slug)
		}
	}
}

// BenchmarkAllMaps lays out and draws every map of the bundled site: each
// strategy in full and on its landing page, and the map of Thuringia.
func BenchmarkAllMaps(b *testing.B) {
	benchAllMaps(b, bundled(b))
}

// BenchmarkAllMaps10k does the same on the generated site of 10,000 pages
// (169 strategies): what a full build of it spends on maps.
func BenchmarkAllMaps10k(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, 10000); err != nil {
		b.Fatal(err)
	}
	benchAllMaps(b, testkit.Prepare(b, src, build.Prepare).Model)
}

func benchAllMaps(b *testing.B, s *model.Site) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, st := range s.Strategien {
			st.Memo = model.Memo{} // lay the maps out again, not just look them up
		}
		allMaps(b, s)
	}
	b.ReportMetric(float64(len(s.Strategien)), "strategies")
}
