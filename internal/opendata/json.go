package opendata

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"

	"tdsite/internal/agenda"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
)

// The JSON types mirror agenda.schema.json field by field; the test checks
// the two against each other. Field names are German like the content
// format, in snake_case like the TOML keys.

type dokument struct {
	Schema               string           `json:"$schema"`
	SchemaVersion        string           `json:"schema_version"`
	Titel                string           `json:"titel"`
	URL                  string           `json:"url"`
	Herausgeber          string           `json:"herausgeber,omitempty"`
	Lizenz               lizenz           `json:"lizenz"`
	Erzeugt              string           `json:"erzeugt"`
	Umfang               umfang           `json:"umfang"`
	Summen               summen           `json:"summen"`
	Strategien           []strategieJSON  `json:"strategien"`
	Handlungsfelder      []handlungsfeld  `json:"handlungsfelder"`
	Akteure              []akteur         `json:"akteure"`
	Ziele                []zielJSON       `json:"ziele"`
	Initiativen          []initiativeJSON `json:"initiativen"`
	Massnahmen           []massnahmeJSON  `json:"massnahmen"`
	Messwerte            []messwertJSON   `json:"messwerte"`
	Fortschrittsberichte []berichtJSON    `json:"fortschrittsberichte"`
	Wirkungsmessungen    []wirkungJSON    `json:"wirkungsmessungen"`   // wirkung.go
	Dokumente            []downloadJSON   `json:"dokumente"`           // dokumente.go
	ExterneIndikatoren   []externerJSON   `json:"externe_indikatoren"` // dokumente.go
}

type lizenz struct {
	Name string `json:"name"`
	Kurz string `json:"kurz,omitempty"`
	URL  string `json:"url,omitempty"`
}

type umfang struct {
	BeispieleEingerechnet bool     `json:"beispiele_eingerechnet"`
	FruehereEingerechnet  bool     `json:"fruehere_fassungen_eingerechnet"`
	Ausgeschlossen        []string `json:"ausgeschlossen"`
	Erlaeuterung          string   `json:"erlaeuterung"`
}

type summen struct {
	Land     zahlen  `json:"land"`
	Beispiel *zahlen `json:"beispiel"`
}

type zahlen struct {
	Strategien           int            `json:"strategien"`
	Massnahmen           int            `json:"massnahmen"`
	MassnahmenNachStatus map[string]int `json:"massnahmen_nach_status"`
	Ziele                int            `json:"ziele"`
	QuantitativeZiele    int            `json:"quantitative_ziele"`
	ZieleNachBewertung   map[string]int `json:"quantitative_ziele_nach_bewertung"`
	Initiativen          int            `json:"initiativen"`
}

type datumJSON struct {
	Text string `json:"text"`
	Von  string `json:"von"`
	Bis  string `json:"bis"`
}

type strategieJSON struct {
	ID              string          `json:"id"`
	URL             string          `json:"url"`
	Name            string          `json:"name"`
	Kurzname        string          `json:"kurzname"`
	Art             string          `json:"art"`
	Beispiel        bool            `json:"beispiel"`
	FruehereFassung bool            `json:"fruehere_fassung"`
	InSummen        bool            `json:"in_summen"`
	Rahmenstrategie *string         `json:"rahmenstrategie"`
	Federfuehrung   *string         `json:"federfuehrung"`
	Beteiligt       []string        `json:"beteiligt"`
	Stand           string          `json:"stand"`
	Handlungsfelder []string        `json:"handlungsfelder"`
	Beschluesse     []beschlussJSON `json:"beschluesse"` // beteiligung.go
	Beteiligung     beteiligungJSON `json:"beteiligung"`
}

type handlungsfeld struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Kurzname  string  `json:"kurzname"`
	URL       string  `json:"url"`
	AgendaURL *string `json:"agenda_url"`
}

type akteur struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Ressort   bool    `json:"ressort"`
	AgendaURL *string `json:"agenda_url"`
}

type basisJSON struct {
	Wert  float64 `json:"wert"`
	Datum string  `json:"datum"`
}

type fortschrittJSON struct {
	Bewertung     string   `json:"bewertung"`
	Anteil        *float64 `json:"anteil"`
	Erwartet      *float64 `json:"erwartet"`
	LetzterWert   *float64 `json:"letzter_wert"`
	LetztesDatum  *string  `json:"letztes_datum"`
	BewertungText string   `json:"bewertung_text"`
}

type zielJSON struct {
	ID              string           `json:"id"`
	Kennung         string           `json:"kennung"`
	Strategie       string           `json:"strategie"`
	Beispiel        bool             `json:"beispiel"`
	Art             string           `json:"art"`
	Text            string           `json:"text"`
	Handlungsfelder []string         `json:"handlungsfelder"`
	URL             string           `json:"url"`
	Uebergeordnet   *string          `json:"uebergeordnet"`
	Indikator       *string          `json:"indikator,omitempty"`
	Einheit         *string          `json:"einheit,omitempty"`
	Richtung        *string          `json:"richtung,omitempty"`
	Basis           *basisJSON       `json:"basis,omitempty"`
	Zielwert        *float64         `json:"zielwert,omitempty"`
	Zieljahr        *int             `json:"zieljahr,omitempty"`
	Entwurf         *bool            `json:"entwurf,omitempty"`
	Fortschritt     *fortschrittJSON `json:"fortschritt,omitempty"`
	IndikatorURL    *string          `json:"indikator_url,omitempty"`
}

type initiativeJSON struct {
	ID              string   `json:"id"`
	Kennung         string   `json:"kennung"`
	Strategie       string   `json:"strategie"`
	Beispiel        bool     `json:"beispiel"`
	Titel           string   `json:"titel"`
	Status          *string  `json:"status"`
	Ressorts        []string `json:"ressorts"`
	Projektleitung  string   `json:"projektleitung"`
	Unterstuetzt    []string `json:"unterstuetzt"`
	Handlungsfelder []string `json:"handlungsfelder"`
	Massnahmen      []string `json:"massnahmen"`
	URL             string   `json:"url"`
}

type meilensteinJSON struct {
	Datum    *datumJSON `json:"datum"`
	Text     string     `json:"text"`
	Status   string     `json:"status"`  // as stated: erreicht, offen, unbekannt
	Zustand  string     `json:"zustand"` // what the site shows on the build day
	Stand    *datumJSON `json:"stand"`
	Quelle   *string    `json:"quelle"`
	Erreicht bool       `json:"erreicht"` // status == erreicht
}

type verlaufJSON struct {
	Datum      datumJSON `json:"datum"`
	Status     string    `json:"status"`
	Quelle     *string   `json:"quelle"`
	Sicherheit string    `json:"sicherheit"`
	Grund      *string   `json:"grund"`
	Notiz      string    `json:"notiz"`
}

type massnahmeJSON struct {
	ID              string            `json:"id"`
	Strategie       string            `json:"strategie"`
	Beispiel        bool              `json:"beispiel"`
	Titel           string            `json:"titel"`
	Zusammenfassung string            `json:"zusammenfassung"`
	Status          string            `json:"status"`
	Handlungsfeld   *string           `json:"handlungsfeld"`
	Federfuehrung   []string          `json:"federfuehrung"`
	Beteiligte      []string          `json:"beteiligte"`
	Ziele           []string          `json:"ziele"`
	Initiative      *string           `json:"initiative"`
	Start           *datumJSON        `json:"start"`
	Stand           string            `json:"stand"`
	URL             string            `json:"url"`
	StatusDatum     *datumJSON        `json:"status_datum"`
	StatusQuelle    *string           `json:"status_quelle"`
	Sicherheit      *string           `json:"sicherheit"`
	Grund           *string           `json:"grund"`
	Veraltet        bool              `json:"veraltet"`
	Meilensteine    []meilensteinJSON `json:"meilensteine"`
	Verlauf         []verlaufJSON     `json:"verlauf"`
}

type messwertJSON struct {
	ID         string  `json:"id"`
	Ziel       string  `json:"ziel"`
	Strategie  string  `json:"strategie"`
	Beispiel   bool    `json:"beispiel"`
	Datum      string  `json:"datum"`
	Wert       float64 `json:"wert"`
	Einheit    string  `json:"einheit"`
	Gefaehrdet bool    `json:"gefaehrdet"`
	Kommentar  string  `json:"kommentar"`
	Korrektur  string  `json:"korrektur"`
	URL        string  `json:"url"`
}

type berichtJSON struct {
	Jahr          int     `json:"jahr"`
	Titel         string  `json:"titel"`
	Stand         string  `json:"stand"`
	Stichtag      string  `json:"stichtag"`
	Vorlaeufig    bool    `json:"vorlaeufig"`
	Abgeschlossen *string `json:"abgeschlossen"`
	URL           string  `json:"url"`
}

// JSON encodes the agenda as agenda.json.
func JSON(a *agenda.Agenda, abs func(string) string) ([]byte, error) {
	d := dokumentVon(a, abs)
	return appendIndented(make([]byte, 0, sizeHint(d)), d)
}

// sizeHint estimates the length of agenda.json: indented, an element of
// its lists takes 1,220 bytes on average, in the bundled site as at
// 10,000 pages. Growing the output step by step instead would allocate
// and copy it several times over.
func sizeHint(d dokument) int {
	v := reflect.ValueOf(d)
	n := 0
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice {
			n += f.Len()
		}
	}
	return 4<<10 + n*1280
}

// dokumentVon is the agenda as the document agenda.json holds.
func dokumentVon(a *agenda.Agenda, abs func(string) string) dokument {
	cfg := a.Site.Config
	d := dokument{
		Schema: abs(Pfad + "agenda.schema.json"), SchemaVersion: SchemaVersion,
		Titel: a.Titel, URL: abs(agenda.Pfad), Herausgeber: cfg.Herausgeber,
		Lizenz:  lizenz{Name: cfg.Lizenz.Name, Kurz: cfg.Lizenz.Kurz, URL: cfg.Lizenz.URL},
		Erzeugt: a.Site.BuildDate.ISO(),
		Umfang: umfang{BeispieleEingerechnet: a.BeispieleEingerechnet, FruehereEingerechnet: a.FruehereEingerechnet,
			Ausgeschlossen: []string{}, Erlaeuterung: a.Umfang()},
		Summen: summen{Land: zaehle(a.Land)},
		// Empty lists stay lists, so that readers need no null checks.
		Strategien: []strategieJSON{}, Handlungsfelder: []handlungsfeld{}, Akteure: []akteur{}, Ziele: []zielJSON{},
		Initiativen: []initiativeJSON{}, Massnahmen: []massnahmeJSON{}, Messwerte: []messwertJSON{},
		Fortschrittsberichte: []berichtJSON{}, Wirkungsmessungen: wirkungen(a, abs),
	}
	for _, s := range a.Ausgeschlossen {
		d.Umfang.Ausgeschlossen = append(d.Umfang.Ausgeschlossen, s.Slug)
	}
	if !a.Beispiel.Leer() {
		z := zaehle(a.Beispiel)
		d.Summen.Beispiel = &z
	}
	for _, s := range a.Rahmen {
		d.Strategien = append(d.Strategien, strategie(a, s, abs))
	}
	for _, z := range a.Zeilen {
		d.Strategien = append(d.Strategien, strategie(a, z.Strategie, abs))
	}
	for _, h := range a.Site.Handlungsfelder {
		e := handlungsfeld{ID: h.Key, Name: h.Name, Kurzname: h.Label(), URL: abs(h.URL)}
		if f := a.FacetteHF(h); f != nil {
			e.AgendaURL = ptr(abs(f.URL))
		}
		d.Handlungsfelder = append(d.Handlungsfelder, e)
	}
	for _, ak := range a.Site.Akteure {
		e := akteur{ID: ak.Kuerzel, Name: ak.Name, Ressort: ak.Ressort}
		if f := a.FacetteRessort(ak); f != nil {
			e.AgendaURL = ptr(abs(f.URL))
		}
		d.Akteure = append(d.Akteure, e)
	}
	for _, z := range a.Alle.Ziele {
		d.Ziele = append(d.Ziele, ziel(a, z, abs))
		for _, m := range z.Messwerte {
			d.Messwerte = append(d.Messwerte, messwertJSON{ID: MesswertID(z, m), Ziel: z.Key, Strategie: z.Strategie.Slug,
				Beispiel: z.Strategie.Beispiel, Datum: m.Datum.ISO(), Wert: m.Wert, Einheit: z.Einheit,
				Gefaehrdet: m.Gefaehrdet, Kommentar: m.Kommentar, Korrektur: m.Korrektur, URL: abs(a.IndikatorURL(z))})
		}
	}
	for _, i := range a.Alle.Initiativen {
		e := initiativeJSON{ID: i.Key, Kennung: i.ID, Strategie: i.Strategie.Slug, Beispiel: i.Strategie.Beispiel,
			Titel: i.Titel, Ressorts: kuerzel(i.Ressorts), Projektleitung: i.Projektleitung,
			Unterstuetzt: []string{}, Handlungsfelder: hfKeys(i.Handlungsfelder), Massnahmen: []string{}, URL: abs(i.URL)}
		if i.Status != "" {
			e.Status = ptr(i.Status)
		}
		for _, z := range i.Unterstuetzt {
			e.Unterstuetzt = append(e.Unterstuetzt, z.Key)
		}
		for _, m := range i.Massnahmen {
			e.Massnahmen = append(e.Massnahmen, m.ID)
		}
		d.Initiativen = append(d.Initiativen, e)
	}
	for _, m := range a.Alle.Massnahmen {
		d.Massnahmen = append(d.Massnahmen, massnahme(m, abs))
	}
	d.Dokumente, d.ExterneIndikatoren = dokumenteUndKennzahlen(a, abs)
	for _, r := range a.Berichte {
		e := berichtJSON{Jahr: r.Jahr, Titel: r.Titel, Stand: r.Stand.ISO(), Stichtag: r.Bis.Format("2006-01-02"),
			Vorlaeufig: r.Vorlaeufig, URL: abs(r.URL)}
		if !r.Abgeschlossen.IsZero() {
			e.Abgeschlossen = ptr(r.Abgeschlossen.ISO())
		}
		d.Fortschrittsberichte = append(d.Fortschrittsberichte, e)
	}
	return d
}

// appendIndented appends d to dst as json.Encoder (without HTML escapes)
// and json.Indent with two spaces would write it, byte for byte: field by
// field of the document and element by element of its lists. Encoded in
// one go, a large agenda grew the encoder's buffer to 16 MB by doubling,
// copied it into a second buffer and indented that into a third, which
// json.Indent ran through its validating scanner; in pieces, the encoder
// reuses one small buffer, and the pieces, valid JSON from the encoder,
// go straight into the indented output.
func appendIndented(dst []byte, d dokument) ([]byte, error) {
	var part bytes.Buffer
	enc := json.NewEncoder(&part)
	enc.SetEscapeHTML(false)
	x := indenter{dst: dst}
	encode := func(v any) error {
		part.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		x.write(bytes.TrimSuffix(part.Bytes(), []byte("\n")))
		return nil
	}
	v := reflect.ValueOf(d)
	x.write([]byte("{"))
	first := true
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || opts == "omitempty" && (fv.Kind() == reflect.Slice && fv.Len() == 0 || fv.IsZero()) {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !first {
			x.write([]byte(","))
		}
		first = false
		if err := encode(name); err != nil {
			return nil, err
		}
		x.write([]byte(":"))
		if fv.Kind() != reflect.Slice || fv.IsNil() {
			if err := encode(fv.Interface()); err != nil {
				return nil, err
			}
			continue
		}
		x.write([]byte("["))
		for j := range fv.Len() {
			if j > 0 {
				x.write([]byte(","))
			}
			// By address, as the encoder reaches the elements of a list.
			if err := encode(fv.Index(j).Addr().Interface()); err != nil {
				return nil, err
			}
		}
		x.write([]byte("]"))
	}
	x.write([]byte("}\n"))
	return x.dst, nil
}

// MesswertID is the stable ID of a measurement: goal and day.
func MesswertID(z *model.Ziel, m model.Messwert) string { return z.Key + "/" + m.Datum.ISO() }

func zaehle(b *agenda.Bestand) zahlen {
	z := zahlen{Strategien: len(b.Strategien), Massnahmen: len(b.Massnahmen), Ziele: len(b.Ziele),
		QuantitativeZiele: b.Quantitativ, Initiativen: len(b.Initiativen),
		MassnahmenNachStatus: map[string]int{}, ZieleNachBewertung: map[string]int{}}
	for _, s := range b.Status.Liste() {
		z.MassnahmenNachStatus[s.Key] = s.Anzahl
	}
	for _, s := range b.Bewertung.Liste() {
		z.ZieleNachBewertung[s.Key] = s.Anzahl
	}
	return z
}

func strategie(a *agenda.Agenda, s *model.Strategie, abs func(string) string) strategieJSON {
	e := strategieJSON{ID: s.Slug, URL: abs(s.URL), Name: s.Name, Kurzname: s.Kurzname, Art: "sektoral",
		Beispiel: s.Beispiel, FruehereFassung: s.Abgeloest, InSummen: a.Zaehlt(s),
		Beteiligt: kuerzel(s.Beteiligt), Stand: s.Stand.ISO(), Handlungsfelder: []string{}}
	if s.Rahmen {
		e.Art = "rahmen"
	}
	if s.Rahmenstrategie != nil {
		e.Rahmenstrategie = ptr(s.Rahmenstrategie.Slug)
	}
	if s.Federfuehrung != nil {
		e.Federfuehrung = ptr(s.Federfuehrung.Kuerzel)
	}
	for _, h := range s.HF {
		e.Handlungsfelder = append(e.Handlungsfelder, h.Handlungsfeld.Key)
	}
	e.Beschluesse, e.Beteiligung = beschluesseJSON(s, abs), beteiligungDaten(s)
	return e
}

// ZielArt names the level of a goal in open data.
func ZielArt(k content.GoalKind) string {
	switch k {
	case content.ZielQualitativ:
		return "strategisch-qualitativ"
	case content.ZielQuantitativ:
		return "strategisch-quantitativ"
	case content.EtappeQualitativ:
		return "etappe-qualitativ"
	case content.EtappeQuantitativ:
		return "etappe-quantitativ"
	}
	return "einfach"
}

// Uebergeordnet is the goal a goal belongs to: the qualitative goal of its
// set, or for a qualitative Etappenziel the strategic goal it is derived from.
func Uebergeordnet(z *model.Ziel) *model.Ziel {
	switch {
	case z.Kind == content.ZielQuantitativ && z.Zielset != nil:
		return z.Zielset.Qualitativ
	case z.Kind == content.EtappeQuantitativ && z.Etappenset != nil:
		return z.Etappenset.Qualitativ
	case z.Kind == content.EtappeQualitativ && z.Etappenset != nil:
		return z.Etappenset.AbgeleitetVon
	}
	return nil
}

func ziel(a *agenda.Agenda, z *model.Ziel, abs func(string) string) zielJSON {
	e := zielJSON{ID: z.Key, Kennung: z.ID, Strategie: z.Strategie.Slug, Beispiel: z.Strategie.Beispiel,
		Art: ZielArt(z.Kind), Text: z.Text, Handlungsfelder: hfKeys(z.Handlungsfelder), URL: abs(z.URL)}
	if p := Uebergeordnet(z); p != nil {
		e.Uebergeordnet = ptr(p.Key)
	}
	if !z.Kind.Quantitativ() {
		return e
	}
	richtung := "steigend"
	if z.Fallend {
		richtung = "fallend"
	}
	e.Indikator, e.Einheit, e.Richtung, e.Entwurf = ptr(z.Indikator), ptr(z.Einheit), ptr(richtung), ptr(z.Entwurf)
	if z.Basis != nil {
		e.Basis = &basisJSON{Wert: z.Basis.Wert, Datum: z.Basis.Datum.ISO()}
	}
	e.Zielwert = z.Zielwert
	if z.Zieljahr > 0 {
		e.Zieljahr = ptr(z.Zieljahr)
	}
	f := &fortschrittJSON{Bewertung: model.KeineMessung}
	if p := z.Fortschritt; p != nil {
		f.Bewertung = p.Bewertung
		if p.Aktuell != nil {
			f.LetzterWert, f.LetztesDatum = ptr(p.Aktuell.Wert), ptr(p.Aktuell.Datum.ISO())
			if z.Zielwert != nil {
				f.Anteil, f.Erwartet = ptr(round4(p.Anteil)), ptr(round4(p.Erwartet))
			}
		}
	}
	f.BewertungText = model.BewertungLabel[f.Bewertung]
	e.Fortschritt = f
	if u := a.IndikatorURL(z); u != "" {
		e.IndikatorURL = ptr(abs(u))
	}
	return e
}

// massnahme writes a measure with the origin of its current status: its
// date, source and certainty, and whether it is stale on the build day
// (heute). Milestones carry what a source states and what the site shows.
func massnahme(m *model.Massnahme, abs func(string) string) massnahmeJSON {
	e := massnahmeJSON{ID: m.ID, Strategie: m.Strategie.Slug, Beispiel: m.Strategie.Beispiel, Titel: m.Titel,
		Zusammenfassung: m.Zusammenfassung, Status: m.Status, Federfuehrung: kuerzel(m.Federfuehrung),
		Beteiligte: []string{}, Ziele: []string{}, Start: datumPtr(m.Start), Stand: m.Stand.ISO(), URL: abs(m.URL),
		Meilensteine: []meilensteinJSON{}, Verlauf: []verlaufJSON{}, Veraltet: m.Veraltet}
	if akt := m.Aktuell(); akt.Status != "" {
		e.StatusDatum, e.StatusQuelle = datumPtr(akt.Datum), text(akt.Quelle)
		e.Sicherheit, e.Grund = text(akt.Sicherheit), text(akt.Grund)
	}
	if m.Handlungsfeld != nil {
		e.Handlungsfeld = ptr(m.Handlungsfeld.Key)
	}
	for _, b := range m.Beteiligte {
		e.Beteiligte = append(e.Beteiligte, b.Text)
	}
	for _, z := range m.Ziele {
		e.Ziele = append(e.Ziele, z.Key)
	}
	if m.Initiative != nil {
		e.Initiative = ptr(m.Initiative.Key)
	}
	for _, ms := range m.Meilensteine {
		e.Meilensteine = append(e.Meilensteine, meilensteinJSON{Datum: datumPtr(ms.Datum), Text: ms.Text,
			Status: ms.Status, Zustand: ms.Zustand, Stand: datumPtr(ms.Stand), Quelle: text(ms.Quelle),
			Erreicht: ms.Erreicht()})
	}
	// verlauf lists the entries of the file; a status without [[verlauf]]
	// appears only as the current status (status_datum, status_quelle).
	for _, v := range m.Verlauf {
		if v.Implizit || v.Datum.IsZero() {
			continue
		}
		sicher := v.Sicherheit
		if sicher == "" {
			sicher = content.Belegt
		}
		e.Verlauf = append(e.Verlauf, verlaufJSON{Datum: *datumPtr(v.Datum), Status: v.Status, Quelle: text(v.Quelle),
			Sicherheit: sicher, Grund: text(v.Grund), Notiz: v.Notiz})
	}
	return e
}

// datumPtr writes a fuzzy date with the first and last day it covers.
func datumPtr(d datum.Datum) *datumJSON {
	if d.IsZero() {
		return nil
	}
	return &datumJSON{Text: d.String(), Von: d.Start().Format("2006-01-02"), Bis: d.End().Format("2006-01-02")}
}

func kuerzel(list []*model.Akteur) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Kuerzel)
	}
	return out
}

func hfKeys(list []*model.Handlungsfeld) []string {
	out := []string{}
	for _, h := range list {
		out = append(out, h.Key)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// text is nil for an empty string: a missing statement is null in JSON.
func text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// round4 rounds to four places; beyond 1e304 v*1e4 overflows, and such a
// number has no places left to round.
func round4(v float64) float64 {
	if r := math.Round(v*1e4) / 1e4; !math.IsInf(r, 0) {
		return r
	}
	return v
}

// indent appends src, compact JSON as the encoder writes it, to dst
// indented by two spaces, byte for byte as json.Indent(dst, src, "", "  ")
// would.
func indent(dst, src []byte) []byte {
	x := indenter{dst: dst}
	x.write(src)
	return x.dst
}

// indenter indents compact JSON written to it in pieces that split it
// between tokens. json.Indent runs its validating scanner over every
// byte, for a large agenda as long as encoding it took; the encoder's
// output is valid, so only strings (where punctuation is text) need
// watching.
type indenter struct {
	dst   []byte
	depth int
	open  bool // after { or [: the newline waits, an empty one stays {} or []
}

func (x *indenter) write(src []byte) {
	dst, depth, open := x.dst, x.depth, x.open
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = newline(dst, depth)
		}
		switch c {
		case '"':
			j := stringEnd(src, i+1)
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = newline(append(dst, c), depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = newline(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	x.dst, x.depth, x.open = dst, depth, open
}

// stringEnd returns the position after the closing quote of the JSON
// string whose content begins at src[i]: the first quote not escaped by
// an odd number of backslashes.
func stringEnd(src []byte, i int) int {
	for {
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			return len(src)
		}
		i += q
		k := i
		for k > 0 && src[k-1] == '\\' {
			k--
		}
		i++
		if (i-1-k)%2 == 0 {
			return i
		}
	}
}

const spaces = "                                                                "

// newline appends a line break and the indentation of depth.
func newline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for n := 2 * depth; n > 0; n -= len(spaces) {
		dst = append(dst, spaces[:min(n, len(spaces))]...)
	}
	return dst
}
