package model

import (
	"html/template"

	"tdsite/internal/datum"
)

// StatusEintrag is one dated status of a measure (its [[verlauf]]).
type StatusEintrag struct {
	Datum  datum.Datum
	Status string
	Notiz  string
}

// Bericht is the editorial part of a yearly progress report of the Digitale
// Agenda. Its figures are computed by the agenda package from the model.
type Bericht struct {
	Jahr            int
	Titel           string
	Stand           datum.Datum
	Zusammenfassung string
	Einleitung      template.HTML
	File            string
}

func (b *builder) berichte() {
	for _, cb := range b.cs.Berichte {
		b.site.Berichte = append(b.site.Berichte, &Bericht{Jahr: cb.Jahr, Titel: cb.Titel, Stand: dd(cb.Stand),
			Zusammenfassung: cb.Zusammenfassung, Einleitung: b.render(cb.Body, "", 1), File: cb.File})
	}
}
