package content

import (
	"tdsite/internal/datum"
	"tdsite/internal/decode"
)

// The types in this file mirror the files editors write (docs/inhaltsformat.md)
// field by field. They carry no derived data; links between them are resolved
// by the model package after validation.

// Datum is a date field as written in a file; datum.Datum decodes itself
// (UnmarshalTOMLValue), so content and model share one date type.
type Datum = datum.Datum

// Akteure is content/akteure.toml.
type Akteure struct {
	At             decode.At
	Ressorts       []Akteur `toml:"ressort"`
	Organisationen []Akteur `toml:"organisation"`
}

// Akteur is a Ressort or an organisation.
type Akteur struct {
	At         decode.At
	Kuerzel    string `toml:"kuerzel,pflicht"`
	Name       string `toml:"name,pflicht"`
	Art        string `toml:"art"`
	GueltigAb  Datum  `toml:"gueltig_ab"`
	GueltigBis Datum  `toml:"gueltig_bis"`
	URL        string `toml:"url"`
	Ressort    bool   // set by the loader: listed as [[ressort]]
}

// Markdown is the body of a Markdown file and where it starts.
type Markdown struct {
	Text []byte
	Line int // line of the first body line in the file
	// Kopf fingerprints the file's TOML head: a later version of the file
	// with the same Kopf differs in its text alone, which spares an
	// incremental build the pages that show no text of it.
	Kopf string
}

// Handlungsfeld is content/handlungsfelder/<key>.md, the shared registry.
type Handlungsfeld struct {
	Key      string
	File     string
	At       decode.At
	Name     string   `toml:"name,pflicht"`
	Kurzname string   `toml:"kurzname"`
	Aliase   []string `toml:"aliase"`
	Quelle   string   `toml:"quelle"`
	Body     Markdown
}

// Strategie is content/strategien/<slug>/ with all its files.
type Strategie struct {
	Slug string
	Dir  string // content/strategien/<slug>
	File string // .../strategie.md
	At   decode.At

	Name             string            `toml:"name,pflicht"`
	Kurzname         string            `toml:"kurzname"`
	Aliase           []string          `toml:"aliase"`
	Art              string            `toml:"art"`
	Beispiel         bool              `toml:"beispiel"`
	Methode          string            `toml:"methode"`
	Rahmenstrategie  string            `toml:"rahmenstrategie"`
	AbgeloestDurch   string            `toml:"abgeloest_durch"`
	Vorgaenger       []string          `toml:"vorgaenger"`
	Verwandt         []string          `toml:"verwandt"`
	Federfuehrung    string            `toml:"federfuehrung"`
	Beteiligt        []string          `toml:"beteiligt"`
	Beschlossen      Datum             `toml:"beschlossen"`
	Version          string            `toml:"version"`
	Stand            Datum             `toml:"stand,pflicht"`
	AktuellePhase    string            `toml:"aktuelle_phase"`
	Zyklus           int               `toml:"zyklus"`
	Handlungsfelder  []string          `toml:"handlungsfelder"`
	Quelle           string            `toml:"quelle"`
	LeitbildMarkdown string            `toml:"leitbild"` // Markdown; the model's Leitbild is its HTML
	Horizonte        Horizonte         `toml:"horizonte"`
	Phasen           []Phase           `toml:"phase"`
	Gremien          []Gremium         `toml:"gremium"`
	Rollen           []Rolle           `toml:"rolle"`
	Leitthemen       []Leitthema       `toml:"leitthema"`
	Fokusziele       []Fokusziel       `toml:"fokusziel"`
	IstAnalyse       *IstAnalyse       `toml:"ist_analyse"`
	QuelleLinks      []Link            `toml:"quelle_link"`
	Quellen          []Quelle          `toml:"quellen"`
	Ausnahmen        map[string]string `toml:"ausnahmen"`
	Body             Markdown

	HF             []*StrategieHF
	Ziele          *Ziele
	Initiativen    *Initiativen
	Massnahmen     []*Massnahme
	Messwerte      *Messwerte
	Backlog        *Backlog
	Wirkung        *Wirkung     // wirkung.toml, nil without
	Beschluesse    *Beschluesse // beschluesse.toml
	Beteiligung    *Beteiligung // beteiligung.toml
	Meldungen      []*Meldung
	LeichteSprache *Seite
	Dokumente      *Dokumente // dokumente.toml
	Dateien        []*Datei   // the files in dokumente/, sorted
	Kennzahlen     *Kennzahlen
}

// Horizonte are the target years; zero means the Leitfaden default.
type Horizonte struct {
	At       decode.At
	Leitbild int `toml:"leitbild"`
	Ziele    int `toml:"ziele"`
	Etappen  int `toml:"etappen"`
}

// Phase is one dated phase of the strategy process.
type Phase struct {
	At       decode.At
	Phase    string `toml:"phase,pflicht"`
	Zyklus   int    `toml:"zyklus"`
	Beginn   Datum  `toml:"beginn"`
	Ende     Datum  `toml:"ende"`
	Ergebnis string `toml:"ergebnis"`
}

// Gremium is a body or role holder of the strategy project.
type Gremium struct {
	At            decode.At
	Schluessel    string   `toml:"schluessel,pflicht"`
	Art           string   `toml:"art,pflicht"`
	Name          string   `toml:"name,pflicht"`
	Vorsitz       string   `toml:"vorsitz"`
	Mitglieder    []string `toml:"mitglieder"`
	Anzahl        int      `toml:"anzahl"`
	Organisation  string   `toml:"organisation"`
	Handlungsfeld string   `toml:"handlungsfeld"`
	Beschreibung  string   `toml:"beschreibung"`
}

// Rolle is one row of the role matrix.
type Rolle struct {
	At        decode.At
	Tabelle   string            `toml:"tabelle"`
	Aufgabe   string            `toml:"aufgabe,pflicht"`
	Zuordnung map[string]string `toml:"zuordnung,pflicht"`
}

// Leitthema groups Handlungsfelder (2020 strategy).
type Leitthema struct {
	At              decode.At
	Schluessel      string   `toml:"schluessel,pflicht"`
	Name            string   `toml:"name,pflicht"`
	Kuerzel         string   `toml:"kuerzel"`
	TextMarkdown    string   `toml:"text"` // the model's Text is its HTML
	Handlungsfelder []string `toml:"handlungsfelder"`
}

// Fokusziel is a focus goal of a framework strategy.
type Fokusziel struct {
	At           decode.At
	Titel        string `toml:"titel,pflicht"`
	TextMarkdown string `toml:"text"` // the model's Text is its HTML
}

// Link is a document to read or download.
type Link struct {
	At    decode.At
	Titel string `toml:"titel,pflicht"`
	URL   string `toml:"url,pflicht"`
}

// Quelle is a document the strategy's statements rest on: the "Quellen"
// section of the landing page lists them.
type Quelle struct {
	At          decode.At
	Titel       string `toml:"titel,pflicht"`
	Herausgeber string `toml:"herausgeber"`
	Datum       Datum  `toml:"datum"`
	URL         string `toml:"url"`
	Hinweis     string `toml:"hinweis"`
}

// IstAnalyse is the current-state analysis, for a strategy or a Handlungsfeld.
type IstAnalyse struct {
	At           decode.At
	TextMarkdown string     `toml:"text"` // the model's Text is its HTML
	Methoden     []string   `toml:"methoden"`
	Reifegrad    *Reifegrad `toml:"reifegrad"`
	SWOT         *SWOT      `toml:"swot"`
}

// Reifegrad is a maturity level now and as targeted by the Leitbild.
type Reifegrad struct {
	At      decode.At
	Modell  string   `toml:"modell"`
	Stufen  []string `toml:"stufen"`
	Aktuell int      `toml:"aktuell,pflicht"`
	Ziel    int      `toml:"ziel,pflicht"`
}

// SWOT lists strengths, weaknesses, opportunities and threats.
type SWOT struct {
	At         decode.At
	Staerken   []string `toml:"staerken"`
	Schwaechen []string `toml:"schwaechen"`
	Chancen    []string `toml:"chancen"`
	Risiken    []string `toml:"risiken"`
}

// StrategieHF is strategien/<slug>/handlungsfelder/<key>.md.
type StrategieHF struct {
	Key        string
	File       string
	At         decode.At
	Stand      Datum       `toml:"stand"`
	Fachgruppe string      `toml:"fachgruppe"`
	IstAnalyse *IstAnalyse `toml:"ist_analyse"`
	Body       Markdown    // Leitbild section for this Handlungsfeld
}

// Ziele is strategien/<slug>/ziele.toml.
type Ziele struct {
	File         string
	At           decode.At
	Stand        Datum         `toml:"stand"`
	Zielsets     []Zielset     `toml:"zielset"`
	Etappenziele []Etappenset  `toml:"etappenziele"`
	Ziele        []EinfachZiel `toml:"ziel"`
}

// Zielset is a set of strategic goals: one qualitative, 1–3 quantitative.
type Zielset struct {
	At              decode.At
	ID              string        `toml:"id,pflicht"`
	Handlungsfelder []string      `toml:"handlungsfelder"`
	Text            string        `toml:"text,pflicht"`
	Zieljahr        int           `toml:"zieljahr"`
	Beschlossen     Datum         `toml:"beschlossen"`
	PfadMarkdown    string        `toml:"pfad"` // the model's Pfad is its HTML
	Prioritaet      string        `toml:"prioritaet"`
	Projektleitung  string        `toml:"projektleitung"`
	Quantitativ     []Quantitativ `toml:"quantitativ"`
}

// Etappenset is a set of Etappenziele derived from one quantitative goal.
type Etappenset struct {
	At             decode.At
	ID             string        `toml:"id,pflicht"`
	AbgeleitetVon  string        `toml:"abgeleitet_von"`
	Text           string        `toml:"text,pflicht"`
	Zieljahr       int           `toml:"zieljahr"`
	Beschlossen    Datum         `toml:"beschlossen"`
	PfadMarkdown   string        `toml:"pfad"` // the model's Pfad is its HTML
	Projektleitung string        `toml:"projektleitung"`
	Quantitativ    []Quantitativ `toml:"quantitativ"`
}

// Quantitativ is a measurable goal.
type Quantitativ struct {
	At                 decode.At
	ID                 string   `toml:"id,pflicht"`
	Text               string   `toml:"text,pflicht"`
	Indikator          string   `toml:"indikator"`
	Einheit            string   `toml:"einheit"`
	Basis              *Basis   `toml:"basis"`
	Zielwert           *float64 `toml:"zielwert"`
	Zieljahr           int      `toml:"zieljahr"`
	Richtung           string   `toml:"richtung"`
	Quelle             string   `toml:"quelle"`
	Methode            string   `toml:"methode"`
	Entwurf            bool     `toml:"entwurf"`
	Teilprojektleitung string   `toml:"teilprojektleitung"`
}

// Basis is the baseline of a quantitative goal.
type Basis struct {
	At    decode.At
	Wert  float64 `toml:"wert,pflicht"`
	Datum Datum   `toml:"datum,pflicht"`
}

// EinfachZiel is a goal of a strategy written before the Leitfaden.
type EinfachZiel struct {
	At            decode.At
	ID            string `toml:"id,pflicht"`
	Handlungsfeld string `toml:"handlungsfeld"`
	Text          string `toml:"text,pflicht"`
}

// Initiativen is strategien/<slug>/initiativen.toml.
type Initiativen struct {
	File        string
	At          decode.At
	Stand       Datum        `toml:"stand"`
	Initiativen []Initiative `toml:"initiative"`
}

// Initiative is a strategic initiative spanning Handlungsfelder.
type Initiative struct {
	At                   decode.At
	ID                   string   `toml:"id,pflicht"`
	Titel                string   `toml:"titel,pflicht"`
	BeschreibungMarkdown string   `toml:"beschreibung"` // Markdown; the model's Beschreibung is its HTML
	Unterstuetzt         []string `toml:"unterstuetzt"`
	Ressorts             []string `toml:"ressorts"`
	Projektleitung       string   `toml:"projektleitung"`
	Status               string   `toml:"status"`
}

// Massnahme is strategien/<slug>/massnahmen/<id>.md.
type Massnahme struct {
	File               string
	At                 decode.At
	ID                 string        `toml:"id,pflicht"`
	Titel              string        `toml:"titel,pflicht"`
	Handlungsfeld      string        `toml:"handlungsfeld"`
	Status             string        `toml:"status"` // legacy: the latest [[verlauf]] entry is the status
	Federfuehrung      []string      `toml:"federfuehrung"`
	Beteiligte         []string      `toml:"beteiligte"`
	Ziele              []string      `toml:"ziele"`
	Initiative         string        `toml:"initiative"`
	Start              Datum         `toml:"start"`
	Teilprojektleitung string        `toml:"teilprojektleitung"`
	Prioritaet         string        `toml:"prioritaet"`
	QuickWin           bool          `toml:"quick_win"`
	Neu                bool          `toml:"neu"`
	Zusammenfassung    string        `toml:"zusammenfassung"`
	Quelle             string        `toml:"quelle"`
	Stand              Datum         `toml:"stand"`
	KostenNutzen       *KostenNutzen `toml:"kosten_nutzen"`
	Regelbetrieb       *Regelbetrieb `toml:"regelbetrieb"`
	Meilensteine       []Meilenstein `toml:"meilenstein"`
	Verlauf            []Verlauf     `toml:"verlauf"`
	Body               Markdown
}

// KostenNutzen is the cost/benefit analysis of a measure.
type KostenNutzen struct {
	At           decode.At
	Aufwand      string `toml:"aufwand"`
	Nutzen       string `toml:"nutzen"`
	Regelbetrieb string `toml:"regelbetrieb"`
	Finanzierung string `toml:"finanzierung"`
}

// Regelbetrieb describes the transfer into regular operation.
type Regelbetrieb struct {
	At           decode.At
	Beschreibung string `toml:"beschreibung,pflicht"`
	Status       string `toml:"status"`
}

// Meilenstein is a dated step of a measure. Status is erreicht, offen or
// unbekannt (the default); Stand is the day the source stated it (default:
// the date of the measure's current status).
type Meilenstein struct {
	At       decode.At
	Datum    Datum  `toml:"datum"`
	Text     string `toml:"text,pflicht"`
	Status   string `toml:"status"`
	Stand    Datum  `toml:"stand"`
	Quelle   string `toml:"quelle"`
	Erreicht bool   `toml:"erreicht"` // older files: true = status "erreicht"
}

// Messwerte is strategien/<slug>/messwerte.toml.
type Messwerte struct {
	File      string
	At        decode.At
	Stand     Datum      `toml:"stand"`
	Messwerte []Messwert `toml:"messwert"`
}

// Messwert is one monitoring measurement.
type Messwert struct {
	At         decode.At
	Ziel       string  `toml:"ziel,pflicht"`
	Datum      Datum   `toml:"datum,pflicht"`
	Wert       float64 `toml:"wert,pflicht"`
	Kommentar  string  `toml:"kommentar"`
	Gefaehrdet bool    `toml:"gefaehrdet"`
	Korrektur  string  `toml:"korrektur"`
}

// Backlog is strategien/<slug>/backlog.toml.
type Backlog struct {
	File      string
	At        decode.At
	Eintraege []BacklogEintrag `toml:"eintrag"`
}

// BacklogEintrag is a goal or measure idea not pursued for now.
type BacklogEintrag struct {
	At          decode.At
	Art         string `toml:"art"`
	Text        string `toml:"text,pflicht"`
	Grund       string `toml:"grund"`
	Oeffentlich bool   `toml:"oeffentlich"`
}

// Meldung is a news post of a strategy.
type Meldung struct {
	Slug            string // file name without .md
	File            string
	At              decode.At
	Titel           string `toml:"titel,pflicht"`
	Datum           Datum  `toml:"datum,pflicht"`
	Zusammenfassung string `toml:"zusammenfassung"`
	Body            Markdown
}

// Seite is a plain page (Impressum, Leichte Sprache …).
type Seite struct {
	Slug         string
	File         string
	At           decode.At
	Titel        string  `toml:"titel,pflicht"`
	Stand        Datum   `toml:"stand"`
	Beschreibung string  `toml:"beschreibung"`
	Videos       []Video `toml:"video"` // gebaerdensprache.md: videos in Deutscher Gebärdensprache
	Body         Markdown
}
