package opendata

import (
	"tdsite/internal/agenda"
	"tdsite/internal/model"
)

type wirkungJSON struct {
	ID                 string  `json:"id"`
	Strategie          string  `json:"strategie"`
	Beispiel           bool    `json:"beispiel"`
	Datum              string  `json:"datum"`
	Zielset            *string `json:"zielset"`
	Methode            string  `json:"methode"`
	Ergebnis           string  `json:"ergebnis"`
	Naechste           string  `json:"naechste"`
	NaechsteAbgeleitet bool    `json:"naechste_abgeleitet"`
	Ueberfaellig       bool    `json:"ueberfaellig"`
	DurchgefuehrtVon   *string `json:"durchgefuehrt_von"`
	Quelle             *string `json:"quelle"`
	URL                string  `json:"url"`
}

// wirkungen lists the impact assessments of every strategy in the agenda,
// by strategy and newest first; examples are marked like everything else.
func wirkungen(a *agenda.Agenda, abs func(string) string) []wirkungJSON {
	out := []wirkungJSON{}
	for _, s := range append(append([]*model.Strategie{}, a.Rahmen...), a.Alle.Strategien...) {
		if s.Wirkung == nil {
			continue
		}
		for _, m := range s.Wirkung.Messungen {
			e := wirkungJSON{ID: m.ID, Strategie: s.Slug, Beispiel: s.Beispiel, Datum: m.Datum.ISO(),
				Methode: m.Methode, Ergebnis: m.ErgebnisMarkdown, Naechste: m.Naechste.ISO(), NaechsteAbgeleitet: m.NaechsteAbgeleitet,
				Ueberfaellig: m.Aktuell && m.Ueberfaellig, DurchgefuehrtVon: text(m.DurchgefuehrtVon), Quelle: text(m.Quelle),
				URL: abs(s.URL + "#" + m.Anchor)}
			if m.Zielset != nil {
				e.Zielset = ptr(m.Zielset.Qualitativ.Key)
			}
			out = append(out, e)
		}
	}
	return out
}
