// Package opendata publishes the Digitale Agenda as open data: one JSON
// document with a versioned JSON Schema (docs/opendata.md) and CSV tables
// for spreadsheets. Everything is written from the agenda, which is
// computed from the same model as the pages.
package opendata

import (
	_ "embed"
	"strings"

	"tdsite/internal/agenda"
	"tdsite/internal/urlpath"
)

// SchemaVersion of agenda.json. Additions raise the minor version; renaming
// or removing a field, or changing its meaning, raises the major version.
const SchemaVersion = "2.0.0"

// Pfad is the directory of the open data files.
const Pfad = "/daten/"

//go:embed agenda.schema.json
var schema string

// Datei is one published data file.
type Datei struct {
	Pfad         string
	Name         string
	Titel        string
	Format       string // for readers: "JSON", "CSV"
	Beschreibung string
	Zeilen       int // entries or table rows of real strategies, 0 if not applicable
	Beispiel     int // further rows from fictional examples (marked in the file), not in Zeilen
	Inhalt       func() ([]byte, error)
}

// Dateien lists the files for agenda a, in the order the agenda page shows them.
func Dateien(a *agenda.Agenda) []Datei {
	base := a.Site.Config.BaseURL
	abs := func(p string) string { return urlpath.Abs(base, p) }
	return []Datei{
		{Pfad: Pfad + "agenda.json", Name: "agenda.json", Titel: "Die ganze Agenda als JSON", Format: "JSON",
			Beschreibung: "Strategien, Handlungsfelder, Ressorts, Ziele, Initiativen, Maßnahmen, Messwerte und Summen mit festen IDs und Adressen.",
			Inhalt:       func() ([]byte, error) { return JSON(a, abs) }},
		{Pfad: Pfad + "agenda.schema.json", Name: "agenda.schema.json", Titel: "JSON Schema zu agenda.json", Format: "JSON Schema",
			Beschreibung: "Beschreibt Aufbau und Felder von agenda.json (Version " + SchemaVersion + ").",
			Inhalt:       func() ([]byte, error) { return Schema(abs), nil }},
		{Pfad: Pfad + "massnahmen.csv", Name: "massnahmen.csv", Titel: "Maßnahmen als Tabelle", Format: "CSV",
			Beschreibung: "Eine Zeile je Maßnahme.", Zeilen: len(a.Alle.Massnahmen) - len(a.Beispiel.Massnahmen), Beispiel: len(a.Beispiel.Massnahmen),
			Inhalt: func() ([]byte, error) { return MassnahmenCSV(a, abs) }},
		{Pfad: Pfad + "ziele.csv", Name: "ziele.csv", Titel: "Ziele als Tabelle", Format: "CSV",
			Beschreibung: "Eine Zeile je Ziel, bei messbaren Zielen mit Ausgangs-, Ziel- und letztem Wert.", Zeilen: len(a.Alle.Ziele) - len(a.Beispiel.Ziele),
			Beispiel: len(a.Beispiel.Ziele),
			Inhalt:   func() ([]byte, error) { return ZieleCSV(a, abs) }},
		{Pfad: Pfad + "messwerte.csv", Name: "messwerte.csv", Titel: "Messwerte als Tabelle", Format: "CSV",
			Beschreibung: "Eine Zeile je Messung eines messbaren Ziels.", Zeilen: messwertAnzahl(a.Alle) - messwertAnzahl(a.Beispiel),
			Beispiel: messwertAnzahl(a.Beispiel),
			Inhalt:   func() ([]byte, error) { return MesswerteCSV(a, abs) }},
	}
}

// Schema returns the JSON Schema with its absolute address filled in.
func Schema(abs func(string) string) []byte {
	return []byte(strings.ReplaceAll(schema, "{{SCHEMA_URL}}", abs(Pfad+"agenda.schema.json")))
}

func messwertAnzahl(b *agenda.Bestand) int {
	n := 0
	for _, z := range b.Ziele {
		n += len(z.Messwerte)
	}
	return n
}
