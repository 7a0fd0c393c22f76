package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/diag"
)

// The naming scheme of the Leitfaden (000:238-245). A trailing note in
// parentheses, such as "(Beispiel)", is not part of the name.
var reNamensschema = []*regexp.Regexp{
	regexp.MustCompile(`^(Digitalstrategie|Strategie) für (die|den|das) Thüringer .+`),
	regexp.MustCompile(`^(Digitalstrategie|Strategie) für Thüringens .+`),
	regexp.MustCompile(`^(Digitalstrategie|Strategie) für .+ in Thüringen$`),
}

var reParenSuffix = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// NameFollowsScheme reports whether a strategy name follows the Leitfaden's scheme.
func NameFollowsScheme(name string) bool {
	n := reParenSuffix.ReplaceAllString(strings.TrimSpace(name), "")
	for _, re := range reNamensschema {
		if re.MatchString(n) {
			return true
		}
	}
	return false
}

func (c *checker) strategie(s *content.Strategie) {
	at := s.At
	if !content.ValidKey(s.Slug) {
		c.d.Errorf(diag.Pos{File: s.File}, "schluessel", content.KeyHint(content.Slugify(s.Slug)),
			"Der Ordnername „%s“ ist nicht als Adresse geeignet (nur Kleinbuchstaben, Ziffern, Bindestriche; Umlaute umschreiben).", s.Slug)
	}
	switch s.Art {
	case "", "sektoral", "rahmen":
	default:
		c.d.Errorf(at.Key("art"), "status", `Erlaubt sind "sektoral" und "rahmen".`, "Die Art „%s“ ist unbekannt.", s.Art)
	}
	switch s.Methode {
	case "", "leitfaden", "vor-leitfaden":
	default:
		c.d.Errorf(at.Key("methode"), "status", `Erlaubt sind "leitfaden" und "vor-leitfaden".`, "Die Methode „%s“ ist unbekannt.", s.Methode)
	}
	c.exactDay(at.Key("stand"), s.Stand, "stand")

	if !s.IsRahmen() {
		if s.Name != "" && !NameFollowsScheme(s.Name) {
			c.d.Warnf(at.Key("name"), "namensschema",
				"Der Leitfaden empfiehlt „Digitalstrategie/Strategie für die/den/das Thüringer …“, „… für Thüringens …“ oder „… für … in Thüringen“. Ist der Name amtlich festgelegt, quittieren Sie die Warnung unter [ausnahmen].",
				"Der Name „%s“ folgt nicht dem Namensschema des Leitfadens.", s.Name)
		}
		if s.Federfuehrung == "" {
			c.d.Warnf(at.Pos(), "federfuehrung", "Tragen Sie federfuehrung = \"<Kürzel>\" ein; ist es unbekannt, quittieren Sie die Warnung unter [ausnahmen].",
				"Es ist kein federführendes Ressort angegeben.")
		} else {
			c.akteurRef(at.Key("federfuehrung"), s.Federfuehrung, true)
		}
		if s.Rahmenstrategie == "" && s.Leitfaden() {
			c.d.Warnf(at.Pos(), "rahmenstrategie", "Tragen Sie rahmenstrategie = \"<slug>\" ein, z. B. \"smart-state\".",
				"Es ist nicht angegeben, aus welcher Rahmenstrategie die Strategie abgeleitet ist.")
		}
	}
	for i, b := range s.Beteiligt {
		pos := at.Key(fmt.Sprintf("beteiligt[%d]", i))
		c.akteurRef(pos, b, true)
		if b == s.Federfuehrung {
			c.d.Warnf(pos, "federfuehrung", "Nennen Sie das federführende Ressort nur unter federfuehrung.",
				"„%s“ ist federführend und zugleich als beteiligt eingetragen.", b)
		}
		if slices.Index(s.Beteiligt, b) < i {
			c.d.Errorf(pos, "doppelt", "Löschen Sie die Wiederholung.", "„%s“ ist doppelt als beteiligt eingetragen.", b)
		}
	}
	if s.Rahmenstrategie != "" {
		if r := c.strategieRef(at.Key("rahmenstrategie"), s.Rahmenstrategie); r != nil && !r.IsRahmen() {
			c.d.Errorf(at.Key("rahmenstrategie"), "verweis-strategie", "Nennen Sie eine Strategie mit art = \"rahmen\".",
				"„%s“ ist keine Rahmenstrategie.", s.Rahmenstrategie)
		}
	}
	if s.AbgeloestDurch != "" {
		c.strategieRef(at.Key("abgeloest_durch"), s.AbgeloestDurch)
	}
	for i, v := range s.Vorgaenger {
		c.strategieRef(at.Key(fmt.Sprintf("vorgaenger[%d]", i)), v)
	}
	for i, v := range s.Verwandt {
		c.strategieRef(at.Key(fmt.Sprintf("verwandt[%d]", i)), v)
	}
	for _, l := range s.QuelleLinks {
		c.url(l.At.Key("url"), l.URL)
	}
	for _, q := range s.Quellen {
		if q.URL != "" {
			c.url(q.At.Key("url"), q.URL)
		}
	}
	c.zahlen(s)
	c.horizonte(s)
	c.phasen(s)
	c.gremien(s)
	c.hfListe(s)
	c.ziele(s)
	c.initiativen(s)
	c.massnahmen(s)
	c.messwerte(s)
	c.wirkung(s)
	c.leitfaden(s)
	c.meldungen(s)
	if s.Backlog != nil {
		for _, e := range s.Backlog.Eintraege {
			if e.Art != "" && e.Art != "ziel" && e.Art != "massnahme" {
				c.d.Errorf(e.At.Key("art"), "status", `Erlaubt sind "ziel" und "massnahme".`, "Die Art „%s“ ist unbekannt.", e.Art)
			}
		}
	}
	if s.LeichteSprache != nil {
		c.exactDay(s.LeichteSprache.At.Key("stand"), s.LeichteSprache.Stand, "stand")
	}
}

func (c *checker) horizonte(s *content.Strategie) {
	h := s.Horizonte
	check := func(key string, got, want int, what string) {
		if got != 0 && got != want && jahrMoeglich(got) {
			c.d.Warnf(h.At.Key(key), "horizont", fmt.Sprintf("Der Leitfaden sieht für %s das Jahr %d vor. Ist die Abweichung beschlossen, quittieren Sie die Warnung unter [ausnahmen].", what, want),
				"Der Horizont für %s ist %d statt %d.", what, got, want)
		}
	}
	check("leitbild", h.Leitbild, content.HorizontLeitbild, "das Leitbild")
	check("ziele", h.Ziele, content.HorizontZiele, "strategische Ziele")
	check("etappen", h.Etappen, content.HorizontEtappen, "Etappenziele")
}

func (c *checker) phasen(s *content.Strategie) {
	if s.AktuellePhase != "" && content.PhaseIndex(s.AktuellePhase) < 0 {
		c.d.Errorf(s.At.Key("aktuelle_phase"), "phase", phaseHint(), "Die Phase „%s“ gibt es im Leitfaden nicht.", s.AktuellePhase)
	}
	if s.Zyklus < 0 || s.Zyklus > 2 {
		c.d.Errorf(s.At.Key("zyklus"), "zyklus", "Ein Strategieprojekt hat zwei Zyklen: zyklus = 1 oder 2.", "Den Zyklus %d gibt es nicht.", s.Zyklus)
	}
	type key struct {
		phase  string
		zyklus int
	}
	seen := map[key]bool{}
	var prev *content.Phase
	for i := range s.Phasen {
		p := &s.Phasen[i]
		idx := content.PhaseIndex(p.Phase)
		if idx < 0 {
			c.d.Errorf(p.At.Key("phase"), "phase", phaseHint(), "Die Phase „%s“ gibt es im Leitfaden nicht.", p.Phase)
			continue
		}
		z := p.Zyklus
		if z == 0 {
			z = 1
		}
		if z < 1 || z > 2 {
			c.d.Errorf(p.At.Key("zyklus"), "zyklus", "Ein Strategieprojekt hat zwei Zyklen: zyklus = 1 oder 2.", "Den Zyklus %d gibt es nicht.", p.Zyklus)
		}
		if p.Phase == "projektstart" && p.Zyklus > 1 {
			c.d.Warnf(p.At.Key("zyklus"), "zyklus", "Der Projektstart steht vor dem ersten Zyklus; der zweite Zyklus beginnt mit der Formulierung des Leitbilds.",
				"Der Projektstart gehört zu keinem zweiten Zyklus.")
		}
		k := key{p.Phase, z}
		if seen[k] {
			c.d.Errorf(p.At.Pos(), "doppelt", "Jede Phase kommt je Zyklus einmal vor.", "Die Phase „%s“ ist für Zyklus %d doppelt eingetragen.", p.Phase, z)
		}
		seen[k] = true
		if !p.Beginn.IsZero() && !p.Ende.IsZero() && p.Ende.End().Before(p.Beginn.Start()) {
			c.d.Errorf(p.At.Key("ende"), "phase", "Prüfen Sie die Daten der Phase.", "Die Phase „%s“ endet (%s) vor ihrem Beginn (%s).", p.Phase, p.Ende.Raw, p.Beginn.Raw)
		}
		if prev != nil && !prev.Beginn.IsZero() && !p.Beginn.IsZero() {
			pz := max(prev.Zyklus, 1)
			later := z > pz || (z == pz && content.PhaseIndex(p.Phase) > content.PhaseIndex(prev.Phase))
			if later && p.Beginn.End().Before(prev.Beginn.Start()) {
				c.d.Errorf(p.At.Key("beginn"), "phase", "Die Phasen folgen im Leitfaden aufeinander; prüfen Sie die Reihenfolge der Einträge und ihre Daten.",
					"Die Phase „%s“ beginnt vor der vorhergehenden Phase „%s“.", p.Phase, prev.Phase)
			}
		}
		prev = p
	}
	// V29: at most 6 months from Projektstart to Strategieaktivierung.
	var start, akt *content.Phase
	for i := range s.Phasen {
		p := &s.Phasen[i]
		if p.Phase == "projektstart" && start == nil {
			start = p
		}
		if p.Phase == "aktivierung" && max(p.Zyklus, 1) == 1 && akt == nil {
			akt = p
		}
	}
	if start != nil && akt != nil && !start.Beginn.IsZero() && !akt.Beginn.IsZero() {
		if m := monthsBetween(start.Beginn, akt.Beginn); m > 6 {
			c.d.Warnf(akt.At.Key("beginn"), "aktivierung-6-monate",
				"Der Leitfaden sieht höchstens 6 Monate zwischen dem Beginn des Projektstarts und dem Start der Strategieaktivierung vor.",
				"Zwischen Projektstart (%s) und Strategieaktivierung (%s) liegen %d Monate.", start.Beginn.Raw, akt.Beginn.Raw, m)
		}
	}
	// V31: a cycle lasts at most two years.
	for z := 1; z <= 2; z++ {
		var first, last *content.Phase
		for i := range s.Phasen {
			p := &s.Phasen[i]
			if p.Phase == "projektstart" || max(p.Zyklus, 1) != z || p.Beginn.IsZero() {
				continue
			}
			if first == nil || p.Beginn.Start().Before(first.Beginn.Start()) {
				first = p
			}
			if !p.Ende.IsZero() && (last == nil || p.Ende.End().After(last.Ende.End())) {
				last = p
			}
		}
		if first != nil && last != nil {
			if m := monthsBetween(first.Beginn, last.Ende); m > 24 {
				c.d.Warnf(last.At.Key("ende"), "zyklus", "Ein Zyklus endet nach höchstens 2 Jahren mit dem Erreichen der Etappenziele.",
					"Zyklus %d dauert %d Monate.", z, m)
			}
		}
	}
}

func phaseHint() string {
	keys := make([]string, len(content.Phasen))
	for i, p := range content.Phasen {
		keys[i] = p.Key
	}
	return "Erlaubt sind: " + strings.Join(keys, ", ") + "."
}

var reRolle = regexp.MustCompile(`^[RVBUCI](/[RVBUCI])*$`)

func (c *checker) gremien(s *content.Strategie) {
	keys := map[string]bool{}
	for _, g := range s.Gremien {
		if keys[g.Schluessel] {
			c.d.Errorf(g.At.Key("schluessel"), "doppelt", "Jeder Gremium-Schlüssel darf in einer Strategie nur einmal vorkommen.",
				"Den Gremium-Schlüssel „%s“ gibt es schon.", g.Schluessel)
		}
		keys[g.Schluessel] = true
		c.checkID(g.At.Key("schluessel"), "Der Gremium-Schlüssel", g.Schluessel, "lenkungskreis")
		if _, ok := content.GremiumArten[g.Art]; !ok && g.Art != "" {
			c.d.Errorf(g.At.Key("art"), "status", "Erlaubt sind: "+strings.Join(keysOf(content.GremiumArten), ", ")+".",
				"Die Gremium-Art „%s“ ist unbekannt.", g.Art)
		}
		if g.Organisation != "" {
			c.akteurRef(g.At.Key("organisation"), g.Organisation, false)
		}
		if g.Handlungsfeld != "" {
			c.hfRef(g.At.Key("handlungsfeld"), g.Handlungsfeld)
		}
		if g.Art == "strategiekreis" {
			n := max(len(g.Mitglieder), g.Anzahl)
			if n > 20 {
				c.d.Warnf(g.At.Pos(), "strategiekreis-groesse", "Der Leitfaden empfiehlt höchstens 20 Personen, damit der Kreis arbeitsfähig bleibt.",
					"Der Strategiekreis „%s“ hat %d Mitglieder.", g.Name, n)
			}
		}
	}
	for _, r := range s.Rollen {
		if r.Tabelle != "" {
			if _, ok := content.RollenTabellen[r.Tabelle]; !ok {
				c.d.Errorf(r.At.Key("tabelle"), "rolle", `Erlaubt sind "erstellung" und "umsetzung".`, "Die Tabelle „%s“ ist unbekannt.", r.Tabelle)
			}
		}
		for who, roles := range r.Zuordnung {
			pos := r.At.Key("zuordnung." + who)
			if !keys[who] {
				hint := "Legen Sie ein [[gremium]] mit diesem Schlüssel an oder korrigieren Sie den Schlüssel."
				if m := diag.Suggest(who, keysOf(keys)); m != "" {
					hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
				}
				c.d.Errorf(pos, "verweis-gremium", hint, "Die Rollenmatrix nennt „%s“, aber dieses Gremium gibt es in der Strategie nicht.", who)
			}
			if !reRolle.MatchString(strings.ReplaceAll(roles, " ", "")) {
				c.d.Errorf(pos, "rolle", "Erlaubt sind die Buchstaben R, V, B, U, C und I, kombiniert mit „/“, z. B. \"B/I\".",
					"Die Rolle „%s“ für „%s“ ist ungültig.", roles, who)
			}
		}
	}
	for _, hf := range s.HF {
		if hf.Fachgruppe != "" && !keys[hf.Fachgruppe] {
			c.d.Errorf(hf.At.Key("fachgruppe"), "verweis-gremium", "Legen Sie die Fachgruppe als [[gremium]] in strategie.md an.",
				"Die Fachgruppe „%s“ gibt es in der Strategie nicht.", hf.Fachgruppe)
		}
	}
}

func (c *checker) hfListe(s *content.Strategie) {
	listed := map[string]bool{}
	for i, key := range s.Handlungsfelder {
		pos := s.At.Key(fmt.Sprintf("handlungsfelder[%d]", i))
		if listed[key] {
			c.d.Errorf(pos, "doppelt", "Löschen Sie die Wiederholung.", "Das Handlungsfeld „%s“ ist doppelt aufgeführt.", key)
		}
		listed[key] = true
		c.hfRef(pos, key)
	}
	for _, lt := range s.Leitthemen {
		c.checkID(lt.At.Key("schluessel"), "Der Leitthema-Schlüssel", lt.Schluessel, "verwaltung")
		for i, key := range lt.Handlungsfelder {
			pos := lt.At.Key(fmt.Sprintf("handlungsfelder[%d]", i))
			if c.hfRef(pos, key) && !listed[key] {
				c.d.Errorf(pos, "verweis-handlungsfeld", "Ergänzen Sie es in der Liste handlungsfelder der Strategie.",
					"Das Leitthema nennt „%s“, die Strategie führt dieses Handlungsfeld aber nicht.", key)
			}
		}
	}
	files := map[string]*content.StrategieHF{}
	for _, hf := range s.HF {
		files[hf.Key] = hf
		if !listed[hf.Key] {
			c.d.Errorf(diag.Pos{File: hf.File}, "verweis-handlungsfeld",
				"Nehmen Sie das Handlungsfeld in die Liste handlungsfelder in strategie.md auf oder benennen Sie die Datei wie ein Handlungsfeld der Strategie.",
				"Die Datei gehört zu keinem Handlungsfeld der Strategie („%s“ fehlt in handlungsfelder).", hf.Key)
		}
		c.exactDay(hf.At.Key("stand"), hf.Stand, "stand")
		if hf.IstAnalyse != nil {
			c.reifegrad(hf.IstAnalyse)
		}
	}
	if s.IstAnalyse != nil {
		c.reifegrad(s.IstAnalyse)
	}
	if !s.Leitfaden() {
		return
	}
	for i, key := range s.Handlungsfelder {
		f := files[key]
		if c.fehlerhaft(s.Dir + "/handlungsfelder/" + key + ".md") {
			continue
		}
		if f == nil || len(strings.TrimSpace(string(f.Body.Text))) == 0 {
			c.d.Warnf(s.At.Key(fmt.Sprintf("handlungsfelder[%d]", i)), "leitbild-handlungsfeld",
				fmt.Sprintf("Schreiben Sie den Leitbild-Abschnitt 2035 in %s/handlungsfelder/%s.md.", s.Dir, key),
				"Für das Handlungsfeld „%s“ gibt es keinen Leitbild-Abschnitt.", key)
		}
		if s.PhaseReached("ziele-massnahmen") && (f == nil || f.IstAnalyse == nil) {
			c.d.Warnf(s.At.Key(fmt.Sprintf("handlungsfelder[%d]", i)), "ist-analyse",
				fmt.Sprintf("Ergänzen Sie [ist_analyse] in %s/handlungsfelder/%s.md.", s.Dir, key),
				"Für das Handlungsfeld „%s“ fehlt die Ist-Analyse, obwohl die Strategie die Ist-Analyse abgeschlossen hat.", key)
		}
	}
}

func (c *checker) reifegrad(ia *content.IstAnalyse) {
	r := ia.Reifegrad
	if r == nil {
		return
	}
	n := len(r.Stufen)
	if n == 0 {
		n = 5
	}
	if n > MaxStufen { // the page draws one mark per level
		c.d.Errorf(r.At.Key("stufen"), "reifegrad", fmt.Sprintf("Reifegradmodelle haben höchstens %d Stufen.", MaxStufen),
			"Das Modell nennt %d Stufen.", n)
	}
	for _, k := range []struct {
		key string
		v   int
	}{{"aktuell", r.Aktuell}, {"ziel", r.Ziel}} {
		if k.v < 1 || k.v > n {
			c.d.Errorf(r.At.Key(k.key), "reifegrad", fmt.Sprintf("Die Skala reicht von 1 bis %d (Anzahl der Stufen).", n),
				"Der Reifegrad %s = %d liegt außerhalb der Skala.", k.key, k.v)
		}
	}
	if r.Aktuell > r.Ziel {
		c.d.Warnf(r.At.Key("ziel"), "reifegrad", "Prüfen Sie, ob aktuell und ziel vertauscht sind.",
			"Der aktuelle Reifegrad (%d) liegt über dem Ziel (%d).", r.Aktuell, r.Ziel)
	}
}
