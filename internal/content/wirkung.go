package content

import "tdsite/internal/decode"

// Wirkung is strategien/<slug>/wirkung.toml: the dated impact assessments
// of a strategy. The Leitfaden asks for them every two years once the
// Etappenziele are reached (000:907-914), apart from the six-monthly
// measurement of indicators in messwerte.toml.
type Wirkung struct {
	File      string
	At        decode.At
	Stand     Datum             `toml:"stand"`
	Messungen []Wirkungsmessung `toml:"wirkungsmessung"`
}

// Wirkungsmessung is one impact assessment, of the whole strategy or of one
// strategic goal set.
type Wirkungsmessung struct {
	At               decode.At
	Datum            Datum  `toml:"datum,pflicht"`
	Zielset          string `toml:"zielset"`
	Methode          string `toml:"methode,pflicht"`
	ErgebnisMarkdown string `toml:"ergebnis,pflicht"` // the model's Ergebnis is its HTML
	Naechste         Datum  `toml:"naechste"`         // due date of the next one; zero: Datum + WirkungTurnusJahre
	DurchgefuehrtVon string `toml:"durchgefuehrt_von"`
	Quelle           string `toml:"quelle"`
}

// WirkungTurnusJahre is the Leitfaden's cycle of impact assessments.
const WirkungTurnusJahre = 2
