// Package config reads config.toml, the settings of the website.
package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/decode"
	"tdsite/internal/diag"
	"tdsite/internal/inputguard"
	"tdsite/internal/urlpath"
)

// Config is config.toml.
type Config struct {
	At          decode.At
	Titel       string        `toml:"titel,pflicht"`
	Untertitel  string        `toml:"untertitel"`
	BaseURL     string        `toml:"baseURL,pflicht"`
	Sprache     string        `toml:"sprache"`
	Theme       string        `toml:"theme"`
	Herausgeber string        `toml:"herausgeber"`
	BuildDatum  content.Datum `toml:"build_datum"`
	Minify      *bool         `toml:"minify"`
	Lizenz      Lizenz        `toml:"lizenz"`
	Kontakt     Kontakt       `toml:"kontakt"`
	Markdown    Markdown      `toml:"markdown"`
	OpenProject OpenProject   `toml:"openproject"`
	Agenda      Agenda        `toml:"agenda"`

	Barrierefreiheit Barrierefreiheit  `toml:"barrierefreiheit"`
	Ausnahmen        map[string]string `toml:"ausnahmen"` // acknowledged warnings, see SiteRules
}

// Lizenz is the licence of texts and open data.
type Lizenz struct {
	At   decode.At
	Name string `toml:"name"`
	Kurz string `toml:"kurz"`
	URL  string `toml:"url"`
}

// Kontakt is the editorial contact shown in the footer and legal pages.
type Kontakt struct {
	At        decode.At
	Name      string `toml:"name"`
	Anschrift string `toml:"anschrift"`
	Email     string `toml:"email"`
	Telefon   string `toml:"telefon"`
}

// Markdown holds Markdown switches.
type Markdown struct {
	At decode.At
	// UnsafeHTML lets raw HTML through. Off by default: content is published
	// in the government's name and must not carry scripts.
	UnsafeHTML bool `toml:"unsafe_html"`
}

// OpenProject configures `tdsite import openproject` (docs/openproject.md).
type OpenProject struct {
	At decode.At
	// Spalte is the header of the custom field that holds the tdsite
	// measure ID, if it is not one of the names found automatically.
	Spalte string `toml:"spalte"`
	// Status maps the site's own OpenProject status names to geplant,
	// laufend, umgesetzt or ausgesetzt; it extends the standard table.
	Status map[string]string `toml:"status"`
}

// Agenda sets up the Digitale Agenda pages and their open data.
type Agenda struct {
	At    decode.At
	Titel string `toml:"titel"`
	// BeispieleEinrechnen counts fictional example strategies in the state
	// totals. Off by default: figures of the Free State must not mix with
	// invented ones; examples are shown separately and marked.
	BeispieleEinrechnen bool `toml:"beispiele_einrechnen"`
	// FruehereFassungen counts superseded strategies in the state totals.
	// Off by default: a superseded plan says nothing about today's work.
	FruehereFassungen bool `toml:"fruehere_fassungen_einrechnen"`
	// VeraltetNachTagen is the age after which a status no longer counts as
	// current: the Leitfaden measures progress every six months.
	VeraltetNachTagen int `toml:"veraltet_nach_tagen"`
}

// StandardVeraltetNachTagen is the Leitfaden's monitoring cycle of six months.
const StandardVeraltetNachTagen = 180

// VeraltetNach is the number of days after which a status is stale.
func (c *Config) VeraltetNach() int {
	if c == nil || c.Agenda.VeraltetNachTagen <= 0 {
		return StandardVeraltetNachTagen
	}
	return c.Agenda.VeraltetNachTagen
}

// AgendaTitel is the name of the agenda (default "Digitale Agenda Thüringen 2030").
func (c *Config) AgendaTitel() string {
	if c.Agenda.Titel != "" {
		return c.Agenda.Titel
	}
	return "Digitale Agenda Thüringen 2030"
}

// FruehereFassungenEinrechnen reports whether superseded strategies count.
func (c *Config) FruehereFassungenEinrechnen() bool {
	return c.Agenda.FruehereFassungen
}

// File is the name of the configuration file in the site root.
const File = "config.toml"

// Load reads root/config.toml.
func Load(root string) (*Config, *diag.List) {
	l := &diag.List{}
	if !inputguard.New(root).File(filepath.Join(root, File), l) {
		return nil, l
	}
	data, err := os.ReadFile(filepath.Join(root, File))
	if errors.Is(err, fs.ErrNotExist) {
		l.Errorf(diag.Pos{File: File}, "konfiguration", "Legen Sie im Ordner der Website eine config.toml an (siehe README.md).",
			"Die Datei config.toml fehlt.")
		return nil, l
	}
	if err != nil {
		l.Errorf(diag.Pos{File: File}, "konfiguration", "Prüfen Sie die Zugriffsrechte.", "config.toml kann nicht gelesen werden: %v", err)
		return nil, l
	}
	data, d := decode.Clean(File, data)
	if d != nil {
		l.Add(*d)
		return nil, l
	}
	doc, d := decode.Parse(File, data, 1)
	if d != nil {
		l.Add(*d)
		return nil, l
	}
	c := &Config{}
	doc.Decode(c, l)
	c.checkBarrierefreiheit(data, l)
	c.checkAusnahmen(l)
	if t := c.Agenda.VeraltetNachTagen; t < 0 || t > 3660 {
		l.Errorf(c.Agenda.At.Key("veraltet_nach_tagen"), "zahl", "Der Leitfaden misst alle 6 Monate: 180 Tage. Erlaubt sind 1 bis 3660 Tage; 0 oder weglassen heißt 180.",
			"veraltet_nach_tagen = %d liegt außerhalb des sinnvollen Bereichs.", t)
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "https://") && !strings.HasPrefix(c.BaseURL, "http://") && c.BaseURL != "/" {
		l.Errorf(c.At.Key("baseURL"), "konfiguration", "Schreiben Sie die vollständige Adresse, z. B. \"https://digital.thueringen.de/\".",
			"baseURL „%s“ ist keine vollständige Adresse.", c.BaseURL)
	}
	if u := c.Lizenz.URL; u != "" && !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		if s := urlpath.Scheme(u); s != "https" && s != "http" {
			l.Errorf(c.Lizenz.At.Key("url"), "url", "Schreiben Sie die vollständige Adresse mit https://.",
				"Die Adresse der Lizenz „%s“ ist nicht zulässig.", u)
		}
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Sprache == "" {
		c.Sprache = "de"
	}
	if c.Theme == "" {
		c.Theme = "thueringendigital"
	}
	return c, l
}

// MinifyEnabled reports whether output is minified (default: yes).
func (c *Config) MinifyEnabled() bool { return c.Minify == nil || *c.Minify }
