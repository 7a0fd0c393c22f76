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
	"tdsite/internal/markdown"
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

// File is the name of the configuration file in the site root.
const File = "config.toml"

// Load reads root/config.toml.
func Load(root string) (*Config, *diag.List) {
	l := &diag.List{}
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
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "https://") && !strings.HasPrefix(c.BaseURL, "http://") && c.BaseURL != "/" {
		l.Errorf(c.At.Key("baseURL"), "konfiguration", "Schreiben Sie die vollständige Adresse, z. B. \"https://digital.thueringen.de/\".",
			"baseURL „%s“ ist keine vollständige Adresse.", c.BaseURL)
	}
	if u := c.Lizenz.URL; u != "" && !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		if s := markdown.Scheme(u); s != "https" && s != "http" {
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
