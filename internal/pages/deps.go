package pages

import (
	"path"
	"slices"

	"tdsite/internal/model"
)

// stDeps keeps what the pages of the strategies depend on while the list
// is made: a strategy's landing page, map and roadmap share its
// dependencies, its measure pages the files of it they show. At 10,000
// pages, making these again for each page was most of the list's
// allocations.
type stDeps struct {
	deps    map[*model.Strategie][]string // strategyDeps
	stamm   map[*model.Strategie][]string // the strategy's files a measure page shows
	krumen  map[*model.Strategie][]Crumb  // the trail of the strategy's subpages
	gesehen map[string]int                // uniq's: a string is in the list when its value is runde
	runde   int
}

func newStDeps(s *model.Site) *stDeps {
	n := len(s.Strategien)
	// uniq's lists hold content files: at most every file of a strategy,
	// every Handlungsfeld and the actors. Grown step by step, the map was
	// rehashed a dozen times at 10,000 pages.
	dateien := 1 + len(s.Handlungsfelder)
	for _, st := range s.Strategien {
		dateien += len(st.Files)
	}
	return &stDeps{
		deps:    make(map[*model.Strategie][]string, n),
		stamm:   make(map[*model.Strategie][]string, n),
		krumen:  make(map[*model.Strategie][]Crumb, n),
		gesehen: make(map[string]int, dateien),
	}
}

// landing returns the dependencies of a strategy's landing page and of
// its map page. The map, also on the landing page, shows a framework
// strategy with the strategies derived from it and their numbers, so a
// framework strategy's pages depend on all content.
func (d *stDeps) landing(st *model.Strategie) []string {
	if st.Rahmen {
		return []string{All}
	}
	return d.of(st)
}

func (d *stDeps) of(st *model.Strategie) []string {
	deps, ok := d.deps[st]
	if !ok {
		deps = d.strategyDeps(st)
		d.deps[st] = deps
	}
	return deps
}

// crumbs is the trail of a page below a strategy's landing page. The
// pages share it: nothing changes a page's trail in place (blaetter
// appends to a copy).
func (d *stDeps) crumbs(st *model.Strategie) []Crumb {
	c, ok := d.krumen[st]
	if !ok {
		c = []Crumb{home, {"Strategien", "/strategien/"}, {st.Kurzname, st.URL}}
		d.krumen[st] = c
	}
	return c
}

func (d *stDeps) strategyDeps(st *model.Strategie) []string {
	deps := append(make([]string, 0, len(st.Files)+len(st.HF)+len(st.Verwandt)+8), "content/akteure.toml")
	deps = append(deps, st.Files...)
	for _, e := range st.HF {
		deps = append(deps, e.Handlungsfeld.File)
	}
	for _, group := range [][]*model.Strategie{st.Verwandt, st.Vorgaenger, st.Nachfolger, st.Abgeleitete} {
		for _, o := range group {
			deps = append(deps, firstFile(o))
		}
	}
	if st.Rahmenstrategie != nil {
		deps = append(deps, firstFile(st.Rahmenstrategie))
	}
	// Each other strategy once: the initiatives of a strategy support many
	// goals of the same framework strategy.
	seen := map[*model.Strategie]bool{st: true}
	for _, in := range st.Initiativen {
		for _, z := range in.Unterstuetzt {
			if !seen[z.Strategie] {
				seen[z.Strategie] = true
				deps = append(deps, z.Strategie.Files...)
			}
		}
	}
	return d.uniq(deps)
}

func (d *stDeps) hf(h *model.Handlungsfeld) []string {
	// Each strategy once: a field of action of a large site has thousands
	// of measures from a few strategies with many files each.
	var sts []*model.Strategie
	seen := map[*model.Strategie]bool{}
	add := func(st *model.Strategie) {
		if !seen[st] {
			seen[st] = true
			sts = append(sts, st)
		}
	}
	for _, list := range [][]*model.Strategie{h.Strategien, h.Beispiel.Strategien} {
		for _, st := range list {
			add(st)
		}
	}
	for _, list := range [][]*model.Massnahme{h.Massnahmen, h.Beispiel.Massnahmen} {
		for _, m := range list {
			add(m.Strategie)
		}
	}
	n := 2
	for _, st := range sts {
		n += len(st.Files)
	}
	deps := append(make([]string, 0, n), h.File, "content/akteure.toml")
	for _, st := range sts {
		deps = append(deps, st.Files...)
	}
	return d.uniq(deps)
}

// measure lists what a measure page shows: the measure, its strategy's
// master data and goals, actors and its Handlungsfeld – not the other
// measures, so that editing one measure re-renders one measure page.
func (d *stDeps) measure(m *model.Massnahme) []string {
	stamm, ok := d.stamm[m.Strategie]
	if !ok {
		for _, f := range m.Strategie.Files {
			switch path.Base(f) {
			case "strategie.md", "ziele.toml", "initiativen.toml", "messwerte.toml":
				stamm = append(stamm, f)
			}
		}
		d.stamm[m.Strategie] = stamm
	}
	deps := append(make([]string, 0, len(stamm)+3), m.File, "content/akteure.toml")
	deps = append(deps, stamm...)
	if m.Handlungsfeld != nil {
		deps = append(deps, m.Handlungsfeld.File)
	}
	return d.uniq(deps)
}

func (d *stDeps) uniq(list []string) []string {
	// Order is kept: the first dependency is the file the page is made
	// from, which the preview renders first.
	out := list[:0]
	if len(list) <= 16 {
		// A measure's few: looking through them costs less than a map
		// for each of ten thousand pages.
		for _, v := range list {
			if v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return out
	}
	// One map for all lists, each list a new round: a map per list was
	// rebuilt for every strategy and Handlungsfeld.
	d.runde++
	for _, v := range list {
		if v != "" && d.gesehen[v] != d.runde {
			d.gesehen[v] = d.runde
			out = append(out, v)
		}
	}
	return out
}
