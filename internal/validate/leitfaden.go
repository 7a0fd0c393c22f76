package validate

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tdsite/internal/content"
)

// leitfaden checks rules of the Leitfaden that concern the whole strategy
// rather than one file: the central Leitbild of a framework, Etappenziele
// with measures, measurable goals, and the Steuerkreis.
func (c *checker) leitfaden(s *content.Strategie) {
	if s.IsRahmen() && strings.TrimSpace(s.LeitbildMarkdown) == "" {
		// 000:70-83: the framework sets the central Leitbild every sectoral strategy takes up.
		c.d.Warnf(s.At.Pos(), "rahmen-leitbild", "Tragen Sie das zentrale Leitbild unter leitbild = \"\"\"…\"\"\" ein; nennt die Quelle keins, quittieren Sie die Warnung unter [ausnahmen].",
			"Die Rahmenstrategie nennt kein zentrales Leitbild, das die sektoralen Strategien aufnehmen können.")
	}
	if !s.Leitfaden() {
		return
	}
	c.quantitativBasis(s)
	c.etappenMassnahmen(s)
	c.steuerkreis(s)
}

// quantitativBasis: a measurable goal needs an indicator and a baseline to
// be measured every six months (000:54-55, 898). Before the Strategieaktivierung
// they may still be worked out; from then on the goals are decided.
func (c *checker) quantitativBasis(s *content.Strategie) {
	if s.Ziele == nil || c.fehlerhaft(s.Dir+"/ziele.toml") {
		return
	}
	pflicht := s.PhaseReached("aktivierung")
	check := func(q content.Quantitativ) {
		var fehlt []string
		if strings.TrimSpace(q.Indikator) == "" {
			fehlt = append(fehlt, "Indikator")
		}
		if q.Basis == nil {
			fehlt = append(fehlt, "Ausgangswert")
		}
		if len(fehlt) == 0 {
			return
		}
		hint := "Ergänzen Sie indikator = \"…\" und [….basis] mit wert und datum; gemessen wird alle 6 Monate gegen den Ausgangswert."
		msg := fmt.Sprintf("Das quantitative Ziel „%s“ hat keinen %s.", q.ID, strings.Join(fehlt, " und keinen "))
		if pflicht && !q.Entwurf {
			c.d.Errorf(q.At.Pos(), "quantitativ-basis", hint+" Ab der Strategieaktivierung sind die Ziele beschlossen.", "%s", msg)
		} else {
			c.d.Warnf(q.At.Pos(), "quantitativ-basis", hint, "%s", msg)
		}
	}
	for _, set := range s.Ziele.Zielsets {
		for _, q := range set.Quantitativ {
			check(q)
		}
	}
	for _, set := range s.Ziele.Etappenziele {
		for _, q := range set.Quantitativ {
			check(q)
		}
	}
}

// etappenMassnahmen: from the phase "Formulierung Ziele und Maßnahmen" on,
// measures are written to reach the Etappenziele (000:540-560); an
// Etappenziel nothing contributes to will not be reached. A measure counts
// when it names the Etappenziel, one of its measurable goals, or an
// initiative supporting them – in any strategy.
func (c *checker) etappenMassnahmen(s *content.Strategie) {
	if s.Ziele == nil || !s.PhaseReached("ziele-massnahmen") || len(s.Ziele.Etappenziele) == 0 {
		return
	}
	// A measure file with errors may name the Etappenziel in a part that
	// could not be read. References from other strategies are rare; their
	// errors do not silence this strategy.
	if c.fehlerhaft(s.Dir + "/initiativen.toml") {
		return
	}
	for _, m := range s.Massnahmen {
		if c.fehlerhaft(m.File) {
			return
		}
	}
	beitrag := c.beitraege()
	for _, set := range s.Ziele.Etappenziele {
		ok := beitrag[s.Slug+"/"+set.ID]
		for _, q := range set.Quantitativ {
			ok = ok || beitrag[s.Slug+"/"+q.ID]
		}
		if !ok {
			c.d.Warnf(set.At.Pos(), "etappe-massnahme",
				fmt.Sprintf("Nennen Sie das Etappenziel bei mindestens einer Maßnahme unter ziele = [\"%s\"], oder bei einer Initiative, der Maßnahmen angehören.", set.ID),
				"Zum Etappenziel „%s“ trägt keine Maßnahme bei.", set.ID)
		}
	}
}

// beitraege are the goal keys that measures of any strategy contribute to,
// directly or through their initiative. Computed once: every strategy asks.
func (c *checker) beitraege() map[string]bool {
	if c.beitrag != nil {
		return c.beitrag
	}
	c.beitrag = map[string]bool{}
	for _, o := range c.site.Strategien {
		inits := map[string][]string{}
		if o.Initiativen != nil {
			for _, i := range o.Initiativen.Initiativen {
				inits[i.ID] = i.Unterstuetzt
			}
		}
		for _, m := range o.Massnahmen {
			for _, ref := range m.Ziele {
				c.beitrag[content.Qualify(o, ref)] = true
			}
			for _, ref := range inits[m.Initiative] {
				c.beitrag[content.Qualify(o, ref)] = true
			}
		}
	}
	return c.beitrag
}

// steuerkreis: the Steuerkreis has the head of the lead ministry and the
// heads of department of every participating Ressort (000:187-188). Members
// are written as text; a Ressort counts when its Kürzel or name appears.
func (c *checker) steuerkreis(s *content.Strategie) {
	var ressorts []string
	if s.Federfuehrung != "" {
		ressorts = append(ressorts, s.Federfuehrung)
	}
	for _, b := range s.Beteiligt {
		if !slices.Contains(ressorts, b) {
			ressorts = append(ressorts, b)
		}
	}
	for _, g := range s.Gremien {
		if g.Art != "steuerkreis" || len(g.Mitglieder) == 0 {
			continue // without a member list the sources say nothing about the composition
		}
		text := strings.Join(append([]string{g.Vorsitz}, g.Mitglieder...), "\n")
		var fehlt []string
		for _, r := range ressorts {
			if !nenntRessort(text, r, c.ix.Akteure[r]) {
				fehlt = append(fehlt, r)
			}
		}
		if len(fehlt) > 0 {
			c.d.Warnf(g.At.Key("mitglieder"), "steuerkreis-besetzung",
				"Dem Steuerkreis gehören die Hausleitung des federführenden Ressorts und die zuständigen Abteilungsleitungen aller beteiligten Ressorts an; nennen Sie sie mit Kürzel, z. B. „Abteilungsleitung …, "+fehlt[0]+"“.",
				"Im Steuerkreis „%s“ ist %s nicht vertreten.", g.Name, aufzaehlung(fehlt))
		}
	}
}

// nenntRessort reports whether text names the Ressort by Kürzel (as a word) or full name.
func nenntRessort(text, kuerzel string, a *content.Akteur) bool {
	if enthaeltWort(text, kuerzel) {
		return true
	}
	return a != nil && a.Name != "" && strings.Contains(strings.ToLower(text), strings.ToLower(a.Name))
}

// enthaeltWort reports whether w occurs in text with no letter or digit
// directly before or after it. It runs for every Ressort of every
// Steuerkreis; compiling a regular expression per call cost more than the
// check itself.
func enthaeltWort(text, w string) bool {
	for i := 0; i <= len(text)-len(w); {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		if grenze(text[:at], true) && grenze(text[at+len(w):], false) {
			return true
		}
		i = at + 1
	}
	return false
}

// grenze reports whether the rune at the end (vorher) or start of s is no
// letter or digit; an empty s is a boundary.
func grenze(s string, vorher bool) bool {
	if s == "" {
		return true
	}
	var r rune
	if vorher {
		r, _ = utf8.DecodeLastRuneInString(s)
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	return !unicode.IsLetter(r) && !unicode.IsNumber(r)
}

func aufzaehlung(list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " und " + list[len(list)-1]
}
