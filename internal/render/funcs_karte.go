package render

import (
	"fmt"
	"html/template"
	"strings"

	"tdsite/internal/fahrplan"
	"tdsite/internal/htmlesc"
	"tdsite/internal/landkarte"
)

// Two long lists of the strategy pages are written here instead of by a
// partial per entry: the nested list of a map's text version
// (partials/strategielandkarte-text.html; the partial called itself for
// every box) and the rows of a roadmap's table (partials/fahrplan.html).
// text/template paid twenty to thirty reflect calls per entry (fields,
// methods, escapers, the call of the partial), for some 8,000 rows and as
// many boxes at 10,000 pages (docs/leistung.md, „Strategieseiten“). The HTML
// is the same, byte for byte, as those partials wrote; the status marks
// still come from partials/status.html, which the template renders and
// passes in.

// kartenBaum returns the template function strategiekarteBaum: the entries
// of the map's text version (Map.Tree), each an <li> with its nested list.
// status holds the rendered status mark for each status key a box can
// carry.
func kartenBaum(url func(string) string) func(*landkarte.Map, map[string]any) (template.HTML, error) {
	return func(k *landkarte.Map, status map[string]any) (template.HTML, error) {
		w := listenWriter{url: url, status: status}
		// About 200 bytes per box: growing from nothing copied the list
		// a dozen times on the largest maps.
		w.b.Grow(200 * len(k.Nodes))
		for _, it := range k.Tree {
			if err := w.item(it); err != nil {
				return "", err
			}
		}
		return template.HTML(w.b.String()), nil
	}
}

// kartenWeitere returns the template function strategiekarteWeitere: the
// rows of the table of further connections of a map's text version
// (Map.Extra), with the column of the other strategy if any row crosses
// strategies.
func kartenWeitere(url func(string) string) func(*landkarte.Map) template.HTML {
	return func(k *landkarte.Map) template.HTML {
		w := listenWriter{url: url}
		w.b.Grow(300 * len(k.Extra))
		fremd := k.HasForeign()
		for _, e := range k.Extra {
			w.weitere(e, fremd)
		}
		return template.HTML(w.b.String())
	}
}

func (w *listenWriter) weitere(e landkarte.Extra, fremd bool) {
	b := &w.b
	b.WriteString("\n      <tr")
	if e.From.Fiktiv || e.To.Fiktiv {
		b.WriteString(` class="fiktiv"`)
	}
	b.WriteString(">\n        <th scope=\"row\">")
	w.link(e.From.Href, e.From.Label())
	b.WriteString("</th>\n        <td>")
	w.text(e.Verb)
	b.WriteString("</td>\n        <td>")
	w.link(e.To.Href, e.To.Label())
	if e.Row != nil {
		b.WriteString(" – Messgröße ")
		w.text(e.Row.ID)
	}
	b.WriteString("</td>")
	if fremd {
		b.WriteString("<td>")
		if !e.Fremd {
			b.WriteString("–")
		} else if st := e.To.Strategie; st != nil {
			w.link(st.URL, st.Kurzname)
		}
		b.WriteString("</td>")
	}
	b.WriteString("\n      </tr>")
}

type listenWriter struct {
	b       strings.Builder
	scratch []byte // for escaped links
	url     func(string) string
	status  map[string]any
}

func (w *listenWriter) item(it *landkarte.Item) error {
	b := &w.b
	n := it.Node
	b.WriteString("<li>")
	if n.Fiktiv {
		b.WriteString(`<span class="fiktiv">`)
	}
	w.link(n.Href, n.Label())
	switch {
	case n.Status != "":
		b.WriteString(" ")
		if err := w.mark(n.Status); err != nil {
			return err
		}
	case n.Info != "":
		b.WriteString(" – ")
		w.text(n.Info)
	}
	for _, f := range n.Facts {
		b.WriteString(" · ")
		w.text(f)
	}
	if n.FiktivFact != "" {
		b.WriteString(`<span class="fiktiv"> · `)
		w.text(n.FiktivFact)
		b.WriteString("</span>")
	}
	if n.Note != "" {
		b.WriteString(" (")
		w.text(n.Note)
		b.WriteString(")")
	}
	if it.Via != "" {
		b.WriteString(` <span class="klein">(`)
		w.text(it.Via)
		b.WriteString(")</span>")
	}
	if n.Fiktiv {
		b.WriteString("</span>")
	}
	if len(n.Rows) > 0 {
		b.WriteString("\n  <ul class=\"sk-messgroessen\">")
		for _, r := range n.Rows {
			b.WriteString("\n    <li>")
			w.link(r.Href, "Messgröße "+r.ID)
			b.WriteString(": ")
			w.text(r.Text)
			b.WriteString(" – ")
			w.text(r.BewertungText)
			b.WriteString("</li>")
		}
		b.WriteString("\n  </ul>")
	}
	if len(it.Children) > 0 {
		b.WriteString("\n  <ul>")
		for _, c := range it.Children {
			if err := w.item(c); err != nil {
				return err
			}
		}
		b.WriteString("\n  </ul>")
	}
	b.WriteString("\n</li>\n")
	return nil
}

// fahrplanZeilen returns the template function of the same name: the rows
// of a roadmap's table (partials/fahrplan.html) for the measures zeilen,
// ohne marking those without dates. Like the map's text version, the rows
// are written here and not by a partial per row: at 10,000 pages that
// partial ran 8,000 times with some thirty reflect calls each. status
// holds the rendered status mark for each status key.
func fahrplanZeilen(url func(string) string) func(*fahrplan.Fahrplan, []*fahrplan.Zeile, bool, map[string]any) (template.HTML, error) {
	return func(f *fahrplan.Fahrplan, zeilen []*fahrplan.Zeile, ohne bool, status map[string]any) (template.HTML, error) {
		w := listenWriter{url: url, status: status}
		w.b.Grow(1000 * len(zeilen))
		for _, z := range zeilen {
			if err := w.zeile(f, z, ohne); err != nil {
				return "", err
			}
		}
		return template.HTML(w.b.String()), nil
	}
}

func (w *listenWriter) zeile(f *fahrplan.Fahrplan, z *fahrplan.Zeile, ohne bool) error {
	b := &w.b
	b.WriteString(`<tr id="`)
	w.text(f.Anker(z))
	b.WriteString(`" class="fp-zeile`)
	if ohne {
		b.WriteString(" fp-ohne-termin")
	}
	if z.Fiktiv {
		b.WriteString(" fiktiv")
	}
	b.WriteString("\">\n      <th scope=\"row\">")
	w.link(z.URL, z.ID+" "+z.Titel)
	b.WriteString("</th>\n      <td>")
	w.text(z.Phase)
	b.WriteString("<br>")
	if z.Status == "" {
		b.WriteString("ohne Status")
	} else if err := w.mark(z.Status); err != nil {
		return err
	}
	if z.Stand != "" {
		b.WriteString(` <span class="klein">Stand `)
		w.text(z.Stand)
		b.WriteString("</span>")
	}
	if z.Veraltet {
		b.WriteString(`<br><span class="marke marke-alt">`)
		w.text(z.VeraltetText)
		b.WriteString("</span>")
	}
	b.WriteString("</td>\n      <td>")
	if z.Balken.Von.IsZero() {
		b.WriteString("Keine Termine angegeben")
	} else {
		w.text(z.Zeitraum())
	}
	b.WriteString("</td>\n      <td>")
	if len(z.Meilensteine) == 0 {
		b.WriteString("–")
	} else {
		b.WriteString(`<ul class="meilensteine-kurz">`)
		for _, ms := range z.Meilensteine {
			b.WriteString("<li><strong>")
			if ms.Datum == "" {
				b.WriteString("ohne Datum")
			} else {
				w.text(ms.Datum)
			}
			b.WriteString("</strong>")
			if ms.Spanne.Offen {
				b.WriteString(" (ohne Ende)")
			}
			b.WriteString(" – ")
			w.text(ms.Text)
			b.WriteString(` <span class="meilenstein-zustand ms-`)
			w.text(ms.Zustand)
			b.WriteString(`">(`)
			w.text(ms.ZustandLabel)
			b.WriteString(")</span></li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("</td>\n    </tr>\n")
	return nil
}

// mark writes the rendered status mark of a status key.
func (w *listenWriter) mark(key string) error {
	m, ok := w.status[key].(template.HTML)
	if !ok {
		return fmt.Errorf("kein Statuszeichen für den Status „%s“ übergeben", key)
	}
	w.b.WriteString(string(m))
	return nil
}

// link writes label as a link to the site path href, or as text without one.
func (w *listenWriter) link(href, label string) {
	if href == "" {
		w.text(label)
		return
	}
	w.b.WriteString(`<a href="`)
	w.scratch = htmlesc.AppendURL(w.scratch[:0], w.url(href))
	w.b.Write(w.scratch)
	w.b.WriteString(`">`)
	w.text(label)
	w.b.WriteString("</a>")
}

func (w *listenWriter) text(s string) { w.b.WriteString(htmlesc.String(s)) }
