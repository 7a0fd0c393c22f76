// Package scaffold creates new content files – strategies, Handlungsfelder,
// measures, news posts and measurements – that pass `tdsite check` as
// they are. It never overwrites a file: new files are created exclusively,
// and existing files (strategie.md, messwerte.toml) are only extended by
// line edits that keep every comment.
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/tomledit"
	"tdsite/internal/validate"
)

//go:embed vorlagen/*.tmpl
var vorlagen embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"q":    tomledit.String,
	"list": tomledit.StringList,
	"kv":   keyValue,
}).ParseFS(vorlagen, "vorlagen/*.tmpl"))

// keyValue writes "key = value" with a comment aligned at column 40, as in
// docs/inhaltsformat.md.
func keyValue(key, value, comment string) string {
	return fmt.Sprintf("%-38s # %s", key+" = "+value, comment)
}

// Site is the website that new content is added to.
type Site struct {
	Root    string        // the directory with content/ and config.toml
	Today   time.Time     // date written into new files ("stand", "datum")
	DryRun  bool          // plan everything, write nothing
	Content *content.Site // loaded by Open
}

// Open loads the content of root, which the commands need to check names,
// keys and references before they write anything.
func Open(root string, today time.Time) (*Site, error) {
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		return nil, &Problem{Msg: fmt.Sprintf("Im Ordner %s gibt es keinen Unterordner content/.", root),
			Hint: "Wechseln Sie in den Ordner der Website oder geben Sie ihn mit --source an.", IO: true}
	}
	cs, _ := content.Load(root)
	return &Site{Root: root, Today: today, Content: cs}, nil
}

// Problem is a German explanation why nothing was created.
type Problem struct {
	Msg  string
	Hint string
	IO   bool // reading or writing failed (exit code 3), not the input
}

func (p *Problem) Error() string { return p.Msg }

func problem(hint, format string, args ...any) *Problem {
	return &Problem{Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Result lists what a command did (or would do with DryRun).
type Result struct {
	Created  []string          // new files, relative to Root
	Changed  []string          // existing files that were extended
	Notes    []string          // things the editor should know (German)
	Findings []diag.Diagnostic // check results for the touched files
	// Texts holds the complete new text of every file in Created and
	// Changed, also with DryRun: the editorial interface checks them before
	// it writes, so that browser and command line write the same bytes.
	Texts map[string][]byte
}

// file is a planned write.
type file struct {
	rel    string
	data   []byte
	exists bool // extend an existing file (data is its complete new text)
}

// today formats Site.Today as the content format writes days.
func (s *Site) heute() string { return s.Today.Format("02.01.2006") }

func render(name string, data any) []byte {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		panic(err) // the templates are embedded and tested; this is a programming error
	}
	return b.Bytes()
}

// commit writes the planned files – or, with DryRun, only reports them –
// and checks the result with the same rules as `tdsite check`.
func (s *Site) commit(files []file, res *Result) error {
	for _, f := range files {
		if !f.exists {
			if _, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(f.rel))); err == nil {
				return problem("tdsite überschreibt keine Dateien. Wählen Sie einen anderen Namen oder löschen Sie die Datei zuerst.",
					"Die Datei %s gibt es schon.", f.rel)
			}
		}
	}
	res.Texts = map[string][]byte{}
	for _, f := range files {
		res.Texts[f.rel] = f.data
		if f.exists {
			res.Changed = append(res.Changed, f.rel)
		} else {
			res.Created = append(res.Created, f.rel)
		}
	}
	if s.DryRun {
		return nil
	}
	for _, f := range files {
		abs := filepath.Join(s.Root, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return &Problem{Msg: fmt.Sprintf("Der Ordner für %s kann nicht angelegt werden: %v", f.rel, err), Hint: "Prüfen Sie die Zugriffsrechte.", IO: true}
		}
		var err error
		if f.exists {
			err = tomledit.WriteFile(abs, f.data)
		} else {
			err = tomledit.CreateFile(abs, f.data)
		}
		if err != nil {
			return &Problem{Msg: fmt.Sprintf("%s kann nicht geschrieben werden: %v", f.rel, err), Hint: "Prüfen Sie die Zugriffsrechte.", IO: true}
		}
	}
	cs, diags := content.Load(s.Root)
	diags.Merge(validate.Check(cs))
	touched := append(append([]string{}, res.Created...), res.Changed...)
	for _, d := range diags.Items() {
		if slices.Contains(touched, d.Pos.File) && d.Accepted == "" {
			res.Findings = append(res.Findings, d)
		}
	}
	return nil
}

// strategie finds a strategy by slug, with a suggestion if there is none.
func (s *Site) strategie(slug string) (*content.Strategie, error) {
	var slugs []string
	for _, st := range s.Content.Strategien {
		if st.Slug == slug {
			return st, nil
		}
		slugs = append(slugs, st.Slug)
	}
	if slug == "" {
		return nil, problem("Geben Sie die Strategie mit --strategie <slug> an. Vorhanden: "+strings.Join(slugs, ", ")+".",
			"Es fehlt die Angabe, zu welcher Strategie der Inhalt gehört.")
	}
	hint := "Vorhanden: " + strings.Join(slugs, ", ") + "."
	if m := diag.Suggest(slug, slugs); m != "" {
		hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
	}
	return nil, problem(hint, "Die Strategie „%s“ gibt es nicht (Ordner unter content/strategien/).", slug)
}

// checkAkteure verifies Kürzel against content/akteure.toml.
func (s *Site) checkAkteure(list []string, ressort bool) error {
	for _, k := range list {
		a, ok := s.Content.Index.Akteure[k]
		if !ok {
			var all []string
			for key := range s.Content.Index.Akteure {
				all = append(all, key)
			}
			slices.Sort(all)
			hint := "Ergänzen Sie das Kürzel in content/akteure.toml oder wählen Sie eines von: " + strings.Join(all, ", ") + "."
			if m := diag.Suggest(k, all); m != "" {
				hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
			}
			return problem(hint, "Das Kürzel „%s“ steht nicht in content/akteure.toml.", k)
		}
		if ressort && !a.Ressort {
			return problem("Federführend ist ein Ressort (Ministerium).", "„%s“ ist kein Ressort, sondern eine Organisation.", k)
		}
	}
	return nil
}

// checkHF verifies a Handlungsfeld key against the shared registry.
func (s *Site) checkHF(key string) error {
	if _, ok := s.Content.Index.Handlungsfelder[key]; ok {
		return nil
	}
	var keys []string
	for k := range s.Content.Index.Handlungsfelder {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	hint := "Legen Sie es mit „tdsite new handlungsfeld \"<Name>\"“ an oder wählen Sie einen Schlüssel aus content/handlungsfelder/."
	if m := diag.Suggest(key, keys); m != "" {
		hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
	}
	return problem(hint, "Das Handlungsfeld „%s“ gibt es nicht im Verzeichnis content/handlungsfelder/.", key)
}

// checkKey verifies a slug or key chosen by the editor.
func checkKey(key, what string) error {
	if !content.ValidKey(key) {
		return problem(fmt.Sprintf("Erlaubt sind Kleinbuchstaben, Ziffern und Bindestriche, z. B. „%s“.", content.Slugify(key)),
			"„%s“ ist als %s nicht geeignet.", key, what)
	}
	return nil
}

// readContent reads a content file for an edit.
func (s *Site) readContent(rel string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(s.Root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, &Problem{Msg: fmt.Sprintf("%s kann nicht gelesen werden: %v", rel, err), Hint: "Prüfen Sie die Zugriffsrechte.", IO: true}
	}
	return data, nil
}

// strategyDir is the folder of a strategy relative to the root.
func strategyDir(slug string) string { return path.Join("content", "strategien", slug) }
