package render

import (
	"html/template"

	"tdsite/internal/content"
	"tdsite/internal/htmlesc"
	"tdsite/internal/model"
)

// The blocks of a measure page (layouts/massnahme.html) written in Go. A
// measure page is 8,000 of 10,000 pages; as template commands these lists
// of facts cost 60 to 100 calls through reflect per page (each {{…}} one
// for the value and one for html/template's escaper), most of the page's
// time. The template keeps the page's structure, sections and headings and
// calls each block once. They write what the template wrote, byte for
// byte, escaped like html/template (internal/htmlesc; funcs_massnahme_test.go
// compares them with the template for every measure of the bundled site).

// massnahmeOberzeile returns the template function massnahmeoberzeile: the
// line above the title, the measure's ID and its strategy.
func massnahmeOberzeile(link func(string) string) func(m *model.Massnahme) template.HTML {
	return func(m *model.Massnahme) template.HTML {
		b := make([]byte, 0, 200)
		b = append(b, "Maßnahme "...)
		b = htmlesc.Append(b, m.ID)
		b = append(b, " · "...)
		return template.HTML(appendLink(b, link(m.Strategie.URL), m.Strategie.Name))
	}
}

// aktionsplanLink returns the template function aktionsplanlink: the link
// from a measure page to all measures of its strategy.
func aktionsplanLink(link func(string) string) func(m *model.Massnahme) template.HTML {
	return func(m *model.Massnahme) template.HTML {
		b := make([]byte, 0, 200)
		b = append(b, `<a href="`...)
		b = htmlesc.AppendURL(b, link(m.Strategie.URL))
		b = append(b, `#aktionsplan">Alle Maßnahmen der Strategie „`...)
		b = htmlesc.Append(b, m.Strategie.Kurzname)
		return template.HTML(append(b, "“</a>"...))
	}
}

// massnahmeFakten returns the template function massnahmefakten: the facts
// in the header of a measure page (lead, participants, field of action,
// initiative, start, sub-project lead, priority).
func massnahmeFakten(link func(string) string) func(m *model.Massnahme) template.HTML {
	return func(m *model.Massnahme) template.HTML {
		e := htmlesc.Append
		d := &m.Massnahme
		b := make([]byte, 0, 512)
		b = append(b, "<dl class=\"fakten fakten-breit\">\n    <div><dt>Federführung</dt><dd>"...)
		for i, a := range m.Federfuehrung {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = e(b, a.Name)
			b = append(b, " ("...)
			b = e(b, a.Kuerzel)
			b = append(b, ')')
		}
		if len(m.Federfuehrung) == 0 {
			b = append(b, "keine Angabe"...)
		}
		b = append(b, "</dd></div>"...)
		if len(m.Beteiligte) > 0 {
			b = append(b, "<div><dt>Beteiligt</dt><dd>"...)
			for i, p := range m.Beteiligte {
				if i > 0 {
					b = append(b, ", "...)
				}
				if p.Akteur != nil {
					b = append(b, Abbr(p.Akteur)...)
				} else {
					b = e(b, p.Text)
				}
			}
			b = append(b, "</dd></div>"...)
		}
		if h := m.Handlungsfeld; h != nil {
			b = faktLink(b, "Handlungsfeld", link(h.URL), h.Name)
		}
		if i := m.Initiative; i != nil {
			b = faktLink(b, "Strategische Initiative", link(i.URL), i.Titel)
		}
		if !d.Start.IsZero() {
			b = fakt(b, "Start", FormatDatum(d.Start))
		}
		b = fakt(b, "Teilprojektleitung", d.Teilprojektleitung)
		b = fakt(b, "Priorität", d.Prioritaet)
		b = append(b, "\n  </dl>"...)
		return template.HTML(b)
	}
}

// fakt appends <div><dt>name</dt><dd>text</dd></div>, nothing if text is
// empty, as {{with}} in the template.
func fakt(b []byte, name, text string) []byte {
	if text == "" {
		return b
	}
	b = append(b, "<div><dt>"...)
	b = append(b, name...)
	b = append(b, "</dt><dd>"...)
	b = htmlesc.Append(b, text)
	return append(b, "</dd></div>"...)
}

// faktLink appends a fact whose text links to href, even an empty text:
// the template asked only whether the object linked to is there.
func faktLink(b []byte, name, href, text string) []byte {
	b = append(b, "<div><dt>"...)
	b = append(b, name...)
	b = append(b, `</dt><dd>`...)
	b = appendLink(b, href, text)
	return append(b, "</dd></div>"...)
}

// appendLink appends <a href="href">text</a>, escaped as html/template
// escapes {{url …}} in href and {{…}} in text.
func appendLink(b []byte, href, text string) []byte {
	b = append(b, `<a href="`...)
	b = htmlesc.AppendURL(b, href)
	b = append(b, `">`...)
	b = htmlesc.Append(b, text)
	return append(b, "</a>"...)
}

// appendMassnahmeLink appends the link to a measure's page as lists of
// measures write it: <a href="…">ID Titel</a>.
func appendMassnahmeLink(b []byte, link func(string) string, m *model.Massnahme) []byte {
	b = append(b, `<a href="`...)
	b = htmlesc.AppendURL(b, link(m.URL))
	b = append(b, `">`...)
	b = htmlesc.Append(b, m.Massnahme.ID)
	b = append(b, ' ')
	b = htmlesc.Append(b, m.Massnahme.Titel)
	return append(b, "</a>"...)
}

// massnahmeZiele returns the template function massnahmeziele: the list of
// goals a measure contributes to.
func massnahmeZiele(link func(string) string) func(m *model.Massnahme) template.HTML {
	return func(m *model.Massnahme) template.HTML {
		e := htmlesc.Append
		b := make([]byte, 0, 20+200*len(m.Ziele))
		b = append(b, "<ul>"...)
		for _, z := range m.Ziele {
			b = append(b, "<li>"...)
			b = appendLink(b, link(z.URL), z.ID)
			b = append(b, ' ')
			b = e(b, z.Text)
			b = append(b, ` <span class="klein">(`...)
			b = e(b, z.KindLabel())
			if f := z.Fortschritt; f != nil {
				b = append(b, "; "...)
				b = e(b, f.Label())
			}
			b = append(b, ")</span></li>"...)
		}
		b = append(b, "</ul>"...)
		return template.HTML(b)
	}
}

// MassnahmeStand writes the facts of the section „Stand und Quelle“ of a
// measure page (template function massnahmestand): status, its date,
// source, certainty and note, and the notice of a stale status. status is
// partials/status.html for the measure's status.
func MassnahmeStand(m *model.Massnahme, status template.HTML) template.HTML {
	e := htmlesc.Append
	a := m.Aktuell()
	b := make([]byte, 0, len(status)+600)
	b = append(b, "<dl class=\"fakten fakten-breit\">\n      <div><dt>Status</dt><dd>"...)
	b = append(b, status...)
	b = append(b, "</dd></div>\n      <div><dt>Stand</dt><dd>"...)
	if a.Datum.IsZero() {
		b = append(b, "unbekannt: Die Quelle nennt kein Datum."...)
	} else {
		b = append(b, `<time datetime="`...)
		b = e(b, a.Datum.ISO())
		b = append(b, `">`...)
		b = e(b, FormatDatum(a.Datum))
		b = append(b, "</time>"...)
	}
	b = append(b, "</dd></div>\n      <div><dt>Quelle</dt><dd>"...)
	if a.Quelle != "" {
		b = e(b, a.Quelle)
	} else {
		b = append(b, "nicht angegeben"...)
	}
	b = append(b, "</dd></div>"...)
	if a.Abgeleitet() {
		b = append(b, "\n      <div><dt>Sicherheit</dt><dd><span class=\"marke marke-abgeleitet\">abgeleitet</span> Die Quelle nennt keinen Status. Die Redaktion hat ihn erschlossen: "...)
		b = e(b, a.Grund)
		b = append(b, "</dd></div>"...)
	} else if a.Sicherheit == content.Belegt {
		b = append(b, "\n      <div><dt>Sicherheit</dt><dd>belegt: Die Quelle nennt diesen Status.</dd></div>"...)
	}
	b = fakt(b, "Anmerkung", a.Notiz)
	b = append(b, "\n    </dl>"...)
	if m.Veraltet {
		b = append(b, "\n    <p class=\"hinweis-veraltet\"><span class=\"marke marke-veraltet\">"...)
		b = e(b, m.VeraltetText())
		if a.Datum.IsZero() {
			b = append(b, "</span> Seit wann dieser Status gilt, ist nicht bekannt.</p>"...)
		} else {
			b = append(b, "</span> Neuere Angaben liegen nicht vor. Ob der Status heute noch gilt, ist nicht bekannt.</p>"...)
		}
	}
	return template.HTML(b)
}

// Meilensteine writes the milestones of a measure page (template function
// meilensteine) with their state at the build date and the source, or
// the sentence that there are none.
func Meilensteine(m *model.Massnahme) template.HTML {
	if len(m.Meilensteine) == 0 {
		return "<p>Für diese Maßnahme sind keine Meilensteine veröffentlicht.</p>"
	}
	e := htmlesc.Append
	b := make([]byte, 0, 64+200*len(m.Meilensteine))
	b = append(b, `<ol class="meilensteine">`...)
	for i := range m.Meilensteine {
		ms := &m.Meilensteine[i]
		f := &ms.Meilenstein
		b = append(b, "\n      <li class=\"ms-"...)
		b = e(b, ms.Zustand)
		b = append(b, `">`...)
		if t := FormatDatum(f.Datum); t != "" {
			b = append(b, "<strong>"...)
			b = e(b, t)
			b = append(b, "</strong>: "...)
		}
		b = e(b, f.Text)
		b = append(b, ` <span class="meilenstein-zustand">(`...)
		b = e(b, ms.ZustandLabel())
		if ms.Zustand != content.MsUnbekannt && !f.Stand.IsZero() {
			b = append(b, ", Stand "...)
			b = e(b, FormatDatum(f.Stand))
		}
		b = append(b, ")</span></li>"...)
	}
	b = append(b, "\n    </ol>"...)
	if q := m.Meilensteine[0].Quelle; q != "" {
		b = append(b, `<p class="klein">Quelle der Meilensteine: `...)
		b = e(b, q)
		b = append(b, ". „Stand unbekannt“ heißt: Keine Quelle sagt, ob der Meilenstein erreicht ist.</p>"...)
	}
	return template.HTML(b)
}

// KostenNutzen writes the facts of the section „Kosten, Nutzen und
// Regelbetrieb“ of a measure page (template function kostennutzen),
// nothing if the file says nothing about them: the template asks this
// call, not two fields, whether there is such a section.
func KostenNutzen(d *content.Massnahme) template.HTML {
	if d.KostenNutzen == nil && d.Regelbetrieb == nil {
		return ""
	}
	b := make([]byte, 0, 512)
	b = append(b, `<dl class="fakten fakten-breit">`...)
	if k := d.KostenNutzen; k != nil {
		b = fakt(b, "Aufwand der Umsetzung", k.Aufwand)
		b = fakt(b, "Erwarteter Nutzen", k.Nutzen)
		b = fakt(b, "Aufwand im Regelbetrieb", k.Regelbetrieb)
		b = fakt(b, "Finanzierung", k.Finanzierung)
	}
	if r := d.Regelbetrieb; r != nil {
		b = append(b, "<div><dt>Übergang in den Regelbetrieb</dt><dd>"...)
		b = htmlesc.Append(b, r.Beschreibung)
		if r.Status != "" {
			b = append(b, " (Stand: "...)
			b = htmlesc.Append(b, r.Status)
			b = append(b, ')')
		}
		b = append(b, "</dd></div>"...)
	}
	b = append(b, "\n    </dl>"...)
	return template.HTML(b)
}
