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
type Verlauf struct {
	At     decode.At
	Datum  Datum  `toml:"datum,pflicht"`
	Status string `toml:"status,pflicht"`
	Notiz  string `toml:"notiz"`
}

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
	Body            Markdown
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
