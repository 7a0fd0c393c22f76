package opendata

import (
	"bytes"
	"encoding/csv"
	"math"
	"regexp"
	"strconv"
	"strings"

	"tdsite/internal/agenda"
)

// CSV conventions (docs/opendata.md): UTF-8 without byte order mark, one
// header line, ";" between fields and the decimal comma, as spreadsheets in
// German settings expect; CRLF line ends and quotes as in RFC 4180; dates as
// YYYY-MM-DD; yes/no as "ja"/"nein"; several values in one field separated
// by " | " (names of participants may contain commas).

// Listentrenner separates several values within one CSV field.
const Listentrenner = " | "

func writeCSV(header []string, rows [][]string) ([]byte, error) {
	size := 0
	for _, row := range rows {
		for i, cell := range row {
			row[i] = entschaerfen(cell)
			size += len(row[i]) + 1
		}
		size++ // CRLF for the last separator
	}
	// Sized ahead (with room for quotes): the CSV writer flushes every
	// 4 KB, and a buffer that grows step by step for the 3 MB of a large
	// table of measures is allocated and cleared again and again.
	var b bytes.Buffer
	b.Grow(size + size/32 + 1024)
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.Write(header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var zahl = regexp.MustCompile(`^-?[0-9]+(,[0-9]+)?$`)

// entschaerfen keeps a spreadsheet from reading a text cell as a formula
// (CSV injection): a cell that begins with =, +, -, @, a tab or a carriage
// return and is not a number gets a leading apostrophe, which spreadsheets
// hide and treat as "text follows".
func entschaerfen(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || zahl.MatchString(cell) {
		return cell
	}
	return "'" + cell
}

// Dezimal writes a number with a decimal comma and no thousands separator.
func Dezimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

func dezimalPtr(v *float64) string {
	if v == nil {
		return ""
	}
	return Dezimal(*v)
}

func jaNein(b bool) string {
	if b {
		return "ja"
	}
	return "nein"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func liste(items []string) string { return strings.Join(items, Listentrenner) }

// MassnahmenHeader are the columns of massnahmen.csv.
var MassnahmenHeader = []string{"id", "strategie", "strategie_name", "beispiel", "titel", "status", "handlungsfeld",
	"handlungsfeld_name", "federfuehrung", "beteiligte", "ziele", "initiative", "start", "start_von", "start_bis",
	"stand", "url", "status_datum", "status_quelle", "sicherheit", "veraltet"}

// MassnahmenCSV is massnahmen.csv: one row per measure. The date of the
// current status is the last day of its period (the day by which it surely
// held, as for staleness); agenda.json has the date as the source gives it.
func MassnahmenCSV(a *agenda.Agenda, abs func(string) string) ([]byte, error) {
	var rows [][]string
	for _, m := range a.Alle.Massnahmen {
		e := massnahme(m, abs)
		hf, hfName := "", ""
		if h := m.Handlungsfeld; h != nil {
			hf, hfName = h.Key, h.Name
		}
		start, von, bis := "", "", ""
		if e.Start != nil {
			start, von, bis = e.Start.Text, e.Start.Von, e.Start.Bis
		}
		ini := ""
		if e.Initiative != nil {
			ini = *e.Initiative
		}
		statusDatum := ""
		if e.StatusDatum != nil {
			statusDatum = e.StatusDatum.Bis
		}
		rows = append(rows, []string{e.ID, e.Strategie, m.Strategie.Name, jaNein(e.Beispiel), e.Titel, e.Status, hf, hfName,
			liste(e.Federfuehrung), liste(e.Beteiligte), liste(e.Ziele), ini, start, von, bis, e.Stand, e.URL,
			statusDatum, deref(e.StatusQuelle), deref(e.Sicherheit), jaNein(e.Veraltet)})
	}
	return writeCSV(MassnahmenHeader, rows)
}

// ZieleHeader are the columns of ziele.csv.
var ZieleHeader = []string{"id", "strategie", "beispiel", "kennung", "art", "text", "handlungsfelder", "uebergeordnet",
	"indikator", "einheit", "richtung", "basis_wert", "basis_datum", "zielwert", "zieljahr", "letzter_wert",
	"letztes_datum", "erreicht_prozent", "erwartet_prozent", "bewertung", "url", "indikator_url"}

// ZieleCSV is ziele.csv: one row per goal; measurable goals with values.
func ZieleCSV(a *agenda.Agenda, abs func(string) string) ([]byte, error) {
	var rows [][]string
	for _, z := range a.Alle.Ziele {
		e := ziel(a, z, abs)
		r := map[string]string{"id": e.ID, "strategie": e.Strategie, "beispiel": jaNein(e.Beispiel), "kennung": e.Kennung,
			"art": e.Art, "text": e.Text, "handlungsfelder": liste(e.Handlungsfelder), "url": e.URL}
		if e.Uebergeordnet != nil {
			r["uebergeordnet"] = *e.Uebergeordnet
		}
		if z.Kind.Quantitativ() {
			r["indikator"], r["einheit"], r["richtung"] = *e.Indikator, *e.Einheit, *e.Richtung
			if e.Basis != nil {
				r["basis_wert"], r["basis_datum"] = Dezimal(e.Basis.Wert), e.Basis.Datum
			}
			r["zielwert"] = dezimalPtr(e.Zielwert)
			if e.Zieljahr != nil {
				r["zieljahr"] = strconv.Itoa(*e.Zieljahr)
			}
			f := e.Fortschritt
			r["bewertung"] = f.Bewertung
			r["letzter_wert"] = dezimalPtr(f.LetzterWert)
			if f.LetztesDatum != nil {
				r["letztes_datum"] = *f.LetztesDatum
			}
			r["erreicht_prozent"], r["erwartet_prozent"] = percent(f.Anteil), percent(f.Erwartet)
			if e.IndikatorURL != nil {
				r["indikator_url"] = *e.IndikatorURL
			}
		}
		row := make([]string, len(ZieleHeader))
		for i, h := range ZieleHeader {
			row[i] = r[h]
		}
		rows = append(rows, row)
	}
	return writeCSV(ZieleHeader, rows)
}

func percent(share *float64) string {
	if share == nil {
		return ""
	}
	return Dezimal(math.Round(*share*1000) / 10)
}

// MesswerteHeader are the columns of messwerte.csv.
var MesswerteHeader = []string{"id", "ziel", "strategie", "beispiel", "datum", "wert", "einheit", "plan_wert",
	"gefaehrdet", "kommentar", "korrektur", "url"}

// MesswerteCSV is messwerte.csv: one row per measurement, with the value
// the straight planned path expects on that day.
func MesswerteCSV(a *agenda.Agenda, abs func(string) string) ([]byte, error) {
	var rows [][]string
	for _, z := range a.Alle.Ziele {
		for _, m := range z.Messwerte {
			plan := ""
			if v, ok := z.PlanWert(m.Datum.Start()); ok {
				plan = Dezimal(round4(v))
			}
			rows = append(rows, []string{MesswertID(z, m), z.Key, z.Strategie.Slug, jaNein(z.Strategie.Beispiel),
				m.Datum.ISO(), Dezimal(m.Wert), z.Einheit, plan, jaNein(m.Gefaehrdet), m.Kommentar, m.Korrektur,
				abs(a.IndikatorURL(z))})
		}
	}
	return writeCSV(MesswerteHeader, rows)
}
