// Package validate checks loaded content against the rules of the Leitfaden
// and against itself (references, duplicates, vocabularies). Every finding
// is German, names the file and line, and says what to do.
package validate

import (
	"fmt"
	"sort"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/decode"
	"tdsite/internal/diag"
)

// Rules lists every rule name with a short German description; it is the
// reference for [ausnahmen] and for `tdsite check --regeln`.
var Rules = map[string]string{
	"verweis-handlungsfeld":      "Handlungsfeld-Schlüssel müssen im gemeinsamen Verzeichnis stehen.",
	"verweis-akteur":             "Kürzel von Ressorts und Organisationen müssen in content/akteure.toml stehen.",
	"verweis-ziel":               "Verweise auf Ziele müssen auf vorhandene Ziele passender Art zeigen.",
	"verweis-strategie":          "Verweise auf Strategien müssen vorhandene Slugs nennen.",
	"verweis-initiative":         "Verweise auf Initiativen müssen vorhandene IDs nennen.",
	"verweis-gremium":            "Die Rollenmatrix und Fachgruppen nennen vorhandene Gremien.",
	"doppelt":                    "IDs, Schlüssel und Namen sind eindeutig.",
	"handlungsfeld-name":         "Gleiche Handlungsfelder heißen wortgleich und stehen nur einmal im Verzeichnis.",
	"zielset-quantitativ":        "Ein Zielset hat mindestens ein quantitatives Ziel.",
	"zielset-anzahl":             "Ein Zielset hat in der Regel höchstens drei quantitative Ziele.",
	"zielset-handlungsfeld":      "Strategische Ziele werden Handlungsfeldern zugeordnet.",
	"etappe-ableitung":           "Etappenziele leiten sich aus genau einem quantitativen strategischen Ziel ab.",
	"horizont":                   "Leitbild 2035, strategische Ziele 2030, Etappenziele 2027.",
	"quantitativ-messbar":        "Quantitative Ziele haben einen Zielwert (außer im Entwurf).",
	"initiative-handlungsfelder": "Strategische Initiativen unterstützen Etappenziele aus mindestens zwei Handlungsfeldern.",
	"strategiekreis-groesse":     "Dem Strategiekreis gehören höchstens 20 Personen an.",
	"aktivierung-6-monate":       "Zwischen Projektstart und Strategieaktivierung liegen höchstens 6 Monate.",
	"phase":                      "Phasen heißen wie im Leitfaden und folgen zeitlich aufeinander.",
	"zyklus":                     "Ein Zyklus dauert höchstens 2 Jahre; es gibt höchstens zwei Zyklen.",
	"rolle":                      "Die Rollenmatrix verwendet nur R, V, B, U, C und I.",
	"namensschema":               "Der Name folgt dem Namensschema des Leitfadens.",
	"federfuehrung":              "Eine sektorale Strategie hat genau ein federführendes Ressort, das nicht zugleich beteiligt ist.",
	"rahmenstrategie":            "Eine sektorale Strategie ist aus einer Rahmenstrategie abgeleitet.",
	"leitbild-handlungsfeld":     "Das Leitbild ist nach Handlungsfeldern gegliedert.",
	"ist-analyse":                "Ab der Formulierung der Ziele gibt es für jedes Handlungsfeld eine Ist-Analyse.",
	"reifegrad":                  "Reifegrade liegen auf der Skala des Modells.",
	"kosten-nutzen":              "Jede Maßnahme des Aktionsplans hat eine Kosten-/Nutzenanalyse.",
	"massnahme-ziel":             "Maßnahmen tragen zu Zielen bei.",
	"status":                     "Status und Arten stammen aus dem festen Wortschatz.",
	"messwert":                   "Messwerte gehören zu quantitativen Zielen und haben ein genaues Datum.",
	"messwert-veraltet":          "In der Umsetzung wird jedes quantitative Etappenziel alle 6 Monate gemessen.",
	"gefaehrdet":                 "Gefährdete Ziele haben einen Korrekturvorschlag.",
	"verlauf":                    "Der Statusverlauf einer Maßnahme ist zeitlich geordnet und endet mit ihrem aktuellen Status.",
	"bericht":                    "Jeder Fortschrittsbericht hat einen Stand im oder nach dem Berichtsjahr.",
	"bericht-abgeschlossen":      "Ein abgeschlossener Fortschrittsbericht ändert seine Zahlen nicht mehr.",
	"stand-herkunft":             "Jeder Status einer Maßnahme hat ein Datum und eine Quelle.",
	"stand-veraltet":             "Der Status jeder Maßnahme ist höchstens 6 Monate alt (Monitoring des Leitfadens).",
	"meilenstein":                "Meilensteine sind erreicht, offen oder unbekannt.",
	"datum":                      "Datumsangaben sind gültig und, wo nötig, genaue Tage.",
	"zahl":                       "Zahlen und Jahre liegen in ihrem zulässigen Bereich (docs/inhaltsformat.md).",
	"schluessel":                 "Schlüssel und Dateinamen bestehen aus Kleinbuchstaben, Ziffern und Bindestrichen.",
	"url":                        "Links zeigen auf http(s)-Adressen oder auf Seiten der Website.",
	"bild-extern":                "Bilder liegen auf der Website selbst, nicht auf fremden Servern.",
	"roh-html":                   "Roh-HTML in Markdown ist abgeschaltet oder enthält nichts Gefährliches.",
	"link-kaputt":                "Interne Links, Anker und Dateien der erzeugten Website existieren.",
	"markdown":                   "Markdown-Texte sind nicht übermäßig verschachtelt.",
	"ausnahme":                   "Quittierte Warnungen nennen eine bekannte Regel und einen Grund.",
	"platzhalter":                "Texte enthalten keine Platzhalter der Form [… eintragen] mehr.",
	"sprache":                    "Fremdsprachige Stellen nennen einen gültigen Sprachcode, z. B. [Open Data]{lang=en}.",
	"video":                      "Videos haben Untertitel (WebVTT) und einen Text zum Nachlesen.",
	"barrierefreiheit":           "Die Erklärung zur Barrierefreiheit ist vollständig (config.toml, [barrierefreiheit]).",
	// Issue 19: the rest of the Leitfaden (leitfaden.go, wirkung.go).
	"rahmen-leitbild":         "Eine Rahmenstrategie nennt das zentrale Leitbild.",
	"etappe-massnahme":        "Ab der Formulierung der Ziele und Maßnahmen trägt zu jedem Etappenziel eine Maßnahme bei.",
	"quantitativ-basis":       "Quantitative Ziele nennen Indikator und Ausgangswert; ab der Strategieaktivierung ist das Pflicht.",
	"steuerkreis-besetzung":   "Im Steuerkreis sind das federführende und jedes beteiligte Ressort vertreten.",
	"wirkungsmessung":         "Wirkungsmessungen haben ein genaues Datum, eine Methode und ein Ergebnis.",
	"wirkungsmessung-faellig": "Nach dem Erreichen der Etappenziele wird die Wirkung alle zwei Jahre gemessen.",
	"bericht-luecke":          "Der Fortschrittsbericht erscheint jedes Jahr ohne Lücke.",
}

// checker carries the state of one validation run.
type checker struct {
	site *content.Site
	ix   *content.Index
	d    *diag.List

	beitrag map[string]bool // goal keys some measure contributes to; see beitraege
}

// Check validates the whole site and returns its findings. Warnings that a
// strategy acknowledged in [ausnahmen] are marked as accepted.
func Check(site *content.Site) *diag.List {
	c := &checker{site: site, ix: site.Index, d: &diag.List{}}
	c.akteure()
	c.handlungsfelder()
	seenNames := map[string]decode.At{}
	for _, s := range site.Strategien {
		if prev, dup := seenNames[s.Name]; dup && s.Name != "" {
			c.d.Errorf(s.At.Key("name"), "doppelt", "Jede Strategie braucht einen eigenen Namen.",
				"Eine Strategie mit dem Namen „%s“ gibt es schon (%s).", s.Name, prev.Key("name"))
		} else {
			seenNames[s.Name] = s.At
		}
		c.strategie(s)
		c.dokumente(s)
		c.beschluesseUndBeteiligung(s)
	}
	c.massnahmenGlobal()
	c.kreise()
	c.berichte()
	for _, p := range site.Seiten {
		c.seite(p)
	}
	c.markdownTexte()
	c.folgewarnungen()
	for _, s := range site.Strategien {
		for rule, reason := range s.Ausnahmen {
			if _, ok := Rules[rule]; !ok {
				c.d.Warnf(s.At.Key("ausnahmen."+rule), "ausnahme", "Die Regelnamen stehen in eckigen Klammern hinter jeder Warnung.",
					"Die Ausnahme „%s“ nennt keine bekannte Regel.", rule)
				continue
			}
			if strings.TrimSpace(reason) == "" {
				c.d.Warnf(s.At.Key("ausnahmen."+rule), "ausnahme", "Schreiben Sie in einem Satz, warum die Abweichung richtig ist.",
					"Die Ausnahme „%s“ hat keine Begründung.", rule)
				continue
			}
			c.d.Accept(s.Dir+"/", rule, reason)
		}
	}
	return c.d
}

// Quittieren applies the strategies' [ausnahmen] to findings made after
// validation (from the model), so they can be acknowledged like any other.
func Quittieren(site *content.Site, l *diag.List) {
	for _, s := range site.Strategien {
		for rule, reason := range s.Ausnahmen {
			if _, ok := Rules[rule]; ok && strings.TrimSpace(reason) != "" {
				l.Accept(s.Dir+"/", rule, reason)
			}
		}
	}
}

// folgewarnungen removes warnings that only follow from an error while
// loading: those at the line of such an error (a value of the wrong type is
// read as zero and then looks missing) and those in a file that could not be
// read at all. Warnings that conclude from another file's content ask
// fehlerhaft before they are reported. Errors of the checks themselves do not
// hide warnings: their positions are often a whole table, and the other
// findings about it are true.
func (c *checker) folgewarnungen() {
	type stelle struct {
		file string
		line int
	}
	fehler := map[stelle]bool{}
	for file, lines := range c.site.Fehlerhaft {
		for _, l := range lines {
			fehler[stelle{file, l}] = true
		}
	}
	if len(fehler) == 0 {
		return
	}
	c.d.Keep(func(d diag.Diagnostic) bool {
		return d.Severity == diag.Error || !fehler[stelle{d.Pos.File, d.Pos.Line}] && !fehler[stelle{d.Pos.File, 0}]
	})
}

// fehlerhaft reports whether a file had errors while loading. A check that
// concludes from what such a file contains or lacks stays silent: the editor
// fixes the error first, and the finding would only repeat it. This holds
// for errors, too: a reference into a broken registry is not wrong, and the
// error of the registry alone stops the build.
func (c *checker) fehlerhaft(file string) bool {
	_, ok := c.site.Fehlerhaft[file]
	return ok
}

const akteureDatei = "content/akteure.toml"

func (c *checker) akteure() {
	a := c.site.Akteure
	if a == nil {
		if len(c.site.Strategien) > 0 && !c.fehlerhaft(akteureDatei) {
			c.d.Errorf(diag.Pos{File: "content/akteure.toml"}, "verweis-akteur",
				"Legen Sie content/akteure.toml mit [[ressort]]-Einträgen an (siehe docs/inhaltsformat.md).",
				"Das Verzeichnis der Ressorts und Organisationen fehlt.")
		}
		return
	}
	seen := map[string]decode.At{}
	for _, list := range [][]content.Akteur{a.Ressorts, a.Organisationen} {
		for _, ak := range list {
			if prev, dup := seen[ak.Kuerzel]; dup {
				c.d.Errorf(ak.At.Key("kuerzel"), "doppelt", "Jedes Kürzel darf nur einmal vorkommen; entfernen Sie den doppelten Eintrag.",
					"Das Kürzel „%s“ ist doppelt vergeben (zuerst %s).", ak.Kuerzel, prev.Key("kuerzel"))
				continue
			}
			seen[ak.Kuerzel] = ak.At
			c.checkID(ak.At.Key("kuerzel"), "Das Kürzel", ak.Kuerzel, "IHK-SUED")
			c.url(ak.At.Key("url"), ak.URL)
		}
	}
}

// checkID reports an ID, key or Kürzel that does not match the one
// pattern for IDs (content.IDMuster); was names it, beispiel is a good one.
func (c *checker) checkID(pos diag.Pos, was, v, beispiel string) bool {
	if content.ValidID(v) {
		return true
	}
	if v == "" { // a missing ID is already a finding of its own (pflichtfeld)
		return false
	}
	c.d.Errorf(pos, "schluessel", content.IDHint(beispiel), "%s „%s“ passt nicht zum Muster für IDs.", was, v)
	return false
}

func (c *checker) handlungsfelder() {
	names := map[string]*content.Handlungsfeld{}
	for _, hf := range c.site.Handlungsfelder {
		if !content.ValidKey(hf.Key) {
			c.d.Errorf(diag.Pos{File: hf.File}, "schluessel", content.KeyHint(content.Slugify(hf.Key)+".md"),
				"Der Dateiname „%s“ ist kein gültiger Schlüssel (nur Kleinbuchstaben, Ziffern, Bindestriche).", hf.Key)
		}
		for i, n := range append([]string{hf.Name}, hf.Aliase...) {
			key := normName(n)
			if key == "" {
				continue
			}
			if prev, dup := names[key]; dup && prev != hf {
				pos := hf.At.Key("name")
				if i > 0 {
					pos = hf.At.Key(fmt.Sprintf("aliase[%d]", i-1))
				}
				c.d.Errorf(pos, "handlungsfeld-name",
					fmt.Sprintf("Der Leitfaden verlangt, bestehende Handlungsfelder wortgleich zu übernehmen: Verweisen Sie auf „%s“ und löschen Sie diese Datei.", prev.Key),
					"Das Handlungsfeld „%s“ steht bereits im Verzeichnis (%s).", n, prev.File)
				continue
			}
			names[key] = hf
		}
	}
}

// normName compares names of Handlungsfelder loosely: case, spaces and
// punctuation differences make a near-duplicate, not a new field.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == 'ä' || r == 'ö' || r == 'ü' || r == 'ß' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hfRef checks a Handlungsfeld key.
func (c *checker) hfRef(pos diag.Pos, key string) bool {
	if _, ok := c.ix.Handlungsfelder[key]; ok {
		return true
	}
	if c.fehlerhaft("content/handlungsfelder/" + key + ".md") {
		return false
	}
	hint := "Legen Sie content/handlungsfelder/" + key + ".md an oder korrigieren Sie den Schlüssel."
	if s := diag.Suggest(key, keysOf(c.ix.Handlungsfelder)); s != "" {
		hint = fmt.Sprintf("Meinten Sie „%s“? ", s) + hint
	}
	c.d.Errorf(pos, "verweis-handlungsfeld", hint, "Das Handlungsfeld „%s“ gibt es nicht im Verzeichnis content/handlungsfelder/.", key)
	return false
}

// akteurRef checks an actor key; ressort demands a [[ressort]] entry.
func (c *checker) akteurRef(pos diag.Pos, key string, ressort bool) bool {
	a, ok := c.ix.Akteure[key]
	if !ok && c.fehlerhaft(akteureDatei) {
		return false
	}
	if !ok {
		hint := "Ergänzen Sie das Kürzel in content/akteure.toml oder korrigieren Sie es."
		if s := diag.Suggest(key, keysOf(c.ix.Akteure)); s != "" {
			hint = fmt.Sprintf("Meinten Sie „%s“? ", s) + hint
		}
		c.d.Errorf(pos, "verweis-akteur", hint, "Das Kürzel „%s“ steht nicht in content/akteure.toml.", key)
		return false
	}
	if ressort && !a.Ressort {
		c.d.Errorf(pos, "verweis-akteur", "Federführend und beteiligt sind Ressorts; Organisationen nennen Sie bei den Gremien.",
			"„%s“ ist kein Ressort, sondern eine Organisation.", key)
		return false
	}
	return true
}

func (c *checker) strategieRef(pos diag.Pos, slug string) *content.Strategie {
	s, ok := c.ix.Strategien[slug]
	if !ok && c.fehlerhaft("content/strategien/"+slug+"/strategie.md") {
		return nil
	}
	if !ok {
		hint := "Verwenden Sie den Ordnernamen der Strategie unter content/strategien/."
		if m := diag.Suggest(slug, keysOf(c.ix.Strategien)); m != "" {
			hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
		}
		c.d.Errorf(pos, "verweis-strategie", hint, "Die Strategie „%s“ gibt es nicht.", slug)
		return nil
	}
	return s
}

func (c *checker) exactDay(pos diag.Pos, d content.Datum, field string) {
	if !d.IsZero() && !d.ExactDay() {
		c.d.Errorf(pos, "datum", "Schreiben Sie den genauen Tag, z. B. „30.06.2025“.",
			"Bei „%s“ ist ein genauer Tag nötig, „%s“ ist zu ungenau.", field, d.Raw)
	}
}

func (c *checker) seite(p *content.Seite) {
	if !content.ValidKey(p.Slug) {
		c.d.Errorf(diag.Pos{File: p.File}, "schluessel", content.KeyHint(content.Slugify(p.Slug)+".md"),
			"Der Dateiname „%s“ ist nicht als Adresse geeignet.", p.Slug)
	}
	c.exactDay(p.At.Key("stand"), p.Stand, "stand")
	c.seiteText(p)
}

func (c *checker) massnahmenGlobal() {
	seen := map[string]*content.Massnahme{}
	for _, s := range c.site.Strategien {
		for _, m := range s.Massnahmen {
			if !c.checkID(m.At.Key("id"), "Die Maßnahmen-ID", m.ID, "BSP-01") {
				continue
			}
			// The ID becomes the address /massnahmen/<slug>/: IDs that differ
			// only in case or punctuation would overwrite each other's page.
			key := content.Slugify(m.ID)
			if key == "" {
				c.d.Errorf(m.At.Key("id"), "schluessel", "Verwenden Sie IDs wie „M1-01“ aus Buchstaben, Ziffern und Bindestrichen.",
					"Die Maßnahmen-ID „%s“ enthält keine Buchstaben oder Ziffern und ergibt keine Adresse.", m.ID)
				continue
			}
			if prev, dup := seen[key]; dup {
				if prev.ID == m.ID {
					c.d.Errorf(m.At.Key("id"), "doppelt", "Maßnahmen-IDs sind in der ganzen Website eindeutig, weil jede Maßnahme eine eigene Adresse hat.",
						"Die Maßnahmen-ID „%s“ ist schon vergeben (%s).", m.ID, prev.At.Key("id"))
				} else {
					c.d.Errorf(m.At.Key("id"), "doppelt", "Maßnahmen-IDs sind in der ganzen Website eindeutig, weil jede Maßnahme eine eigene Adresse hat; unterscheiden Sie sie durch Buchstaben oder Ziffern.",
						"Die Maßnahmen-ID „%s“ ergibt dieselbe Adresse /massnahmen/%s/ wie „%s“ (%s).", m.ID, key, prev.ID, prev.At.Key("id"))
				}
				continue
			}
			seen[key] = m
		}
	}
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// months between two dates, rounded down.
func monthsBetween(a, b datum.Datum) int {
	s, e := a.Start(), b.Start()
	m := (e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month())
	if e.Day() < s.Day() {
		m--
	}
	return m
}
