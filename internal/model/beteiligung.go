package model

import (
	"fmt"
	"html/template"
	"sort"

	"tdsite/internal/content"
	"tdsite/internal/datum"
)

// Beschluss is a decision about a strategy, as the landing page lists it.
// Build sets Zyklus to at least 1; Gremium and Phase are the keys of
// content.Beschluss resolved.
type Beschluss struct {
	content.Beschluss
	Anker       string   // HTML id on the landing page
	Gremium     *Gremium // nil when the body is not a Gremium of the strategy
	GremiumText string   // the body as written, for bodies such as "Kabinett"
	Phase       *content.PhaseInfo
}

// GremiumName is the name of the deciding body for readers.
func (b *Beschluss) GremiumName() string {
	if b.Gremium != nil {
		return b.Gremium.Name
	}
	return b.GremiumText
}

// Beteiligung is contact and participation of a strategy. It exists for
// every strategy, so that the page can say plainly what is not published.
// The embedded file is empty when the strategy has no beteiligung.toml.
type Beteiligung struct {
	content.Beteiligung
	Mitmachen  template.HTML // MitmachenMarkdown as HTML
	Kommend    []*Format     // upcoming or running, soonest first
	Vergangen  []*Format     // newest first
	OhneTermin []*Format     // named in a source without a date
}

// Leer reports whether nothing about participation is published.
func (b *Beteiligung) Leer() bool {
	return b.Kontakt == nil && b.Mitmachen == "" && len(b.Kommend)+len(b.Vergangen)+len(b.OhneTermin) == 0
}

// Format is a participation format (event, consultation, survey …).
type Format struct {
	content.Format // Datum or Von/Bis, never both
	Strategie      *Strategie
	Anker          string
	ArtLabel       string
	Text           template.HTML // TextMarkdown as HTML
	Kommend        bool          // not over on the build date
}

// Beginn is the first day of the format.
func (f *Format) Beginn() datum.Datum {
	if !f.Datum.IsZero() {
		return f.Datum
	}
	return f.Von
}

// Ende is the last day of the format.
func (f *Format) Ende() datum.Datum {
	if !f.Bis.IsZero() {
		return f.Bis
	}
	return f.Beginn()
}

// Datetime is the value of a <time datetime> for a date of day or month
// precision: "2025-05-22" or "2014-05". A month is not a day, so it is not
// written as its first day.
func Datetime(d datum.Datum) string {
	if d.IsZero() {
		return ""
	}
	if d.From.Prec == datum.Monat {
		return d.Start().Format("2006-01")
	}
	if d.From.Prec == datum.Jahr {
		return d.Start().Format("2006")
	}
	return d.ISO()
}

// PhasenBeschluesse are the decisions that belong to a phase of a cycle:
// the six-phase block links them.
func (s *Strategie) PhasenBeschluesse(key string, zyklus int) []*Beschluss {
	var out []*Beschluss
	for _, b := range s.Beschluesse {
		if b.Phase != nil && b.Phase.Key == key && (b.Zyklus == zyklus || key == "projektstart") {
			out = append(out, b)
		}
	}
	return out
}

// beschluesseUndBeteiligung links beschluesse.toml and beteiligung.toml
// of a strategy. Formats are past or upcoming relative to the build date,
// so that a rebuild with a fixed build_datum gives the same pages.
func (b *builder) beschluesseUndBeteiligung(c *content.Strategie) {
	st := b.site.strategien[c.Slug]
	if st == nil {
		return
	}
	if c.Beschluesse != nil {
		st.Files = append(st.Files, c.Beschluesse.File)
		gremien := map[string]*Gremium{}
		for _, g := range st.Gremien {
			gremien[g.Schluessel] = g
		}
		seen := map[string]int{}
		for _, cb := range c.Beschluesse.Beschluesse {
			if cb.Datum.IsZero() {
				continue // reported by the check
			}
			bs := &Beschluss{Beschluss: cb, Gremium: gremien[cb.Gremium]}
			bs.Zyklus = max(cb.Zyklus, 1)
			if bs.Gremium == nil {
				bs.GremiumText = cb.Gremium
			}
			if i := content.PhaseIndex(cb.Phase); i >= 0 {
				bs.Phase = &content.Phasen[i]
			}
			bs.Anker = ankerEindeutig("beschluss-"+Datetime(bs.Datum), seen)
			st.Beschluesse = append(st.Beschluesse, bs)
		}
		// Stable: decisions of one day keep the order of the file.
		sort.SliceStable(st.Beschluesse, func(i, j int) bool {
			return st.Beschluesse[i].Datum.Start().Before(st.Beschluesse[j].Datum.Start())
		})
		st.StandBeschluesse = c.Beschluesse.Stand
	}
	bt := &Beteiligung{}
	st.Beteiligung = bt
	cb := c.Beteiligung
	if cb == nil {
		return
	}
	st.Files = append(st.Files, cb.File)
	bt.Beteiligung = *cb
	if cb.MitmachenMarkdown != "" {
		bt.Mitmachen = b.text(cb.MitmachenMarkdown, "", 1)
	}
	heute := b.site.BuildDate.Start()
	seen := map[string]int{}
	for _, cf := range cb.Formate {
		f := &Format{Format: cf, Strategie: st, ArtLabel: content.FormatArten[cf.Art]}
		if f.ArtLabel == "" {
			f.ArtLabel = content.FormatArten["sonstiges"]
		}
		if cf.TextMarkdown != "" {
			f.Text = b.text(cf.TextMarkdown, "", 1)
		}
		f.Anker = ankerEindeutig("beteiligung-"+content.Slugify(cf.Titel), seen)
		switch {
		case f.Beginn().IsZero():
			bt.OhneTermin = append(bt.OhneTermin, f)
		case b.site.BuildDate.IsZero() || !f.Ende().End().Before(heute):
			f.Kommend = true
			bt.Kommend = append(bt.Kommend, f)
			if !st.Abgeloest {
				b.site.Termine = append(b.site.Termine, f)
			}
		default:
			bt.Vergangen = append(bt.Vergangen, f)
		}
	}
	sort.SliceStable(bt.Kommend, func(i, j int) bool {
		return bt.Kommend[i].Beginn().Start().Before(bt.Kommend[j].Beginn().Start())
	})
	sort.SliceStable(bt.Vergangen, func(i, j int) bool {
		return bt.Vergangen[i].Beginn().Start().After(bt.Vergangen[j].Beginn().Start())
	})
}

// sortTermine orders the upcoming formats of all strategies, soonest first.
func (s *Site) sortTermine() {
	sort.SliceStable(s.Termine, func(i, j int) bool {
		return s.Termine[i].Beginn().Start().Before(s.Termine[j].Beginn().Start())
	})
}

// ankerEindeutig makes an id unique on the page: a second decision of the
// same day gets "-2".
func ankerEindeutig(base string, seen map[string]int) string {
	seen[base]++
	if n := seen[base]; n > 1 {
		return fmt.Sprintf("%s-%d", base, n)
	}
	return base
}

// Zeit is the datetime attribute of the decision's date.
func (b *Beschluss) Zeit() string { return Datetime(b.Datum) }

// ZeitBeginn and ZeitEnde are the datetime attributes of the format's days.
func (f *Format) ZeitBeginn() string { return Datetime(f.Beginn()) }

// ZeitEnde is the datetime attribute of the last day of a span.
func (f *Format) ZeitEnde() string { return Datetime(f.Bis) }
