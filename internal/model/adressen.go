package model

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
func MassnahmeSeite(id string) string { return "/massnahmen/" + anchorID(id) + "/" }
