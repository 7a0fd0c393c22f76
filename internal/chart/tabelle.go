package chart

import (
	"html/template"

	"tdsite/internal/htmlesc"
)

// TabelleHTML writes the rows of the data table next to a chart (the
// <tr> elements in the <tbody> of layouts/partials/indikator.html), with
// the column Plan when there is a chart (plan). At 10,000 pages these rows
// were two fifths of the template work of the indicator pages; the markup
// is the one the template wrote, byte for byte, each row on its lines.
func TabelleHTML(rows []Zeile, plan bool) template.HTML {
	e := htmlesc.Append
	b := make([]byte, 0, 320*len(rows))
	for _, r := range rows {
		b = append(b, "\n      <tr"...)
		if r.Gefaehrdet {
			b = append(b, ` class="gefaehrdet"`...)
		}
		b = append(b, ">\n        <th scope=\"row\"><time datetime=\""...)
		b = e(b, r.ISO)
		b = append(b, `">`...)
		b = e(b, r.Datum)
		b = append(b, "</time></th>\n        <td>"...)
		b = e(b, r.Art)
		b = append(b, "</td>\n        <td class=\"zahl\">"...)
		b = e(b, r.Wert)
		b = append(b, "</td>"...)
		if plan {
			b = append(b, `<td class="zahl">`...)
			if r.Plan != "" {
				b = e(b, r.Plan)
			} else {
				b = append(b, "–"...)
			}
			b = append(b, "</td>"...)
		}
		b = append(b, "\n        <td>"...)
		if r.Gefaehrdet {
			b = append(b, "<strong>Zielerreichung gefährdet.</strong> "...)
		}
		b = e(b, r.Kommentar)
		if r.Korrektur != "" {
			b = append(b, " Korrektur: "...)
			b = e(b, r.Korrektur)
		}
		b = append(b, "</td>\n      </tr>"...)
	}
	return template.HTML(b)
}
