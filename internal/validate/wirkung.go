package validate

import (
	"fmt"
	"strings"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
)

// wirkung checks wirkung.toml: the dated impact assessments (Leitfaden
// 000:907-914). Whether one is due depends on the build day: Fristen.
func (c *checker) wirkung(s *content.Strategie) {
	w := s.Wirkung
	if w == nil {
		return
	}
	c.exactDay(w.At.Key("stand"), w.Stand, "stand")
	seen := map[string]diag.Pos{}
	for _, m := range w.Messungen {
		c.exactDay(m.At.Key("datum"), m.Datum, "datum")
		c.exactDay(m.At.Key("naechste"), m.Naechste, "naechste")
		if m.Zielset != "" {
			switch g, ok := c.ix.Goal(s, m.Zielset); {
			case strings.Contains(m.Zielset, "/"):
				c.d.Errorf(m.At.Key("zielset"), "verweis-ziel", "Eine Wirkungsmessung steht bei der Strategie, zu der das Zielset gehört.",
					"Wirkungsmessungen können nur Zielsets der eigenen Strategie betreffen.")
			case !ok:
				c.goalMissing(m.At.Key("zielset"), s, m.Zielset)
			case g.Kind != content.ZielQualitativ:
				c.d.Errorf(m.At.Key("zielset"), "verweis-ziel", "Nennen Sie die ID eines Zielsets aus [[zielset]], z. B. „Z1“; ohne zielset gilt die Messung der ganzen Strategie.",
					"„%s“ ist %s, kein Zielset.", m.Zielset, kindName(g.Kind))
			}
		}
		if !m.Datum.IsZero() && !m.Naechste.IsZero() && !m.Naechste.Start().After(m.Datum.End()) {
			c.d.Errorf(m.At.Key("naechste"), "wirkungsmessung", "Die nächste Wirkungsmessung folgt auf diese; ohne Angabe gilt das Datum plus zwei Jahre.",
				"Die nächste Messung (%s) ist nicht nach dieser (%s) fällig.", m.Naechste.Raw, m.Datum.Raw)
		}
		if !m.Datum.IsZero() {
			k := m.Zielset + "|" + m.Datum.ISO()
			if prev, dup := seen[k]; dup {
				c.d.Errorf(m.At.Pos(), "doppelt", "Fassen Sie die Einträge zusammen oder korrigieren Sie das Datum.",
					"Für diesen Gegenstand gibt es am %s schon eine Wirkungsmessung (%s).", m.Datum.Raw, prev)
			}
			seen[k] = m.At.Pos()
		}
		if !s.Stand.IsZero() && !m.Datum.IsZero() && m.Datum.Start().After(s.Stand.End()) && !w.Stand.IsZero() && m.Datum.Start().After(w.Stand.End()) {
			c.d.Warnf(m.At.Key("datum"), "wirkungsmessung", "Setzen Sie stand auf den Tag, an dem die Angaben geprüft wurden.",
				"Die Wirkungsmessung vom %s liegt nach dem Stand der Angaben (%s).", m.Datum.Raw, w.Stand.Raw)
		}
	}
}

// Fristen checks what is due by the build day heute: impact assessments
// (overdue, or missing after the Etappenziele year) and yearly progress
// reports without a gap. `tdsite check` and the build run it next to the
// model checks; findings are acknowledged like those of Check.
func Fristen(site *content.Site, heute datum.Datum) *diag.List {
	c := &checker{site: site, ix: site.Index, d: &diag.List{}}
	if heute.IsZero() {
		return c.d
	}
	tag := heute.Start()
	for _, s := range site.Strategien {
		if s.AbgeloestDurch != "" || abgeloest(site, s) || c.fehlerhaft(s.Dir+"/wirkung.toml") {
			continue // a superseded plan is no longer assessed
		}
		c.wirkungFaellig(s, tag, heute)
	}
	c.berichtLuecken(tag.Year())
	return c.d
}

// abgeloest reports whether a newer strategy names s as its predecessor.
func abgeloest(site *content.Site, s *content.Strategie) bool {
	for _, o := range site.Strategien {
		for _, v := range o.Vorgaenger {
			if v == s.Slug && o != s {
				return true
			}
		}
	}
	return false
}

func (c *checker) wirkungFaellig(s *content.Strategie, tag time.Time, heute datum.Datum) {
	var list []content.Wirkungsmessung
	if s.Wirkung != nil {
		list = s.Wirkung.Messungen
	}
	// Only the latest assessment of each scope (strategy, goal set) has a due date that counts.
	latest := map[string]content.Wirkungsmessung{}
	var order []string
	for _, m := range list {
		if m.Datum.IsZero() {
			continue
		}
		prev, ok := latest[m.Zielset]
		if !ok {
			order = append(order, m.Zielset)
		}
		if !ok || prev.Datum.Start().Before(m.Datum.Start()) {
			latest[m.Zielset] = m
		}
	}
	for _, k := range order {
		m := latest[k]
		due, pos := m.Naechste, m.At.Key("naechste")
		if !due.IsZero() && !due.Start().After(m.Datum.End()) {
			continue // reported as an error by Check
		}
		if due.IsZero() {
			due, pos = datum.FromTime(m.Datum.Start().AddDate(content.WirkungTurnusJahre, 0, 0)), m.At.Key("datum")
		}
		if due.End().Before(tag) {
			was := "der Strategie"
			if k != "" {
				was = "des Zielsets " + k
			}
			c.d.Warnf(pos, "wirkungsmessung-faellig", "Tragen Sie die neue Wirkungsmessung als [[wirkungsmessung]] in wirkung.toml ein, oder setzen Sie naechste auf den beschlossenen Termin.",
				"Die nächste Wirkungsmessung %s war am %s fällig (Stand der Prüfung: %s).", was, due.String(), heute.String())
		}
	}
	if len(latest) == 0 && s.Leitfaden() && s.AktuellePhase == "umsetzung" && tag.Year() > s.HorizontEtappenJahr() {
		c.d.Warnf(s.At.Key("aktuelle_phase"), "wirkungsmessung-faellig",
			fmt.Sprintf("Legen Sie %s/wirkung.toml mit der ersten [[wirkungsmessung]] an (datum, methode, ergebnis); ist noch keine veröffentlicht, quittieren Sie die Warnung unter [ausnahmen].", s.Dir),
			"Die Etappenziele galten bis %d; der Leitfaden sieht danach alle zwei Jahre eine Wirkungsmessung vor, es ist aber keine eingetragen.", s.HorizontEtappenJahr())
	}
}

// berichtLuecken warns about years without a progress report between the
// first report and the running year: the Leitfaden's report is yearly. The
// running year's report may still be in the making.
func (c *checker) berichtLuecken(jahr int) {
	if len(c.site.Berichte) == 0 {
		return
	}
	have := map[int]bool{}
	first := 0
	for _, b := range c.site.Berichte {
		if !jahrMoeglich(b.Jahr) {
			continue
		}
		have[b.Jahr] = true
		if first == 0 || b.Jahr < first {
			first = b.Jahr
		}
	}
	if first == 0 {
		return
	}
	var fehlt []string
	vor := "" // the report the first missing one should have followed
	for y := first + 1; y < jahr; y++ {
		if !have[y] {
			fehlt = append(fehlt, fmt.Sprint(y))
		}
	}
	if len(fehlt) == 0 {
		return
	}
	for _, b := range c.site.Berichte {
		if b.Jahr < first+len(fehlt)+1 && b.Jahr >= first && fmt.Sprint(b.Jahr+1) == fehlt[0] {
			vor = b.File
		}
	}
	if vor == "" {
		vor = "content/agenda/"
	}
	c.d.Warnf(diag.Pos{File: vor}, "bericht-luecke",
		fmt.Sprintf("Legen Sie content/agenda/fortschrittsbericht-%s.md an (Aufbau wie die vorhandenen Berichte, siehe docs/inhaltsformat.md).", fehlt[0]),
		"Der Fortschrittsbericht erscheint jährlich, für %s fehlt er (erster Bericht: %d).", strings.Join(fehlt, ", "), first)
}
