package model

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
)

// Dokument is a download of a strategy, with the facts BITV asks for.
type Dokument struct {
	Titel            string
	Art              string // key of content.DokumentArten
	ArtName          string
	URL              string // site path of the copy, or the external address
	Extern           bool   // URL points elsewhere: type and size are unknown
	Typ              string // "PDF", "" when Extern
	MIME             string
	Groesse          int64
	GroesseText      string // "1,2 MB"
	Sprache          string // language code
	SpracheName      string
	Datum            datum.Datum
	Barrierefrei     string // ja, teilweise, nein or ""
	BarrierefreiText string
	Hinweis          string
	Quelle           string // the file to copy (absolute); "" when Extern
	Datei            string // the file relative to the site folder, for the preview's dependencies
	Eintrag          string // dokumente.toml
}

// Sprachnamen names the languages documents are likely in.
var Sprachnamen = map[string]string{
	"de": "Deutsch", "en": "Englisch", "fr": "Französisch", "pl": "Polnisch", "cs": "Tschechisch",
	"ru": "Russisch", "uk": "Ukrainisch", "ar": "Arabisch", "tr": "Türkisch", "es": "Spanisch", "it": "Italienisch",
}

// Groesse writes a file size the German way: "412 Byte", "38 KB", "1,2 MB".
func Groesse(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " Byte"
	case n < 1024*1024:
		return strconv.FormatInt((n+512)/1024, 10) + " KB"
	}
	s := strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64)
	return strings.Replace(s, ".", ",", 1) + " MB"
}

// dokumente attaches the downloads and external yardsticks of c to st.
// Validation made sure every named file exists with an allowed type; what
// is still wrong here is left out rather than guessed.
func (b *builder) dokumente(st *Strategie, c *content.Strategie) {
	if c.Dokumente != nil {
		files := map[string]*content.Datei{}
		for _, f := range c.Dateien {
			files["dokumente/"+f.Name] = f
		}
		for _, d := range c.Dokumente.Dokumente {
			m := &Dokument{Titel: d.Titel, Art: d.Art, ArtName: content.DokumentArten[d.Art], Sprache: orDefault(d.Sprache, "de"),
				Datum: d.Datum, Barrierefrei: d.Barrierefrei, BarrierefreiText: content.Barrierefrei[d.Barrierefrei], Hinweis: d.Hinweis}
			m.Eintrag = c.Dokumente.File
			m.SpracheName = orDefault(Sprachnamen[m.Sprache], m.Sprache)
			if m.BarrierefreiText == "" {
				m.BarrierefreiText = "Angabe zur Barrierefreiheit fehlt"
			}
			switch {
			case d.URL != "":
				m.URL, m.Extern = d.URL, true
			default:
				f := files[d.Datei]
				typ, ok := content.DokumentTypen[strings.ToLower(path.Ext(d.Datei))]
				if f == nil || !ok {
					continue
				}
				m.URL = st.URL + "dokumente/" + f.Name
				m.Typ, m.MIME, m.Groesse, m.GroesseText, m.Quelle, m.Datei = typ.Name, typ.MIME, f.Size, Groesse(f.Size), f.Abs, f.Rel
			}
			if m.Datei != "" { // the landing page shows its size: a new file means a new page
				st.Files = append(st.Files, m.Datei)
			}
			st.Dokumente = append(st.Dokumente, m)
		}
		st.Files = append(st.Files, c.Dokumente.File)
	}
	if k := c.Kennzahlen; k != nil {
		for _, e := range k.Externe {
			x := &ExternerIndikator{ExternerIndikator: e, Strategie: st}
			x.Werte = append([]ExternerWert(nil), e.Werte...) // sorted below; the parsed file stays as written
			sort.SliceStable(x.Werte, func(i, j int) bool { return x.Werte[i].Datum.Start().Before(x.Werte[j].Datum.Start()) })
			st.ExterneIndikatoren = append(st.ExterneIndikatoren, x)
		}
		st.StandKennzahlen = orDate(k.Stand, st.Stand)
		st.Files = append(st.Files, k.File)
	}
	sort.Strings(st.Files)
}

// ExternerIndikator is a yardstick published by someone else that a
// strategy names (Smart State: D21-Digital-Index, Bitkom-Länderindex,
// Dashboard Digitale Verwaltung).
// Build sorts Werte by date.
type ExternerIndikator struct {
	content.ExternerIndikator
	Strategie *Strategie
}

// ExternerWert is one published value, with its source.
type ExternerWert = content.ExternerWert

// Letzter returns the newest value, or nil.
func (x *ExternerIndikator) Letzter() *ExternerWert {
	if len(x.Werte) == 0 {
		return nil
	}
	return &x.Werte[len(x.Werte)-1]
}

// ExterneIndikatoren lists the external yardsticks of the real strategies,
// for the Digitale Agenda; the fictional example's stay on its own page.
func (s *Site) ExterneIndikatoren() []*ExternerIndikator {
	var out []*ExternerIndikator
	for _, st := range s.Strategien {
		if !st.Fiktiv {
			out = append(out, st.ExterneIndikatoren...)
		}
	}
	return out
}

func orDate(d, fallback datum.Datum) datum.Datum {
	if d.IsZero() {
		return fallback
	}
	return d
}
