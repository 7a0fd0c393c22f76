package model

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
)

func lower(s string) string { return strings.ToLower(s) }

// anchorID makes an HTML id from an ID like "Z1.1" → "z1-1", as
// content.Slugify does. IDs are ASCII: for them it is done here in one
// pass, without Slugify's transliteration, which took a tenth of the
// model's time at 10,000 measures.
func anchorID(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return content.Slugify(s)
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

type builder struct {
	cs   *content.Site
	md   *markdown.Renderer
	site *Site
	// mitText: whether a measure's text makes HTML (Renderer.HatHTML),
	// asked beside the linking on one core; a measure not in it is asked
	// when it is linked.
	mitText map[*content.Massnahme]bool
	// vorbereitet: the measures of each strategy of cs, made beside the
	// linking (massnahmenVorbereiten).
	vorbereitet []vorbereitet
	// zielPool: room for the goals of the strategy being linked (ziele).
	zielPool []Ziel
	// schluessel: the buffer of ziel's lookup keys.
	schluessel []byte
}

// Build links validated content into the model. It tolerates content with
// errors (skipping what cannot be resolved), so that the dev server can still
// show the last good state next to the errors.
func Build(cs *content.Site, cfg *config.Config, md *markdown.Renderer, buildDate datum.Datum) *Site {
	return build(cs, cfg, md, buildDate, true)
}

// BuildNachVorab is Build after Vorab(cs, md): it does not hand md the
// texts a second time. At 10,000 pages that pass found every text in
// md's cache and only hashed them all, while the model waited for it.
func BuildNachVorab(cs *content.Site, cfg *config.Config, md *markdown.Renderer, buildDate datum.Datum) *Site {
	return build(cs, cfg, md, buildDate, false)
}

func build(cs *content.Site, cfg *config.Config, md *markdown.Renderer, buildDate datum.Datum, vorab bool) *Site {
	// Maps made as large as they get: grown step by step, the ones of
	// measures and goals were rehashed a dozen times at 10,000 pages.
	var nMassnahmen, nZiele int
	for _, st := range cs.Strategien {
		nMassnahmen += len(st.Massnahmen)
		nZiele += zielAnzahl(st.Ziele)
	}
	s := &Site{
		Config:          cfg,
		BuildDate:       buildDate,
		Seiten:          map[string]*Seite{},
		strategien:      make(map[string]*Strategie, len(cs.Strategien)),
		handlungsfelder: make(map[string]*Handlungsfeld, len(cs.Handlungsfelder)),
		massnahmen:      make(map[string]*Massnahme, nMassnahmen),
		akteure:         map[string]*Akteur{},
		ziele:           make(map[string]*Ziel, nZiele),
	}
	if nMassnahmen > 0 {
		s.Massnahmen = make([]*Massnahme, 0, nMassnahmen)
	}
	b := &builder{cs: cs, md: md, site: s}
	// The other core hashes the measures' texts and then makes the
	// measures (massnahmenVorbereiten) while the strategies are linked;
	// it needs the actors and fields of action for that.
	stamm, texte := make(chan struct{}), make(chan struct{})
	go func() {
		if vorab {
			b.vorab()
		}
		b.mitTexten()
		<-stamm
		b.vorbereitet = make([]vorbereitet, len(cs.Strategien))
		for i, cst := range cs.Strategien {
			b.vorbereitet[i] = b.massnahmenVorbereiten(cst)
		}
		close(texte)
	}()
	b.akteure()
	b.handlungsfelder()
	close(stamm)
	for _, cst := range cs.Strategien {
		b.strategieBasis(cst)
	}
	for _, cst := range cs.Strategien {
		b.strategieLinks(cst)
	}
	for _, cst := range cs.Strategien {
		b.ziele(cst)
		b.wirkung(cst)
	}
	<-texte
	// Related strategies need the fields of action and the declared
	// links alone, and the linking below touches neither: they are found
	// on the core that hashed the texts.
	verwandt := make(chan struct{})
	go func() {
		b.related()
		close(verwandt)
	}()
	for i, cst := range cs.Strategien {
		b.initiativen(cst)
		b.massnahmen(cst, b.vorbereitet[i])
		b.meldungen(cst)
		b.beschluesseUndBeteiligung(cst)
	}
	<-verwandt
	b.seiten()
	b.berichte()
	b.barrierefreiheit()
	b.order()
	s.sortTermine()
	b.beispieleTrennen()
	b.verbindungen()
	return s
}

// Vorab renders the texts of measures and news on all cores into md's
// cache, where Build finds them: a build starts it while the content is
// still being checked on one core.
func Vorab(cs *content.Site, md *markdown.Renderer) { (&builder{cs: cs, md: md}).vorab() }

// eigeneSeite renders the text of a measure or news item, which has a
// page of its own.
var eigeneSeite = markdown.Options{}

// vorab renders the texts of measures and news on all cores before the
// model is linked on one: they are most of the Markdown of a large site,
// and the builder then finds them in the renderer's cache.
func (b *builder) vorab() {
	var texts [][]byte
	for _, st := range b.cs.Strategien {
		for _, m := range st.Massnahmen {
			texts = append(texts, m.Body.Text)
		}
		for _, m := range st.Meldungen {
			texts = append(texts, m.Body.Text)
		}
	}
	b.md.RenderAll(texts, eigeneSeite)
}

// mitTexten asks for every measure whether its text makes HTML. Each
// answer hashes the text: at 10,000 pages as long as linking the
// measures, so it is done while the strategies are linked.
func (b *builder) mitTexten() {
	n := 0
	for _, st := range b.cs.Strategien {
		n += len(st.Massnahmen)
	}
	m := make(map[*content.Massnahme]bool, n)
	for _, st := range b.cs.Strategien {
		for _, cm := range st.Massnahmen {
			m[cm] = b.md.HatHTML(cm.Body.Text, eigeneSeite)
		}
	}
	b.mitText = m
}

// eigenerText renders the text of a measure or news item; without a
// renderer (a model made by hand) there is none.
func eigenerText(md *markdown.Renderer, src []byte) template.HTML {
	if md == nil {
		return ""
	}
	return md.Render(src, eigeneSeite)
}

func (b *builder) render(m content.Markdown, prefix string, offset int) template.HTML {
	return b.md.Render(m.Text, markdown.Options{Prefix: prefix, Offset: offset})
}

func (b *builder) text(s, prefix string, offset int) template.HTML {
	return b.md.Render([]byte(s), markdown.Options{Prefix: prefix, Offset: offset})
}

// collate makes German names sort as readers expect (Ä with A, ß as ss).
func collate(s string) string { return collation.Replace(strings.ToLower(s)) }

// collation is made once: a replacer builds its lookup table on first use,
// and sorting 170 strategies built it for every comparison.
var collation = strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss", "„", "", "“", "")

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func appendUnique[T comparable](list []T, v T) []T {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// naturalLess sorts IDs with numbers by value: "M1-2" before "M1-10".
func naturalLess(a, b string) bool { return naturalCmp(a, b) < 0 }

// naturalCmp compares as naturalLess orders, for slices.SortStableFunc.
func naturalCmp(a, b string) int {
	for a != "" && b != "" {
		ca, cb := a[0], b[0]
		if isDigit(ca) && isDigit(cb) {
			na, ra := number(a)
			nb, rb := number(b)
			if na != nb {
				return cmp.Compare(na, nb)
			}
			a, b = ra, rb
			continue
		}
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func number(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && isDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, s[i:]
}

// order sorts strategies: current framework strategies, then sectoral ones by
// name, fictional examples and superseded strategies last.
func (b *builder) order() {
	rank := func(s *Strategie) int {
		switch {
		case s.Rahmen && !s.Abgeloest:
			return 0
		case s.Beispiel:
			return 2
		case s.Abgeloest:
			return 3
		}
		return 1
	}
	// The sort keys are made once, not for each comparison.
	name := make(map[*Strategie]string, len(b.site.Strategien))
	for _, s := range b.site.Strategien {
		name[s] = collate(s.Name)
	}
	slices.SortStableFunc(b.site.Strategien, func(a, c *Strategie) int {
		if ra, rc := rank(a), rank(c); ra != rc {
			return cmp.Compare(ra, rc)
		}
		return strings.Compare(name[a], name[c])
	})
	pos := make(map[*Strategie]int, len(b.site.Strategien))
	for i, s := range b.site.Strategien {
		pos[s] = i
	}
	byOrder := func(list []*Strategie) {
		slices.SortStableFunc(list, func(a, c *Strategie) int { return cmp.Compare(pos[a], pos[c]) })
	}
	for _, s := range b.site.Strategien {
		byOrder(s.Abgeleitete)
		byOrder(s.Verwandt)
		byOrder(s.Vorgaenger)
		byOrder(s.Nachfolger)
	}
	for _, h := range b.site.Handlungsfelder {
		byOrder(h.Strategien)
		slices.SortStableFunc(h.Eintraege, func(a, c *StrategieHF) int { return cmp.Compare(pos[a.Strategie], pos[c.Strategie]) })
	}
	// All measures by strategy order and ID: each strategy lists its own
	// by ID already (massnahmen), so they are its lists one after another.
	alle := b.site.Massnahmen[:0]
	for _, s := range b.site.Strategien {
		alle = append(alle, s.Massnahmen...)
	}
	b.site.Massnahmen = alle
	sortNews(b.site.Meldungen)
}
