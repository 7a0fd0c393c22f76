package pages

import (
	"time"

	"tdsite/internal/agenda"
	"tdsite/internal/fahrplan"
	"tdsite/internal/model"
)

// FahrplanSeite is the data of a roadmap page: a strategy's, or the
// agenda's whole or filtered by Handlungsfeld or Ressort. Land holds the
// state's measures (a strategy page: the strategy's own). The agenda's
// pages do not draw the fictional examples: they link the examples' own
// roadmaps (Beispiele), so that invented measures never share a timeline
// with the state's and a page stays readable however large the example is.
type FahrplanSeite struct {
	Oberzeile, Titel, Einleitung string
	Strategie                    *model.Strategie
	Agenda                       *agenda.Agenda
	Facette                      *agenda.Facette
	Beispiele                    []*model.Strategie
	// Filter lists the agenda's roadmaps per Handlungsfeld and per Ressort
	// (agenda pages only): title and path.
	Filter [2][]Crumb

	land  *fahrplan.Fahrplan // the agenda's: made with the list (see Land)
	heute time.Time          // a strategy's roadmap is drawn for this day
}

// Land is the roadmap the page draws. The agenda's are made with the list,
// which leaves out the empty ones. A strategy's is laid out when a page
// first asks for it, and kept on the model (fahrplan.FuerStrategie): an
// incremental build renders one or two of hundreds of roadmaps, and laying
// them all out was a third of the page list's time at 10,000 pages.
func (s *FahrplanSeite) Land() *fahrplan.Fahrplan {
	if s.land == nil && s.Strategie != nil {
		return fahrplan.FuerStrategie(s.Strategie, s.heute)
	}
	return s.land
}

// FahrplanPfad is the agenda's roadmap below agenda.Pfad.
const FahrplanPfad = agenda.Pfad + "fahrplan/"

// strategieFahrplaene are the roadmaps of each strategy with measures.
func strategieFahrplaene(s *model.Site, deps *stDeps) []*Page {
	heute := s.BuildDate.Start()
	var out []*Page
	for _, st := range s.Strategien {
		if len(st.Massnahmen) == 0 {
			continue
		}
		out = append(out, &Page{Path: st.URL + "fahrplan/", Template: "fahrplan.html",
			Title:       "Umsetzungsfahrplan: " + st.Kurzname,
			Description: "Maßnahmen und Meilensteine der Strategie „" + st.Kurzname + "“ auf einer Zeitleiste, mit Tabelle.",
			Section:     "strategien", Crumbs: deps.crumbs(st),
			Data: &FahrplanSeite{Oberzeile: "Umsetzungsfahrplan", Titel: st.Name, Strategie: st, heute: heute},
			Deps: deps.of(st)})
	}
	return out
}

// agendaFahrplaene are the roadmaps of the agenda, whole and per
// Handlungsfeld and Ressort.
func agendaFahrplaene(s *model.Site, a *agenda.Agenda) []*Page {
	heute := s.BuildDate.Start()
	var out []*Page
	crumbs := []Crumb{home, {a.Titel, agenda.Pfad}}
	all := []string{All}
	land := fahrplan.Neu("fahrplan-agenda", "Umsetzungsfahrplan der "+a.Titel, heute, fahrplan.NachStrategie(a.Land.Massnahmen))
	start := &FahrplanSeite{Oberzeile: a.Titel, Titel: "Umsetzungsfahrplan", Agenda: a, land: land,
		Beispiele: mitMassnahmen(a.Beispiel.Massnahmen)}
	out = append(out, &Page{Path: FahrplanPfad, Template: "fahrplan.html", Title: "Umsetzungsfahrplan",
		Description: "Alle Maßnahmen und Meilensteine der " + a.Titel + " auf einer Zeitleiste, auch nach Handlungsfeld und Ressort.",
		Section:     "agenda", Crumbs: crumbs, Deps: all, Data: start})
	var facetten []*FahrplanSeite
	unter := append(crumbs, Crumb{"Umsetzungsfahrplan", FahrplanPfad})
	for k, list := range [][]*agenda.Facette{a.Handlungsfelder, a.Ressorts} {
		for _, f := range list {
			art, dir := "Handlungsfeld", "handlungsfelder/"
			if f.Art == "ressort" {
				art, dir = "Ressort", "ressorts/"
			}
			land := fahrplan.Neu("fahrplan-"+f.Key, "Umsetzungsfahrplan, "+art+" "+f.Name, heute, fahrplan.NachStrategie(f.Land.Massnahmen))
			bsp := mitMassnahmen(f.Beispiel.Massnahmen)
			if land.Leer() && len(bsp) == 0 {
				continue
			}
			path := FahrplanPfad + dir + f.Key + "/"
			name := f.Name
			if f.Akteur != nil {
				name += " (" + f.Akteur.Kuerzel + ")"
			}
			start.Filter[k] = append(start.Filter[k], Crumb{name, path})
			seite := &FahrplanSeite{Oberzeile: "Umsetzungsfahrplan · " + art, Titel: f.Name, Agenda: a, Facette: f,
				land: land, Beispiele: bsp}
			facetten = append(facetten, seite)
			out = append(out, &Page{Path: path, Template: "fahrplan.html",
				Title:       "Umsetzungsfahrplan: " + f.Name,
				Description: "Maßnahmen und Meilensteine (" + art + " „" + f.Name + "“) der " + a.Titel + " auf einer Zeitleiste.",
				Section:     "agenda", Crumbs: unter, Deps: all, Data: seite})
		}
	}
	// Every filtered page offers the other filters too.
	for _, p := range facetten {
		p.Filter = start.Filter
	}
	return out
}

// mitMassnahmen are the strategies of the measures, in their order.
func mitMassnahmen(list []*model.Massnahme) []*model.Strategie {
	var out []*model.Strategie
	for _, m := range list {
		if n := len(out); n == 0 || out[n-1] != m.Strategie {
			out = append(out, m.Strategie)
		}
	}
	return out
}
