package validate

import (
	"regexp"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/decode"
)

// Rules of beschluesse.toml and beteiligung.toml. They are added here, not
// in the table of validate.go, so that the two files stay together.
func init() {
	Rules["beschluss"] = "Beschlüsse haben ein Datum (Tag oder Monat) und nennen, wenn überhaupt, eine Phase des Leitfadens."
	Rules["beschluss-reihenfolge"] = "Beschlüsse stehen in beschluesse.toml in zeitlicher Reihenfolge."
	Rules["beteiligung"] = "Beteiligungsformate haben eine bekannte Art und ein Datum oder einen Zeitraum von … bis."
	Rules["kontakt-email"] = "Die Kontaktadresse einer Strategie ist eine gültige E-Mail-Adresse."
	Rules["kontakt-person"] = "Die Kontaktadresse ist ein Funktionspostfach, keine persönliche Adresse."
	Rules["beleg"] = "Beschlüsse, Kontakt und Beteiligungsformate echter Strategien nennen ihre Quelle."
}

// beschluesseUndBeteiligung checks the decision log and the participation
// file of a strategy.
func (c *checker) beschluesseUndBeteiligung(s *content.Strategie) {
	if b := s.Beschluesse; b != nil {
		c.exactDay(b.At.Key("stand"), b.Stand, "stand")
		gremien := map[string]bool{}
		for _, g := range s.Gremien {
			gremien[g.Schluessel] = true
		}
		var prev *content.Beschluss
		for i := range b.Beschluesse {
			x := &b.Beschluesse[i]
			ok := c.beschluss(s, x, gremien)
			if prev != nil && ok && x.Datum.Start().Before(prev.Datum.Start()) {
				c.d.Warnf(x.At.Key("datum"), "beschluss-reihenfolge",
					"Ordnen Sie die Beschlüsse nach dem Datum, den ältesten zuerst; die Seite sortiert sie ohnehin, die Datei bleibt so lesbar.",
					"Der Beschluss vom %s steht nach einem späteren (%s, %s).", x.Datum.Raw, prev.Datum.Raw, prev.At.Key("datum"))
			}
			if ok {
				prev = x
			}
		}
	}
	if b := s.Beteiligung; b != nil {
		c.exactDay(b.At.Key("stand"), b.Stand, "stand")
		if k := b.Kontakt; k != nil {
			c.kontakt(s, k)
		}
		for i := range b.Formate {
			c.format(s, &b.Formate[i])
		}
	}
}

// beschluss checks one decision and reports whether its date can be
// compared with the others.
func (c *checker) beschluss(s *content.Strategie, x *content.Beschluss, gremien map[string]bool) bool {
	ok := !x.Datum.IsZero() && x.Datum.Kind == datum.Punkt && (x.Datum.From.Prec == datum.Tag || x.Datum.From.Prec == datum.Monat)
	if !x.Datum.IsZero() && !ok {
		c.d.Errorf(x.At.Key("datum"), "beschluss", "Schreiben Sie den Tag („22.05.2025“) oder, wenn die Quelle nur ihn nennt, den Monat („Mai 2014“).",
			"Ein Beschluss hat einen Tag oder einen Monat; „%s“ ist dafür zu ungenau.", x.Datum.Raw)
	}
	// A key-like value (lowercase, hyphens) means a Gremium of the strategy;
	// other bodies are written as names ("Kabinett", "Landtag").
	if x.Gremium != "" && content.ValidKey(x.Gremium) && !gremien[x.Gremium] {
		c.d.Errorf(x.At.Key("gremium"), "verweis-gremium",
			"Nennen Sie den Schlüssel eines [[gremium]] dieser Strategie oder den Namen eines anderen Gremiums mit großem Anfangsbuchstaben, z. B. „Kabinett“.",
			"Das Gremium „%s“ gibt es in dieser Strategie nicht.", x.Gremium)
	}
	if strings.TrimSpace(x.Gremium) == "" {
		c.d.Errorf(x.At.Pos(), "beschluss", "Tragen Sie gremium = \"steuerkreis\" (Schlüssel eines Gremiums) oder einen Namen wie \"Kabinett\" ein.",
			"Beim Beschluss fehlt, wer ihn gefasst hat.")
	}
	if x.Phase != "" && content.PhaseIndex(x.Phase) < 0 {
		c.d.Errorf(x.At.Key("phase"), "beschluss", phaseHint(), "Die Phase „%s“ gibt es im Leitfaden nicht.", x.Phase)
	}
	if x.Zyklus < 0 || x.Zyklus > 2 {
		c.d.Errorf(x.At.Key("zyklus"), "beschluss", "Erlaubt sind 1 und 2; ohne Angabe gilt Zyklus 1.", "Den Zyklus %d gibt es nicht.", x.Zyklus)
	}
	c.url(x.At.Key("dokument_url"), x.DokumentURL)
	if x.DokumentTitel != "" && x.DokumentURL == "" {
		c.d.Warnf(x.At.Key("dokument_titel"), "beschluss", "Tragen Sie dokument_url ein oder nennen Sie das Dokument im Gegenstand.",
			"Das Dokument „%s“ hat keine Adresse; ohne sie kann die Seite es nicht verlinken.", x.DokumentTitel)
	}
	c.beleg(s, x.At, x.Quelle, "Beschluss")
	return ok
}

var (
	reEmail = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)
	// firstname.lastname or f.lastname: the usual form of a personal address.
	rePersonal = regexp.MustCompile(`^[a-zäöüß]+(-[a-zäöüß]+)?\.[a-zäöüß]+(-[a-zäöüß]+)?$`)
	// Words that show that an address belongs to an office or a task.
	rolleWoerter = []string{"poststelle", "info", "kontakt", "digital", "strategie", "redaktion", "buero", "büro",
		"service", "presse", "team", "projekt", "beteiligung", "referat", "stab", "office", "geschaeftsstelle", "post", "mail"}
)

func (c *checker) kontakt(s *content.Strategie, k *content.Kontakt) {
	if e := k.Email; e != "" {
		local, _, _ := strings.Cut(strings.ToLower(e), "@")
		switch {
		case !reEmail.MatchString(e):
			c.d.Errorf(k.At.Key("email"), "kontakt-email", "Schreiben Sie nur die Adresse, z. B. \"digitalstrategie@tmdi.thueringen.de\", ohne mailto: und ohne Leerzeichen.",
				"„%s“ ist keine gültige E-Mail-Adresse.", e)
		case rePersonal.MatchString(local) && !enthaeltRolle(local):
			c.d.Warnf(k.At.Key("email"), "kontakt-person",
				"Veröffentlichen Sie ein Funktionspostfach (z. B. digitalstrategie@…), keine Adresse einer Person; Personen wechseln, das Postfach bleibt. Ist es doch ein Funktionspostfach, quittieren Sie die Warnung unter [ausnahmen].",
				"„%s“ sieht aus wie die Adresse einer Person (vorname.nachname@…).", e)
		}
	}
	c.url(k.At.Key("url"), k.URL)
	c.beleg(s, k.At, k.Quelle, "Kontakt")
}

func enthaeltRolle(local string) bool {
	for _, w := range rolleWoerter {
		if strings.Contains(local, w) {
			return true
		}
	}
	return false
}

func (c *checker) format(s *content.Strategie, f *content.Format) {
	if _, ok := content.FormatArten[f.Art]; !ok && f.Art != "" {
		c.d.Errorf(f.At.Key("art"), "beteiligung", "Erlaubt sind veranstaltung, konsultation, umfrage, werkstatt und sonstiges.",
			"Die Art „%s“ ist unbekannt.", f.Art)
	}
	switch {
	case !f.Datum.IsZero() && (!f.Von.IsZero() || !f.Bis.IsZero()):
		c.d.Errorf(f.At.Key("datum"), "beteiligung", "Schreiben Sie datum für einen Tag oder von und bis für einen Zeitraum.",
			"Das Format hat zugleich ein Datum und einen Zeitraum.")
	case f.Von.IsZero() != f.Bis.IsZero():
		at := f.At.Key("von")
		if f.Von.IsZero() {
			at = f.At.Key("bis")
		}
		c.d.Errorf(at, "beteiligung", "Ein Zeitraum braucht von und bis; für einen einzelnen Tag schreiben Sie datum.",
			"Beim Zeitraum fehlt %s.", map[bool]string{true: "der Beginn (von)", false: "das Ende (bis)"}[f.Von.IsZero()])
	case !f.Von.IsZero() && f.Bis.End().Before(f.Von.Start()):
		c.d.Errorf(f.At.Key("bis"), "beteiligung", "Prüfen Sie, ob von und bis vertauscht sind.",
			"Der Zeitraum endet (%s) vor seinem Beginn (%s).", f.Bis.Raw, f.Von.Raw)
	}
	c.url(f.At.Key("url"), f.URL)
	c.beleg(s, f.At, f.Quelle, "Beteiligungsformat")
}

// beleg warns when an entry of a real strategy does not say where it comes
// from: truth over completeness, decisions and contacts are not guessed.
func (c *checker) beleg(s *content.Strategie, at decode.At, quelle, was string) {
	if s.Beispiel || strings.TrimSpace(quelle) != "" {
		return
	}
	c.d.Warnf(at.Pos(), "beleg", "Tragen Sie quelle = \"…\" ein: Dokument und Stelle, die die Angabe belegen.",
		"%s ohne Quelle: Bei einer echten Strategie muss jede Angabe belegt sein.", was)
}
