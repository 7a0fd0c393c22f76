package model

import (
	"html/template"

	"tdsite/internal/datum"
)

// Bericht is the editorial part of a yearly progress report of the Digitale
// Agenda. Its figures are computed by the agenda package from the model.
type Bericht struct {
	Jahr            int
	Titel           string
	Stand           datum.Datum
	Zusammenfassung string
	Einleitung      template.HTML
	File            string
	// Abgeschlossen is the day the report was closed (zero: open); Abschluss
	// holds the frozen status of each measure at the cut-off, by
	// "<strategy>/<ID>".
	Abgeschlossen datum.Datum
	Abschluss     map[string]string
}

func (b *builder) berichte() {
	for _, cb := range b.cs.Berichte {
		b.site.Berichte = append(b.site.Berichte, &Bericht{Jahr: cb.Jahr, Titel: cb.Titel, Stand: cb.Stand,
			Zusammenfassung: cb.Zusammenfassung, Einleitung: b.render(cb.Body, "", 1), File: cb.File,
			Abgeschlossen: cb.Abgeschlossen, Abschluss: cb.Abschluss})
	}
}
