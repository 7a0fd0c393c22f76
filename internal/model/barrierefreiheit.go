package model

import (
	"html/template"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
)

// Erklaerung is the Erklärung zur Barrierefreiheit, built from the
// [barrierefreiheit] table of config.toml.
type Erklaerung struct {
	Vereinbarkeit     string // "vollstaendig", "teilweise" or "nicht"
	VereinbarkeitText string // "teilweise vereinbar"
	Standard          string
	Rechtsgrundlage   string
	Methode           template.HTML
	Pruefbericht      string
	Erstellt          datum.Datum
	Ueberprueft       datum.Datum
	Maengel           []Mangel
	Feedback          config.Kontakt
	Durchsetzung      config.Stelle
}

// Mangel is a content that is not fully accessible, with the reason and
// the accessible alternative.
type Mangel struct {
	Inhalt, Grund, Alternative template.HTML
	Automatisch                bool // found by tdsite, not written in config.toml
}

// Video is a video with captions and transcript.
type Video struct {
	content.Video
	Transkript template.HTML // TranskriptMarkdown as HTML
}

// Legal and service pages with their own template; every other page in
// content/seiten/ uses seite.html.
const (
	SeiteBarrierefreiheit = "barrierefreiheit"
	SeiteLeichteSprache   = "leichte-sprache"
	SeiteGebaerden        = "gebaerdensprache"
)

// barrierefreiheit builds the statement and makes sure its page exists,
// also when content/seiten/barrierefreiheit.md (an optional introduction)
// does not. Missing Leichte Sprache and sign language pages are added to
// the statement automatically, because tdsite knows about them.
func (b *builder) barrierefreiheit() {
	cfg := b.site.Config
	if cfg == nil || !cfg.HatErklaerung() {
		return
	}
	c := cfg.Barrierefreiheit
	e := &Erklaerung{
		Vereinbarkeit: c.Vereinbarkeit, VereinbarkeitText: config.Vereinbarkeiten[c.Vereinbarkeit],
		Standard: c.Standard, Rechtsgrundlage: c.Rechtsgrundlage, Methode: b.md.Inline(c.Methode), Pruefbericht: c.Pruefbericht,
		Erstellt: c.Erstellt, Ueberprueft: c.Ueberprueft,
		Feedback: cfg.FeedbackKontakt(), Durchsetzung: c.Durchsetzung,
	}
	for _, m := range c.Maengel {
		e.Maengel = append(e.Maengel, Mangel{Inhalt: b.md.Inline(m.Inhalt), Grund: b.md.Inline(m.Grund), Alternative: b.md.Inline(m.Alternative)})
	}
	if b.site.Seiten[SeiteLeichteSprache] == nil {
		e.Maengel = append(e.Maengel, Mangel{Automatisch: true,
			Inhalt: "Es gibt keine Erläuterung der Website in Leichter Sprache.",
			Grund:  "Der Text in Leichter Sprache ist noch nicht erstellt."})
	}
	if p := b.site.Seiten[SeiteGebaerden]; p == nil || len(p.Videos) == 0 {
		e.Maengel = append(e.Maengel, Mangel{Automatisch: true,
			Inhalt:      "Es gibt noch keine Informationen in Deutscher Gebärdensprache.",
			Grund:       "Videos in Deutscher Gebärdensprache sind noch nicht erstellt.",
			Alternative: "Die Seite „Leichte Sprache“ erklärt die Website in einfachen Worten. Fragen beantworten wir auch schriftlich."})
	}
	b.site.Barrierefreiheit = e
	if b.site.Seiten[SeiteBarrierefreiheit] == nil {
		b.site.Seiten[SeiteBarrierefreiheit] = &Seite{Seite: content.Seite{Slug: SeiteBarrierefreiheit}, URL: "/" + SeiteBarrierefreiheit + "/"}
	}
	p := b.site.Seiten[SeiteBarrierefreiheit]
	if p.Titel == "" {
		p.Titel = "Erklärung zur Barrierefreiheit"
	}
	if p.Beschreibung == "" {
		p.Beschreibung = "Wie barrierefrei diese Website ist, was noch fehlt und wie Sie Barrieren melden können."
	}
	if p.Stand.IsZero() {
		p.Stand = e.Erstellt
		if !e.Ueberprueft.IsZero() {
			p.Stand = e.Ueberprueft
		}
	}
}

// seitenText renders a page's text; Leichte Sprache keeps one sentence per line.
func (b *builder) seitenText(p *content.Seite, leichteSprache bool) template.HTML {
	return b.md.Render(p.Body.Text, markdown.Options{Zeilen: leichteSprache})
}

func (b *builder) videos(list []content.Video) []Video {
	var out []Video
	for _, v := range list {
		out = append(out, Video{Video: v, Transkript: b.md.Render([]byte(v.TranskriptMarkdown), markdown.Options{Offset: 2})})
	}
	return out
}
