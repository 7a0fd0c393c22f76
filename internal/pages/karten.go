package pages

import "tdsite/internal/model"

// mapPages are the strategy maps: one for all of Thuringia and one per
// strategy. A framework strategy's map shows the strategies derived from
// it, so it depends on all content.
func mapPages(s *model.Site) []*Page {
	out := []*Page{{Path: "/karte/", Template: "karte-thueringen.html", Title: "Strategielandkarte Thüringen",
		Description: "Alle Digitalstrategien des Freistaats Thüringen auf einer Karte: Rahmenstrategie, Strategien, Handlungsfelder und Initiativen.",
		Section:     "karte", Crumbs: []Crumb{home}, Deps: []string{All}}}
	for _, st := range s.Strategien {
		out = append(out, &Page{Path: st.URL + "karte/", Template: "karte-strategie.html",
			Title:       "Strategielandkarte: " + st.Kurzname,
			Description: "Wie Leitbild, Handlungsfelder, Ziele und Maßnahmen der Strategie „" + st.Kurzname + "“ zusammenhängen.",
			Section:     "strategien", Crumbs: []Crumb{home, {"Strategien", "/strategien/"}, {st.Kurzname, st.URL}},
			Data: st, Deps: landingDeps(st)})
	}
	return out
}

// landingDeps are the dependencies of a strategy's landing page and of
// its map page. The map, also on the landing page, shows a framework
// strategy with the strategies derived from it and their numbers, so a
// framework strategy's pages depend on all content.
func landingDeps(st *model.Strategie) []string {
	if st.Rahmen {
		return []string{All}
	}
	return strategyDeps(st)
}
