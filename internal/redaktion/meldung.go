package redaktion

import (
	"errors"
	"html/template"
	"path"
	"strings"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
	"tdsite/internal/scaffold"
)

type wahlOption struct{ Wert, Text string }

type meldungDaten struct {
	Strategien []wahlOption
	Vorschau   template.HTML
	ok         string
	links      []string
}

func (d meldungDaten) erfolg() (string, []string) { return d.ok, d.links }

// vorschau renders Markdown with the site's renderer and settings, as the
// page will show it.
func (h *Handler) vorschau(src string) template.HTML {
	unsafe := false
	if cfg, _ := config.Load(h.Root); cfg != nil {
		unsafe = cfg.Markdown.UnsafeHTML
	}
	out := markdown.New(unsafe).Render([]byte(src), markdown.Options{Offset: 2})
	if out == "" {
		return template.HTML("<p>(kein Text)</p>")
	}
	return out
}

// body is a textarea's text as a file stores it: browsers send CRLF.
func body(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimRight(s, " \t\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}

func (h *Handler) meldung(a *anfrage) {
	cs := h.laden()
	d := meldungDaten{}
	for _, s := range cs.Strategien {
		d.Strategien = append(d.Strategien, wahlOption{s.Slug, s.Name})
	}
	f := a.f
	if !a.post {
		if f.Wert("datum") == "" {
			f.Werte.Set("datum", datum.FromTime(h.Today()).From.String())
		}
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	st := strategie(cs, f.Wert("strategie"))
	if st == nil {
		f.Add("strategie", "Wählen Sie die Strategie, zu der die Meldung gehört.")
	}
	f.Fehlt("titel", "Geben Sie einen Titel ein.")
	if _, err := datum.ParseDay(strings.TrimSpace(f.Wert("datum"))); err != nil {
		f.Add("datum", "Geben Sie das Datum als TT.MM.JJJJ ein, z. B. 30.06.2027.")
	}
	if f.Wert("aktion") == "vorschau" {
		d.Vorschau = h.vorschau(f.Wert("text"))
		f.Fehler = nil // the preview saves nothing; errors show on saving
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	if f.HatFehler() {
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	sc := &scaffold.Site{Root: h.Root, Today: h.Today(), DryRun: true, Content: cs}
	res, err := sc.NewMeldung(scaffold.MeldungOptions{Titel: f.Text("titel"), Strategie: st.Slug,
		Datum: f.Text("datum"), Zusammenfassung: f.Text("zusammenfassung")})
	if err != nil {
		var p *scaffold.Problem
		if errors.As(err, &p) {
			f.Add("titel", p.Msg+" "+p.Hint)
		} else {
			f.Hinweis = err.Error()
		}
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	rel := res.Created[0]
	data := append(res.Texts[rel], body(f.Wert("text"))...)
	if err := h.schreibe([]aenderung{{rel: rel, data: data}}); err != nil {
		a.meldeFehler(err, "text")
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	name := strings.TrimSuffix(path.Base(rel), ".md")
	d.ok = "Die Meldung steht in " + rel + "."
	d.links = []string{"/strategien/" + st.Slug + "/meldungen/" + content.Slugify(name) + "/", "/strategien/" + st.Slug + "/"}
	a.f = &formular{Werte: map[string][]string{"strategie": {st.Slug}, "datum": {f.Wert("datum")}}}
	a.zeige("meldung.html", "Neue Meldung", d)
}
