package pages

import (
	"fmt"

	"tdsite/internal/agenda"
	"tdsite/internal/model"
	"tdsite/internal/opendata"
)

// AgendaStart is the data of the agenda's start page: the agenda and its
// open data files.
type AgendaStart struct {
	*agenda.Agenda
	Daten         []opendata.Datei
	SchemaVersion string
}

// agendaSeiten are the pages of the Digitale Agenda and its open data,
// the roadmaps of the strategies (package pages makes them meanwhile)
// between its reports and its own roadmaps.
type agendaSeiten struct{ vorn, hinten []*Page }

// agendaPages are the pages of the Digitale Agenda and its open data. They
// summarise all strategies, so they depend on every content file.
func agendaPages(s *model.Site) agendaSeiten {
	a := agenda.Build(s)
	daten := opendata.Dateien(a)
	all := []string{All}
	start := Crumb{a.Titel, agenda.Pfad}
	crumbs := []Crumb{home, start}
	var out []*Page
	page := func(path, tpl, title, desc string, crumbs []Crumb, data any) *Page {
		p := &Page{Path: path, Template: tpl, Title: title, Description: desc, Section: "agenda",
			Crumbs: crumbs, Data: data, Deps: all}
		out = append(out, p)
		return p
	}
	page(agenda.Pfad, "agenda.html", a.Titel,
		"Ziele, Initiativen und Maßnahmen aller Digitalstrategien des Freistaats Thüringen: Stand der Umsetzung, Fortschrittsberichte und offene Daten.",
		[]Crumb{home}, &AgendaStart{a, daten, opendata.SchemaVersion})
	page(agenda.Pfad+"massnahmen/", "agenda-massnahmen.html", "Alle Maßnahmen",
		"Alle Maßnahmen der Digitalen Agenda in einer Tabelle, mit Status, Handlungsfeld und Federführung.", crumbs, a)

	for _, u := range a.Uebersichten() {
		page(u.URL, "agenda-facetten.html", u.Titel, u.Beschreibung, crumbs, u)
		for _, f := range u.Facetten {
			page(f.URL, "agenda-facette.html", f.Titel(), f.Beschreibung(), append(crumbs, Crumb{u.Titel, u.URL}), f)
		}
	}

	if len(a.Indikatoren) > 0 {
		title := "Indikatoren"
		page(agenda.Pfad+"indikatoren/", "agenda-indikatoren.html", title,
			"Verlauf der messbaren Ziele: Messwerte gegenüber Ausgangswert, Zielwert und Plan.", crumbs, a)
		for _, g := range a.Indikatoren {
			page(g.URL, "agenda-indikator.html", "Indikatoren: "+g.Strategie.Name,
				"Verlauf der messbaren Ziele der "+g.Strategie.Name+" als Diagramm und Tabelle.",
				append(crumbs, Crumb{title, agenda.Pfad + "indikatoren/"}), g)
		}
	}

	if len(a.Berichte) > 0 {
		title := "Fortschrittsberichte"
		page(agenda.Pfad+"fortschrittsbericht/", "agenda-berichte.html", title,
			"Die jährlichen Fortschrittsberichte der "+a.Titel+".", crumbs, a)
		for _, r := range a.Berichte {
			desc := r.Zusammenfassung
			if desc == "" {
				desc = fmt.Sprintf("Was sich %d in den Digitalstrategien des Freistaats verändert hat.", r.Jahr)
			}
			page(r.URL, "agenda-bericht.html", r.Titel, desc, append(crumbs, Crumb{title, agenda.Pfad + "fortschrittsbericht/"}), r)
		}
	}

	hinten := agendaFahrplaene(s, a)
	for _, f := range daten {
		hinten = append(hinten, &Page{Path: f.Pfad, Title: f.Titel, Raw: f.Inhalt, Deps: all, NoIndex: true})
	}
	return agendaSeiten{out, hinten}
}

// listLen is the length of the list an agenda page shows and how many
// items of it fit on one page; pro is 0 for pages without such a list.
func listLen(p *Page) (n, pro int) {
	switch d := p.Data.(type) {
	case *agenda.Agenda:
		if p.Template == "agenda-massnahmen.html" {
			return len(d.Alle.Massnahmen), ProSeite
		}
	case *agenda.Facette:
		return len(d.Land.Massnahmen) + len(d.Beispiel.Massnahmen), ProSeite
	case *agenda.Bericht:
		return len(d.Land.MitAenderungen()) + len(d.Beispiel.Strategien), BerichtProSeite
	}
	return 0, 0
}
