// Package search builds the index for the client-side search: one compact
// JSON file with title, address, type and a short text of every page and of
// every measure, written at build time. The search page's script loads it
// once; without JavaScript the search form still leads to the full list of
// measures.
package search

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tdsite/internal/model"
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

// Seite is what the index needs of a page.
type Seite struct {
	Pfad, Titel, Beschreibung string
	Vorlage                   string // the page's template, which decides its type
	Daten                     any    // the page's model object
}

// Build collects the entries: every page of list except the search page,
// plus the measures that have no page of their
// own (they are found on their strategy's page). url turns site paths into
// links as the templates write them.
func Build(list []Seite, site *model.Site, url func(string) string) *Index {
	ix := &Index{Typen: map[string]string{uebersicht: "Übersicht"}, Eintraege: make([]Eintrag, 0, len(list)+len(site.Massnahmen))}
	for _, t := range typen {
		ix.Typen[t.key] = t.label
	}
	for _, p := range list {
		if p.Pfad == Suchseite {
			continue
		}
		e := Eintrag{Titel: p.Titel, URL: url(p.Pfad), Typ: uebersicht, Text: kurz(p.Beschreibung)}
		if t, ok := typen[p.Vorlage]; ok {
			e.Typ = t.key
		}
		switch d := p.Daten.(type) {
		case *model.Strategie:
			if p.Vorlage == "strategie.html" {
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

// JSON encodes the index compactly and deterministically, as
// encoding/json does without HTML escaping (TestJSONWieEncoding). The
// entries are written by hand: reflection over 10,000 of them took as
// long as collecting them, in every incremental build.
func (ix *Index) JSON() ([]byte, error) {
	// The buffer grown step by step allocated 7 MB for an index of 2 MB.
	size := 1024
	for _, e := range ix.Eintraege {
		size += len(e.Titel) + len(e.URL) + len(e.Typ) + len(e.Text) + len(e.Begriffe) + 48
	}
	b := make([]byte, 0, size+size/16) // escapes
	b = append(b, `{"typen":`...)
	typen, err := jsonValue(ix.Typen)
	if err != nil {
		return nil, err
	}
	b = append(b, typen...)
	b = append(b, `,"seiten":`...)
	if ix.Eintraege == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, e := range ix.Eintraege {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonField(append(b, '{'), "t", e.Titel)
			b = jsonField(append(b, ','), "u", e.URL)
			b = jsonField(append(b, ','), "y", e.Typ)
			if e.Text != "" {
				b = jsonField(append(b, ','), "x", e.Text)
			}
			if e.Begriffe != "" {
				b = jsonField(append(b, ','), "k", e.Begriffe)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...), nil
}

// jsonField appends "key":value.
func jsonField(b []byte, key, value string) []byte {
	b = append(append(append(b, '"'), key...), `":`...)
	if plainJSON(value) {
		return append(append(append(b, '"'), value...), '"')
	}
	v, _ := jsonValue(value) // a string always encodes
	return append(b, v...)
}

// plainJSON reports whether encoding/json writes s as it is, in quotes:
// printable ASCII without quotes and backslashes, or other valid UTF-8
// but the line and paragraph separators it escapes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += n
	}
	return true
}

// jsonValue is encoding/json's encoding of v without HTML escaping and
// without the newline.
func jsonValue(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

var reTag = regexp.MustCompile(`<[^>]*>`)

// plain turns rendered Markdown into text.
func plain(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(h, " "))), " ")
}

// kurz shortens s to TextLen characters at a word boundary.
func kurz(s string) string {
	if einfach(s) {
		return s
	}
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

// einfach reports whether kurz(s) is s: at most TextLen characters,
// words separated by single spaces. Most page descriptions are; splitting
// and joining each of 10,000 was a fifth of the time of the index.
func einfach(s string) bool {
	n := 0
	space := true // before the first word: a space there is not simple
	for _, r := range s {
		n++
		if n > TextLen {
			return false
		}
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return !space || s == ""
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
