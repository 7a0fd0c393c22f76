package model

import (
	"html/template"

	"tdsite/internal/content"
)

// Bericht is the editorial part of a yearly progress report of the Digitale
// Agenda. Its figures are computed by the agenda package from the model;
// those of a closed report come from Abschluss.
type Bericht struct {
	content.Bericht
	Einleitung template.HTML // the body of the file
}

func (b *builder) berichte() {
	for _, cb := range b.cs.Berichte {
		b.site.Berichte = append(b.site.Berichte, &Bericht{Bericht: *cb, Einleitung: b.render(cb.Body, "", 1)})
	}
}
