package pages

import "tdsite/internal/model"

// mapPages are the strategy maps: one for all of Thuringia and one per
// strategy. A framework strategy's map shows the strategies derived from
// it, so it depends on all content.
func mapPages(s *model.Site, deps stDeps) []*Page {
	out := []*Page{{Path: "/karte/", Template: "karte-thueringen.html", Title: "Strategielandkarte Thüringen",
		Description: "Alle Digitalstrategien des Freistaats Thüringen auf einer Karte: Rahmenstrategie, Strategien, Handlungsfelder und Initiativen.",
		Section:     "karte", Crumbs: []Crumb{home}, Deps: []string{All}}}
	for _, st := range s.Strategien {
		out = append(out, &Page{Path: st.URL + "karte/", Template: "karte-strategie.html",
			Title:       "Strategielandkarte: " + st.Kurzname,
			Description: "Wie Leitbild, Handlungsfelder, Ziele und Maßnahmen der Strategie „" + st.Kurzname + "“ zusammenhängen.",
			Section:     "strategien", Crumbs: []Crumb{home, {"Strategien", "/strategien/"}, {st.Kurzname, st.URL}},
			Data: st, Deps: deps.landing(st)})
	}
	return out
}

// landing returns the dependencies of a strategy's landing page and of
// its map page. The map, also on the landing page, shows a framework
// strategy with the strategies derived from it and their numbers, so a
// framework strategy's pages depend on all content.
func (d stDeps) landing(st *model.Strategie) []string {
	if st.Rahmen {
		return []string{All}
	}
	return d.of(st)
}

// stDeps keeps the strategies' dependencies (strategyDeps) while the
// list is made: a strategy's landing page, map and roadmap share them.
type stDeps map[*model.Strategie][]string

func (d stDeps) of(st *model.Strategie) []string {
	deps, ok := d[st]
	if !ok {
		deps = strategyDeps(st)
		d[st] = deps
	}
	return deps
}
