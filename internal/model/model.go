// Package model builds the linked, computed picture of all strategies from
// validated content: references become pointers, Markdown becomes HTML,
// progress of goals is computed. Pages, maps, the agenda and open data all
// read from this one model, so they can never disagree.
package model

import (
	"html/template"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
)

// Site is the whole website's data.
type Site struct {
	Config    *config.Config
	BuildDate datum.Datum

	Strategien      []*Strategie // framework strategies first, then by name
	Handlungsfelder []*Handlungsfeld
	Massnahmen      []*Massnahme // all measures, by strategy order and ID
	Initiativen     []*Initiative
	Meldungen       []*Meldung // newest first
	Termine         []*Format  // upcoming participation formats of all current strategies, soonest first
	Akteure         []*Akteur  // sorted by Kürzel
	Seiten          map[string]*Seite
	Berichte        []*Bericht // progress reports of the Digitale Agenda, by year
	// Barrierefreiheit is the Erklärung zur Barrierefreiheit; nil without [barrierefreiheit] in config.toml.
	Barrierefreiheit *Erklaerung

	strategien      map[string]*Strategie
	handlungsfelder map[string]*Handlungsfeld
	massnahmen      map[string]*Massnahme
	akteure         map[string]*Akteur
	ziele           map[string]*Ziel
}

// Strategie looks up a strategy by slug.
func (s *Site) Strategie(slug string) *Strategie { return s.strategien[slug] }

// Handlungsfeld looks up a Handlungsfeld by key.
func (s *Site) Handlungsfeld(key string) *Handlungsfeld { return s.handlungsfelder[key] }

// Massnahme looks up a measure by ID (case-insensitive).
func (s *Site) Massnahme(id string) *Massnahme { return s.massnahmen[lower(id)] }

// Akteur looks up an actor by Kürzel.
func (s *Site) Akteur(k string) *Akteur { return s.akteure[k] }

// Ziel looks up a goal by "<slug>/<id>".
func (s *Site) Ziel(key string) *Ziel { return s.ziele[key] }

// Akteur is a Ressort or an organisation, as akteure.toml lists it.
type Akteur struct{ content.Akteur }

// Person is someone named by text, linked to an actor when the text is a Kürzel.
type Beteiligter struct {
	Text   string
	Akteur *Akteur
}

// Strategie is a framework or sectoral strategy with everything linked.
//
// content.Strategie is the strategy as written; Build sets in this copy
// Kurzname (the name if none is given), Zyklus (at least 1) and Horizonte
// (the Leitfaden's years where none are given). A field below with the
// name of a field of content.Strategie hides it on purpose: it is that
// field resolved (Rahmenstrategie, Federfuehrung, Gremien, AktuellePhase …)
// or built from that file (HF, Massnahmen, Meldungen, Backlog, Rollen as
// tables …); the method Ziele hides the file ziele.toml, the field
// Leitfaden the method of the same name. What the file says stays
// reachable as st.Strategie.<Feld>.
type Strategie struct {
	content.Strategie

	URL       string
	Rahmen    bool
	Fiktiv    bool // Beispiel, and kept out of the numbers about real entities (beispiel.go)
	Leitfaden bool // the Leitfaden's method applies in full
	Abgeloest bool // superseded by a newer strategy or version

	// Memo holds the strategy's maps once rendered (see landkarte).
	Memo Memo

	Rahmenstrategie *Strategie
	AbgeloestDurch  *Strategie
	Abgeleitete     []*Strategie // sectoral strategies derived from this framework
	Vorgaenger      []*Strategie
	Nachfolger      []*Strategie
	Verwandt        []*Strategie // declared and via shared Handlungsfelder
	GemeinsameHF    map[*Strategie][]*Handlungsfeld
	Verbindungen    []*Verbindung // Verwandt with the shared Handlungsfelder, for the landing page

	Federfuehrung *Akteur
	Beteiligt     []*Akteur

	Beschreibung template.HTML // the body of strategie.md
	Leitbild     template.HTML // the field leitbild (LeitbildMarkdown) as HTML

	Phasen        []Phase // the six phases of the current cycle (and cycle 2 if dated)
	AktuellePhase *content.PhaseInfo
	Gremien       []*Gremium
	Rollen        []RollenTabelle
	Fokusziele    []Fokusziel
	Leitthemen    []Leitthema
	IstAnalyse    *IstAnalyse

	HF             []*StrategieHF
	Zielsets       []*Zielset
	Etappensets    []*Etappenset
	EinfacheZiele  []*Ziel
	Initiativen    []*Initiative
	Massnahmen     []*Massnahme
	Backlog        []BacklogEintrag // public entries only
	Meldungen      []*Meldung
	LeichteSprache *Seite
	Wirkung        *Wirkung // impact assessments (wirkung.go)

	Dokumente          []*Dokument          // dokumente.go
	ExterneIndikatoren []*ExternerIndikator // kennzahlen.toml
	StandKennzahlen    datum.Datum
	Beschluesse        []*Beschluss // by date (beteiligung.go)
	Beteiligung        *Beteiligung // never nil after Build

	StandZiele       datum.Datum
	StandInitiativen datum.Datum
	StandMassnahmen  datum.Datum
	StandMesswerte   datum.Datum
	StandBeschluesse datum.Datum

	Status StatusZahlen // measures by status

	Files []string // every content file of the strategy (for rebuilds)
}

// Phase is one of the six phases with its dates and state.
type Phase struct {
	Info     content.PhaseInfo
	Zyklus   int
	Beginn   datum.Datum
	Ende     datum.Datum
	Ergebnis string
	Zustand  string // "abgeschlossen", "aktuell", "geplant" or "" (unknown)
}

// Gremium is a body of the strategy project. Build sets Anzahl to the
// members counted or given, whichever is more; Organisation and
// Handlungsfeld are the keys of content.Gremium resolved.
type Gremium struct {
	content.Gremium
	ArtLabel      string
	Organisation  *Akteur
	Handlungsfeld *Handlungsfeld
}

// RollenTabelle is a role matrix as a data table: rows are tasks, columns bodies.
type RollenTabelle struct {
	Key     string
	Titel   string
	Spalten []*Gremium
	Zeilen  []RollenZeile
}

// RollenZeile is one task with one cell per column ("" = no role).
type RollenZeile struct {
	Aufgabe string
	Zellen  []string
}

// Fokusziel is a focus goal of a framework strategy.
type Fokusziel struct {
	content.Fokusziel
	Nummer int
	Text   template.HTML // TextMarkdown as inline HTML
}

// Leitthema groups Handlungsfelder of a strategy.
type Leitthema struct {
	content.Leitthema
	Text template.HTML // TextMarkdown as HTML
	HF   []*StrategieHF
}

// IstAnalyse of a strategy or Handlungsfeld.
type IstAnalyse struct {
	content.IstAnalyse
	Text      template.HTML // TextMarkdown as HTML
	Reifegrad *Reifegrad
}

// Reifegrad compares the current maturity with the target of the Leitbild.
type Reifegrad struct {
	content.Reifegrad
	Max int // the highest level: as many as named, at least 5
}

// StufeName returns the name of level n, or "".
func (r *Reifegrad) StufeName(n int) string {
	if n >= 1 && n <= len(r.Stufen) {
		return r.Stufen[n-1]
	}
	return ""
}

// Verbindung is a related strategy as a landing page lists it: the strategy
// and the Handlungsfelder both work in. Equal connections are one object,
// so that the list entry is rendered once per build (fragment): when many
// strategies share fields of action, every landing page lists nearly all
// others, and the site grows with the square of the strategies.
type Verbindung struct {
	Strategie       *Strategie
	Handlungsfelder []*Handlungsfeld
}

// MaxVerbindungen is how many connections through shared Handlungsfelder
// a landing page lists (page weight, issue 21): with hundreds of
// strategies in one field the list would outweigh the page, and the
// Handlungsfeld's own page lists them all anyway.
const MaxVerbindungen = 20

// VerbindungenGezeigt are the connections the landing page lists: the
// first MaxVerbindungen in the site's order (framework, the Land's
// strategies, examples, replaced ones) and every declared one, which no
// Handlungsfeld page would show.
func (s *Strategie) VerbindungenGezeigt() []*Verbindung {
	if len(s.Verbindungen) <= MaxVerbindungen {
		return s.Verbindungen
	}
	out := s.Verbindungen[:MaxVerbindungen:MaxVerbindungen]
	for _, v := range s.Verbindungen[MaxVerbindungen:] {
		if len(v.Handlungsfelder) == 0 {
			out = append(out, v)
		}
	}
	return out
}

// WeitereVerbindungen says how many connections the landing page leaves
// out and which of its Handlungsfelder's pages list them.
func (s *Strategie) WeitereVerbindungen() *Weitere {
	n, hfs := s.weitereVerbindungen()
	if n == 0 {
		return nil
	}
	return &Weitere{Anzahl: n, Handlungsfelder: hfs}
}

// Weitere are connections a landing page leaves out.
type Weitere struct {
	Anzahl          int
	Handlungsfelder []*Handlungsfeld
}

func (s *Strategie) weitereVerbindungen() (n int, hfs []*Handlungsfeld) {
	if len(s.Verbindungen) <= MaxVerbindungen {
		return 0, nil
	}
	seen := map[*Handlungsfeld]bool{}
	for _, v := range s.Verbindungen[MaxVerbindungen:] {
		if len(v.Handlungsfelder) > 0 {
			n++
		}
		for _, h := range v.Handlungsfelder {
			seen[h] = true
		}
	}
	for _, h := range s.HF {
		if seen[h.Handlungsfeld] {
			hfs = append(hfs, h.Handlungsfeld)
		}
	}
	return n, hfs
}

// Handlungsfeld is a shared field of action across strategies.
type Handlungsfeld struct {
	content.Handlungsfeld
	URL          string
	Beschreibung template.HTML  // the body of the file
	Strategien   []*Strategie   // real strategies that use it
	Eintraege    []*StrategieHF // per real strategy: Leitbild, Ist-Analyse
	Zielsets     []*Zielset     // of all real strategies
	Massnahmen   []*Massnahme   // of all real strategies
	Ziele        []*Ziel        // simple goals of older real strategies
	Status       StatusZahlen
	Beispiel     Anteil // what fictional examples contribute, kept out of the above
}

// Label is the short name if there is one.
func (h *Handlungsfeld) Label() string {
	if h.Kurzname != "" {
		return h.Kurzname
	}
	return h.Name
}

// StrategieHF is what one strategy says about one Handlungsfeld; the
// embedded file is empty when the strategy has none for it. Build sets Stand
// to the strategy's when the file gives none; IstAnalyse and Fachgruppe
// are those of the file built and resolved.
type StrategieHF struct {
	content.StrategieHF
	Strategie     *Strategie
	Handlungsfeld *Handlungsfeld
	Leitbild      template.HTML
	IstAnalyse    *IstAnalyse
	Fachgruppe    *Gremium
	Zielsets      []*Zielset
	Massnahmen    []*Massnahme
	Ziele         []*Ziel // simple goals (older strategies)
	Anchor        string  // id on the landing page
}

// Zielset is a set of strategic goals for the Ziele horizon.
// Build sets Zieljahr to the strategy's horizon when the file gives none;
// Quantitativ and Handlungsfelder hide those of the file, as goals and
// fields of action. The qualitative goal is Qualitativ.
type Zielset struct {
	content.Zielset
	Strategie       *Strategie
	Qualitativ      *Ziel
	Quantitativ     []*Ziel
	Handlungsfelder []*Handlungsfeld
	Pfad            template.HTML // PfadMarkdown as HTML
	Etappensets     []*Etappenset // derived from its quantitative goals
}

// Etappenset is a set of Etappenziele derived from one quantitative goal.
// Like Zielset, with AbgeleitetVon resolved.
type Etappenset struct {
	content.Etappenset
	Strategie     *Strategie
	Qualitativ    *Ziel
	Quantitativ   []*Ziel
	AbgeleitetVon *Ziel
	Pfad          template.HTML // PfadMarkdown as HTML
}

// Ziel is any goal of the cascade.
type Ziel struct {
	Strategie       *Strategie
	ID              string
	Key             string // "<slug>/<id>", stable across the site and in open data
	Kind            content.GoalKind
	Text            string
	Anchor          string // id on the landing page
	URL             string // landing page URL with anchor
	Handlungsfelder []*Handlungsfeld

	Indikator, Einheit, Quelle, Methode string
	Basis                               *Wert
	Zielwert                            *float64
	Zieljahr                            int
	Fallend                             bool
	Entwurf                             bool
	Verantwortlich                      string // Projektleitung or Teilprojektleitung
	Messwerte                           []Messwert
	Fortschritt                         *Fortschritt

	Zielset     *Zielset    // for strategic goals
	Etappenset  *Etappenset // for Etappenziele
	Initiativen []*Initiative
	Massnahmen  []*Massnahme
}

// KindLabel names the goal's level for readers.
func (z *Ziel) KindLabel() string {
	switch z.Kind {
	case content.ZielQualitativ:
		return "Qualitatives strategisches Ziel"
	case content.ZielQuantitativ:
		return "Quantitatives strategisches Ziel"
	case content.EtappeQualitativ:
		return "Qualitatives Etappenziel"
	case content.EtappeQuantitativ:
		return "Quantitatives Etappenziel"
	}
	return "Ziel"
}

// JaNein reports whether the goal is a deliverable that exists or not.
func (z *Ziel) JaNein() bool { return z.Einheit == "ja/nein" }

// Wert is a dated value.
type Wert struct {
	Wert  float64
	Datum datum.Datum
}

// Messwert is a monitoring measurement.
type Messwert = content.Messwert

// Initiative is a strategic initiative. Unterstuetzt and Ressorts are the
// references of content.Initiative resolved.
type Initiative struct {
	content.Initiative
	Strategie       *Strategie
	Key             string
	Anchor, URL     string
	Beschreibung    template.HTML // the field beschreibung (BeschreibungMarkdown) as HTML
	Unterstuetzt    []*Ziel
	Ressorts        []*Akteur
	Handlungsfelder []*Handlungsfeld
	Massnahmen      []*Massnahme
}

// Massnahme is a measure of an Aktionsplan.
//
// content.Massnahme is the measure as written; Build sets in this copy
// Stand (the strategy's when none is given) and Status (the current one,
// from Verlauf). The fields below with the name of a field of
// content.Massnahme hide it: its references resolved, its milestones and
// status entries completed.
type Massnahme struct {
	content.Massnahme
	Strategie     *Strategie
	URL           string // own page, or anchor on the landing page
	HatSeite      bool
	Anchor        string
	Handlungsfeld *Handlungsfeld
	Federfuehrung []*Akteur
	Beteiligte    []Beteiligter
	Ziele         []*Ziel
	Initiative    *Initiative
	Meilensteine  []Meilenstein
	Verlauf       []StatusEintrag // dated statuses, oldest first; the last is the current status
	Veraltet      bool            // the current status is older than the monitoring interval
	VeraltetTage  int             // that interval in days
	md            *markdown.Renderer
}

// Beschreibung is the body of the file as HTML. It is rendered when a page
// shows it, not with the model: an incremental build renders a few pages
// of thousands, and the renderer keeps what it rendered. Only the
// measure's own page shows it (markdown.Renderer.Einmal).
func (m *Massnahme) Beschreibung() template.HTML {
	if m.md == nil {
		return ""
	}
	return m.md.Einmal(m.Body.Text, eigeneSeite)
}

// StatusLabel is the reader-facing status word.
func (m *Massnahme) StatusLabel() string { return content.StatusLabel[m.Status] }

// Meilenstein of a measure. Status is what a source says (erreicht, offen,
// unbekannt); Stand is when it said so. Build fills both, and Quelle, in
// this copy where the file leaves them out (see meilenstein). Zustand is
// what the site shows at the build date (see ZustandAm).
type Meilenstein struct {
	content.Meilenstein
	Zustand string
}

// Erreicht reports whether a source says the milestone was reached; it
// hides the field of older files, which Build has turned into Status.
func (ms Meilenstein) Erreicht() bool { return ms.Status == content.MsErreicht }

// BacklogEintrag is a backlog entry; the model keeps the public ones.
type BacklogEintrag = content.BacklogEintrag

// Meldung is a news post.
type Meldung struct {
	content.Meldung
	Strategie *Strategie
	URL       string
	md        *markdown.Renderer
}

// Text is the body of the file as HTML, rendered when a page or the feed
// shows it (see Massnahme.Beschreibung).
func (m *Meldung) Text() template.HTML { return eigenerText(m.md, m.Body.Text) }

// Seite is a plain content page. Build may set Stand (Erklärung zur
// Barrierefreiheit); Videos hides the videos as written with their
// transcripts rendered.
type Seite struct {
	content.Seite
	Text   template.HTML // the body of the file
	URL    string
	Videos []Video // sign language videos (gebaerdensprache.md)
}

// StatusZahlen counts measures by status. Veraltet counts measures whose
// status is older than the monitoring interval: they are not counted under
// a status they may no longer have.
type StatusZahlen struct {
	Geplant, Laufend, Umgesetzt, Ausgesetzt int
	Veraltet                                int
	veraltetTage                            int // the interval, for the label
}

// AddM counts one measure under its Zaehlstatus.
func (z *StatusZahlen) AddM(m *Massnahme) {
	z.Add(m.Zaehlstatus())
	z.veraltetTage = m.VeraltetTage
}

// Gesamt is the number of measures counted.
func (z StatusZahlen) Gesamt() int {
	return z.Geplant + z.Laufend + z.Umgesetzt + z.Ausgesetzt + z.Veraltet
}

// Aktuell is the number of measures with a current status (completion included).
func (z StatusZahlen) Aktuell() int { return z.Gesamt() - z.Veraltet }

// Gemeldet is the number of unfinished measures whose status is current.
func (z StatusZahlen) Gemeldet() int { return z.Geplant + z.Laufend + z.Ausgesetzt }

// Add counts one measure.
func (z *StatusZahlen) Add(status string) {
	switch status {
	case "geplant":
		z.Geplant++
	case "laufend":
		z.Laufend++
	case "umgesetzt":
		z.Umgesetzt++
	case "ausgesetzt":
		z.Ausgesetzt++
	case Veraltet:
		z.Veraltet++
	}
}

// Liste returns the counts in fixed order with labels, for tables and bars.
func (z StatusZahlen) Liste() []StatusAnzahl {
	return []StatusAnzahl{
		{"geplant", "Geplant", z.Geplant},
		{"laufend", "Laufend", z.Laufend},
		{"umgesetzt", "Umgesetzt", z.Umgesetzt},
		{"ausgesetzt", "Ausgesetzt", z.Ausgesetzt},
		{Veraltet, z.VeraltetLabel(), z.Veraltet},
	}
}

// VeraltetLabel names the Veraltet row: "Stand älter als 6 Monate".
func (z StatusZahlen) VeraltetLabel() string {
	if z.veraltetTage == 0 {
		return "Stand veraltet"
	}
	return "Stand älter als " + VeraltetLabel(z.veraltetTage)
}

// StatusAnzahl is one status with its count.
type StatusAnzahl struct {
	Key, Label string
	Anzahl     int
}
