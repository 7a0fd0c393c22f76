package content

import (
	"regexp"

	"tdsite/internal/decode"
)

// Verlauf is one dated status of a measure ([[verlauf]] in a measure file).
// The list says when a measure entered the Aktionsplan, started, was
// completed or suspended; the yearly progress report of the Digitale Agenda
// reads "what changed in the year" from it instead of guessing from the
// current status.
//
// Each entry says where the status comes from and how certain it is, so the
// site never states more than its sources: "belegt" means the source states
// the status, "abgeleitet" that an editor inferred it (Grund says from what).
type Verlauf struct {
	At         decode.At
	Datum      Datum  `toml:"datum,pflicht"`
	Status     string `toml:"status,pflicht"`
	Quelle     string `toml:"quelle"`     // empty: the measure's quelle
	Sicherheit string `toml:"sicherheit"` // "belegt" (default) or "abgeleitet"
	Grund      string `toml:"grund"`      // required for "abgeleitet"
	Notiz      string `toml:"notiz"`
}

// Sicherheit values of a status entry.
const (
	Belegt     = "belegt"
	Abgeleitet = "abgeleitet"
)

// Milestone states. Unbekannt is the default: only a source makes a
// milestone reached or open.
const (
	MsErreicht  = "erreicht"
	MsOffen     = "offen"
	MsUnbekannt = "unbekannt"
)

// MeilensteinStatus lists the milestone states in documentation order.
var MeilensteinStatus = []string{MsErreicht, MsOffen, MsUnbekannt}

// Bericht is content/agenda/fortschrittsbericht-<jahr>.md: the editorial part
// of a yearly progress report. Its figures are computed from the content;
// the file fixes the "Stand" (the day up to which data counts) and carries
// the introduction.
type Bericht struct {
	Jahr            int
	File            string
	At              decode.At
	Titel           string `toml:"titel"`
	Stand           Datum  `toml:"stand,pflicht"`
	Zusammenfassung string `toml:"zusammenfassung"`
	// Abgeschlossen is the day the report was closed; its figures are then
	// frozen in Abschluss (written by `tdsite bericht abschliessen`).
	Abgeschlossen Datum             `toml:"abgeschlossen"`
	Abschluss     map[string]string `toml:"abschluss"`
	Body          Markdown
}

var reBericht = regexp.MustCompile(`^agenda/fortschrittsbericht-(\d{4})\.md$`)

// berichtJahr returns the report year of a path relative to content/, or 0.
func berichtJahr(rel string) int {
	m := reBericht.FindStringSubmatch(rel)
	if m == nil {
		return 0
	}
	y := 0
	for _, c := range m[1] {
		y = y*10 + int(c-'0')
	}
	return y
}
