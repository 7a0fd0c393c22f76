package render

import (
	"html/template"
	"strconv"

	"tdsite/internal/htmlesc"
	"tdsite/internal/model"
)

// The parts of an indicator page of the agenda (layouts/agenda-indikator.html)
// that repeat for each goal, written in Go: 2,250 goals on 161 pages at
// 10,000 pages, each with some 40 template commands (value and escaper,
// each a call through reflect). The template keeps the sections and their
// headings. They write what the template wrote, byte for byte, escaped
// like html/template (internal/htmlesc; funcs_indikator_test.go compares
// them with the template).

// IndikatorInhalt writes the items of the page's table of contents
// (template function indikatorinhalt): a link to each goal's section.
func IndikatorInhalt(ziele []*model.Ziel) template.HTML {
	e := htmlesc.Append
	b := make([]byte, 0, 120*len(ziele))
	for _, z := range ziele {
		b = append(b, `<li><a href="#`...)
		b = htmlesc.AppendURLPart(b, z.Anchor)
		b = append(b, `">`...)
		b = e(b, z.ID)
		b = append(b, ": "...)
		if z.Indikator != "" {
			b = e(b, z.Indikator)
		} else {
			b = e(b, z.Text)
		}
		b = append(b, "</a></li>"...)
	}
	return template.HTML(b)
}

// ZielMeta writes the facts of a goal (template function zielmeta): kind
// and target year, indicator, data source, method, who is responsible.
func ZielMeta(z *model.Ziel) template.HTML {
	b := make([]byte, 0, 400)
	b = append(b, "<dl class=\"ziel-meta\">\n      <div><dt>Art</dt><dd>"...)
	b = htmlesc.Append(b, z.KindLabel())
	if z.Zieljahr != 0 {
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(z.Zieljahr), 10)
		b = append(b, ')')
	}
	b = append(b, "</dd></div>"...)
	b = fakt(b, "Indikator", z.Indikator)
	b = fakt(b, "Datenquelle", z.Quelle)
	b = fakt(b, "Methode", z.Methode)
	b = fakt(b, "Verantwortlich", z.Verantwortlich)
	return template.HTML(append(b, "\n    </dl>"...))
}

// zielBewertung returns the template function zielbewertung: the
// assessment of a goal's progress with its symbol.
func zielBewertung(link func(string) string) func(f *model.Fortschritt) template.HTML {
	return func(f *model.Fortschritt) template.HTML {
		b := make([]byte, 0, 300)
		b = append(b, `<p class="bewertung bewertung-`...)
		b = htmlesc.Append(b, f.Bewertung)
		b = append(b, `"><svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 16 16"><use href="`...)
		b = htmlesc.AppendURL(b, link("/icons/symbole.svg"))
		b = append(b, "#bewertung-"...)
		b = htmlesc.AppendURLPart(b, f.Bewertung)
		b = append(b, `"/></svg><strong>`...)
		b = htmlesc.Append(b, f.Label())
		return template.HTML(append(b, "</strong></p>"...))
	}
}
