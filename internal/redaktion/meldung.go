package redaktion

import (
	"errors"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
	"tdsite/internal/model"
	"tdsite/internal/scaffold"
)

type wahlOption struct{ Wert, Text string }

type meldungDaten struct {
	Strategien []wahlOption
	Vorschau   template.HTML
	ok         string
	links      []string
}

func (d meldungDaten) erfolg() (string, []string) { return d.ok, d.links }

// vorschau renders Markdown with the site's renderer and settings, as the
// page will show it; "## …" becomes h3 below the preview's own h2.
func (h *Handler) vorschau(src string) template.HTML {
	unsafe := false
	if cfg, _ := config.Load(h.Root); cfg != nil {
		unsafe = cfg.Markdown.UnsafeHTML
	}
	out := markdown.New(unsafe).Render([]byte(src), markdown.Options{Offset: 1})
	if out == "" {
		return template.HTML("<p>(kein Text)</p>")
	}
	return out
}

// body is a textarea's text as a file stores it: browsers send CRLF.
func body(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimRight(s, " \t\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}

func (h *Handler) meldung(a *anfrage) {
	cs := h.laden()
	d := meldungDaten{}
	for _, s := range cs.Strategien {
		d.Strategien = append(d.Strategien, wahlOption{s.Slug, s.Name})
	}
	f := a.f
	if !a.post {
		// The confirmation names the file only if it matches the key pattern and exists.
		if st, name := strategie(cs, f.Wert("strategie")), f.Wert("meldung"); a.bestaetigt() && st != nil && content.ValidKey(name) {
			rel := path.Join(st.Dir, "meldungen", name+".md")
			if _, err := os.Stat(filepath.Join(h.Root, filepath.FromSlash(rel))); err == nil {
				d.ok = "Die Meldung steht in " + rel + "."
				d.links = []string{model.MeldungURL(st.Slug, name), model.StrategieURL(st.Slug)}
			}
		}
		f.Werte.Del("meldung")
		if f.Wert("datum") == "" {
			f.Werte.Set("datum", datum.FromTime(h.Today()).From.String())
		}
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	st := strategie(cs, f.Wert("strategie"))
	if st == nil {
		f.Add("strategie", "Wählen Sie die Strategie, zu der die Meldung gehört.")
	}
	f.Fehlt("titel", "Geben Sie einen Titel ein.")
	if _, err := datum.ParseDay(strings.TrimSpace(f.Wert("datum"))); err != nil {
		f.Add("datum", "Geben Sie das Datum als TT.MM.JJJJ ein, z. B. 30.06.2027.")
	}
	if f.Wert("aktion") == "vorschau" {
		d.Vorschau = h.vorschau(f.Wert("text"))
		f.Fehler = nil // the preview saves nothing; errors show on saving
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	if f.HatFehler() {
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	sc := &scaffold.Site{Root: h.Root, Today: h.Today(), DryRun: true, Content: cs}
	res, err := sc.NewMeldung(scaffold.MeldungOptions{Titel: f.Text("titel"), Strategie: st.Slug,
		Datum: f.Text("datum"), Zusammenfassung: f.Text("zusammenfassung")})
	if err != nil {
		var p *scaffold.Problem
		if errors.As(err, &p) {
			f.Add("titel", p.Msg+" "+p.Hint)
		} else {
			f.Hinweis = err.Error()
		}
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	rel := res.Created[0]
	name := strings.TrimSuffix(path.Base(rel), ".md")
	text := body(f.Wert("text"))
	var list []aenderung
	if bild, ok := a.bild(st.Slug, name); ok && bild != nil {
		// The image first: the news item never points to a missing file.
		list = append(list, *bild)
		text = "![" + markdownText(f.Text("bild_alt")) + "](/" + strings.TrimPrefix(bild.rel, "static/") + ")\n\n" + text
	} else if !ok {
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	data := append(res.Texts[rel], text...)
	if err := h.schreibe(append(list, aenderung{rel: rel, data: data})); err != nil {
		a.meldeFehler(err, "text")
		a.zeige("meldung.html", "Neue Meldung", d)
		return
	}
	a.gespeichert("/redaktion/meldung", url.Values{"strategie": {st.Slug}, "meldung": {name}})
}

// Bilder: what browsers send as photos and graphics, told by their bytes,
// never by the name or the type the browser claims.
var bildTypen = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}

// bild reads the optional image of the news form. It is stored as
// static/bilder/<strategie>/<name of the news item>.<type> – a name
// tdsite chooses, so no uploaded file name reaches a path – and is
// published as /bilder/<strategie>/…. ok is false when the form has an
// error; the image is then nil.
func (a *anfrage) bild(slug, name string) (*aenderung, bool) {
	file, hdr, err := a.r.FormFile("bild")
	if err != nil {
		if a.f.Text("bild_alt") != "" {
			a.f.Add("bild", "Wählen Sie das Bild aus, zu dem der Alternativtext gehört, oder leeren Sie das Feld Alternativtext.")
			return nil, false
		}
		return nil, true
	}
	defer file.Close()
	if hdr.Size > maxUpload {
		a.f.Add("bild", "Das Bild ist größer als 5 MB. Verkleinern Sie es (z. B. auf 2000 Pixel Breite) und wählen Sie es erneut aus.")
		return nil, false
	}
	data := make([]byte, hdr.Size)
	if _, err := io.ReadFull(file, data); err != nil {
		a.f.Add("bild", "Das Bild konnte nicht gelesen werden. Wählen Sie es erneut aus.")
		return nil, false
	}
	ext, ok := bildTypen[http.DetectContentType(data)]
	if !ok {
		a.f.Add("bild", "Die Datei ist kein Foto oder keine Grafik im Format JPEG, PNG oder WebP. Wählen Sie ein solches Bild erneut aus.")
		return nil, false
	}
	if a.f.Fehlt("bild_alt", "Beschreiben Sie, was das Bild zeigt (Alternativtext); Menschen, die das Bild nicht sehen, lesen diesen Text. Wählen Sie danach das Bild erneut aus.") {
		return nil, false
	}
	if !content.ValidKey(slug) || !content.ValidKey(name) {
		a.f.Add("bild", "Der Name der Meldung eignet sich nicht als Dateiname des Bildes.")
		return nil, false
	}
	return &aenderung{rel: "static/bilder/" + slug + "/" + name + ext, data: data}, true
}

// markdownText escapes what would end or change the alternative text of a
// Markdown image.
func markdownText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`").Replace(s)
}
