// Package pages decides which pages the site has: one entry per output file
// with its template, data and the content files it depends on, so that the
// dev server can re-render only what an edit touches.
package pages

import (
	"path"
	"slices"
	"sort"
	"strings"

	"tdsite/internal/model"
)

// All is the dependency of pages that summarise the whole site.
const All = "*"

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Title string
	Path  string
}

// Page is one HTML output file.
type Page struct {
	Path        string // site path: "/strategien/x/" (→ index.html) or "/404.html"
	Template    string
	Title       string
	Description string
	Section     string // top navigation entry to highlight
	Crumbs      []Crumb
	Data        any
	Site        *model.Site
	Deps        []string // content files, the page's own first; All for site-wide pages
	// Texte narrows Deps for the files with a text of their own (EigenerText:
	// measures and news): when not nil, the page shows or derives anything
	// (HTML, excerpt, anchors, links) from the Markdown text of these alone
	// and of the others only their TOML heads, so a change of another's
	// text alone leaves it as it is. nil: any text it depends on.
	Texte   []string
	NoIndex bool // excluded from the sitemap and search engines
	// Einmal: no other page shows the page's Markdown text (a measure's
	// description), so one `tdsite build` lets its HTML go once the page
	// is rendered (markdown.Renderer.Einmal) and renders such pages first.
	Einmal bool
	// Blatt is the page's part of a long list (see gewicht.go); nil on
	// pages without one.
	Blatt *Blatt
	// Raw produces a non-HTML file (open data, sitemap, feed) instead of a
	// template; such files are written as they are, without layout or
	// minification.
	Raw func() ([]byte, error)
	// Machine marks the files for machines that come with the pages
	// (sitemap, feed, robots.txt, search index); they count as files, not
	// as pages.
	Machine bool
	// Asset: pages link the file under a name with its content's
	// fingerprint (package assets), so it is produced before them.
	Asset bool
}

// File is the output file of the page, relative to the output directory.
func (p *Page) File() string {
	if p.Path == "" || p.Path[len(p.Path)-1] == '/' {
		return p.Path[1:] + "index.html"
	}
	return p.Path[1:]
}

// DependsOn reports whether the page must be re-rendered when file changes.
func (p *Page) DependsOn(file string) bool {
	for _, d := range p.Deps {
		if d == All || d == file {
			return true
		}
	}
	return false
}

var home = Crumb{"Startseite", "/"}

// EigenerText reports whether file is a measure or a news item: their
// texts are shown on their own pages (and the newest news in the feed),
// nowhere else; model.Massnahme.Beschreibung and HatSeite and
// model.Meldung.Text are all that the model makes of them. Pages that list
// them without their text say so with Texte.
func EigenerText(file string) bool {
	dir, name := path.Split(file)
	if path.Ext(name) != ".md" || !strings.HasPrefix(dir, "content/strategien/") {
		return false
	}
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	return len(parts) == 4 && (parts[3] == "massnahmen" || parts[3] == "meldungen")
}

// keineTexte marks p as showing no text of a measure or news item (Texte).
func keineTexte(p *Page) *Page {
	p.Texte = []string{}
	return p
}

// List returns every page of the site in a stable order.
func List(s *model.Site) []*Page {
	// The agenda's pages summarise the whole model and are half the work
	// of the list: they are made on the other core meanwhile.
	agendaDone := make(chan agendaSeiten, 1)
	go func() { agendaDone <- agendaPages(s) }()
	var out []*Page
	deps := newStDeps(s)
	add := func(p *Page) {
		p.Site = s
		out = append(out, p)
	}
	// addList adds a page with a list of n items, split over as many
	// pages of pro items as the budget needs.
	addList := func(p *Page, n, pro int) {
		for _, q := range blaetter(p, n, pro) {
			add(q)
		}
	}
	add(keineTexte(&Page{Path: "/", Template: "home.html", Title: s.Config.Titel, Description: s.Config.Untertitel,
		Section: "start", Deps: []string{All}}))
	add(keineTexte(&Page{Path: "/strategien/", Template: "strategien.html", Title: "Strategien",
		Description: "Alle Digitalstrategien des Freistaats Thüringen mit ihrem Stand.", Section: "strategien",
		Crumbs: []Crumb{home}, Deps: []string{All}}))
	strategien := []Crumb{home, {"Strategien", "/strategien/"}}
	for _, st := range s.Strategien {
		add(keineTexte(&Page{Path: st.URL, Template: "strategie.html", Title: st.Name, Description: description(st),
			Section: "strategien", Crumbs: strategien, Data: st, Deps: deps.landing(st)}))
		for _, pg := range dokumentSeiten(st) {
			add(pg)
		}
		for _, m := range st.Meldungen {
			add(&Page{Path: m.URL, Template: "meldung.html", Title: m.Titel, Description: m.Zusammenfassung,
				Section: "meldungen", Crumbs: deps.crumbs(st),
				Data: m, Deps: []string{m.File, firstFile(st)}})
		}
		if ls := st.LeichteSprache; ls != nil {
			add(&Page{Path: ls.URL, Template: "leichte-sprache-strategie.html", Title: ls.Titel,
				Description: "Die Strategie in Leichter Sprache.", Section: "strategien",
				Crumbs: deps.crumbs(st),
				Data:   st, Deps: []string{ls.File, firstFile(st)}})
		}
	}
	for _, p := range mapPages(s, deps) {
		add(keineTexte(p))
	}
	add(keineTexte(&Page{Path: "/handlungsfelder/", Template: "handlungsfelder.html", Title: "Handlungsfelder",
		Description: "Die Handlungsfelder aller Strategien und wie sie die Strategien verbinden.",
		Section:     "handlungsfelder", Crumbs: []Crumb{home}, Deps: []string{All}}))
	for _, h := range s.Handlungsfelder {
		addList(keineTexte(&Page{Path: h.URL, Template: "handlungsfeld.html", Title: h.Name,
			Description: "Handlungsfeld „" + h.Name + "“: Strategien, Ziele und Maßnahmen.", Section: "handlungsfelder",
			Crumbs: []Crumb{home, {"Handlungsfelder", "/handlungsfelder/"}}, Data: h, Deps: deps.hf(h)}),
			len(h.Massnahmen)+len(h.Beispiel.Massnahmen), ProSeite)
	}
	for _, m := range s.Massnahmen {
		if !m.HatSeite {
			continue
		}
		st := m.Strategie
		desc := m.Zusammenfassung
		if desc == "" {
			desc = "Maßnahme " + m.ID + " der " + st.Name + "."
		}
		add(&Page{Path: m.URL, Template: "massnahme.html", Title: m.ID + ": " + m.Titel, Description: desc,
			Section: "strategien", Crumbs: deps.crumbs(st),
			Data: m, Deps: deps.measure(m), Einmal: true})
	}
	if len(s.Meldungen) > 0 {
		add(keineTexte(&Page{Path: "/meldungen/", Template: "meldungen.html", Title: "Meldungen",
			Description: "Neuigkeiten aus allen Strategien.", Section: "meldungen", Crumbs: []Crumb{home}, Deps: []string{All}}))
	}
	var slugs []string
	for slug := range s.Seiten {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		p := s.Seiten[slug]
		add(keineTexte(&Page{Path: p.URL, Template: seitenVorlage(slug), Title: p.Titel, Description: p.Beschreibung,
			Section: slug, Crumbs: []Crumb{home}, Data: p, Deps: seitenDeps(p)}))
	}
	// The search page stays with every text: it links the search index by
	// its content's fingerprint.
	add(suchseite(s))
	fahrplaene := strategieFahrplaene(s, deps)
	ag := <-agendaDone
	for _, p := range slices.Concat(ag.vorn, fahrplaene, ag.hinten) {
		keineTexte(p)
		if n, pro := listLen(p); pro > 0 {
			addList(p, n, pro)
		} else {
			add(p)
		}
	}
	add(&Page{Path: "/404.html", Template: "404.html", Title: "Seite nicht gefunden", NoIndex: true,
		Deps: []string{}})
	for _, p := range extras(s, &out) {
		add(p)
	}
	return out
}

func description(st *model.Strategie) string {
	if st.Beispiel {
		return "Fiktives Beispiel: " + st.Name + " – wie eine Strategie nach dem Leitfaden aussieht."
	}
	return st.Name + ": Ziele, Maßnahmen, Beteiligte und Stand der Umsetzung."
}

// firstFile is the strategy's strategie.md: its name and master data.
func firstFile(st *model.Strategie) string { return "content/strategien/" + st.Slug + "/strategie.md" }
