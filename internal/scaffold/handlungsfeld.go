package scaffold

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/decode"
	"tdsite/internal/tomledit"
)

// HandlungsfeldOptions describe a new Handlungsfeld.
type HandlungsfeldOptions struct {
	Name      string // name, or the key of an existing Handlungsfeld (with Strategie)
	Key       string // default: the name, transliterated
	Kurzname  string
	Strategie string // also add it to this strategy
}

// NewHandlungsfeld adds a Handlungsfeld to the shared registry. With a
// strategy it also lists the Handlungsfeld in its strategie.md and creates
// the strategy's Leitbild file for it; a Handlungsfeld that already exists
// (by key or by name) is then reused, as the Leitfaden asks.
func (s *Site) NewHandlungsfeld(o HandlungsfeldOptions) (*Result, error) {
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	if o.Name == "" {
		return nil, problem(`Schreiben Sie den Namen in Anführungszeichen, z. B. tdsite new handlungsfeld "Digitale Kulturangebote".`,
			"Es fehlt der Name des Handlungsfelds.")
	}
	existing := s.findHF(o.Name, o.Key)
	var st *content.Strategie
	if o.Strategie != "" {
		var err error
		if st, err = s.strategie(o.Strategie); err != nil {
			return nil, err
		}
	}
	res := &Result{}
	var files []file
	key := o.Key
	switch {
	case existing != nil && st == nil:
		return nil, problem(fmt.Sprintf("Der Leitfaden verlangt, bestehende Handlungsfelder wortgleich zu übernehmen. Verwenden Sie den Schlüssel „%s“, "+
			"z. B. mit tdsite new handlungsfeld %s --strategie <slug>.", existing.Key, existing.Key),
			"Das Handlungsfeld „%s“ gibt es schon: %s.", existing.Name, existing.File)
	case existing != nil:
		key = existing.Key
		res.Notes = append(res.Notes, fmt.Sprintf("Das Handlungsfeld „%s“ gibt es schon im Verzeichnis; es wird für die Strategie übernommen.", existing.Name))
	default:
		if key == "" {
			key = content.Slugify(o.Name)
		}
		if err := checkKey(key, "Schlüssel"); err != nil {
			return nil, err
		}
		if o.Kurzname == "" {
			o.Kurzname = o.Name
		}
		files = append(files, file{rel: path.Join("content", "handlungsfelder", key+".md"),
			data: render("handlungsfeld.md.tmpl", map[string]any{"Name": o.Name, "Kurzname": o.Kurzname, "Heute": s.heute()})})
		if len(key) > 40 {
			res.Notes = append(res.Notes, fmt.Sprintf("Der Schlüssel „%s“ ist lang; er erscheint in der Adresse. Einen kürzeren wählen Sie mit --schluessel.", key))
		}
	}
	if st != nil {
		if slices.Contains(st.Handlungsfelder, key) {
			return nil, problem("", "Die Strategie „%s“ führt das Handlungsfeld „%s“ schon.", st.Slug, key)
		}
		f, err := s.addToList(st, key)
		if err != nil {
			return nil, err
		}
		files = append(files, f, s.strategieHF(st.Slug, st.Name, key, o.Name))
	}
	return res, s.commit(files, res)
}

// findHF finds a Handlungsfeld by key or by (loosely compared) name or alias.
func (s *Site) findHF(name, key string) *content.Handlungsfeld {
	for _, hf := range s.Content.Handlungsfelder {
		if hf.Key == name || (key != "" && hf.Key == key) {
			return hf
		}
		for _, n := range append([]string{hf.Name}, hf.Aliase...) {
			if looseName(n) == looseName(name) {
				return hf
			}
		}
	}
	return nil
}

// looseName ignores case, spaces and punctuation, like the check does.
func looseName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == 'ä' || r == 'ö' || r == 'ü' || r == 'ß' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// addToList adds key to "handlungsfelder = [...]" in strategie.md, or adds
// that line after the name if there is none.
func (s *Site) addToList(st *content.Strategie, key string) (file, error) {
	data, err := s.readContent(st.File)
	if err != nil {
		return file{}, err
	}
	doc := tomledit.New(data)
	if st.At.Has("handlungsfelder") {
		err = doc.AppendToArray(st.At.Key("handlungsfelder").Line, "handlungsfelder", tomledit.String(key))
	} else if st.At.Has("name") {
		doc.InsertAfter(st.At.Key("name").Line, "handlungsfelder = "+tomledit.StringList([]string{key}))
	} else {
		err = fmt.Errorf("in der Datei fehlt name")
	}
	if err != nil {
		return file{}, problem(fmt.Sprintf("Tragen Sie „%s“ von Hand in die Liste handlungsfelder in %s ein.", key, st.File),
			"%s kann nicht automatisch ergänzt werden: %v", st.File, err)
	}
	out := doc.Bytes()
	if err := verifyFrontMatter(st.File, out, func(root map[string]any) bool {
		list, _ := root["handlungsfelder"].([]any)
		return len(list) > 0 && list[len(list)-1] == key
	}); err != nil {
		return file{}, err
	}
	return file{rel: st.File, data: out, exists: true}, nil
}

// verifyFrontMatter parses edited Markdown front matter again and asks ok
// whether the edit landed where intended; a failed edit is never written.
func verifyFrontMatter(rel string, data []byte, ok func(map[string]any) bool) error {
	clean, d := decode.Clean(rel, data)
	if d != nil {
		return problem(d.Hint, "%s: %s", rel, d.Message)
	}
	front, _, _, found := decode.SplitFrontMatter(clean)
	if !found {
		return problem("Prüfen Sie die Zeilen +++ am Anfang der Datei.", "%s hat keinen vollständigen Kopf zwischen +++.", rel)
	}
	doc, d := decode.Parse(rel, front, 2)
	if d != nil || !ok(doc.Root) {
		return problem("Bitte ergänzen Sie die Angabe von Hand; die Datei bleibt unverändert.",
			"Die automatische Änderung von %s ließ sich nicht sicher prüfen.", rel)
	}
	return nil
}
