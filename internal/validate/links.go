package validate

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/markdown"
	"tdsite/internal/urlpath"
)

// Addresses in content are published in the government's name: a
// javascript: link would run code in a citizen's browser, an image from
// another server would tell that server who reads the page. goldmark quietly
// empties dangerous links; editors get an error with file and line instead.

const urlHint = "Erlaubt sind Adressen mit https://, http://, mailto: oder tel: und Pfade der Website, die mit / beginnen (z. B. /strategien/smart-state/)."

func (c *checker) url(pos diag.Pos, u string) {
	if u == "" {
		return
	}
	if strings.ContainsAny(u, " \t\n") {
		c.d.Errorf(pos, "url", "Entfernen Sie die Leerzeichen oder ersetzen Sie sie durch %20.",
			"Der Link „%s“ enthält Leerzeichen.", u)
		return
	}
	c.checkURL(pos, u, false)
}

// checkURL reports addresses that must not be published.
func (c *checker) checkURL(pos diag.Pos, u string, image bool) {
	what := "Der Link"
	if image {
		what = "Das Bild"
	}
	shown := u
	if strings.IndexFunc(shown, func(r rune) bool { return r < ' ' }) >= 0 {
		shown = strings.Trim(strconv.Quote(shown), `"`) // make hidden tabs visible
	}
	if r := []rune(shown); len(r) > 60 {
		shown = string(r[:57]) + "…"
	}
	if strings.TrimSpace(u) == "" {
		c.d.Errorf(pos, "url", "Schreiben Sie die Adresse in die runden Klammern: [Text](https://…).", "%s hat kein Ziel.", what)
		return
	}
	switch scheme := urlpath.Scheme(u); scheme {
	case "":
		switch {
		case strings.HasPrefix(strings.TrimSpace(u), "//"):
			c.d.Errorf(pos, "url", "Schreiben Sie die Adresse vollständig mit https://.",
				"%s „%s“ beginnt mit // und zeigt damit auf einen anderen Server, ohne es zu sagen.", what, shown)
		case strings.Contains(u, `\`):
			c.d.Errorf(pos, "url", "Verwenden Sie in Adressen / statt \\.", "%s „%s“ enthält einen Backslash (\\).", what, shown)
		}
	case "http", "https":
		if p, err := url.Parse(strings.TrimSpace(u)); err != nil || p.Host == "" {
			c.d.Errorf(pos, "url", "Eine vollständige Adresse sieht so aus: https://www.thueringen.de/seite.",
				"%s „%s“ ist keine vollständige Adresse.", what, shown)
			return
		}
		if image {
			c.d.Errorf(pos, "bild-extern", "Legen Sie das Bild unter static/bilder/ ab und binden Sie es mit /bilder/<name> ein.",
				"Das Bild „%s“ liegt auf einem fremden Server: Jeder Aufruf der Seite verriete diesem Server, wer sie liest.", shown)
		}
	case "mailto", "tel":
		if image {
			c.d.Errorf(pos, "url", urlHint, "Das Bild „%s“ ist keine Bildadresse.", shown)
		}
	case "javascript", "vbscript":
		c.d.Errorf(pos, "url", urlHint,
			"%s „%s“ ist nicht erlaubt: Adressen mit „%s:“ führen Programmcode im Browser aus.", what, shown, scheme)
	case "data":
		c.d.Errorf(pos, "url", "Legen Sie Dateien unter static/ ab und verlinken Sie sie mit /<name>.",
			"%s „%s“ ist nicht erlaubt: Eingebettete Daten (data:) können Schadcode enthalten.", what, shown)
	default:
		c.d.Errorf(pos, "url", urlHint, "%s „%s“ verwendet die nicht erlaubte Adressart „%s:“.", what, shown, scheme)
	}
}

// Markdown checks every Markdown text of the site: its structure (texts
// that would take the parser too long are rejected), its links and images,
// and raw HTML. Off (the default), raw HTML is dropped from the page, which
// editors must learn about; on, the site trusts its editors, but scripts,
// frames and inline styles would still break the Content-Security-Policy or
// the promise of no third-party requests. With md, the checks use what
// md collected while rendering the texts and parse only texts it has not
// seen; without, they parse every text.
func Markdown(site *content.Site, unsafeHTML bool, md *markdown.Renderer) *diag.List {
	scanned := markdown.CheckedScan
	if md != nil {
		scanned = md.Scanned
	}
	c := &checker{site: site, ix: site.Index, d: &diag.List{}}
	for _, t := range site.Texts() {
		scan, problem := scanned(t.Src)
		if problem != nil {
			c.d.Errorf(t.LineAt(problem.Line), "markdown", problem.Hint, "%s", problem.Message)
			continue
		}
		for _, r := range scan.Refs {
			c.checkURL(t.LineAt(r.Line), r.Dest, r.Image)
		}
		for _, h := range scan.HTML {
			if strings.HasPrefix(h.HTML, "</") {
				continue // the opening tag was reported already
			}
			pos := t.LineAt(h.Line)
			if !unsafeHTML {
				c.d.Warnf(pos, "roh-html",
					"Verwenden Sie Markdown (## Überschrift, **fett**, [Link](https://…)). Nur für vertrauenswürdige Inhalte: Roh-HTML in config.toml unter [markdown] mit unsafe_html = true zulassen.",
					"HTML wird nicht veröffentlicht: „%s“ erscheint nicht auf der Seite.", short(h.HTML))
				continue
			}
			if problem := htmlProblem(h.HTML); problem != "" {
				c.d.Errorf(pos, "roh-html", "Entfernen Sie das Element oder Attribut; Skripte, Rahmen und Stile kommen nur aus dem Theme.",
					"Das HTML „%s“ enthält %s.", short(h.HTML), problem)
			}
		}
	}
	for _, s := range site.Strategien { // [ausnahmen] apply here too (Check reports unknown rules)
		for rule, reason := range s.Ausnahmen {
			if strings.TrimSpace(reason) != "" {
				c.d.Accept(s.Dir+"/", rule, reason)
			}
		}
	}
	return c.d
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 50 {
		s = string(r[:47]) + "…"
	}
	return s
}

// htmlProblem names what raw HTML must not contain, or "".
func htmlProblem(src string) string {
	lx := html.NewLexer(parse.NewInputString(src))
	for {
		tt, _ := lx.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken:
			switch tag := strings.ToLower(string(lx.Text())); tag {
			case "script", "iframe", "frame", "object", "embed", "style", "base", "form", "meta", "link":
				return fmt.Sprintf("ein <%s>-Element", tag)
			}
		case html.AttributeToken:
			name := strings.ToLower(string(lx.Text()))
			val := strings.Trim(string(lx.AttrVal()), `"'`)
			switch {
			case strings.HasPrefix(name, "on"):
				return fmt.Sprintf("das Ereignis-Attribut %s", name)
			case name == "style":
				return "ein style-Attribut (von der Content-Security-Policy blockiert)"
			case name == "href" || name == "src" || name == "action" || name == "formaction" || name == "srcset":
				switch s := urlpath.Scheme(val); s {
				case "", "http", "https", "mailto", "tel":
					if name != "href" && (s == "http" || s == "https") {
						return "eine Quelle auf einem fremden Server (" + val + ")"
					}
				default:
					return "die Adresse " + val
				}
			}
		}
	}
}
