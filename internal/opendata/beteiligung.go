package opendata

import (
	"strings"

	"tdsite/internal/model"
)

// beschlussJSON is a decision about a strategy (beschluesse.toml).
type beschlussJSON struct {
	ID                string     `json:"id"`
	Datum             *datumJSON `json:"datum"`
	Gremium           string     `json:"gremium"`
	GremiumSchluessel *string    `json:"gremium_schluessel"`
	Gegenstand        string     `json:"gegenstand"`
	Phase             *string    `json:"phase"`
	Zyklus            int        `json:"zyklus"`
	DokumentURL       *string    `json:"dokument_url"`
	DokumentTitel     *string    `json:"dokument_titel"`
	Quelle            *string    `json:"quelle"`
}

// beteiligungJSON is contact and participation (beteiligung.toml).
type beteiligungJSON struct {
	Kontakt   *kontaktJSON `json:"kontakt"`
	Mitmachen *string      `json:"mitmachen"`
	Formate   []formatJSON `json:"formate"`
}

type kontaktJSON struct {
	Stelle  string  `json:"stelle"`
	Email   *string `json:"email"`
	Telefon *string `json:"telefon"`
	URL     *string `json:"url"`
	Quelle  *string `json:"quelle"`
}

// formatJSON is a participation format; zeitlich says whether it lies
// ahead of the build date ("kommend"), behind it ("vergangen") or has no
// published date ("ohne-termin").
type formatJSON struct {
	ID       string     `json:"id"`
	Titel    string     `json:"titel"`
	Art      string     `json:"art"`
	Datum    *datumJSON `json:"datum"`
	Zeitlich string     `json:"zeitlich"`
	Ort      *string    `json:"ort"`
	URL      *string    `json:"url"`
	Quelle   *string    `json:"quelle"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func beschluesseJSON(s *model.Strategie, abs func(string) string) []beschlussJSON {
	out := []beschlussJSON{}
	for _, b := range s.Beschluesse {
		e := beschlussJSON{ID: b.Anker, Datum: datumPtr(b.Datum), Gremium: b.GremiumName(), Gegenstand: b.Gegenstand,
			Zyklus: b.Zyklus, DokumentTitel: strPtr(b.DokumentTitel), Quelle: strPtr(b.Quelle)}
		if b.Gremium != nil {
			e.GremiumSchluessel = &b.Gremium.Schluessel
		}
		if b.Phase != nil {
			e.Phase = &b.Phase.Key
		}
		if u := b.DokumentURL; u != "" {
			if strings.HasPrefix(u, "/") {
				u = abs(u) // a page of the site: absolute, as every address in the file
			}
			e.DokumentURL = &u
		}
		out = append(out, e)
	}
	return out
}

func beteiligungDaten(s *model.Strategie) beteiligungJSON {
	e := beteiligungJSON{Formate: []formatJSON{}}
	b := s.Beteiligung
	if b == nil {
		return e
	}
	if k := b.Kontakt; k != nil {
		e.Kontakt = &kontaktJSON{Stelle: k.Stelle, Email: strPtr(k.Email), Telefon: strPtr(k.Telefon), URL: strPtr(k.URL), Quelle: strPtr(k.Quelle)}
	}
	e.Mitmachen = strPtr(strings.TrimSpace(b.MitmachenMarkdown))
	for _, gruppe := range []struct {
		liste    []*model.Format
		zeitlich string
	}{{b.Kommend, "kommend"}, {b.Vergangen, "vergangen"}, {b.OhneTermin, "ohne-termin"}} {
		for _, f := range gruppe.liste {
			fe := formatJSON{ID: f.Anker, Titel: f.Titel, Art: f.Art, Zeitlich: gruppe.zeitlich,
				Ort: strPtr(f.Ort), URL: strPtr(f.URL), Quelle: strPtr(f.Quelle)}
			if !f.Beginn().IsZero() {
				fe.Datum = &datumJSON{Text: f.Beginn().String(), Von: f.Beginn().Start().Format("2006-01-02"), Bis: f.Ende().End().Format("2006-01-02")}
				if !f.Bis.IsZero() {
					fe.Datum.Text += " bis " + f.Bis.String()
				}
			}
			e.Formate = append(e.Formate, fe)
		}
	}
	return e
}
