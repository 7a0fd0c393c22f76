package redaktion

import (
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"

	"tdsite/internal/content"
	"tdsite/internal/decode"
	"tdsite/internal/model"
)

type textDaten struct {
	Strategie, Massnahme string
	Meldung              string
	Was, Datei           string
	Vorschau             template.HTML
	Aktuell              string
	ok                   string
	links                []string
}

func (d textDaten) erfolg() (string, []string) { return d.ok, d.links }

// text edits the Markdown body of a strategy or a measure. The head
// between the +++ lines stays byte for byte as it is.
func (h *Handler) text(a *anfrage) {
	cs := h.laden()
	f := a.f
	st := strategie(cs, f.Wert("strategie"))
	if st == nil {
		h.fehlerseite(a.w, a.r, 404, "Diese Strategie gibt es nicht. Wählen Sie sie in der Übersicht der Redaktion.")
		return
	}
	d := textDaten{Strategie: st.Slug, Was: "Strategie: " + st.Name, Datei: st.File}
	titel := "Text bearbeiten: Strategie"
	link := model.StrategieURL(st.Slug)
	if name := f.Wert("meldung"); name != "" {
		var m *content.Meldung
		for _, x := range st.Meldungen {
			if content.ValidKey(name) && x.Slug == name {
				m = x
			}
		}
		if m == nil {
			h.fehlerseite(a.w, a.r, 404, "Diese Meldung gibt es nicht. Wählen Sie sie in der Übersicht der Redaktion.")
			return
		}
		d.Meldung, d.Was, d.Datei = m.Slug, "Meldung: "+m.Titel, m.File
		titel = "Text bearbeiten: Meldung"
		link = model.MeldungURL(st.Slug, m.Slug)
	} else if id := f.Wert("massnahme"); id != "" {
		m := massnahme(st, id)
		if m == nil {
			h.fehlerseite(a.w, a.r, 404, "Diese Maßnahme gibt es nicht. Wählen Sie sie in der Übersicht der Redaktion.")
			return
		}
		d.Massnahme, d.Was, d.Datei = m.ID, "Maßnahme "+m.ID+": "+m.Titel, m.File
		titel = "Text bearbeiten: " + m.ID
		link = model.MassnahmeURL(st.Slug, m, model.HatText(m))
	}
	disk, err := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(d.Datei)))
	if err != nil {
		h.fehlerseite(a.w, a.r, 500, fmt.Sprintf("%s kann nicht gelesen werden: %v", d.Datei, err))
		return
	}
	head, old, ok := split(disk)
	if !ok {
		h.fehlerseite(a.w, a.r, 500, d.Datei+" hat keinen abgeschlossenen Kopf zwischen zwei Zeilen +++; korrigieren Sie die Datei zuerst (tdsite check nennt die Stelle).")
		return
	}
	if !a.post {
		if a.bestaetigt() {
			d.ok = "Der Text steht in " + d.Datei + "."
			d.links = []string{link}
		}
		f.Werte.Set("version", version(disk))
		f.Werte.Set("text", string(old))
		a.zeige("text.html", titel, d)
		return
	}
	if f.Wert("aktion") == "vorschau" {
		d.Vorschau = h.vorschau(f.Wert("text"))
		a.zeige("text.html", titel, d)
		return
	}
	neu := append(append([]byte{}, head...), body(f.Wert("text"))...)
	if f.Wert("version") != version(disk) {
		err = &konflikt{rel: d.Datei, current: disk}
	} else {
		err = h.schreibe([]aenderung{{rel: d.Datei, data: neu, version: version(disk)}})
	}
	if err != nil {
		if cur, _ := a.meldeFehler(err, "text"); cur != nil {
			f.Werte.Set("version", version(cur))
			d.Aktuell = string(cur)
			if _, b, ok := split(cur); ok {
				d.Aktuell = string(b) // the part this form edits
			}
		}
		a.zeige("text.html", titel, d)
		return
	}
	q := url.Values{"strategie": {st.Slug}}
	if d.Massnahme != "" {
		q.Set("massnahme", d.Massnahme)
	}
	if d.Meldung != "" {
		q.Set("meldung", d.Meldung)
	}
	a.gespeichert("/redaktion/text", q)
}

// split cuts a content file after the closing +++ line of its head.
func split(data []byte) (head, body []byte, ok bool) {
	_, b, _, ok := decode.SplitFrontMatter(data)
	if !ok {
		return nil, nil, false
	}
	n := len(data) - len(b)
	return data[:n], data[n:], true
}
