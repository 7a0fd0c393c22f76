package validate

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/diag"
)

func (c *checker) ziele(s *content.Strategie) {
	z := s.Ziele
	if z == nil {
		return
	}
	c.exactDay(z.At.Key("stand"), z.Stand, "stand")
	ids := map[string]diag.Pos{}
	id := func(pos diag.Pos, v string) {
		if prev, dup := ids[v]; dup {
			c.d.Errorf(pos, "doppelt", "Jede Ziel-ID darf in einer Strategie nur einmal vorkommen.",
				"Die Ziel-ID „%s“ ist schon vergeben (%s).", v, prev)
			return
		}
		ids[v] = pos
		c.checkID(pos, "Die Ziel-ID", v, "E2.3")
	}
	if (len(z.Zielsets) > 0 || len(z.Etappenziele) > 0) && s.IsRahmen() {
		c.d.Warnf(z.At.Pos(), "zielset-quantitativ", "Rahmenstrategien nennen Fokusziele ([[fokusziel]] in strategie.md).",
			"Eine Rahmenstrategie hat nach dem Leitfaden keine Zielsets.")
	}
	if len(z.Ziele) > 0 && s.Leitfaden() {
		c.d.Warnf(z.At.Key("ziel"), "zielset-quantitativ", "Nach dem Leitfaden bestehen Ziele aus Sets: [[zielset]] mit [[zielset.quantitativ]].",
			"Einfache Ziele ([[ziel]]) sind nur für ältere Strategien (methode = \"vor-leitfaden\") gedacht.")
	}
	for _, set := range z.Zielsets {
		id(set.At.Key("id"), set.ID)
		c.set(s, set.At, set.Quantitativ, set.Zieljahr, s.HorizontZieleJahr(), "strategische Ziele")
		for i, hf := range set.Handlungsfelder {
			c.hfRef(set.At.Key(fmt.Sprintf("handlungsfelder[%d]", i)), hf)
			if !slices.Contains(s.Handlungsfelder, hf) {
				c.d.Warnf(set.At.Key(fmt.Sprintf("handlungsfelder[%d]", i)), "verweis-handlungsfeld",
					"Nehmen Sie das Handlungsfeld in die Liste handlungsfelder in strategie.md auf.",
					"Das Zielset nennt „%s“, die Strategie führt dieses Handlungsfeld aber nicht.", hf)
			}
		}
		if len(set.Handlungsfelder) == 0 && s.Leitfaden() {
			c.d.Warnf(set.At.Pos(), "zielset-handlungsfeld", "Strategische Ziele werden je Handlungsfeld formuliert: handlungsfelder = [\"…\"].",
				"Das Zielset „%s“ ist keinem Handlungsfeld zugeordnet.", set.ID)
		}
		for _, q := range set.Quantitativ {
			id(q.At.Key("id"), q.ID)
		}
		c.exactDay(set.At.Key("beschlossen"), set.Beschlossen, "beschlossen")
	}
	for _, set := range z.Etappenziele {
		id(set.At.Key("id"), set.ID)
		for _, q := range set.Quantitativ {
			id(q.At.Key("id"), q.ID)
		}
	}
	// Derivation needs all IDs first: an Etappenziel may point further down the file.
	for _, set := range z.Etappenziele {
		c.set(s, set.At, set.Quantitativ, set.Zieljahr, s.HorizontEtappenJahr(), "Etappenziele")
		pos := set.At.Key("abgeleitet_von")
		switch g, ok := c.ix.Goal(s, set.AbgeleitetVon); {
		case set.AbgeleitetVon == "":
			c.d.Errorf(set.At.Pos(), "etappe-ableitung", "Tragen Sie abgeleitet_von = \"<ID eines quantitativen strategischen Ziels>\" ein, z. B. \"Z1.1\".",
				"Das Etappenziel-Set „%s“ nennt nicht, aus welchem quantitativen strategischen Ziel es abgeleitet ist.", set.ID)
		case !ok:
			c.d.Errorf(pos, "etappe-ableitung", "Nennen Sie die ID eines quantitativen strategischen Ziels aus ziele.toml.",
				"Das Ziel „%s“, aus dem „%s“ abgeleitet sein soll, gibt es nicht.", set.AbgeleitetVon, set.ID)
		case g.Strategie != s:
			c.d.Errorf(pos, "etappe-ableitung", "Etappenziele werden aus einem quantitativen strategischen Ziel derselben Strategie abgeleitet.",
				"„%s“ gehört zu einer anderen Strategie.", set.AbgeleitetVon)
		case g.Kind != content.ZielQuantitativ:
			c.d.Errorf(pos, "etappe-ableitung", "Der Leitfaden leitet Etappenziele aus den quantitativen strategischen Zielen ab, z. B. aus „Z1.1“ statt aus „Z1“.",
				"„%s“ ist %s, kein quantitatives strategisches Ziel.", set.AbgeleitetVon, kindName(g.Kind))
		}
		c.exactDay(set.At.Key("beschlossen"), set.Beschlossen, "beschlossen")
		if s.PhaseReached("aktivierung") && s.Leitfaden() && set.Projektleitung == "" {
			c.d.Warnf(set.At.Pos(), "status", "Ab der Strategieaktivierung hat jedes qualitative Etappenziel eine Projektleitung: projektleitung = \"…\".",
				"Das Etappenziel „%s“ hat keine Projektleitung.", set.ID)
		}
	}
	for _, g := range z.Ziele {
		id(g.At.Key("id"), g.ID)
		if g.Handlungsfeld != "" {
			c.hfRef(g.At.Key("handlungsfeld"), g.Handlungsfeld)
		}
	}
}

func kindName(k content.GoalKind) string {
	switch k {
	case content.ZielQualitativ:
		return "ein qualitatives strategisches Ziel"
	case content.ZielQuantitativ:
		return "ein quantitatives strategisches Ziel"
	case content.EtappeQualitativ:
		return "ein qualitatives Etappenziel"
	case content.EtappeQuantitativ:
		return "ein quantitatives Etappenziel"
	}
	return "ein Ziel ohne Set"
}

// set checks the rules shared by strategic goal sets and Etappenziel sets.
func (c *checker) set(s *content.Strategie, at interface{ Pos() diag.Pos }, qs []content.Quantitativ, jahr, horizont int, what string) {
	if s.Leitfaden() {
		switch n := len(qs); {
		case n == 0:
			c.d.Errorf(at.Pos(), "zielset-quantitativ", "Ergänzen Sie mindestens ein [[…quantitativ]] mit Indikator, Basis und Zielwert, das das qualitative Ziel messbar macht.",
				"Das Set hat kein quantitatives Ziel; ohne Messgröße lässt sich die Erreichung nicht feststellen.")
		case n > 3:
			c.d.Warnf(at.Pos(), "zielset-anzahl", "Der Leitfaden empfiehlt 1 bis 3 (Richtwert 2 bis 3) quantitative Ziele je Set; teilen Sie das Set oder streichen Sie Ziele.",
				"Das Set hat %d quantitative Ziele.", n)
		}
	}
	if jahr != 0 && jahr != horizont && s.Leitfaden() && jahrMoeglich(jahr) && jahrMoeglich(horizont) {
		if p, ok := at.(interface{ Key(string) diag.Pos }); ok {
			c.d.Warnf(p.Key("zieljahr"), "horizont", fmt.Sprintf("Der Leitfaden sieht für %s das Jahr %d vor.", what, horizont),
				"Das Zieljahr %d weicht vom Horizont %d ab.", jahr, horizont)
		}
	}
	for _, q := range qs {
		c.quantitativ(s, q, horizont, what)
	}
}

func (c *checker) quantitativ(s *content.Strategie, q content.Quantitativ, horizont int, what string) {
	if q.Zieljahr != 0 && q.Zieljahr != horizont && s.Leitfaden() && jahrMoeglich(q.Zieljahr) && jahrMoeglich(horizont) {
		c.d.Warnf(q.At.Key("zieljahr"), "horizont", fmt.Sprintf("Der Leitfaden sieht für %s das Jahr %d vor.", what, horizont),
			"Das Zieljahr %d von „%s“ weicht vom Horizont %d ab.", q.Zieljahr, q.ID, horizont)
	}
	if q.Zielwert == nil && !q.Entwurf {
		c.d.Errorf(q.At.Pos(), "quantitativ-messbar", "Tragen Sie zielwert = <Zahl> ein. Ist der Wert noch offen, markieren Sie das Ziel mit entwurf = true.",
			"Das quantitative Ziel „%s“ hat keinen Zielwert.", q.ID)
	}
	if q.Einheit == "ja/nein" {
		for _, v := range []*float64{q.Zielwert, basisWert(q)} {
			if v != nil && *v != 0 && *v != 1 {
				c.d.Errorf(q.At.Key("zielwert"), "quantitativ-messbar", "Bei einheit = \"ja/nein\" steht 1 für „liegt vor“ und 0 für „liegt nicht vor“.",
					"Bei „%s“ sind nur die Werte 0 und 1 möglich.", q.ID)
			}
		}
	}
	switch q.Richtung {
	case "", "steigend", "fallend":
	default:
		c.d.Errorf(q.At.Key("richtung"), "status", `Erlaubt sind "steigend" und "fallend".`, "Die Richtung „%s“ ist unbekannt.", q.Richtung)
	}
	if q.Basis != nil && q.Zielwert != nil && q.Basis.Wert == *q.Zielwert && q.Einheit != "" {
		c.d.Warnf(q.At.Key("zielwert"), "quantitativ-messbar", "Prüfen Sie Basis und Zielwert.", "Bei „%s“ ist der Zielwert gleich dem Ausgangswert.", q.ID)
	}
	if q.Basis != nil && q.Zielwert != nil && q.Richtung != "fallend" && *q.Zielwert < q.Basis.Wert {
		c.d.Warnf(q.At.Key("zielwert"), "quantitativ-messbar", "Soll der Wert sinken, tragen Sie richtung = \"fallend\" ein.",
			"Bei „%s“ liegt der Zielwert unter dem Ausgangswert.", q.ID)
	}
	if q.Basis != nil {
		c.exactDay(q.Basis.At.Key("datum"), q.Basis.Datum, "basis.datum")
		if y := q.Basis.Datum.Start().Year(); !q.Basis.Datum.IsZero() && y > horizont && jahrMoeglich(horizont) {
			c.d.Errorf(q.Basis.At.Key("datum"), "datum", "Der Ausgangswert wird vor dem Zieljahr erhoben.",
				"Das Datum des Ausgangswerts (%s) liegt nach dem Zieljahr %d.", q.Basis.Datum.Raw, horizont)
		}
	}
}

func basisWert(q content.Quantitativ) *float64 {
	if q.Basis == nil {
		return nil
	}
	return &q.Basis.Wert
}

func (c *checker) initiativen(s *content.Strategie) {
	in := s.Initiativen
	if in == nil {
		return
	}
	c.exactDay(in.At.Key("stand"), in.Stand, "stand")
	ids := map[string]bool{}
	for _, i := range in.Initiativen {
		if ids[i.ID] {
			c.d.Errorf(i.At.Key("id"), "doppelt", "Jede Initiativen-ID darf in einer Strategie nur einmal vorkommen.", "Die Initiativen-ID „%s“ ist schon vergeben.", i.ID)
		}
		ids[i.ID] = true
		c.checkID(i.At.Key("id"), "Die Initiativen-ID", i.ID, "I2")
		c.statusValue(i.At.Key("status"), i.Status, false)
		for k, r := range i.Ressorts {
			c.akteurRef(i.At.Key(fmt.Sprintf("ressorts[%d]", k)), r, false)
		}
		hfs := map[string]bool{}
		offen := false // a goal in a file that could not be read may add a field
		for k, ref := range i.Unterstuetzt {
			pos := i.At.Key(fmt.Sprintf("unterstuetzt[%d]", k))
			g, ok := c.ix.Goal(s, ref)
			if !ok {
				offen = offen || !c.goalMissing(pos, s, ref)
				continue
			}
			if !g.Kind.Etappe() {
				c.d.Errorf(pos, "verweis-ziel", "Strategische Initiativen unterstützen Etappenziele (IDs aus [[etappenziele]]).",
					"„%s“ ist %s, kein Etappenziel.", ref, kindName(g.Kind))
				continue
			}
			for _, hf := range c.ix.GoalHandlungsfelder(g) {
				hfs[hf] = true
			}
		}
		if s.Leitfaden() && len(hfs) < 2 && !offen {
			c.d.Errorf(i.At.Key("unterstuetzt"), "initiative-handlungsfelder",
				"Eine strategische Initiative unterstützt Etappenziele aus mindestens zwei Handlungsfeldern, auch aus anderen Strategien (<slug>/<ID>). Sonst ist sie eine Maßnahme.",
				"Die Initiative „%s“ unterstützt Etappenziele aus %d Handlungsfeld(ern).", i.ID, len(hfs))
		}
	}
}

// goalMissing reports a reference to a goal that does not exist, unless the
// goals could not be read; it tells whether it reported.
func (c *checker) goalMissing(pos diag.Pos, s *content.Strategie, ref string) bool {
	slug := s.Slug
	if i := strings.IndexByte(ref, '/'); i >= 0 {
		slug = ref[:i]
	}
	if c.fehlerhaft("content/strategien/"+slug+"/ziele.toml") || c.fehlerhaft("content/strategien/"+slug+"/strategie.md") {
		return false
	}
	hint := "Nennen Sie die ID eines Ziels aus ziele.toml; Ziele anderer Strategien mit <slug>/<ID>."
	var cands []string
	for k := range c.ix.Goals {
		if strings.HasPrefix(k, s.Slug+"/") {
			cands = append(cands, strings.TrimPrefix(k, s.Slug+"/"))
		}
	}
	sort.Strings(cands)
	if m := diag.Suggest(ref, cands); m != "" {
		hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
	}
	c.d.Errorf(pos, "verweis-ziel", hint, "Das Ziel „%s“ gibt es nicht.", ref)
	return true
}

func (c *checker) statusValue(pos diag.Pos, v string, required bool) {
	if v == "" && !required {
		return
	}
	if !slices.Contains(content.Status, v) {
		c.d.Errorf(pos, "status", "Erlaubt sind: "+strings.Join(content.Status, ", ")+".", "Der Status „%s“ ist unbekannt.", v)
	}
}

func (c *checker) massnahmen(s *content.Strategie) {
	inits := map[string]bool{}
	if s.Initiativen != nil {
		for _, i := range s.Initiativen.Initiativen {
			inits[i.ID] = true
		}
	}
	for _, m := range s.Massnahmen {
		c.statusValue(m.At.Key("status"), m.Status, false)
		c.exactDay(m.At.Key("stand"), m.Stand, "stand")
		c.verlauf(m)
		c.meilensteine(m)
		if m.Handlungsfeld != "" {
			if c.hfRef(m.At.Key("handlungsfeld"), m.Handlungsfeld) && !slices.Contains(s.Handlungsfelder, m.Handlungsfeld) {
				c.d.Warnf(m.At.Key("handlungsfeld"), "verweis-handlungsfeld", "Nehmen Sie das Handlungsfeld in die Liste handlungsfelder in strategie.md auf.",
					"Die Maßnahme nennt „%s“, die Strategie führt dieses Handlungsfeld aber nicht.", m.Handlungsfeld)
			}
		} else if s.Leitfaden() {
			c.d.Errorf(m.At.Pos(), "verweis-handlungsfeld", "Tragen Sie handlungsfeld = \"<Schlüssel>\" ein.",
				"Die Maßnahme „%s“ ist keinem Handlungsfeld zugeordnet.", m.ID)
		}
		if len(m.Federfuehrung) == 0 {
			c.d.Warnf(m.At.Pos(), "federfuehrung", "Tragen Sie federfuehrung = [\"<Kürzel>\"] ein.", "Die Maßnahme „%s“ nennt keine Federführung.", m.ID)
		}
		for i, f := range m.Federfuehrung {
			c.akteurRef(m.At.Key(fmt.Sprintf("federfuehrung[%d]", i)), f, false)
		}
		for i, ref := range m.Ziele {
			if _, ok := c.ix.Goal(s, ref); !ok {
				c.goalMissing(m.At.Key(fmt.Sprintf("ziele[%d]", i)), s, ref)
			}
		}
		if m.Initiative != "" && !inits[m.Initiative] {
			c.d.Errorf(m.At.Key("initiative"), "verweis-initiative", "Nennen Sie die ID einer Initiative aus initiativen.toml.",
				"Die Initiative „%s“ gibt es in der Strategie nicht.", m.Initiative)
		}
		if s.Leitfaden() {
			if len(m.Ziele) == 0 && m.Initiative == "" {
				c.d.Warnf(m.At.Pos(), "massnahme-ziel", "Nennen Sie unter ziele = [\"…\"] die Etappenziele, zu denen die Maßnahme beiträgt.",
					"Die Maßnahme „%s“ trägt zu keinem Ziel bei.", m.ID)
			}
			if s.PhaseReached("ziele-massnahmen") && (m.KostenNutzen == nil || m.KostenNutzen.Aufwand == "" || m.KostenNutzen.Nutzen == "") {
				c.d.Warnf(m.At.Pos(), "kosten-nutzen", "Ergänzen Sie [kosten_nutzen] mit aufwand und nutzen (und dem Aufwand im Regelbetrieb).",
					"Die Maßnahme „%s“ hat keine vollständige Kosten-/Nutzenanalyse.", m.ID)
			}
		}
		if kn := m.KostenNutzen; kn != nil && !noOngoingCost(kn.Regelbetrieb) && m.Regelbetrieb == nil && s.Leitfaden() {
			c.d.Warnf(kn.At.Key("regelbetrieb"), "kosten-nutzen", "Beschreiben Sie unter [regelbetrieb], wie die Maßnahme in den Regelbetrieb übergeht.",
				"Nach Abschluss bleibt Aufwand, aber der Übergang in den Regelbetrieb ist nicht beschrieben.")
		}
		if rb := m.Regelbetrieb; rb != nil && rb.Status != "" && !slices.Contains(content.RegelbetriebStatus, rb.Status) {
			c.d.Errorf(rb.At.Key("status"), "status", "Erlaubt sind: "+strings.Join(content.RegelbetriebStatus, ", ")+".",
				"Der Status „%s“ ist unbekannt.", rb.Status)
		}
	}
}

func (c *checker) messwerte(s *content.Strategie) {
	type key struct{ ziel, tag string }
	seen := map[key]bool{}
	latest := map[string]content.Messwert{}
	if mw := s.Messwerte; mw != nil {
		c.exactDay(mw.At.Key("stand"), mw.Stand, "stand")
		for _, m := range mw.Messwerte {
			c.exactDay(m.At.Key("datum"), m.Datum, "datum")
			g, ok := c.ix.Goal(s, m.Ziel)
			switch {
			case strings.Contains(m.Ziel, "/"):
				c.d.Errorf(m.At.Key("ziel"), "messwert", "Messwerte stehen bei der Strategie, zu der das Ziel gehört.",
					"Messwerte können nur Ziele der eigenen Strategie messen.")
				continue
			case !ok:
				c.goalMissing(m.At.Key("ziel"), s, m.Ziel)
				continue
			case !g.Kind.Quantitativ():
				c.d.Errorf(m.At.Key("ziel"), "messwert", "Gemessen werden quantitative Ziele (IDs wie „Z1.1“ oder „E1.2“).",
					"„%s“ ist %s und lässt sich nicht messen.", m.Ziel, kindName(g.Kind))
				continue
			}
			k := key{m.Ziel, m.Datum.ISO()}
			if seen[k] {
				c.d.Errorf(m.At.Pos(), "doppelt", "Löschen Sie den doppelten Eintrag oder korrigieren Sie das Datum.",
					"Für „%s“ gibt es am %s schon einen Messwert.", m.Ziel, m.Datum.Raw)
			}
			seen[k] = true
			if q := g.QuantGoal(); q != nil && q.Basis != nil && m.Datum.Start().Before(q.Basis.Datum.Start()) {
				c.d.Warnf(m.At.Key("datum"), "messwert", "Messwerte folgen auf den Ausgangswert; prüfen Sie das Datum.",
					"Der Messwert für „%s“ liegt vor dem Datum des Ausgangswerts (%s).", m.Ziel, q.Basis.Datum.Raw)
			}
			if m.Gefaehrdet && strings.TrimSpace(m.Korrektur) == "" {
				c.d.Warnf(m.At.Key("gefaehrdet"), "gefaehrdet", "Der Leitfaden verlangt, den Steuerkreis früh zu informieren und Korrekturen vorzuschlagen: korrektur = \"…\".",
					"Das Ziel „%s“ ist als gefährdet markiert, aber es ist keine Korrektur beschrieben.", m.Ziel)
			}
			if prev, ok := latest[m.Ziel]; !ok || prev.Datum.Start().Before(m.Datum.Start()) {
				latest[m.Ziel] = m
			}
		}
	}
	// V34: during implementation every quantitative Etappenziel is measured
	// every 6 months; "Stand" of the strategy is the reference day.
	if !s.Leitfaden() || s.AktuellePhase != "umsetzung" || s.Ziele == nil || s.Stand.IsZero() || c.fehlerhaft(s.Dir+"/messwerte.toml") {
		return
	}
	for _, set := range s.Ziele.Etappenziele {
		for _, q := range set.Quantitativ {
			last, ok := latest[q.ID]
			switch {
			case !ok:
				c.d.Warnf(q.At.Pos(), "messwert-veraltet", "Tragen Sie die Messung in messwerte.toml ein; gemessen wird alle 6 Monate.",
					"Für das Etappenziel „%s“ gibt es in der Umsetzung noch keinen Messwert.", q.ID)
			case monthsBetween(last.Datum, s.Stand) > 6:
				c.d.Warnf(last.At.Key("datum"), "messwert-veraltet", "Tragen Sie die aktuelle Messung in messwerte.toml ein; gemessen wird alle 6 Monate.",
					"Der letzte Messwert für „%s“ (%s) ist zum Stand %s älter als 6 Monate.", q.ID, last.Datum.Raw, s.Stand.Raw)
			}
		}
	}
}

func (c *checker) meldungen(s *content.Strategie) {
	for _, m := range s.Meldungen {
		if !content.ValidKey(m.Slug) {
			c.d.Errorf(diag.Pos{File: m.File}, "schluessel", content.KeyHint(content.Slugify(m.Slug)+".md"),
				"Der Dateiname „%s“ ist nicht als Adresse geeignet (nur Kleinbuchstaben, Ziffern, Bindestriche; Umlaute umschreiben).", m.Slug)
		}
		c.exactDay(m.At.Key("datum"), m.Datum, "datum")
	}
}

var reNoCost = regexp.MustCompile(`(?i)^\s*(-|–|—|0|0 €|kein(e|er)?( aufwand| laufender aufwand)?|entfällt|nicht vorgesehen)\.?\s*$`)

// noOngoingCost reports whether a running-cost text says there is none.
func noOngoingCost(text string) bool {
	return strings.TrimSpace(text) == "" || reNoCost.MatchString(text)
}
