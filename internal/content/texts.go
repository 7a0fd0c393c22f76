package content

import (
	"tdsite/internal/decode"
	"tdsite/internal/diag"
)

// Text is one Markdown text of the content: a file body or a TOML field
// that docs/inhaltsformat.md marks as Markdown.
type Text struct {
	Pos   diag.Pos // position of the text's first line
	Field string   // TOML key, "" for the body of a Markdown file
	Src   []byte
}

// LineAt is the position of line n (1-based) of the text.
func (t Text) LineAt(n int) diag.Pos {
	if t.Pos.Line <= 0 {
		return t.Pos
	}
	return diag.Pos{File: t.Pos.File, Line: t.Pos.Line + n - 1}
}

// URLField is a TOML field that holds a link address.
type URLField struct {
	Pos   diag.Pos
	Field string
	URL   string
}

// Texts returns every Markdown text of the site in a stable order. It is
// the one list of where Markdown may appear; checks of links and raw HTML
// rely on it being complete.
func (s *Site) Texts() []Text {
	var out []Text
	body := func(file string, m Markdown) {
		if len(m.Text) > 0 {
			out = append(out, Text{Pos: diag.Pos{File: file, Line: m.Line}, Src: m.Text})
		}
	}
	field := func(at decode.At, key, v string) {
		if v != "" {
			out = append(out, Text{Pos: at.Text(key), Field: key, Src: []byte(v)})
		}
	}
	ist := func(ia *IstAnalyse) {
		if ia != nil {
			field(ia.At, "text", ia.TextMarkdown)
		}
	}
	for _, h := range s.Handlungsfelder {
		body(h.File, h.Body)
	}
	for _, st := range s.Strategien {
		body(st.File, st.Body)
		field(st.At, "leitbild", st.LeitbildMarkdown)
		for _, lt := range st.Leitthemen {
			field(lt.At, "text", lt.TextMarkdown)
		}
		for _, f := range st.Fokusziele {
			field(f.At, "text", f.TextMarkdown)
		}
		ist(st.IstAnalyse)
		for _, h := range st.HF {
			body(h.File, h.Body)
			ist(h.IstAnalyse)
		}
		if z := st.Ziele; z != nil {
			for _, set := range z.Zielsets {
				field(set.At, "pfad", set.PfadMarkdown)
			}
			for _, set := range z.Etappenziele {
				field(set.At, "pfad", set.PfadMarkdown)
			}
		}
		if in := st.Initiativen; in != nil {
			for _, i := range in.Initiativen {
				field(i.At, "beschreibung", i.BeschreibungMarkdown)
			}
		}
		for _, m := range st.Massnahmen {
			body(m.File, m.Body)
		}
		for _, m := range st.Meldungen {
			body(m.File, m.Body)
		}
		if ls := st.LeichteSprache; ls != nil {
			body(ls.File, ls.Body)
		}
	}
	for _, p := range s.Seiten {
		body(p.File, p.Body)
	}
	return out
}

// URLFields returns every TOML field of the content that holds an address.
func (s *Site) URLFields() []URLField {
	var out []URLField
	add := func(at decode.At, key, v string) {
		if v != "" {
			out = append(out, URLField{Pos: at.Key(key), Field: key, URL: v})
		}
	}
	if a := s.Akteure; a != nil {
		for _, list := range [][]Akteur{a.Ressorts, a.Organisationen} {
			for _, ak := range list {
				add(ak.At, "url", ak.URL)
			}
		}
	}
	for _, st := range s.Strategien {
		for _, l := range st.QuelleLinks {
			add(l.At, "url", l.URL)
		}
		for _, q := range st.Quellen {
			add(q.At, "url", q.URL)
		}
	}
	return out
}
