package model

import (
	"bytes"

	"tdsite/internal/content"
)

// The addresses of the pages that a content file has. They are defined
// here once because the editorial area (internal/redaktion) links to the
// page of a file it has just written without building the model.

// StrategieURL is the landing page of a strategy.
func StrategieURL(slug string) string { return "/strategien/" + slug + "/" }

// MeldungURL is the page of a news item of a strategy.
func MeldungURL(strategie, slug string) string {
	return StrategieURL(strategie) + "meldungen/" + slug + "/"
}

// MassnahmeSeite is the own page of a measure (measures without text,
// milestones or cost/benefit have none and live on their strategy's page).
func MassnahmeSeite(id string) string { return massnahmeSeite(anchorID(id)) }

// massnahmeSeite and massnahmeAnker are MassnahmeSeite and MassnahmeAnker
// of the ID's slug (anchorID): the model makes it once for both.
func massnahmeSeite(slug string) string { return "/massnahmen/" + slug + "/" }
func massnahmeAnker(slug string) string { return "massnahme-" + slug }

// MassnahmeURL is where a measure is shown: its own page when it has one,
// else its entry on the strategy's page. The model knows whether the text
// renders to anything (mitText); the editorial area, which does not
// render, passes whether the text has more than white space.
func MassnahmeURL(strategie string, m *content.Massnahme, mitText bool) string {
	if HatSeite(m, mitText) {
		return MassnahmeSeite(m.ID)
	}
	return StrategieURL(strategie) + "#" + MassnahmeAnker(m.ID)
}

// MassnahmeAnker is the id of a measure's entry on its strategy's page.
func MassnahmeAnker(id string) string { return massnahmeAnker(anchorID(id)) }

// HatSeite says whether a measure has its own page: only a text,
// milestones or cost and benefit fill one.
func HatSeite(m *content.Massnahme, mitText bool) bool {
	return mitText || len(m.Meilensteine) > 0 || m.KostenNutzen != nil
}

// HatText is how the editorial area guesses mitText without rendering.
func HatText(m *content.Massnahme) bool { return len(bytes.TrimSpace(m.Body.Text)) > 0 }
