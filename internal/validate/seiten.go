package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/markdown"
)

// seiteText checks what editors write on plain pages and in Leichte
// Sprache: placeholders left in, language marks with a wrong code, and
// videos without captions or transcript.
func (c *checker) seiteText(p *content.Seite) {
	config.Platzhalter(p.File, p.Body.Text, p.Body.Line, c.d)
	c.sprachcodes(p.File, p.Body)
	for _, v := range p.Videos {
		c.video(v)
	}
}

// markdownTexte checks the language marks of every Markdown body of the
// strategies and Handlungsfelder (pages are checked in seiteText).
func (c *checker) markdownTexte() {
	for _, h := range c.site.Handlungsfelder {
		c.sprachcodes(h.File, h.Body)
	}
	for _, s := range c.site.Strategien {
		c.sprachcodes(s.File, s.Body)
		for _, h := range s.HF {
			c.sprachcodes(h.File, h.Body)
		}
		for _, m := range s.Massnahmen {
			c.sprachcodes(m.File, m.Body)
		}
		for _, m := range s.Meldungen {
			c.sprachcodes(m.File, m.Body)
		}
		if ls := s.LeichteSprache; ls != nil {
			c.seiteText(ls)
		}
	}
}

// sprachcodes reports [Text]{lang=…} marks whose code is not a language code.
func (c *checker) sprachcodes(file string, body content.Markdown) {
	if !bytes.Contains(body.Text, []byte("]{lang=")) {
		// No mark at all, as in most texts: splitting all texts of 10,000
		// pages into lines cost more than the other checks together.
		return
	}
	for i, line := range strings.Split(string(body.Text), "\n") {
		for _, code := range markdown.FalscheSprachcodes(line) {
			c.d.Errorf(diag.Pos{File: file, Line: body.Line + i}, "sprache",
				"Schreiben Sie den Sprachcode nach ISO 639, z. B. [Open Data]{lang=en} für Englisch oder {lang=fr} für Französisch.",
				"„%s“ ist kein Sprachcode.", code)
		}
	}
}

func (c *checker) video(v content.Video) {
	local := func(key, p string) {
		switch {
		case strings.HasPrefix(p, "https://"):
		case strings.HasPrefix(p, "/"):
			if _, err := os.Stat(filepath.Join(c.site.Root, "static", filepath.FromSlash(p))); err != nil {
				c.d.Errorf(v.At.Key(key), "video", "Legen Sie die Datei in den Ordner static/ der Website (z. B. static/videos/…) oder korrigieren Sie den Pfad.",
					"Die Datei „%s“ gibt es nicht unter static/.", p)
			}
		default:
			c.d.Errorf(v.At.Key(key), "video", `Schreiben Sie einen Pfad unter static/ mit / am Anfang, z. B. "/videos/start.mp4", oder eine https-Adresse.`,
				"„%s“ ist weder ein Pfad noch eine https-Adresse.", p)
		}
	}
	local("datei", v.Datei)
	if v.Untertitel == "" {
		c.d.Warnf(v.At.Pos(), "video", `Ergänzen Sie untertitel = "/videos/….vtt" (WebVTT); Untertitel braucht, wer nicht hört.`,
			"Das Video „%s“ hat keine Untertitel.", v.Titel)
	} else {
		if !strings.HasSuffix(strings.ToLower(v.Untertitel), ".vtt") {
			c.d.Errorf(v.At.Key("untertitel"), "video", "Browser zeigen Untertitel nur im Format WebVTT (.vtt) an.",
				"Die Untertitel „%s“ sind keine WebVTT-Datei.", v.Untertitel)
		}
		local("untertitel", v.Untertitel)
	}
	if v.Vorschaubild != "" {
		local("vorschaubild", v.Vorschaubild)
	}
	if strings.TrimSpace(v.TranskriptMarkdown) == "" {
		c.d.Warnf(v.At.Pos(), "video", `Ergänzen Sie transkript = """…""" mit dem Inhalt des Videos als Text; er hilft Menschen, die weder hören noch sehen können, und Suchmaschinen.`,
			"Das Video „%s“ hat keinen Text zum Nachlesen (Transkript).", v.Titel)
	}
}
