package agenda

import "tdsite/internal/model"

// Uebersicht is the index page of one kind of facet.
type Uebersicht struct {
	Agenda       *Agenda
	Art          string
	Titel        string
	Beschreibung string
	URL          string
	Facetten     []*Facette
}

// Uebersichten are the facet index pages: Handlungsfelder, Ressorts, status.
func (a *Agenda) Uebersichten() []*Uebersicht {
	return []*Uebersicht{
		{a, "handlungsfeld", "Nach Handlungsfeldern", "Ziele und Maßnahmen der Digitalen Agenda, geordnet nach Handlungsfeldern.",
			Pfad + facettenPfad["handlungsfeld"], a.Handlungsfelder},
		{a, "ressort", "Nach Ressorts", "Maßnahmen der Digitalen Agenda, geordnet nach federführendem Ressort.",
			Pfad + facettenPfad["ressort"], a.Ressorts},
		{a, "status", "Nach Status", "Maßnahmen der Digitalen Agenda: geplant, laufend, umgesetzt oder ausgesetzt.",
			Pfad + facettenPfad["status"], a.Status},
	}
}

// Titel is the heading of the facet page.
func (f *Facette) Titel() string {
	switch f.Art {
	case "handlungsfeld":
		return "Handlungsfeld: " + f.Name
	case "ressort":
		return "Ressort: " + f.Name
	case "status":
		return "Maßnahmen mit Status „" + f.Name + "“"
	}
	return f.Name
}

// Beschreibung is the page description of the facet.
func (f *Facette) Beschreibung() string {
	switch f.Art {
	case "handlungsfeld":
		return "Strategien, Ziele und Maßnahmen im Handlungsfeld „" + f.Name + "“ in der Digitalen Agenda."
	case "ressort":
		return "Strategien und Maßnahmen unter Federführung des " + f.Name + "."
	case "status":
		return "Alle Maßnahmen und Initiativen mit dem Status „" + f.Name + "“."
	}
	return ""
}

// Kurz is the short label of the facet (Kürzel for Ressorts).
func (f *Facette) Kurz() string {
	switch {
	case f.Akteur != nil:
		return f.Akteur.Kuerzel
	case f.Handlungsfeld != nil:
		return f.Handlungsfeld.Label()
	}
	return f.Name
}

// Umfang says in one sentence what the state totals include.
func (a *Agenda) Umfang() string {
	s := "Die Summen des Landes umfassen die sektoralen Strategien des Freistaats"
	if a.FruehereEingerechnet {
		s += " einschließlich früherer Fassungen"
	} else {
		s += " ohne frühere Fassungen"
	}
	if a.BeispieleEingerechnet {
		return s + " und die fiktiven Beispiele (gekennzeichnet)."
	}
	return s + "; fiktive Beispiele sind nicht eingerechnet und stehen gesondert."
}

// Federfuehrend are the state's strategies the facet's Ressort leads.
func (f *Facette) Federfuehrend() []*model.Strategie {
	var out []*model.Strategie
	for _, s := range f.Land.Strategien {
		if f.Akteur != nil && s.Federfuehrung == f.Akteur {
			out = append(out, s)
		}
	}
	return out
}

// Gruppe is the number of items of one strategy in a set.
type Gruppe struct {
	Strategie *model.Strategie
	Anzahl    int
}

// ZieleJeStrategie counts the set's goals by strategy, in the order the
// strategies appear: the short form of a goal list too long for one page.
func (b *Bestand) ZieleJeStrategie() []Gruppe {
	var out []Gruppe
	at := map[*model.Strategie]int{}
	for _, z := range b.Ziele {
		i, ok := at[z.Strategie]
		if !ok {
			i = len(out)
			at[z.Strategie] = i
			out = append(out, Gruppe{Strategie: z.Strategie})
		}
		out[i].Anzahl++
	}
	return out
}
