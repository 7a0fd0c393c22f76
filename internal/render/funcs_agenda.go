package render

import (
	"html/template"
	"strconv"

	"tdsite/internal/agenda"
	"tdsite/internal/htmlesc"
	"tdsite/internal/model"
)

// agendaZeile returns the template function agendazeile: the row of a
// measure in the tables of the agenda (layouts/partials/agenda-massnahme-zeile.html
// calls it, once per measure and build). As a template the row cost about
// 25 µs of CPU, mostly calls through reflect (230 allocations): at 10,000
// pages the 8,000 rows took 0.2 CPU-s, here less than a fifth of it. It writes what the template wrote,
// byte for byte, escaped like html/template (internal/htmlesc; a test in
// funcs_agenda_test.go compares with the template). status is the cell of
// partials/status-stand.html, which stays a template: measure pages use it
// too.
func agendaZeile(link func(string) string) func(m *model.Massnahme, a *agenda.Agenda, status template.HTML) template.HTML {
	return func(m *model.Massnahme, a *agenda.Agenda, status template.HTML) template.HTML {
		e := htmlesc.Append
		d, s := &m.Massnahme, &m.Strategie.Strategie
		b := make([]byte, 0, 1024)
		b = append(b, `<tr data-massnahme="`...)
		b = e(b, d.ID)
		b = append(b, `" data-status="`...)
		b = e(b, d.Status)
		b = append(b, `" data-handlungsfeld="`...)
		if h := m.Handlungsfeld; h != nil {
			b = e(b, h.Key)
		}
		b = append(b, `" data-ressorts="`...)
		for i, r := range m.Federfuehrung {
			if i > 0 {
				b = append(b, ' ')
			}
			b = e(b, r.Kuerzel)
		}
		b = append(b, `" data-strategie="`...)
		b = e(b, s.Slug)
		b = append(b, '"')
		if s.Beispiel {
			b = append(b, ` class="fiktiv"`...)
		}
		b = append(b, ">\n      <td>"...)
		b = e(b, d.ID)
		b = append(b, "</td>\n      <th scope=\"row\"><a href=\""...)
		b = htmlesc.AppendURL(b, link(m.URL))
		b = append(b, `">`...)
		b = e(b, d.Titel)
		b = append(b, `</a>`...)
		if z := d.Zusammenfassung; z != "" {
			b = append(b, `<span class="zusammenfassung">`...)
			b = e(b, z)
			b = append(b, `</span>`...)
		}
		b = append(b, "</th>\n      <td><a href=\""...)
		b = htmlesc.AppendURL(b, link(m.Strategie.URL))
		b = append(b, `">`...)
		b = e(b, s.Kurzname)
		b = append(b, `</a>`...)
		if s.Beispiel {
			b = append(b, ` <span class="marke">Fiktives Beispiel</span>`...)
		}
		if m.Strategie.Abgeloest {
			b = append(b, ` <span class="marke marke-alt">Frühere Fassung</span>`...)
		}
		b = append(b, "</td>\n      <td>"...)
		if h := m.Handlungsfeld; h == nil {
			b = append(b, "–"...)
		} else if f := a.FacetteHF(h); f != nil {
			b = appendLink(b, link(f.URL), f.Kurz())
		} else {
			b = e(b, h.Label())
		}
		b = append(b, "</td>\n      <td>"...)
		b = append(b, status...)
		b = append(b, "</td>\n      <td>"...)
		b = append(b, Akteure(m.Federfuehrung)...)
		b = append(b, "</td>\n      <td>"...)
		if t := FormatDatum(d.Start); t != "" {
			b = e(b, t)
		} else {
			b = append(b, "–"...)
		}
		b = append(b, "</td>\n    </tr>"...)
		return template.HTML(b)
	}
}

// StatusStand writes what follows a measure's status in
// layouts/partials/status-stand.html (template function statusstand): the
// date of the status, whether it was inferred, whether it is stale. status
// is partials/status.html for the measure's status. Every measure page and
// every row of a measure table shows it, 8,000 times at 10,000 pages; as
// template commands it cost more than writing it here, escaped like
// html/template (internal/htmlesc; compared with the template in
// funcs_agenda_test.go).
func StatusStand(m *model.Massnahme, status template.HTML) template.HTML {
	e := m.Aktuell()
	if e.Datum.IsZero() && !e.Abgeleitet() && !m.Veraltet {
		return status
	}
	b := make([]byte, 0, len(status)+160)
	b = append(b, status...)
	if !e.Datum.IsZero() {
		b = append(b, ` <span class="status-stand">(Stand <time datetime="`...)
		b = htmlesc.Append(b, e.Datum.ISO())
		b = append(b, `">`...)
		b = htmlesc.Append(b, FormatDatum(e.Datum))
		b = append(b, `</time>)</span>`...)
	}
	if e.Abgeleitet() {
		b = append(b, ` <span class="marke marke-abgeleitet">abgeleitet</span>`...)
	}
	if m.Veraltet {
		b = append(b, ` <span class="marke marke-veraltet">`...)
		b = htmlesc.Append(b, m.VeraltetText())
		b = append(b, `</span>`...)
	}
	return template.HTML(b)
}

// berichtZiele returns the template function berichtziele: the rows of the
// table of measurable goals of one strategy in a progress report
// (layouts/partials/bericht-strategie.html), each goal at the end of the
// previous year and at the report's cut-off. 14 reports at 10,000 pages
// have thousands of such rows; as template commands they were a third of
// the reports' work. Written as the template wrote them, byte for byte
// (compared in funcs_agenda_test.go). The report builds a ZielStand only
// with Am set (agenda.Bericht).
func berichtZiele(link func(string) string) func(list []*agenda.ZielStand, r *agenda.Bericht) template.HTML {
	return func(list []*agenda.ZielStand, r *agenda.Bericht) template.HTML {
		e := htmlesc.Append
		symbole := htmlesc.AppendURL(nil, link("/icons/symbole.svg"))
		messung := func(b []byte, m *model.Messwert, einheit string) []byte {
			if m == nil {
				return append(b, "noch keine Messung"...)
			}
			b = e(b, Wert(m.Wert, einheit))
			b = append(b, ` <span class="klein">(`...)
			b = e(b, FormatDatum(m.Datum))
			return append(b, `)</span>`...)
		}
		b := make([]byte, 0, 900*len(list))
		for _, zs := range list {
			z := zs.Ziel
			b = append(b, "\n      <tr>\n        <th scope=\"row\"><a href=\""...)
			b = htmlesc.AppendURL(b, link(r.Agenda.IndikatorURL(z)))
			b = append(b, `"><span class="ziel-id">`...)
			b = e(b, z.ID)
			b = append(b, `</span></a> `...)
			b = e(b, z.Text)
			b = append(b, "</th>\n        <td>"...)
			if zs.Vorjahr == nil {
				b = append(b, "Ziel noch nicht festgelegt"...)
			} else {
				b = messung(b, zs.Vorjahr.Aktuell, z.Einheit)
			}
			b = append(b, "</td>\n        <td>"...)
			b = messung(b, zs.Am.Aktuell, z.Einheit)
			if n := len(zs.Neu); n > 0 {
				b = append(b, ` <span class="marke marke-alt">`...)
				b = e(b, Plural(n, "neue Messung", "neue Messungen"))
				b = append(b, `</span>`...)
			}
			b = append(b, "</td>\n        <td>"...)
			if z.Zielwert == nil {
				b = append(b, "offen"...)
			} else {
				b = e(b, Wert(*z.Zielwert, z.Einheit))
				b = append(b, ` <span class="klein">(Ende `...)
				b = strconv.AppendInt(b, int64(z.Zieljahr), 10)
				b = append(b, `)</span>`...)
			}
			b = append(b, "</td>\n        <td><span class=\"bewertung-kurz bewertung-"...)
			b = e(b, zs.Am.Bewertung)
			b = append(b, `"><svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16"><use href="`...)
			b = append(b, symbole...)
			b = append(b, `#bewertung-`...)
			b = htmlesc.AppendURLPart(b, zs.Am.Bewertung)
			b = append(b, `"/></svg>`...)
			b = e(b, zs.Am.Label())
			b = append(b, `</span>`...)
			if zs.ErreichtNeu {
				b = append(b, ` <strong>(im Berichtszeitraum erreicht)</strong>`...)
			} else if v := zs.Vorjahr; v != nil && v.Bewertung != zs.Am.Bewertung {
				b = append(b, ` <span class="klein">(vorher: `...)
				b = e(b, v.Label())
				b = append(b, `)</span>`...)
			}
			b = append(b, "</td>\n      </tr>"...)
		}
		return template.HTML(b)
	}
}
