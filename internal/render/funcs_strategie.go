package render

import (
	"html/template"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/htmlesc"
	"tdsite/internal/model"
)

// Parts of the strategy pages (strategie.html, karte-strategie.html,
// fahrplan.html, handlungsfeld.html) written in Go or printed in pieces;
// docs/leistung.md, „Strategieseiten in halber Zeit“.

// stueckGroesse is the longest piece stuecke returns. text/template prints
// every value with fmt.Fprint, which copies it into a pooled buffer first;
// a buffer over 64 KB is not pooled again (fmt's pp.free), so each larger
// value cost a fresh allocation of its size and the page faults on it.
const stueckGroesse = 32 << 10

// Stuecke returns h cut into pieces of at most stueckGroesse bytes, each
// ending before a '<' where one is near (never inside a UTF-8 sequence);
// the template prints them one after the other ({{range stuecke $k.SVG}}{{.}}{{end}}),
// which writes exactly h. The maps and the roadmap drawing are 20–150 KB.
func Stuecke(h template.HTML) []template.HTML {
	if len(h) <= stueckGroesse {
		return []template.HTML{h}
	}
	out := make([]template.HTML, 0, len(h)/stueckGroesse+2)
	for len(h) > stueckGroesse {
		cut := strings.LastIndexByte(string(h[stueckGroesse/2:stueckGroesse]), '<') + stueckGroesse/2
		if cut <= stueckGroesse/2 {
			// No tag in the second half: cut at the start of a rune.
			cut = stueckGroesse
			for cut > 0 && h[cut]&0xC0 == 0x80 {
				cut--
			}
		}
		out = append(out, h[:cut])
		h = h[cut:]
	}
	return append(out, h)
}

// massnahmenZeile returns the template function massnahmenzeile: one row of
// partials/massnahmen-tabelle.html (strategy and field-of-action pages, each
// measure twice per build, 16,000 rows at 10,000 pages). As template
// commands a row cost some thirty reflect calls, most of a strategy page's
// time. Written as the partial wrote it, byte for byte, escaped like
// html/template (compared in funcs_strategie_test.go). mitStrategie adds the
// strategy column; status is partials/status-stand.html for the measure.
func massnahmenZeile(link func(string) string) func(m *model.Massnahme, mitStrategie bool, status template.HTML) template.HTML {
	return func(m *model.Massnahme, mitStrategie bool, status template.HTML) template.HTML {
		e := htmlesc.Append
		d := &m.Massnahme
		b := make([]byte, 0, 600+len(status)+200*len(m.Meilensteine))
		b = append(b, `<tr id="`...)
		b = e(b, m.Anchor)
		b = append(b, "\">\n      <td>"...)
		b = e(b, d.ID)
		b = append(b, "</td>\n      <th scope=\"row\">"...)
		if m.HatSeite {
			b = append(b, `<a href="`...)
			b = htmlesc.AppendURL(b, link(m.URL))
			b = append(b, `">`...)
			b = e(b, d.Titel)
			b = append(b, `</a>`...)
		} else {
			b = e(b, d.Titel)
		}
		if z := d.Zusammenfassung; z != "" {
			b = append(b, `<span class="zusammenfassung">`...)
			b = e(b, z)
			b = append(b, `</span>`...)
		}
		b = append(b, "</th>"...)
		if mitStrategie {
			b = append(b, "<td><a href=\""...)
			b = htmlesc.AppendURL(b, link(m.Strategie.URL))
			b = append(b, `">`...)
			b = e(b, m.Strategie.Strategie.Kurzname)
			b = append(b, `</a></td>`...)
		}
		b = append(b, "\n      <td>"...)
		b = append(b, status...)
		b = append(b, "</td>\n      <td>"...)
		b = append(b, Akteure(m.Federfuehrung)...)
		b = append(b, "</td>\n      <td>"...)
		if len(m.Meilensteine) == 0 {
			b = append(b, "–"...)
		} else {
			b = append(b, `<ul class="meilensteine-kurz">`...)
			for _, ms := range m.Meilensteine {
				f := &ms.Meilenstein
				b = append(b, "<li>"...)
				if t := FormatDatum(f.Datum); t != "" {
					b = append(b, "<strong>"...)
					b = e(b, t)
					b = append(b, "</strong> – "...)
				}
				b = e(b, f.Text)
				b = append(b, ` <span class="meilenstein-zustand ms-`...)
				b = e(b, ms.Zustand)
				b = append(b, `">(`...)
				b = e(b, ms.ZustandLabel())
				if ms.Zustand == content.MsOffen && !f.Stand.IsZero() {
					b = append(b, ", Stand "...)
					b = e(b, FormatDatum(f.Stand))
				}
				b = append(b, ")</span></li>"...)
			}
			b = append(b, "</ul>"...)
		}
		b = append(b, "</td>\n    </tr>"...)
		return template.HTML(b)
	}
}
