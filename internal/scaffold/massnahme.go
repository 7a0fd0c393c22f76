package scaffold

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"tdsite/internal/content"
)

// MassnahmeOptions describe a new measure of a strategy's Aktionsplan.
type MassnahmeOptions struct {
	Titel         string
	Strategie     string
	ID            string   // default: the next number after the strategy's IDs
	Handlungsfeld string   // default: the strategy's only Handlungsfeld
	Federfuehrung []string // default: the strategy's lead Ressort
	Ziele         []string // goal IDs
	Status        string   // default: geplant
	Quelle        string   // source of the status; default: StandardQuelle
}

// StandardQuelle is the source of a new measure's status when none is given.
const StandardQuelle = "Meldung der Redaktion"

var reID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// NewMassnahme creates content/strategien/<slug>/massnahmen/<id>.md.
func (s *Site) NewMassnahme(o MassnahmeOptions) (*Result, error) {
	o.Titel = strings.Join(strings.Fields(o.Titel), " ")
	if o.Titel == "" {
		return nil, problem(`Schreiben Sie den Titel in Anführungszeichen, z. B. tdsite new massnahme "Digitale Sprechstunde" --strategie <slug>.`,
			"Es fehlt der Titel der Maßnahme.")
	}
	st, err := s.strategie(o.Strategie)
	if err != nil {
		return nil, err
	}
	if o.ID == "" {
		if o.ID, err = nextID(st); err != nil {
			return nil, err
		}
	}
	if !reID.MatchString(o.ID) {
		return nil, problem("Verwenden Sie Buchstaben, Ziffern und Bindestriche, z. B. „KULTUR-01“.", "„%s“ ist als Maßnahmen-ID nicht geeignet.", o.ID)
	}
	for _, other := range s.Content.Strategien {
		for _, m := range other.Massnahmen {
			if strings.EqualFold(m.ID, o.ID) {
				return nil, problem("Maßnahmen-IDs sind in der ganzen Website eindeutig. Wählen Sie mit --id eine andere.",
					"Die Maßnahmen-ID „%s“ ist schon vergeben: %s.", o.ID, m.File)
			}
		}
	}
	if o.Handlungsfeld == "" {
		switch {
		case len(st.Handlungsfelder) == 1:
			o.Handlungsfeld = st.Handlungsfelder[0]
		case len(st.Handlungsfelder) > 1 && st.Leitfaden():
			return nil, problem("Wählen Sie eines mit --handlungsfeld: "+strings.Join(st.Handlungsfelder, ", ")+".",
				"Die Strategie hat mehrere Handlungsfelder; jede Maßnahme gehört zu einem.")
		case st.Leitfaden():
			return nil, problem(fmt.Sprintf("Fügen Sie der Strategie zuerst ein Handlungsfeld hinzu: tdsite new handlungsfeld \"<Name>\" --strategie %s", st.Slug),
				"Die Strategie hat noch kein Handlungsfeld; jede Maßnahme gehört zu einem.")
		}
	}
	if o.Handlungsfeld != "" {
		if err := s.checkHF(o.Handlungsfeld); err != nil {
			return nil, err
		}
		if !slices.Contains(st.Handlungsfelder, o.Handlungsfeld) {
			return nil, problem(fmt.Sprintf("Fügen Sie es der Strategie hinzu: tdsite new handlungsfeld %s --strategie %s", o.Handlungsfeld, st.Slug),
				"Die Strategie „%s“ führt das Handlungsfeld „%s“ nicht.", st.Slug, o.Handlungsfeld)
		}
	}
	if o.Federfuehrung == nil && st.Federfuehrung != "" && s.Content.Index.Akteure[st.Federfuehrung] != nil {
		o.Federfuehrung = []string{st.Federfuehrung}
	}
	if o.Federfuehrung == nil {
		o.Federfuehrung = []string{}
	}
	if err := s.checkAkteure(o.Federfuehrung, false); err != nil {
		return nil, err
	}
	for _, z := range o.Ziele {
		if _, ok := s.Content.Index.Goal(st, z); !ok {
			return nil, problem("Nennen Sie die ID eines Ziels aus "+path.Join(st.Dir, "ziele.toml")+", z. B. „E1.1“.",
				"Das Ziel „%s“ gibt es in der Strategie nicht.", z)
		}
	}
	if o.Ziele == nil {
		o.Ziele = []string{}
	}
	if o.Status == "" {
		o.Status = "geplant"
	}
	if !slices.Contains(content.Status, o.Status) {
		return nil, problem("Erlaubt sind: "+strings.Join(content.Status, ", ")+".", "Den Status „%s“ gibt es nicht.", o.Status)
	}
	if o.Quelle = strings.Join(strings.Fields(o.Quelle), " "); o.Quelle == "" {
		o.Quelle = StandardQuelle
	}
	res := &Result{}
	data := struct {
		MassnahmeOptions
		Heute string
		Jahr  int
	}{o, s.heute(), s.Today.Year()}
	f := file{rel: path.Join(st.Dir, "massnahmen", o.ID+".md"), data: render("massnahme.md.tmpl", data)}
	return res, s.commit([]file{f}, res)
}

var reNumbered = regexp.MustCompile(`^(.*?)(\d+)$`)

// nextID continues the numbering of the strategy's measures: BSP-09 →
// BSP-10. A strategy without measures starts with its short name, e.g.
// KULTUR-01. Mixed schemes (M1-01, L2-03) need an explicit --id.
func nextID(st *content.Strategie) (string, error) {
	if len(st.Massnahmen) == 0 {
		base := strings.ToUpper(content.Slugify(Kurzname(st.Name)))
		if len(base) > 12 {
			base = strings.TrimRight(base[:12], "-")
		}
		if base == "" {
			base = "M"
		}
		return base + "-01", nil
	}
	prefix, width, highest := "", 0, -1
	var examples []string
	for _, m := range st.Massnahmen {
		examples = append(examples, m.ID)
		g := reNumbered.FindStringSubmatch(m.ID)
		if g == nil {
			return "", needID(examples)
		}
		n, _ := strconv.Atoi(g[2])
		switch {
		case highest < 0:
			prefix = g[1]
		case g[1] != prefix:
			return "", needID(examples)
		}
		if n > highest {
			highest, width = n, len(g[2])
		}
	}
	return fmt.Sprintf("%s%0*d", prefix, width, highest+1), nil
}

func needID(examples []string) error {
	if len(examples) > 3 {
		examples = examples[:3]
	}
	return problem("Geben Sie die ID mit --id an (vorhanden sind z. B. "+strings.Join(examples, ", ")+").",
		"Die Maßnahmen der Strategie sind unterschiedlich nummeriert; tdsite kann die nächste ID nicht ableiten.")
}
