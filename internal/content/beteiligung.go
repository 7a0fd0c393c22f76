package content

import "tdsite/internal/decode"

// Beschluesse is strategien/<slug>/beschluesse.toml: the log of decisions
// about the strategy (Steuerkreis, Kabinett, Landtag …), oldest first.
type Beschluesse struct {
	File        string
	At          decode.At
	Stand       Datum       `toml:"stand"`
	Beschluesse []Beschluss `toml:"beschluss"`
}

// Beschluss is one decision. Gremium is the key of a [[gremium]] of the
// strategy, or the name of another body written as text ("Kabinett").
type Beschluss struct {
	At            decode.At
	Datum         Datum  `toml:"datum,pflicht"`
	Gremium       string `toml:"gremium"`
	Gegenstand    string `toml:"gegenstand,pflicht"`
	DokumentURL   string `toml:"dokument_url"`
	DokumentTitel string `toml:"dokument_titel"`
	Phase         string `toml:"phase"`
	Zyklus        int    `toml:"zyklus"`
	Quelle        string `toml:"quelle"`
}

// Beteiligung is strategien/<slug>/beteiligung.toml: whom to contact and
// how people can take part.
type Beteiligung struct {
	File              string
	At                decode.At
	Stand             Datum    `toml:"stand"`
	Kontakt           *Kontakt `toml:"kontakt"`
	MitmachenMarkdown string   `toml:"mitmachen"` // the model's Mitmachen is its HTML
	Formate           []Format `toml:"format"`
}

// Kontakt is a role contact of a strategy: a mailbox of an office, never a
// person's own address.
type Kontakt struct {
	At      decode.At
	Stelle  string `toml:"stelle,pflicht"`
	Email   string `toml:"email"`
	Telefon string `toml:"telefon"`
	URL     string `toml:"url"`
	Quelle  string `toml:"quelle"`
}

// Format is one participation format: an event, a consultation, a survey.
// It has one date (datum) or a span (von, bis); without any it is listed
// as a format without a published date.
type Format struct {
	At           decode.At
	Titel        string `toml:"titel,pflicht"`
	Art          string `toml:"art,pflicht"`
	Datum        Datum  `toml:"datum"`
	Von          Datum  `toml:"von"`
	Bis          Datum  `toml:"bis"`
	Ort          string `toml:"ort"`
	URL          string `toml:"url"`
	TextMarkdown string `toml:"text"` // the model's Text is its HTML
	Quelle       string `toml:"quelle"`
}

// FormatArten are the kinds of participation formats with their labels.
var FormatArten = map[string]string{
	"veranstaltung": "Veranstaltung",
	"konsultation":  "Konsultation",
	"umfrage":       "Umfrage",
	"werkstatt":     "Werkstatt",
	"sonstiges":     "Beteiligungsformat",
}
