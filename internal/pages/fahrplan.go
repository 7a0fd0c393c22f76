package pages

import (
	"tdsite/internal/agenda"
	"tdsite/internal/fahrplan"
	"tdsite/internal/model"
)

// FahrplanSeite is the data of a roadmap page: a strategy's, or the
// agenda's whole or filtered by Handlungsfeld or Ressort. Land holds the
// state's measures (a strategy page: the strategy's own), Beispiel the
// fictional example's, drawn apart so that they never mix.
type FahrplanSeite struct {
	Oberzeile, Titel, Einleitung string
	Strategie                    *model.Strategie
	Agenda                       *agenda.Agenda
	Facette                      *agenda.Facette
	Land, Beispiel               *fahrplan.Fahrplan
	// Filter lists the agenda's roadmaps per Handlungsfeld and per Ressort
	// (agenda pages only): title and path.
	Filter [2][]Crumb
}

// FahrplanPfad is the agenda's roadmap below agenda.Pfad.
const FahrplanPfad = agenda.Pfad + "fahrplan/"

// fahrplanPages are the roadmaps of each strategy with measures and of the
// agenda, whole and per Handlungsfeld and Ressort.
func fahrplanPages(s *model.Site, a *agenda.Agenda) []*Page {
	heute := s.BuildDate.Start()
	var out []*Page
	for _, st := range s.Strategien {
		if len(st.Massnahmen) == 0 {
			continue
		}
		out = append(out, &Page{Path: st.URL + "fahrplan/", Template: "fahrplan.html",
			Title:       "Umsetzungsfahrplan: " + st.Kurzname,
			Description: "Maßnahmen und Meilensteine der Strategie „" + st.Kurzname + "“ auf einer Zeitleiste, mit Tabelle.",
			Section:     "strategien", Crumbs: []Crumb{home, {"Strategien", "/strategien/"}, {st.Kurzname, st.URL}},
			Data: &FahrplanSeite{Oberzeile: "Umsetzungsfahrplan", Titel: st.Name, Strategie: st,
				Land: fahrplan.FuerStrategie(st, heute)},
			Deps: strategyDeps(st)})
	}

	crumbs := []Crumb{home, {a.Titel, agenda.Pfad}}
	all := []string{All}
	zwei := func(id, titel string, land, beispiel []*model.Massnahme) (*fahrplan.Fahrplan, *fahrplan.Fahrplan) {
		return fahrplan.Neu(id, titel, heute, fahrplan.NachStrategie(land)),
			fahrplan.Neu(id+"-beispiel", titel+" (fiktives Beispiel)", heute, fahrplan.NachStrategie(beispiel))
	}
	land, bsp := zwei("fahrplan-agenda", "Umsetzungsfahrplan der "+a.Titel, a.Land.Massnahmen, a.Beispiel.Massnahmen)
	start := &FahrplanSeite{Oberzeile: a.Titel, Titel: "Umsetzungsfahrplan", Agenda: a, Land: land, Beispiel: bsp}
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
			land, bsp := zwei("fahrplan-"+f.Key, "Umsetzungsfahrplan, "+art+" "+f.Name, f.Land.Massnahmen, f.Beispiel.Massnahmen)
			if land.Leer() && bsp.Leer() {
				continue
			}
			path := FahrplanPfad + dir + f.Key + "/"
			name := f.Name
			if f.Akteur != nil {
				name += " (" + f.Akteur.Kuerzel + ")"
			}
			start.Filter[k] = append(start.Filter[k], Crumb{name, path})
			seite := &FahrplanSeite{Oberzeile: "Umsetzungsfahrplan · " + art, Titel: f.Name, Agenda: a, Facette: f,
				Land: land, Beispiel: bsp}
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
