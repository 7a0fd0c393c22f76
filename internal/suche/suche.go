// Package suche builds the index for the client-side search: one compact
// JSON file with title, address, type and a short text of every page and of
// every measure, written at build time. The search page's script loads it
// once; without JavaScript the search form still leads to the full list of
// measures.
package suche

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"tdsite/internal/model"
	"tdsite/internal/pages"
)

// Eintrag is one search result candidate. Keys are one letter because the
// index is downloaded by phones; the script documents them too.
type Eintrag struct {
	Titel    string `json:"t"`
	URL      string `json:"u"`
	Typ      string `json:"y"`           // key into Index.Typen
	Text     string `json:"x,omitempty"` // short description, at most TextLen characters
	Begriffe string `json:"k,omitempty"` // further words that should find the entry (IDs, other names)
}

// Index is the whole file.
type Index struct {
	Typen     map[string]string `json:"typen"` // type key → German label
	Eintraege []Eintrag         `json:"seiten"`
}

// TextLen is the maximum length of Eintrag.Text in characters.
const TextLen = 160

// Typen are the kinds of results, keyed by page template.
var typen = map[string]struct{ key, label string }{
	"strategie.html":                 {"s", "Strategie"},
	"massnahme.html":                 {"m", "Maßnahme"},
	"handlungsfeld.html":             {"h", "Handlungsfeld"},
	"meldung.html":                   {"n", "Meldung"},
	"seite.html":                     {"i", "Information"},
	"leichte-sprache-strategie.html": {"l", "Leichte Sprache"},
}

const uebersicht = "u" // lists and other pages

// Suchseite is the path of the search page, which is not in its own index.
const Suchseite = "/suche/"

// Build collects the entries: every page except the search page and pages
// hidden from search engines, plus the measures that have no page of their
// own (they are found on their strategy's page). url turns site paths into
// links as the templates write them.
func Build(list []*pages.Page, site *model.Site, url func(string) string) *Index {
	ix := &Index{Typen: map[string]string{uebersicht: "Übersicht"}}
	for _, t := range typen {
		ix.Typen[t.key] = t.label
	}
	for _, p := range list {
		// Further pages of a long list would only repeat the first page's entry.
		if p.NoIndex || p.Path == Suchseite || !p.Blatt.Erstes() {
			continue
		}
		e := Eintrag{Titel: p.Title, URL: url(p.Path), Typ: uebersicht, Text: kurz(p.Description)}
		if t, ok := typen[p.Template]; ok {
			e.Typ = t.key
		}
		switch d := p.Data.(type) {
		case *model.Strategie:
			if p.Template == "strategie.html" {
				if t := plain(string(d.Beschreibung)); t != "" {
					e.Text = kurz(t)
				}
				e.Begriffe = begriffe(append([]string{d.Kurzname}, d.Aliase...), e)
			}
		case *model.Handlungsfeld:
			// the page description only repeats the name; the field's own text says more
			if t := plain(string(d.Beschreibung)); t != "" {
				e.Text = kurz(t)
			}
			e.Begriffe = begriffe(append([]string{d.Kurzname}, d.Aliase...), e)
		case *model.Massnahme:
			e.Begriffe = begriffe([]string{d.Strategie.Kurzname}, e)
		}
		ix.Eintraege = append(ix.Eintraege, e)
	}
	for _, m := range site.Massnahmen {
		if m.HatSeite {
			continue
		}
		text := m.Zusammenfassung
		if text == "" {
			text = "Maßnahme der " + m.Strategie.Name + "."
		}
		ix.Eintraege = append(ix.Eintraege, Eintrag{Titel: m.ID + ": " + m.Titel, URL: url(m.URL), Typ: typen["massnahme.html"].key,
			Text: kurz(text), Begriffe: begriffe([]string{m.Strategie.Kurzname}, Eintrag{Titel: m.ID + ": " + m.Titel, Text: text})})
	}
	return ix
}

// JSON encodes the index compactly and deterministically.
func (ix *Index) JSON() ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ix); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

var reTag = regexp.MustCompile(`<[^>]*>`)

// plain turns rendered Markdown into text.
func plain(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(h, " "))), " ")
}

// kurz shortens s to TextLen characters at a word boundary.
func kurz(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= TextLen {
		return s
	}
	r := []rune(s)[:TextLen-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > TextLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.–-") + "…"
}

// begriffe keeps the words that title and text do not already contain, so
// the index carries nothing twice.
func begriffe(words []string, e Eintrag) string {
	have := strings.ToLower(e.Titel + " " + e.Text)
	var out []string
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" && !strings.Contains(have, strings.ToLower(w)) {
			out = append(out, w)
			have += " " + strings.ToLower(w)
		}
	}
	return strings.Join(out, " · ")
}
