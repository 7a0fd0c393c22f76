package pages

import "tdsite/internal/model"

// suche is the search page. Its form works without JavaScript (it leads to
// the agenda's list of all measures); with the script it searches the
// index of all pages that the build writes (internal/search).
func suchseite(s *model.Site) *Page {
	return &Page{Path: "/suche/", Template: "suche.html", Title: "Suche",
		Description: "Strategien, Maßnahmen, Handlungsfelder und Meldungen durchsuchen.",
		Section:     "suche", Crumbs: []Crumb{home}, Data: s, Deps: []string{All}}
}
