package scaffold

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"tdsite/internal/content"
)

// StrategieOptions are the choices for a new strategy; empty fields get
// sensible defaults.
type StrategieOptions struct {
	Name            string
	Slug            string   // default: the name, transliterated
	Kurzname        string   // default: the topic of the name ("Kultur")
	Federfuehrung   string   // Kürzel of the lead Ressort
	Rahmenstrategie string   // default: the current framework strategy
	Handlungsfelder []string // keys from content/handlungsfelder/
	Beispiel        bool     // fictitious example
}

// The topic of a name that follows the Leitfaden's scheme.
var reThema = []*regexp.Regexp{
	regexp.MustCompile(`^(?:Digitalstrategie|Strategie) für (?:die|den|das) Thüringer (.+)$`),
	regexp.MustCompile(`^(?:Digitalstrategie|Strategie) für Thüringens (.+)$`),
	regexp.MustCompile(`^(?:Digitalstrategie|Strategie) für (.+) in Thüringen$`),
}

// Kurzname derives a short name from a strategy name: "Digitalstrategie für
// die Thüringer Kultur" → "Kultur".
func Kurzname(name string) string {
	for _, re := range reThema {
		if m := re.FindStringSubmatch(strings.TrimSpace(name)); m != nil {
			return m[1]
		}
	}
	return strings.TrimSpace(name)
}

// NewStrategie creates content/strategien/<slug>/ with strategie.md, the
// files for goals, initiatives, measurements and backlog (commented
// examples) and one Leitbild file per Handlungsfeld.
func (s *Site) NewStrategie(o StrategieOptions) (*Result, error) {
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	if o.Name == "" {
		return nil, problem(`Schreiben Sie den Namen in Anführungszeichen, z. B. tdsite new strategie "Digitalstrategie für die Thüringer Kultur".`,
			"Es fehlt der Name der Strategie.")
	}
	if o.Slug == "" {
		o.Slug = content.Slugify(o.Name)
	}
	if err := checkKey(o.Slug, "Ordnername (Adresse)"); err != nil {
		return nil, err
	}
	for _, st := range s.Content.Strategien {
		if st.Slug == o.Slug {
			return nil, problem("Wählen Sie mit --slug eine andere Adresse.", "Den Ordner %s gibt es schon.", st.Dir)
		}
		for _, n := range append([]string{st.Name}, st.Aliase...) {
			if strings.EqualFold(n, o.Name) {
				return nil, problem("Jede Strategie hat einen eigenen Namen. Ergänzen Sie die vorhandene Strategie oder wählen Sie einen anderen Namen.",
					"Eine Strategie mit dem Namen „%s“ gibt es schon: %s.", o.Name, st.File)
			}
		}
	}
	if o.Kurzname == "" {
		o.Kurzname = Kurzname(o.Name)
	}
	if o.Federfuehrung != "" {
		if err := s.checkAkteure([]string{o.Federfuehrung}, true); err != nil {
			return nil, err
		}
	}
	if o.Rahmenstrategie == "" {
		o.Rahmenstrategie = s.currentFramework()
	} else if r, err := s.strategie(o.Rahmenstrategie); err != nil {
		return nil, err
	} else if !r.IsRahmen() {
		return nil, problem("Nennen Sie eine Strategie mit art = \"rahmen\", z. B. "+s.currentFramework()+".",
			"„%s“ ist keine Rahmenstrategie.", o.Rahmenstrategie)
	}
	seen := map[string]bool{}
	for _, key := range o.Handlungsfelder {
		if err := s.checkHF(key); err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, problem("Nennen Sie jedes Handlungsfeld nur einmal.", "Das Handlungsfeld „%s“ ist doppelt angegeben.", key)
		}
		seen[key] = true
	}
	if o.Handlungsfelder == nil {
		o.Handlungsfelder = []string{}
	}

	res := &Result{}
	if len(o.Slug) > 30 {
		res.Notes = append(res.Notes, fmt.Sprintf("Die Adresse der Landingpage wird /strategien/%s/. Eine kürzere Adresse wählen Sie mit --slug, z. B. --slug %s.",
			o.Slug, content.Slugify(o.Kurzname)))
	}
	data := struct {
		StrategieOptions
		Heute                    string
		Slug                     string
		Leitbild, Ziele, Etappen int
	}{o, s.heute(), o.Slug, content.HorizontLeitbild, content.HorizontZiele, content.HorizontEtappen}
	dir := strategyDir(o.Slug)
	files := []file{
		{rel: path.Join(dir, "strategie.md"), data: render("strategie.md.tmpl", data)},
		{rel: path.Join(dir, "ziele.toml"), data: render("ziele.toml.tmpl", data)},
		{rel: path.Join(dir, "initiativen.toml"), data: render("initiativen.toml.tmpl", data)},
		{rel: path.Join(dir, "messwerte.toml"), data: render("messwerte.toml.tmpl", data)},
		{rel: path.Join(dir, "backlog.toml"), data: render("backlog.toml.tmpl", data)},
	}
	for _, key := range o.Handlungsfelder {
		files = append(files, s.strategieHF(o.Slug, o.Name, key, ""))
	}
	return res, s.commit(files, res)
}

// strategieHF is the Leitbild file of a strategy for one Handlungsfeld;
// name is the Handlungsfeld's name if it is not in the registry yet.
func (s *Site) strategieHF(slug, strategie, key, name string) file {
	if hf := s.Content.Index.Handlungsfelder[key]; hf != nil {
		name = hf.Name
	}
	return file{rel: path.Join(strategyDir(slug), "handlungsfelder", key+".md"),
		data: render("strategie-handlungsfeld.md.tmpl", map[string]any{
			"Strategie": strategie, "Name": name, "Heute": s.heute(), "Leitbild": content.HorizontLeitbild})}
}

// currentFramework is the framework strategy that nothing supersedes, if
// there is exactly one.
func (s *Site) currentFramework() string {
	found := ""
	for _, st := range s.Content.Strategien {
		if st.IsRahmen() && st.AbgeloestDurch == "" {
			if found != "" {
				return ""
			}
			found = st.Slug
		}
	}
	return found
}
