package content

// Vocabulary of the content format (docs/inhaltsformat.md). Keys are what
// editors write; labels are what readers see.

// PhaseInfo describes one of the six phases of the Leitfaden.
type PhaseInfo struct {
	Key   string
	Label string
	Short string
}

// Phasen are the six phases in their fixed order.
var Phasen = []PhaseInfo{
	{"projektstart", "Projektstart", "Start"},
	{"leitbild", "Formulierung Leitbild", "Leitbild"},
	{"ist-analyse", "Ist-Analyse", "Ist-Analyse"},
	{"ziele-massnahmen", "Formulierung Ziele und Maßnahmen", "Ziele und Maßnahmen"},
	{"aktivierung", "Strategieaktivierung", "Aktivierung"},
	{"umsetzung", "Strategieumsetzung und Monitoring", "Umsetzung"},
}

// PhaseIndex returns the position of a phase key, or -1.
func PhaseIndex(key string) int {
	for i, p := range Phasen {
		if p.Key == key {
			return i
		}
	}
	return -1
}

// Status values of measures and initiatives.
var Status = []string{"geplant", "laufend", "umgesetzt", "ausgesetzt"}

// StatusLabel is the reader-facing word for a status.
var StatusLabel = map[string]string{
	"geplant": "Geplant", "laufend": "Laufend", "umgesetzt": "Umgesetzt", "ausgesetzt": "Ausgesetzt",
}

// RegelbetriebStatus values.
var RegelbetriebStatus = []string{"geplant", "eingeleitet", "erfolgt"}

// GremiumArten are the kinds of bodies and roles of a strategy project.
var GremiumArten = map[string]string{
	"steuerkreis":        "Steuerkreis",
	"strategiekreis":     "Strategiekreis",
	"projektleitung":     "Projektleitung",
	"projektteam":        "Projektteam",
	"fachgruppe":         "Fachgruppe",
	"teilprojektleitung": "Teilprojektleitung",
	"dienstleister":      "Dienstleister",
	"sonstiges":          "Weiteres Gremium",
}

// Rollen are the letters of the role matrix with their meaning (Leitfaden, Tabelle 1).
var Rollen = []struct{ Letter, Name, Meaning string }{
	{"R", "rechenschaftspflichtig", "entscheidet, ob die Aufgabe richtig erledigt wurde"},
	{"V", "verantwortlich", "setzt die Aufgabe um"},
	{"B", "beschließend", "beschließt wichtige Meilensteine"},
	{"U", "unterstützend", "wird zur Bearbeitung hinzugezogen"},
	{"C", "beratend (consulted)", "berät, ohne selbst umzusetzen"},
	{"I", "informiert", "wird über die Ergebnisse informiert"},
}

// RollenTabellen are the two role matrices of the Leitfaden.
var RollenTabellen = map[string]string{
	"erstellung": "Rollen bis zum Abschluss der Strategieaktivierung",
	"umsetzung":  "Rollen in Strategieumsetzung und Monitoring",
}

// Default horizons of the Leitfaden.
const (
	HorizontLeitbild = 2035
	HorizontZiele    = 2030
	HorizontEtappen  = 2027
)

// IsRahmen reports whether s is a framework strategy.
func (s *Strategie) IsRahmen() bool { return s.Art == "rahmen" }

// Leitfaden reports whether the Leitfaden's rules apply in full.
func (s *Strategie) Leitfaden() bool { return s.Methode != "vor-leitfaden" && !s.IsRahmen() }

// HorizontLeitbildJahr … return the effective horizons.
func (s *Strategie) HorizontLeitbildJahr() int {
	return orDefault(s.Horizonte.Leitbild, HorizontLeitbild)
}

// HorizontZieleJahr is the target year of strategic goals.
func (s *Strategie) HorizontZieleJahr() int { return orDefault(s.Horizonte.Ziele, HorizontZiele) }

// HorizontEtappenJahr is the target year of Etappenziele.
func (s *Strategie) HorizontEtappenJahr() int { return orDefault(s.Horizonte.Etappen, HorizontEtappen) }

func orDefault(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}

// PhaseReached reports whether the strategy is at or past the given phase.
func (s *Strategie) PhaseReached(key string) bool {
	cur := PhaseIndex(s.AktuellePhase)
	return cur >= 0 && cur >= PhaseIndex(key)
}
