package pages

import "tdsite/internal/model"

// mapPages are the strategy maps: one for all of Thuringia and one per
// strategy. A framework strategy's map shows the strategies derived from
// it, so it depends on all content.
func mapPages(s *model.Site, deps *stDeps) []*Page {
	out := []*Page{{Path: "/karte/", Template: "karte-thueringen.html", Title: "Strategielandkarte Thüringen",
		Description: "Alle Digitalstrategien des Freistaats Thüringen auf einer Karte: Rahmenstrategie, Strategien, Handlungsfelder und Initiativen.",
		Section:     "karte", Crumbs: []Crumb{home}, Deps: []string{All}}}
	for _, st := range s.Strategien {
		out = append(out, &Page{Path: st.URL + "karte/", Template: "karte-strategie.html",
			Title:       "Strategielandkarte: " + st.Kurzname,
			Description: "Wie Leitbild, Handlungsfelder, Ziele und Maßnahmen der Strategie „" + st.Kurzname + "“ zusammenhängen.",
			Section:     "strategien", Crumbs: deps.crumbs(st),
			Data: st, Deps: deps.landing(st)})
	}
	return out
}
