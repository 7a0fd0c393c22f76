package scaffold

import (
	"bytes"
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/decode"
	"tdsite/internal/diag"
	"tdsite/internal/tomledit"
	"tdsite/internal/validate"
)

// MesswertOptions describe one monitoring measurement.
type MesswertOptions struct {
	Ziel       string // "E1.1" or "<slug>/E1.1"
	Wert       string // as typed: "35", "12,5", "ja"
	Strategie  string // optional if the goal ID is unique in the site
	Datum      string // default: today
	Kommentar  string
	Gefaehrdet bool
	Korrektur  string
}

// NewMesswert appends a [[messwert]] to the strategy's messwerte.toml. The
// file's existing text stays byte for byte as it is.
func (s *Site) NewMesswert(o MesswertOptions) (*Result, error) {
	ref, err := s.quantGoal(o.Strategie, strings.TrimSpace(o.Ziel))
	if err != nil {
		return nil, err
	}
	st, q := ref.Strategie, ref.QuantGoal()
	wert, err := parseWert(o.Wert, q.Einheit)
	if err != nil {
		return nil, err
	}
	day, err := s.day(o.Datum)
	if err != nil {
		return nil, err
	}
	if st.Messwerte != nil {
		for _, m := range st.Messwerte.Messwerte {
			if m.Ziel == q.ID && m.Datum.ISO() == day.ISO() {
				return nil, problem("Korrigieren Sie den vorhandenen Eintrag von Hand oder wählen Sie mit --datum einen anderen Tag.",
					"Für „%s“ gibt es am %s schon einen Messwert (%s).", q.ID, day.From.String(), m.At.Pos())
			}
		}
	}
	if o.Gefaehrdet && strings.TrimSpace(o.Korrektur) == "" {
		return nil, problem(`Beschreiben Sie mit --korrektur "…", was der Steuerkreis ändern soll; der Leitfaden verlangt das für gefährdete Ziele.`,
			"Das Ziel ist als gefährdet markiert, aber es fehlt der Korrekturvorschlag.")
	}
	block := []string{
		"[[messwert]]",
		"ziel = " + tomledit.String(q.ID),
		"datum = " + tomledit.String(day.From.String()),
		"wert = " + tomledit.Number(wert),
	}
	if k := strings.TrimSpace(o.Kommentar); k != "" {
		block = append(block, "kommentar = "+tomledit.String(k))
	} else {
		// Where a value comes from belongs next to it; the hint says where.
		block = append(block, keyValue("# kommentar", `""`, "woher der Wert stammt (Statistik, Erhebung, Bericht mit Datum)"))
	}
	if o.Gefaehrdet {
		block = append(block, "gefaehrdet = true", "korrektur = "+tomledit.String(strings.TrimSpace(o.Korrektur)))
	}
	rel := path.Join(st.Dir, "messwerte.toml")
	res := &Result{}
	f := file{rel: rel}
	if st.Messwerte == nil {
		head := render("messwerte.toml.tmpl", map[string]any{"Name": st.Name, "Heute": s.heute(), "Slug": st.Slug})
		f.data = append(append(head, '\n'), []byte(strings.Join(block, "\n")+"\n")...)
	} else {
		old, err := s.readContent(rel)
		if err != nil {
			return nil, err
		}
		f.data, f.exists = appendBlock(old, block), true
		if err := verifyAppend(rel, old, f.data); err != nil {
			return nil, err
		}
	}
	if q.Zielwert != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("%s: %s, Zielwert %s %s.", q.ID, q.Text, tomledit.Number(*q.Zielwert), q.Einheit))
	}
	return res, s.commit([]file{f}, res)
}

// quantGoal finds a quantitative goal by ID, in the given strategy or, if
// none is given, in the one strategy that has a goal with this ID.
func (s *Site) quantGoal(slug, id string) (content.GoalRef, error) {
	if before, after, ok := strings.Cut(id, "/"); ok && slug == "" {
		slug, id = before, after
	}
	if id == "" {
		return content.GoalRef{}, problem("Aufruf: tdsite new messwert <Ziel-ID> <Wert> --strategie <slug>, z. B. tdsite new messwert E1.1 35 --strategie beispiel-kommunen.",
			"Es fehlt die ID des Ziels.")
	}
	var found []content.GoalRef
	if slug != "" {
		st, err := s.strategie(slug)
		if err != nil {
			return content.GoalRef{}, err
		}
		if g, ok := s.Content.Index.Goal(st, id); ok {
			found = append(found, g)
		}
	} else {
		for _, g := range s.Content.Index.Goals {
			if g.ID == id {
				found = append(found, g)
			}
		}
	}
	switch {
	case len(found) == 0:
		var ids []string
		for _, g := range s.Content.Index.Goals {
			if g.Kind.Quantitativ() && (slug == "" || g.Strategie.Slug == slug) {
				ids = append(ids, g.ID)
			}
		}
		sort.Strings(ids)
		hint := "Gemessen werden quantitative Ziele aus ziele.toml (IDs wie „Z1.1“ oder „E1.2“)."
		if m := diag.Suggest(id, ids); m != "" {
			hint = fmt.Sprintf("Meinten Sie „%s“? ", m) + hint
		}
		return content.GoalRef{}, problem(hint, "Das Ziel „%s“ gibt es nicht.", id)
	case len(found) > 1:
		var slugs []string
		for _, g := range found {
			slugs = append(slugs, g.Strategie.Slug)
		}
		sort.Strings(slugs)
		return content.GoalRef{}, problem("Geben Sie die Strategie mit --strategie an: "+strings.Join(slugs, ", ")+".",
			"Ein Ziel „%s“ gibt es in mehreren Strategien.", id)
	}
	g := found[0]
	if !g.Kind.Quantitativ() || g.QuantGoal() == nil {
		return content.GoalRef{}, problem("Gemessen werden quantitative Ziele (IDs wie „Z1.1“ oder „E1.2“).",
			"„%s“ ist kein quantitatives Ziel und lässt sich nicht messen.", id)
	}
	return g, nil
}

// parseWert reads a value as editors type it: "12,5", "1.250", "ja".
func parseWert(raw, einheit string) (float64, error) {
	v := strings.TrimSpace(raw)
	switch strings.ToLower(v) {
	case "ja", "liegt vor":
		return 1, nil
	case "nein", "liegt nicht vor":
		return 0, nil
	}
	v = strings.TrimSpace(strings.TrimSuffix(v, "%"))
	if strings.Contains(v, ",") { // German: 1.250,5
		v = strings.ReplaceAll(v, ".", "")
		v = strings.ReplaceAll(v, ",", ".")
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || v == "" {
		hint := "Schreiben Sie eine Zahl, z. B. 35 oder 12,5."
		if einheit == "ja/nein" {
			hint = "Bei diesem Ziel (ja/nein) schreiben Sie ja oder nein."
		}
		return 0, problem(hint, "„%s“ ist kein Messwert.", raw)
	}
	// ParseFloat also reads "NaN", "Inf" and "1e308"; written into the file,
	// they would break it (TOML knows only lowercase nan) or be rejected by check.
	if a := math.Abs(f); math.IsNaN(f) || a > validate.MaxWert || a != 0 && a < validate.MinWert {
		return 0, problem("Messwerte sind Zahlen von -1 000 000 000 000 000 bis 1 000 000 000 000 000; Beträge unter 0,000001 nur als 0.",
			"„%s“ liegt außerhalb des zulässigen Bereichs.", raw)
	}
	if einheit == "ja/nein" && f != 0 && f != 1 {
		return 0, problem("Bei diesem Ziel (ja/nein) schreiben Sie ja oder nein.", "„%s“ passt nicht zu einem Ja/Nein-Ziel.", raw)
	}
	return f, nil
}

// appendBlock adds a table at the end of a TOML file, separated by one
// blank line, in the file's line endings.
func appendBlock(old []byte, block []string) []byte {
	eol := "\n"
	if bytes.Contains(old, []byte("\r\n")) {
		eol = "\r\n"
	}
	out := append([]byte{}, old...)
	trimmed := bytes.TrimRight(old, " \t\r\n")
	switch {
	case len(trimmed) == 0:
	case !bytes.HasSuffix(old, []byte(eol)):
		out = append(out, eol+eol...)
	case !bytes.HasSuffix(old, []byte(eol+eol)):
		out = append(out, eol...)
	}
	return append(out, strings.Join(block, eol)+eol...)
}

// verifyAppend checks that the new text starts with the old text and that
// it parses with one more measurement.
func verifyAppend(rel string, old, new []byte) error {
	count := func(data []byte) int {
		clean, d := decode.Clean(rel, data)
		if d != nil {
			return -1
		}
		doc, d := decode.Parse(rel, clean, 1)
		if d != nil {
			return -1
		}
		list, _ := doc.Root["messwert"].([]map[string]any)
		return len(list)
	}
	n := count(old)
	if !bytes.HasPrefix(new, old) || n < 0 || count(new) != n+1 {
		return problem("Prüfen Sie die Datei mit „tdsite check“ und tragen Sie den Messwert von Hand ein.",
			"%s lässt sich nicht sicher ergänzen.", rel)
	}
	return nil
}
