package pages

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"time"

	"tdsite/internal/model"
	"tdsite/internal/search"
	"tdsite/internal/urlpath"
)

// extras are the files for machines that come with the pages: the search
// index, the sitemap, robots.txt and the Atom feed. all is the finished
// list of pages when they are produced.
func extras(s *model.Site, all *[]*Page) []*Page {
	abs := func(p string) string { return urlpath.Abs(s.Config.BaseURL, p) }
	raw := func(path string, deps []string, f func() ([]byte, error)) *Page {
		return &Page{Path: path, NoIndex: true, Deps: deps, Raw: f, Machine: true}
	}
	index := raw("/suche/index.json", []string{All}, func() ([]byte, error) { return suchindex(s, *all) })
	index.Asset = true
	feedPage := raw("/feed.xml", []string{All}, func() ([]byte, error) { return feed(s, abs) })
	feedPage.Texte = []string{}
	for _, n := range feedMeldungen(s) {
		feedPage.Texte = append(feedPage.Texte, n.File)
	}
	return []*Page{
		index,
		keineTexte(raw("/sitemap.xml", []string{All}, func() ([]byte, error) { return sitemap(*all, abs) })),
		raw("/robots.txt", []string{}, func() ([]byte, error) {
			return []byte("User-agent: *\nAllow: /\n\nSitemap: " + abs("/sitemap.xml") + "\n"), nil
		}),
		feedPage,
	}
}

// suchindex is the index of the client-side search (package suche) of the
// pages in list that search engines may show.
func suchindex(s *model.Site, list []*Page) ([]byte, error) {
	seiten := make([]search.Seite, 0, len(list))
	for _, pg := range list {
		// Further pages of a long list would only repeat the first page's entry.
		if !pg.NoIndex && pg.Blatt.Erstes() {
			seiten = append(seiten, search.Seite{Pfad: pg.Path, Titel: pg.Title, Beschreibung: pg.Description, Vorlage: pg.Template, Daten: pg.Data})
		}
	}
	return search.Build(seiten, s, urlpath.Link(s.Config.BaseURL)).JSON()
}

// sitemap lists every indexable page.
func sitemap(list []*Page, abs func(string) string) ([]byte, error) {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, pg := range list {
		if pg.NoIndex {
			continue
		}
		set.URLs = append(set.URLs, url{Loc: abs(pg.Path), LastMod: lastMod(pg)})
	}
	return marshalXML(set)
}

// lastMod is the "Stand" of the page's main object, where it has one.
func lastMod(pg *Page) string {
	type stander interface{ StandISO() string }
	if s, ok := pg.Data.(stander); ok {
		return s.StandISO()
	}
	return ""
}

// feed is an Atom feed of all news posts and upcoming participation formats.
func feed(m *model.Site, abs func(string) string) ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	type text struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		Title    string `xml:"title"`
		ID       string `xml:"id"`
		Link     link   `xml:"link"`
		Updated  string `xml:"updated"`
		Summary  string `xml:"summary,omitempty"`
		Content  text   `xml:"content"`
		Category *struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category,omitempty"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		Sub     string   `xml:"subtitle,omitempty"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	f := feed{NS: "http://www.w3.org/2005/Atom", Lang: m.Config.Sprache, Title: m.Config.Titel + " – Meldungen",
		Sub: m.Config.Untertitel, ID: abs("/feed.xml"),
		Links: []link{{Href: abs("/feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: abs("/meldungen/"), Rel: "alternate", Type: "text/html"}}}
	f.Author.Name = orString(m.Config.Herausgeber, m.Config.Titel)
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range feedMeldungen(m) {
		t := n.Datum.Start()
		if t.After(updated) {
			updated = t
		}
		e := entry{Title: n.Titel, ID: abs(n.URL), Link: link{Href: abs(n.URL)},
			Updated: t.Format(time.RFC3339), Summary: n.Zusammenfassung,
			Content: text{Type: "html", Body: absolutize(string(n.Text()), abs("/"))}}
		e.Category = &struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		}{n.Strategie.Slug, n.Strategie.Name}
		f.Entries = append(f.Entries, e)
	}
	for _, t := range termineFuerFeed(m) { // upcoming participation formats (termine.go)
		updated = maxTime(updated, t.Updated)
		f.Entries = append(f.Entries, entry{Title: t.Titel, ID: abs(t.Pfad), Link: link{Href: abs(t.Pfad)},
			Updated: t.Updated.Format(time.RFC3339), Summary: t.Zusammenfassung,
			Content: text{Type: "html", Body: absolutize(t.HTML, abs("/"))}})
	}
	f.Updated = updated.Format(time.RFC3339)
	return marshalXML(f)
}

var reRootLink = regexp.MustCompile(`(href|src)="/`)

// feedMeldungen are the news in the feed: the newest only, as feed
// readers fetch the whole file again and again, and older news stay on
// the site (page-weight budget).
func feedMeldungen(m *model.Site) []*model.Meldung {
	return m.Meldungen[:min(len(m.Meldungen), FeedEintraege)]
}

// absolutize makes root-relative links absolute: feed readers show entries
// outside the site.
func absolutize(html, base string) string {
	return reRootLink.ReplaceAllString(html, `$1="`+base)
}

func orString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
