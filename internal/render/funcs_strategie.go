package render

import (
	"html/template"
	"strconv"
	"strings"
	"unsafe"

	"tdsite/internal/content"
	"tdsite/internal/datum"
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

// fertig returns the written bytes as HTML without copying them again:
// nothing writes to b afterwards.
func fertig(b []byte) template.HTML {
	return template.HTML(unsafe.String(unsafe.SliceData(b), len(b)))
}

// massnahmenZeile returns the template function massnahmenzeile: one row of
// partials/massnahmen-tabelle.html (strategy and field-of-action pages, each
// measure twice per build, 16,000 rows at 10,000 pages). As template
// commands a row cost some thirty reflect calls: the largest loop of both
// pages. Written as the partial wrote it, byte for byte, escaped like
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
			b = appendLink(b, link(m.URL), d.Titel)
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
		return fertig(b)
	}
}

// RollenZeilen writes the rows of a role matrix on strategie.html
// (template function rollenzeilen): a cell per body and task, some 200 per
// strategy page, each five template commands. The letters are for the eye;
// screen readers get the words. Byte for byte what the template wrote
// (compared in funcs_strategie_test.go).
func RollenZeilen(zeilen []model.RollenZeile) template.HTML {
	e := htmlesc.Append
	n := 0
	for _, z := range zeilen {
		n += 40 + len(z.Aufgabe) + 130*len(z.Zellen)
	}
	b := make([]byte, 0, n)
	for _, z := range zeilen {
		b = append(b, "\n        <tr><th scope=\"row\">"...)
		b = e(b, z.Aufgabe)
		b = append(b, "</th>"...)
		for _, c := range z.Zellen {
			if c == "" {
				b = append(b, `<td><span class="visually-hidden">keine Rolle</span></td>`...)
				continue
			}
			r := RollenName(c)
			b = append(b, `<td><span class="rolle" title="`...)
			b = e(b, r)
			b = append(b, `" aria-hidden="true">`...)
			b = e(b, c)
			b = append(b, `</span><span class="visually-hidden">`...)
			b = e(b, r)
			b = append(b, `</span></td>`...)
		}
		b = append(b, "</tr>"...)
	}
	return fertig(b)
}

// zielQuant returns the template function zielquant: a measurable goal on
// strategie.html with its progress, as the partials ziel-quant.html and
// fortschritt.html wrote it (14 goals per strategy page, fifty template
// commands each). Compared with those partials in funcs_strategie_test.go.
func zielQuant(link func(string) string) func(z *model.Ziel) template.HTML {
	return func(z *model.Ziel) template.HTML {
		e := htmlesc.Append
		b := make([]byte, 0, 2048)
		b = append(b, `<li class="ziel ziel-quant" id="`...)
		b = e(b, z.Anchor)
		b = append(b, "\">\n  <p class=\"ziel-text\"><span class=\"ziel-id\">"...)
		b = e(b, z.ID)
		b = append(b, "</span> "...)
		b = e(b, z.Text)
		b = append(b, "</p>\n  <dl class=\"ziel-meta\">"...)
		b = fakt(b, "Indikator", z.Indikator)
		b = fakt(b, "Datenquelle", z.Quelle)
		b = fakt(b, "Verantwortlich", z.Verantwortlich)
		b = append(b, "\n  </dl>\n  "...)
		b = fortschritt(b, z, link)
		if len(z.Messwerte) > 0 && !z.Strategie.Abgeloest {
			b = append(b, `<p class="klein"><a href="`...)
			b = htmlesc.AppendURL(b, link("/agenda/indikatoren/"+z.Strategie.Strategie.Slug+"/#"+z.Anchor))
			b = append(b, `">Alle Messwerte zu `...)
			b = e(b, z.ID)
			b = append(b, ` als Diagramm und Tabelle</a></p>`...)
		}
		if len(z.Massnahmen) > 0 {
			b = append(b, "\n  <p class=\"klein\">Maßnahmen dazu: "...)
			for i, m := range z.Massnahmen {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = appendMassnahmeLink(b, link, m)
			}
			b = append(b, `</p>`...)
		}
		b = append(b, "\n</li>\n"...)
		return fertig(b)
	}
}

// fortschritt appends the progress of z (formerly partials/fortschritt.html):
// text first, the bar only repeats it.
func fortschritt(b []byte, z *model.Ziel, link func(string) string) []byte {
	e := htmlesc.Append
	f := z.Fortschritt
	if f == nil {
		return append(b, "\n<p class=\"klein\">Für dieses Ziel liegen noch keine Mess- oder Ausgangswerte vor.</p>\n"...)
	}
	// A value with the day it was measured.
	gemessen := func(b []byte, v float64, d datum.Datum) []byte {
		b = e(b, Wert(v, z.Einheit))
		b = append(b, ` <span class="klein">(`...)
		b = e(b, FormatDatum(d))
		return append(b, `)</span>`...)
	}
	b = append(b, "\n<div class=\"fortschritt\">\n  <dl class=\"werte\">"...)
	if z.Basis != nil {
		b = append(b, "\n    <div><dt>Ausgangswert</dt><dd>"...)
		b = gemessen(b, f.Basis.Wert, f.Basis.Datum)
		b = append(b, "</dd></div>"...)
	}
	b = append(b, "\n    <div><dt>Letzte Messung</dt><dd>"...)
	if a := f.Aktuell; a != nil {
		b = gemessen(b, a.Wert, a.Datum)
	} else {
		b = append(b, "noch keine"...)
	}
	b = append(b, "</dd></div>\n    <div><dt>Ziel "...)
	b = strconv.AppendInt(b, int64(z.Zieljahr), 10)
	b = append(b, "</dt><dd>"...)
	if z.Zielwert != nil {
		b = e(b, Wert(f.Ziel, z.Einheit))
	} else {
		b = append(b, "noch offen (Entwurf)"...)
	}
	b = append(b, "</dd></div>\n  </dl>\n  <p class=\"bewertung bewertung-"...)
	b = e(b, f.Bewertung)
	b = append(b, `"><svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 16 16"><use href="`...)
	b = htmlesc.AppendURL(b, link("/icons/symbole.svg"))
	b = append(b, `#bewertung-`...)
	b = htmlesc.AppendURLPart(b, f.Bewertung)
	b = append(b, `"/></svg><span><strong>`...)
	b = e(b, f.Label())
	b = append(b, `</strong>`...)
	balken := f.Aktuell != nil && z.Zielwert != nil && !z.JaNein()
	if balken {
		b = append(b, ": "...)
		b = strconv.AppendInt(b, int64(f.Prozent()), 10)
		b = append(b, " % des Wegs vom Ausgangs- zum Zielwert geschafft; nach dem Zeitplan wären es "...)
		b = strconv.AppendInt(b, int64(f.ErwartetProzent()), 10)
		b = append(b, " %."...)
	}
	b = append(b, `</span></p>`...)
	if balken {
		// Inline SVG is not minified (internal/build/output.go): no line breaks in it.
		b = append(b, "\n  "...)
		b = append(b, `<svg class="balken" aria-hidden="true" focusable="false" viewBox="0 0 100 12" preserveAspectRatio="none" width="100%" height="12">`...)
		b = append(b, `<rect class="balken-spur" x="0" y="0" width="100" height="12"/><rect class="balken-wert balken-`...)
		b = e(b, f.Bewertung)
		b = append(b, `" x="0" y="0" width="`...)
		b = strconv.AppendInt(b, int64(f.Prozent()), 10)
		b = append(b, `" height="12"/><rect class="balken-plan" x="`...)
		b = strconv.AppendInt(b, int64(f.ErwartetProzent()), 10)
		b = append(b, `" y="0" width="0.8" height="12"/></svg>`...)
	}
	if a := f.Aktuell; a != nil && a.Gefaehrdet {
		b = append(b, `<p class="hinweis hinweis-warnung"><strong>Zielerreichung gefährdet.</strong>`...)
		if k := a.Korrektur; k != "" {
			b = append(b, " Vorgeschlagene Korrektur: "...)
			b = e(b, k)
		}
		b = append(b, `</p>`...)
	}
	return append(b, "\n</div>\n"...)
}

// gremienEintraege returns the template function gremien: the entries of
// the list of bodies on strategie.html, each with its kind, organisation,
// field of action and members (some twenty template commands per body).
// Byte for byte what the template wrote (compared in
// funcs_strategie_test.go).
func gremienEintraege(link func(string) string) func(list []*model.Gremium) template.HTML {
	return func(list []*model.Gremium) template.HTML {
		e := htmlesc.Append
		b := make([]byte, 0, 600*len(list))
		for _, g := range list {
			c := &g.Gremium
			b = append(b, "\n      <li>\n        <h3>"...)
			b = e(b, c.Name)
			b = append(b, "</h3>"...)
			art := g.ArtLabel
			if art == c.Name {
				art = ""
			}
			if art != "" || g.Organisation != nil || g.Handlungsfeld != nil {
				b = append(b, "\n        <p class=\"klein\">"...)
				b = e(b, art)
				if o := g.Organisation; o != nil {
					if art != "" {
						b = append(b, " · "...)
					}
					b = append(b, Abbr(o)...)
				}
				if h := g.Handlungsfeld; h != nil {
					if art != "" || g.Organisation != nil {
						b = append(b, " · "...)
					}
					b = append(b, `Handlungsfeld <a href="`...)
					b = htmlesc.AppendURL(b, link(h.URL))
					b = append(b, `">`...)
					b = e(b, h.Handlungsfeld.Name)
					b = append(b, `</a>`...)
				}
				b = append(b, "</p>"...)
			}
			if c.Beschreibung != "" {
				b = append(b, "<p>"...)
				b = e(b, c.Beschreibung)
				b = append(b, "</p>"...)
			}
			if c.Vorsitz != "" {
				b = append(b, "<p>Vorsitz: "...)
				b = e(b, c.Vorsitz)
				b = append(b, "</p>"...)
			}
			if len(c.Mitglieder) > 0 {
				b = append(b, "\n        <details><summary>"...)
				b = e(b, Plural(c.Anzahl, "Mitglied", "Mitglieder"))
				b = append(b, "</summary><ul>"...)
				for _, m := range c.Mitglieder {
					b = append(b, "<li>"...)
					b = e(b, m)
					b = append(b, "</li>"...)
				}
				b = append(b, "</ul></details>"...)
			} else if c.Anzahl != 0 {
				b = append(b, "<p>"...)
				b = e(b, Plural(c.Anzahl, "Mitglied", "Mitglieder"))
				b = append(b, "</p>"...)
			}
			b = append(b, "\n      </li>"...)
		}
		return fertig(b)
	}
}

// phasenEintraege returns the template function phasen: the six phases of
// strategie.html, each with its state, dates, result and the decisions
// that belong to it (some twenty template commands per phase). Byte for
// byte what the template wrote (compared in funcs_strategie_test.go).
func phasenEintraege(s *model.Strategie) template.HTML {
	e := htmlesc.Append
	b := make([]byte, 0, 400*len(s.Phasen))
	for _, p := range s.Phasen {
		b = append(b, "\n      <li class=\"phase phase-"...)
		if p.Zustand == "" {
			b = append(b, "unbekannt"...)
		} else {
			b = e(b, p.Zustand)
		}
		b = append(b, '"')
		if p.Zustand == "aktuell" {
			b = append(b, ` aria-current="step"`...)
		}
		b = append(b, ">\n        <span class=\"phase-name\">"...)
		b = e(b, p.Info.Label)
		if p.Zyklus > 1 {
			b = append(b, " (Zyklus "...)
			b = strconv.AppendInt(b, int64(p.Zyklus), 10)
			b = append(b, ')')
		}
		b = append(b, "</span>\n        <span class=\"phase-zustand\">"...)
		switch p.Zustand {
		case "abgeschlossen":
			b = append(b, "abgeschlossen"...)
		case "aktuell":
			b = append(b, "aktuelle Phase"...)
		case "geplant":
			b = append(b, "geplant"...)
		default:
			b = append(b, "Stand unbekannt"...)
		}
		b = append(b, "</span>"...)
		if !p.Beginn.IsZero() || !p.Ende.IsZero() {
			b = append(b, "\n        <span class=\"phase-daten\">"...)
			if t := FormatDatum(p.Beginn); t != "" {
				b = e(b, t)
			} else {
				b = append(b, '?')
			}
			b = append(b, " bis "...)
			if t := FormatDatum(p.Ende); t != "" {
				b = e(b, t)
			} else {
				b = append(b, "offen"...)
			}
			b = append(b, "</span>"...)
		}
		if p.Ergebnis != "" {
			b = append(b, `<span class="phase-ergebnis">`...)
			b = e(b, p.Ergebnis)
			b = append(b, "</span>"...)
		}
		for _, be := range s.PhasenBeschluesse(p.Info.Key, p.Zyklus) {
			b = append(b, `<span class="phase-ergebnis"><a href="#`...)
			b = htmlesc.AppendURLPart(b, be.Anker)
			b = append(b, `">Beschluss vom `...)
			b = e(b, FormatDatum(be.Beschluss.Datum))
			b = append(b, "</a></span>"...)
		}
		b = append(b, "\n      </li>"...)
	}
	return fertig(b)
}
