package scaffold

import (
	"path"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
)

// MeldungOptions describe a news post.
type MeldungOptions struct {
	Titel           string
	Strategie       string
	Datum           string // default: today
	Zusammenfassung string
}

// NewMeldung creates content/strategien/<slug>/meldungen/<JJJJ-MM-TT>-<titel>.md.
func (s *Site) NewMeldung(o MeldungOptions) (*Result, error) {
	o.Titel = strings.Join(strings.Fields(o.Titel), " ")
	if o.Titel == "" {
		return nil, problem(`Schreiben Sie den Titel in Anführungszeichen, z. B. tdsite new meldung "Steuerkreis beschließt Leitbild" --strategie <slug>.`,
			"Es fehlt der Titel der Meldung.")
	}
	st, err := s.strategie(o.Strategie)
	if err != nil {
		return nil, err
	}
	day, err := s.day(o.Datum)
	if err != nil {
		return nil, err
	}
	name := day.ISO() + "-" + shortSlug(o.Titel, 50)
	res := &Result{}
	data := struct {
		MeldungOptions
		Strategie, Heute, Datum string
	}{o, st.Name, s.heute(), day.From.String()}
	f := file{rel: path.Join(st.Dir, "meldungen", name+".md"), data: render("meldung.md.tmpl", data)}
	return res, s.commit([]file{f}, res)
}

// day parses an exact day given by the editor; empty means today.
func (s *Site) day(raw string) (datum.Datum, error) {
	if strings.TrimSpace(raw) == "" {
		return datum.FromTime(s.Today), nil
	}
	d, err := datum.ParseDay(strings.TrimSpace(raw))
	if err != nil {
		return d, problem("Schreiben Sie den Tag als TT.MM.JJJJ, z. B. --datum 30.06.2027.", "Das Datum „%s“ passt nicht: %v", raw, err)
	}
	return d, nil
}

// shortSlug is the slug of s, cut at a word boundary to at most n bytes.
func shortSlug(s string, n int) string {
	slug := content.Slugify(s)
	for len(slug) > n {
		i := strings.LastIndexByte(slug[:n+1], '-')
		if i <= 0 {
			return strings.TrimRight(slug[:n], "-")
		}
		slug = slug[:i]
	}
	if slug == "" {
		return "meldung"
	}
	return slug
}
