package config

import (
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/decode"
	"tdsite/internal/diag"
)

// Barrierefreiheit is the [barrierefreiheit] table: the data of the
// Erklärung zur Barrierefreiheit that public bodies must publish
// (Art. 7 Richtlinie (EU) 2016/2102, § 3 ThürBarrWebG). The page
// /barrierefreiheit/ is generated from it.
type Barrierefreiheit struct {
	At decode.At
	// Vereinbarkeit is the status of compliance: "vollstaendig", "teilweise" or "nicht".
	Vereinbarkeit   string        `toml:"vereinbarkeit"`
	Rechtsgrundlage string        `toml:"rechtsgrundlage"` // the laws the statement is made under
	Standard        string        `toml:"standard"`
	Erstellt        content.Datum `toml:"erstellt"`
	Ueberprueft     content.Datum `toml:"ueberprueft"`
	Methode         string        `toml:"methode"`
	Pruefbericht    string        `toml:"pruefbericht"` // optional link to a test report
	Maengel         []Mangel      `toml:"mangel"`
	// Feedback is the contact for reporting barriers; empty fields fall back to [kontakt].
	Feedback     Kontakt `toml:"feedback"`
	Durchsetzung Stelle  `toml:"durchsetzung"`
}

// Mangel is one content that is not (fully) accessible.
type Mangel struct {
	At          decode.At
	Inhalt      string `toml:"inhalt"`
	Grund       string `toml:"grund"`
	Alternative string `toml:"alternative"`
}

// Stelle is a public body with its contact data (the enforcement body).
type Stelle struct {
	At              decode.At
	Name            string `toml:"name"`
	Rechtsgrundlage string `toml:"rechtsgrundlage"`
	URL             string `toml:"url"`
	Anschrift       string `toml:"anschrift"`
	Email           string `toml:"email"`
	Telefon         string `toml:"telefon"`
}

// Vereinbarkeiten maps the allowed status values to the wording of the
// model statement of the EU implementing decision 2018/1523.
var Vereinbarkeiten = map[string]string{
	"vollstaendig": "vollständig vereinbar",
	"teilweise":    "teilweise vereinbar",
	"nicht":        "nicht vereinbar",
}

// SiteRules are the warnings that config.toml can acknowledge in its own
// [ausnahmen] table. They concern site-wide files only; warnings about a
// strategy are acknowledged in that strategy's strategie.md.
var SiteRules = map[string]string{
	"platzhalter":      "Texte enthalten noch Platzhalter der Form [… eintragen].",
	"barrierefreiheit": "Die Erklärung zur Barrierefreiheit ist vollständig.",
}

// FeedbackKontakt is the feedback contact with [kontakt] as fallback.
func (c *Config) FeedbackKontakt() Kontakt {
	f, k := c.Barrierefreiheit.Feedback, c.Kontakt
	if f.Name == "" {
		f.Name = k.Name
	}
	if f.Anschrift == "" && f.Email == "" && f.Telefon == "" {
		f.Anschrift, f.Email, f.Telefon = k.Anschrift, k.Email, k.Telefon
	}
	return f
}

// HatErklaerung reports whether config.toml has a [barrierefreiheit] table.
func (c *Config) HatErklaerung() bool { return c.At.Has("barrierefreiheit") }

// checkBarrierefreiheit checks that the statement has all mandatory parts
// and reports placeholders left in config.toml.
func (c *Config) checkBarrierefreiheit(data []byte, l *diag.List) {
	platzhalter(File, data, 1, l)
	b := &c.Barrierefreiheit
	if !c.HatErklaerung() {
		l.Warnf(diag.Pos{File: File}, "barrierefreiheit",
			"Ergänzen Sie in config.toml eine Tabelle [barrierefreiheit] (siehe docs/barrierefreiheit.md, Abschnitt „Erklärung zur Barrierefreiheit ausfüllen“).",
			"Die Erklärung zur Barrierefreiheit fehlt; öffentliche Stellen müssen sie veröffentlichen.")
		return
	}
	pflicht := func(key, what, hint string, ok bool) {
		if !ok {
			l.Errorf(b.At.Key(key), "barrierefreiheit", hint, "In der Erklärung zur Barrierefreiheit fehlt %s.", what)
		}
	}
	if _, ok := Vereinbarkeiten[b.Vereinbarkeit]; !ok {
		pos := b.At.Key("vereinbarkeit")
		if pos.Line == 0 {
			pos = b.At.Pos()
		}
		l.Errorf(pos, "barrierefreiheit", `Schreiben Sie vereinbarkeit = "vollstaendig", "teilweise" oder "nicht".`,
			"Der Stand der Vereinbarkeit „%s“ ist unbekannt.", b.Vereinbarkeit)
	}
	pflicht("standard", "der Standard, an dem gemessen wurde", `Zum Beispiel: standard = "BITV 2.0 und ThürBITVO (EN 301 549, WCAG 2.1 Stufe AA)".`, b.Standard != "")
	pflicht("erstellt", "das Datum der Erstellung", `Zum Beispiel: erstellt = "23.11.2026".`, !b.Erstellt.IsZero())
	pflicht("methode", "die Methode der Bewertung", `Zum Beispiel: methode = "Selbstbewertung"; nennen Sie, wie geprüft wurde.`, b.Methode != "")
	for _, d := range []struct {
		key string
		v   content.Datum
	}{{"erstellt", b.Erstellt}, {"ueberprueft", b.Ueberprueft}} {
		if !d.v.IsZero() && !d.v.ExactDay() {
			l.Errorf(b.At.Key(d.key), "datum", "Schreiben Sie den genauen Tag, z. B. „30.06.2025“.",
				"Bei „%s“ ist ein genauer Tag nötig, „%s“ ist zu ungenau.", d.key, d.v.Raw)
		}
	}
	if b.Vereinbarkeit != "" && b.Vereinbarkeit != "vollstaendig" && len(b.Maengel) == 0 {
		l.Warnf(b.At.Key("vereinbarkeit"), "barrierefreiheit", "Nennen Sie je Inhalt eine Tabelle [[barrierefreiheit.mangel]] mit inhalt, grund und alternative.",
			"Die Website ist laut Erklärung nicht vollständig barrierefrei, aber es ist kein nicht barrierefreier Inhalt genannt.")
	}
	for _, m := range b.Maengel {
		hint := "Jeder Eintrag [[barrierefreiheit.mangel]] nennt inhalt (was ist nicht barrierefrei?) und grund (warum?)."
		if m.Inhalt == "" {
			l.Errorf(m.At.Pos(), "barrierefreiheit", hint, "Bei einem nicht barrierefreien Inhalt fehlt die Beschreibung (inhalt).")
		}
		if m.Grund == "" {
			l.Errorf(m.At.Pos(), "barrierefreiheit", hint, "Bei einem nicht barrierefreien Inhalt fehlt der Grund (grund).")
		}
	}
	if f := c.FeedbackKontakt(); f.Email == "" && f.Telefon == "" && f.Anschrift == "" {
		l.Errorf(b.At.Pos(), "barrierefreiheit", "Tragen Sie unter [barrierefreiheit.feedback] oder [kontakt] eine E-Mail-Adresse, Telefonnummer oder Anschrift ein.",
			"Die Erklärung zur Barrierefreiheit braucht einen Kontakt, über den man Barrieren melden kann.")
	}
	d := b.Durchsetzung
	if d.Name == "" || d.URL == "" {
		pos := d.At.Pos()
		if pos.Line == 0 {
			pos = b.At.Pos()
		}
		l.Errorf(pos, "barrierefreiheit", "Tragen Sie unter [barrierefreiheit.durchsetzung] name und url der Durchsetzungsstelle ein (in Thüringen nach § 5 ThürBarrWebG).",
			"Die Erklärung zur Barrierefreiheit muss die Durchsetzungsstelle nennen und auf sie verlinken.")
	} else if !strings.HasPrefix(d.URL, "https://") && !strings.HasPrefix(d.URL, "http://") {
		l.Errorf(d.At.Key("url"), "url", `Schreiben Sie die vollständige Adresse, z. B. "https://…".`,
			"Die Adresse der Durchsetzungsstelle „%s“ ist keine Web-Adresse.", d.URL)
	}
}

// platzhalter reports every "[… eintragen]" in a text, with its line.
// first is the line number of the text's first line in its file.
func platzhalter(file string, data []byte, first int, l *diag.List) {
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue // TOML comments may explain the notation
		}
		for _, p := range content.Platzhalter(line) {
			l.Warnf(diag.Pos{File: file, Line: first + i}, "platzhalter",
				"Ersetzen Sie den Platzhalter durch die echte Angabe, bevor die Website veröffentlicht wird.",
				"Hier steht noch der Platzhalter „%s“.", p)
		}
	}
}

// Platzhalter reports placeholders in a content text (exported for the
// checks of content/seiten/).
func Platzhalter(file string, data []byte, first int, l *diag.List) {
	platzhalter(file, data, first, l)
}

// Quittieren marks warnings about site-wide files (config.toml and
// content/seiten/) as acknowledged when config.toml names their rule with a
// reason under [ausnahmen].
func (c *Config) Quittieren(l *diag.List) {
	for rule, reason := range c.Ausnahmen {
		if strings.TrimSpace(reason) == "" {
			continue
		}
		for _, prefix := range []string{File, "content/seiten/"} {
			l.Accept(prefix, rule, reason)
		}
	}
}

func (c *Config) checkAusnahmen(l *diag.List) {
	for rule, reason := range c.Ausnahmen {
		if _, ok := SiteRules[rule]; !ok {
			l.Warnf(c.At.Key("ausnahmen."+rule), "ausnahme", "In config.toml lassen sich nur diese Regeln quittieren: platzhalter, barrierefreiheit.",
				"Die Ausnahme „%s“ kann in config.toml nicht quittiert werden.", rule)
		} else if strings.TrimSpace(reason) == "" {
			l.Warnf(c.At.Key("ausnahmen."+rule), "ausnahme", "Schreiben Sie in einem Satz, warum die Abweichung richtig ist.",
				"Die Ausnahme „%s“ hat keine Begründung.", rule)
		}
	}
}
