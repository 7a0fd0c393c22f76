package opendata

import (
	"tdsite/internal/agenda"
	"tdsite/internal/model"
	"tdsite/internal/slug"
)

// downloadJSON is a download of a strategy in agenda.json. Format and size
// are null for documents on other websites: nobody here has measured them.
type downloadJSON struct {
	ID           string  `json:"id"`
	Strategie    string  `json:"strategie"`
	Beispiel     bool    `json:"beispiel"`
	Titel        string  `json:"titel"`
	Art          string  `json:"art"`
	Format       *string `json:"format"`
	MIME         *string `json:"mime"`
	Bytes        *int64  `json:"bytes"`
	Sprache      string  `json:"sprache"`
	Datum        *string `json:"datum"`
	Barrierefrei *string `json:"barrierefrei"`
	Hinweis      string  `json:"hinweis"`
	Extern       bool    `json:"extern"`
	URL          string  `json:"url"`
}

// externerJSON is an external yardstick; werte holds only sourced values.
type externerJSON struct {
	ID           string             `json:"id"`
	Strategie    string             `json:"strategie"`
	Beispiel     bool               `json:"beispiel"`
	Name         string             `json:"name"`
	Herausgeber  string             `json:"herausgeber"`
	Rhythmus     *string            `json:"rhythmus"`
	URL          *string            `json:"url"`
	Beschreibung string             `json:"beschreibung"`
	Quelle       string             `json:"quelle"`
	Werte        []externerWertJSON `json:"werte"`
}

type externerWertJSON struct {
	Datum   string  `json:"datum"`
	Wert    float64 `json:"wert"`
	Einheit string  `json:"einheit"`
	Quelle  string  `json:"quelle"`
}

// dokumenteUndKennzahlen lists the downloads and external yardsticks of
// the strategies that agenda.json describes, in the same order.
func dokumenteUndKennzahlen(a *agenda.Agenda, abs func(string) string) ([]downloadJSON, []externerJSON) {
	docs, ext := []downloadJSON{}, []externerJSON{}
	list := append([]*model.Strategie{}, a.Rahmen...)
	for _, z := range a.Zeilen {
		list = append(list, z.Strategie)
	}
	for _, s := range list {
		for _, d := range s.Dokumente {
			e := downloadJSON{ID: dokumentID(s, d), Strategie: s.Slug, Beispiel: s.Beispiel,
				Titel: d.Titel, Art: d.Art, Sprache: d.Sprache, Hinweis: d.Hinweis, Extern: d.Extern, URL: d.URL}
			if !d.Extern {
				e.URL = abs(d.URL)
				e.Format, e.MIME, e.Bytes = ptr(d.Typ), ptr(d.MIME), ptr(d.Groesse)
			}
			if !d.Datum.IsZero() {
				e.Datum = ptr(d.Datum.ISO())
			}
			if d.Barrierefrei != "" {
				e.Barrierefrei = ptr(d.Barrierefrei)
			}
			docs = append(docs, e)
		}
		for _, x := range s.ExterneIndikatoren {
			e := externerJSON{ID: s.Slug + "/" + x.ID, Strategie: s.Slug, Beispiel: s.Beispiel, Name: x.Name,
				Herausgeber: x.Herausgeber, Beschreibung: x.Beschreibung, Quelle: x.Quelle, Werte: []externerWertJSON{}}
			if x.Rhythmus != "" {
				e.Rhythmus = ptr(x.Rhythmus)
			}
			if x.URL != "" {
				e.URL = ptr(x.URL)
			}
			for _, w := range x.Werte {
				e.Werte = append(e.Werte, externerWertJSON{Datum: w.Datum.ISO(), Wert: w.Wert, Einheit: w.Einheit, Quelle: w.Quelle})
			}
			ext = append(ext, e)
		}
	}
	return docs, ext
}

// dokumentID is stable while the file keeps its name: strategy and file
// name, or for a document elsewhere the slug of its title.
func dokumentID(s *model.Strategie, d *model.Dokument) string {
	if d.Extern {
		return s.Slug + "/extern-" + slug.Make(d.Titel)
	}
	return s.Slug + "/" + d.URL[len(s.URL+"dokumente/"):]
}
