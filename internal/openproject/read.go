// Package openproject reads work-package exports (CSV) of the project
// management tool OpenProject, which the Leitfaden recommends for steering
// all measures, and carries their status and milestones into the measure
// files of tdsite. The expected columns and the status mapping are
// documented in docs/openproject.md.
package openproject

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Arbeitspaket is one row of the export.
type Arbeitspaket struct {
	Zeile     int    // line in the CSV file where the row starts (header = 1)
	ID        string // OpenProject ID, e.g. "123"
	Typ       string // "Aufgabe", "Meilenstein", "Phase" …
	Thema     string
	Status    string
	Start     time.Time // zero if empty
	Ende      time.Time // zero if empty
	Geaendert time.Time // last update of the work package ("Aktualisiert am"), zero if not exported
	Prozent   int       // % erledigt, -1 if empty
	Massnahme string    // tdsite measure ID (custom field)
	Parent    string    // OpenProject ID of the parent work package
}

// Meilenstein reports whether the row is a milestone.
func (a *Arbeitspaket) Meilenstein() bool {
	t := norm(a.Typ)
	return t == "meilenstein" || t == "milestone"
}

// Label names the row for messages: „#123 „Thema““.
func (a *Arbeitspaket) Label() string {
	if a.Thema == "" {
		return "#" + a.ID
	}
	return fmt.Sprintf("#%s „%s“", a.ID, strings.Join(strings.Fields(a.Thema), " "))
}

// Export is a read CSV file.
type Export struct {
	Pakete       []Arbeitspaket
	Trennzeichen rune
	Kodierung    string            // "UTF-8" or "Windows-1252"
	Spalten      map[string]string // role → column header as written in the file
	Probleme     []Problem         // rows that were read only in part
}

// Problem is a German finding about one row or the whole file.
type Problem struct {
	Zeile   int // 0: the whole file
	Text    string
	Hinweis string
}

func (p Problem) String() string {
	s := p.Text
	if p.Zeile > 0 {
		s = fmt.Sprintf("Zeile %d: %s", p.Zeile, s)
	}
	if p.Hinweis != "" {
		s += "\n    Hinweis: " + p.Hinweis
	}
	return s
}

// Column roles and the headers OpenProject writes for them (German and
// English user interface, older and newer versions). Compared after norm.
var spalten = []struct {
	role    string
	label   string // German name for messages
	headers []string
}{
	{"id", "ID", []string{"id", "#", "nr.", "nr", "nummer"}},
	{"typ", "Typ", []string{"typ", "type", "art"}},
	{"thema", "Thema", []string{"thema", "subject", "titel", "betreff", "name"}},
	{"status", "Status", []string{"status"}},
	{"start", "Startdatum", []string{"startdatum", "start date", "anfangstermin", "beginn", "start", "begin date"}},
	{"ende", "Endtermin", []string{"endtermin", "finish date", "enddatum", "abschlussdatum", "fertigstellungsdatum", "fälligkeitsdatum", "due date", "ende", "end date"}},
	{"prozent", "% erledigt", []string{"% erledigt", "% abgeschlossen", "% complete", "% done", "fortschritt", "fortschritt (%)", "progress", "progress (%)", "erledigt (%)", "fertigstellungsgrad"}},
	{"geaendert", "Aktualisiert am", []string{"aktualisiert am", "aktualisiert", "zuletzt aktualisiert", "geändert am", "letzte änderung", "updated on", "updated at", "updated", "last updated"}},
	{"parent", "Übergeordnetes Arbeitspaket", []string{"übergeordnetes arbeitspaket", "übergeordnet", "parent", "eltern-arbeitspaket", "parent work package"}},
	{"massnahme", "Maßnahmen-ID", StandardSpalten},
}

// StandardSpalten are the names of the custom field with the tdsite measure
// ID that are found without configuration.
var StandardSpalten = []string{"maßnahmen-id", "massnahmen-id", "maßnahme-id", "massnahme-id", "tdsite-id", "tdsite id", "tdsite", "tdsite-maßnahme", "maßnahme (tdsite)"}

// norm makes headers and status names comparable: case, surrounding
// blanks and repeated blanks do not matter.
func norm(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.Trim(s, "\ufeff \t\"")), " "))
}

// Read parses an export. spalte names the custom field with the measure ID
// if it is not one of StandardSpalten.
func Read(data []byte, spalte string) (*Export, error) {
	ex := &Export{Kodierung: "UTF-8", Spalten: map[string]string{}}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = fromWindows1252(data)
		ex.Kodierung = "Windows-1252"
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, errors.New("Die Datei ist keine CSV-Datei (sie enthält Binärdaten). Exportieren Sie die Arbeitspakete in OpenProject als CSV, nicht als XLS oder PDF.")
	}
	text := string(data)
	header, _, _ := strings.Cut(text, "\n")
	ex.Trennzeichen = separator(header)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = ex.Trennzeichen
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err == io.EOF {
		return nil, errors.New("Die Datei ist leer.")
	}
	if err != nil {
		return nil, fmt.Errorf("Die Kopfzeile ist nicht lesbar: %v", germanCSV(err))
	}
	col := map[string]int{}
	wanted := map[string]bool{}
	if spalte != "" {
		wanted[norm(spalte)] = true
	}
	for i, h := range head {
		n := norm(h)
		for _, s := range spalten {
			if _, done := col[s.role]; done {
				continue
			}
			match := contains(s.headers, n)
			if s.role == "massnahme" && spalte != "" {
				match = wanted[n]
			}
			if match {
				col[s.role] = i
				ex.Spalten[s.role] = strings.TrimSpace(h)
			}
		}
	}
	var missing []string
	for _, s := range spalten {
		if _, ok := col[s.role]; !ok && (s.role == "id" || s.role == "status" || s.role == "massnahme") {
			name := s.label
			if s.role == "massnahme" && spalte != "" {
				name = spalte
			}
			missing = append(missing, "„"+name+"“")
		}
	}
	if len(missing) > 0 {
		return nil, &ColumnError{Missing: missing, Found: head, Separator: ex.Trennzeichen, Custom: spalte}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			ex.Probleme = append(ex.Probleme, Problem{Zeile: line, Text: "Die Zeile ist nicht lesbar: " + germanCSV(err),
				Hinweis: "Prüfen Sie die Anführungszeichen in dieser Zeile oder exportieren Sie erneut."})
			continue
		}
		get := func(role string) string {
			if i, ok := col[role]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		a := Arbeitspaket{Zeile: line, ID: strings.TrimPrefix(get("id"), "#"), Typ: get("typ"), Thema: get("thema"),
			Status: get("status"), Massnahme: get("massnahme"), Parent: parentID(get("parent")), Prozent: -1}
		for _, d := range []struct {
			role string
			dst  *time.Time
		}{{"start", &a.Start}, {"ende", &a.Ende}, {"geaendert", &a.Geaendert}} {
			if raw := get(d.role); raw != "" {
				t, ok := parseDate(raw)
				if !ok {
					ex.Probleme = append(ex.Probleme, Problem{Zeile: line, Text: fmt.Sprintf("Das Datum „%s“ in der Spalte „%s“ ist nicht lesbar; es wird nicht übernommen.", raw, ex.Spalten[d.role]),
						Hinweis: "Erwartet wird TT.MM.JJJJ oder JJJJ-MM-TT."})
					continue
				}
				*d.dst = t
			}
		}
		if raw := get("prozent"); raw != "" {
			p, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(raw), "%")))
			if err != nil || p < 0 || p > 100 {
				ex.Probleme = append(ex.Probleme, Problem{Zeile: line, Text: fmt.Sprintf("„%s“ in der Spalte „%s“ ist kein Prozentwert.", raw, ex.Spalten["prozent"])})
			} else {
				a.Prozent = p
			}
		}
		ex.Pakete = append(ex.Pakete, a)
	}
	return ex, nil
}

// ColumnError says which required columns are missing.
type ColumnError struct {
	Missing   []string
	Found     []string
	Separator rune
	Custom    string
}

func (e *ColumnError) Error() string {
	found := make([]string, len(e.Found))
	for i, f := range e.Found {
		found[i] = "„" + strings.TrimSpace(f) + "“"
	}
	msg := fmt.Sprintf("Es fehlen die Spalten %s. Gefunden (Trennzeichen %q): %s.", strings.Join(e.Missing, ", "), e.Separator, strings.Join(found, ", "))
	return msg
}

// Hint says how to fix the export.
func (e *ColumnError) Hint() string {
	return "Wählen Sie in OpenProject vor dem Export die Spalten ID, Status und das benutzerdefinierte Feld mit der tdsite-Maßnahmen-ID aus " +
		"(außerdem Typ, Thema, Startdatum, Endtermin, % erledigt, Übergeordnetes Arbeitspaket). Heißt das Feld anders als „Maßnahmen-ID“, " +
		"nennen Sie es mit --spalte \"<Name>\" oder in config.toml unter [openproject] spalte = \"<Name>\"."
}

// separator guesses the field separator from the header line: German
// spreadsheet programs write ";", OpenProject itself ",".
func separator(header string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range header {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ';' || c == ',' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// parseDate reads the date formats OpenProject exports, depending on the
// user's language settings.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 { // "31.12.2025 10:00" → day only
		s = s[:i]
	}
	for _, layout := range []string{"02.01.2006", "2.1.2006", "2006-01-02", "01/02/2006", "1/2/2006", "02.01.06"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var reDateiDatum = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})|(\d{2}\.\d{2}\.\d{4})`)

// DatumAusDateiname is the day in an export's file name, as people and
// scripts name their exports: "arbeitspakete-2026-11-30.csv",
// "Export 30.11.2026.csv". ok is false if the name has no valid date.
func DatumAusDateiname(name string) (time.Time, bool) {
	m := reDateiDatum.FindString(filepath.Base(name))
	if m == "" {
		return time.Time{}, false
	}
	return parseDate(m)
}

// parentID extracts the ID from a parent cell: "123", "#123" or
// "Phase 1 (#123)".
func parentID(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "#"); i >= 0 {
		s = s[i+1:]
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	return s[:end]
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// germanCSV translates encoding/csv errors.
func germanCSV(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			return "Anführungszeichen passen nicht zusammen"
		case errors.Is(pe.Err, csv.ErrFieldCount):
			return "falsche Anzahl von Spalten"
		}
	}
	return err.Error()
}

// windows1252 maps the bytes 0x80–0x9F, where Windows-1252 differs from
// Latin-1; Excel on German Windows saves CSV in this encoding.
var windows1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func fromWindows1252(data []byte) []byte {
	var b strings.Builder
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(windows1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return []byte(b.String())
}
