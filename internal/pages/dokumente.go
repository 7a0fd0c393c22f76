package pages

import (
	"os"

	"tdsite/internal/model"
)

// dokumentSeiten publishes the downloads of st as files beside its landing
// page (/strategien/<slug>/dokumente/<name>). As pages they are copied in
// the build and in the preview alike, and again when the file changes.
// Validation has checked type and size; the guard of package eingabe has
// refused links out of the site folder while content was read.
func dokumentSeiten(st *model.Strategie) []*Page {
	var out []*Page
	for _, d := range st.Dokumente {
		if d.Extern || d.Quelle == "" {
			continue
		}
		src := d.Quelle
		out = append(out, &Page{Path: d.URL, Title: d.Titel, NoIndex: true, Deps: []string{d.Datei, d.Eintrag},
			Raw: func() ([]byte, error) { return os.ReadFile(src) }})
	}
	return out
}
