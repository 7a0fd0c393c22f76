package render

import (
	"html/template"

	"tdsite/internal/htmlesc"
	"tdsite/internal/pages"
)

// The parts of layouts/_base.html that differ from page to page, written
// in Go: every one of the 10,000 pages runs them, and as template commands
// the head and the breadcrumb trail cost about 30 calls through reflect
// per page (value and escaper of each {{…}}). They write what the
// template wrote, byte for byte, escaped like html/template
// (internal/htmlesc; funcs_seite_test.go compares them with the template).

// seitenKopf returns the template function seitenkopf: the page's title,
// description, canonical address (or noindex) and the links to the
// previous and next page of a list split over several pages
// (partials/blaetter.html).
func seitenKopf(link, abs func(string) string) func(p *pages.Page) template.HTML {
	return func(p *pages.Page) template.HTML {
		e := htmlesc.Append
		b := make([]byte, 0, 256+len(p.Title)+len(p.Description))
		b = append(b, "<title>"...)
		if p.Path != "/" {
			b = e(b, p.Title)
			b = append(b, " – "...)
		}
		b = e(b, p.Site.Config.Titel)
		b = append(b, "</title>\n"...)
		if p.Description != "" {
			b = append(b, `<meta name="description" content="`...)
			b = e(b, p.Description)
			b = append(b, `">`...)
		}
		if p.NoIndex {
			b = append(b, "\n<meta name=\"robots\" content=\"noindex\">"...)
		} else {
			b = append(b, "\n<link rel=\"canonical\" href=\""...)
			b = htmlesc.AppendURL(b, abs(p.Path))
			b = append(b, `">`...)
		}
		if bl := p.Blatt; bl != nil {
			if v := bl.Vorige(); v != "" {
				b = append(b, "\n<link rel=\"prev\" href=\""...)
				b = htmlesc.AppendURL(b, link(v))
				b = append(b, `">`...)
			}
			if n := bl.Naechste(); n != "" {
				b = append(b, "\n<link rel=\"next\" href=\""...)
				b = htmlesc.AppendURL(b, link(n))
				b = append(b, `">`...)
			}
		}
		return template.HTML(b)
	}
}

// brotKruemel returns the template function brotkruemel: the breadcrumb
// trail of a page (partials/breadcrumbs.html), nothing on a page without
// one.
func brotKruemel(link func(string) string) func(p *pages.Page) template.HTML {
	return func(p *pages.Page) template.HTML {
		if len(p.Crumbs) == 0 {
			return ""
		}
		e := htmlesc.Append
		b := make([]byte, 0, 160+100*len(p.Crumbs))
		b = append(b, "\n<nav class=\"breadcrumbs wrap\" aria-label=\"Brotkrümelpfad\">\n  <ol>"...)
		for _, c := range p.Crumbs {
			b = append(b, "\n    <li>"...)
			b = appendLink(b, link(c.Path), c.Title)
			b = append(b, "</li>"...)
		}
		b = append(b, "\n    <li><a href=\""...)
		b = htmlesc.AppendURL(b, link(p.Path))
		b = append(b, `" aria-current="page">`...)
		b = e(b, p.Title)
		b = append(b, "</a></li>\n  </ol>\n</nav>"...)
		return template.HTML(b)
	}
}
