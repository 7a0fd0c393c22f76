package render

import (
	"html/template"

	"tdsite/internal/agenda"
	"tdsite/internal/htmlesc"
)

// The lists of a progress report written in Go
// (layouts/partials/bericht-strategie.html): a report of the 10,000-page
// site lists over a thousand events per page, each some ten template
// commands (value and escaper, each a call through reflect). They write
// what the template wrote, byte for byte, escaped like html/template
// (internal/htmlesc; funcs_bericht_test.go compares them with the
// template).

// berichtEreignisse returns the template function berichtereignisse: the
// items of one list of events (measures begun, completed …), each on its
// own line.
func berichtEreignisse(link func(string) string) func(list []agenda.Ereignis) template.HTML {
	return func(list []agenda.Ereignis) template.HTML {
		e := htmlesc.Append
		b := make([]byte, 0, 200*len(list))
		for i := range list {
			ev := &list[i]
			b = append(b, "\n    <li>"...)
			b = appendMassnahmeLink(b, link, ev.Massnahme)
			b = append(b, " – "...)
			b = e(b, FormatDatum(ev.Datum))
			if ev.Notiz != "" {
				b = append(b, ": "...)
				b = e(b, ev.Notiz)
			}
			if ev.AusStart {
				b = append(b, " (laut Startdatum; ohne Statusverlauf)"...)
			}
			b = append(b, "</li>"...)
		}
		return template.HTML(b)
	}
}

// berichtMeilensteine returns the template function berichtmeilensteine:
// the items of the list of milestones reached in the period.
func berichtMeilensteine(link func(string) string) func(list []agenda.MeilensteinEreignis) template.HTML {
	return func(list []agenda.MeilensteinEreignis) template.HTML {
		e := htmlesc.Append
		b := make([]byte, 0, 200*len(list))
		for i := range list {
			ms := &list[i]
			f := &ms.Meilenstein.Meilenstein
			b = append(b, "<li>"...)
			b = e(b, FormatDatum(f.Datum))
			b = append(b, ": "...)
			b = e(b, f.Text)
			b = append(b, ` <span class="klein">(`...)
			b = appendLink(b, link(ms.Massnahme.URL), ms.Massnahme.ID)
			b = append(b, ")</span></li>"...)
		}
		return template.HTML(b)
	}
}
