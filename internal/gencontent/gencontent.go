// Package gencontent writes synthetic sites of a chosen size for
// benchmarks: the bundled site plus copies of its fictional strategy, each
// with more measures of their own text, in tdsite's format. Package
// hugosite writes the same content for Hugo.
package gencontent

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Pages of the bundled site and of one copy of the fictional strategy
// (18 pages of the original, its 2 downloads, its roadmap, plus Extra measures).
const (
	BundledPages = 251
	Extra        = 40
	PerCopy      = 21 + Extra
)

// Copies is the number of strategy copies for a site of about n pages.
func Copies(n int) int {
	if n <= BundledPages {
		return 0
	}
	return (n - BundledPages + PerCopy/2) / PerCopy
}

// Pages is the number of pages a site written by Site(…, n) has.
func Pages(n int) int { return BundledPages + Copies(n)*PerCopy }

// Site writes the bundled site from repo (config.toml, content, layouts,
// themes) into dst and adds strategy copies until it has about n pages.
// Spread over many strategies like a real state's agenda.
func Site(repo, dst string, n int) error {
	for _, e := range []string{"config.toml", "content", "layouts", "themes"} {
		if err := CopyTree(filepath.Join(repo, e), filepath.Join(dst, e), nil); err != nil {
			return err
		}
	}
	strategien := filepath.Join(dst, "content", "strategien")
	src := filepath.Join(strategien, "beispiel-kommunen")
	if err := freezeCopies(dst, Copies(n)); err != nil {
		return err
	}
	for k := 1; k <= Copies(n); k++ {
		prefix := fmt.Sprintf("K%03d-", k)
		name := fmt.Sprintf("beispiel-k%03d", k)
		err := CopyTree(src, filepath.Join(strategien, name), func(rel, text string) (string, string) {
			text = strings.ReplaceAll(text, "BSP-", prefix)
			if rel == "strategie.md" {
				text = strings.Replace(text, "(Beispiel)\"", fmt.Sprintf("(Beispiel %d)\"", k), 2)
			}
			return strings.ReplaceAll(rel, "BSP-", prefix), text
		})
		if err != nil {
			return err
		}
		for i := 1; i <= Extra; i++ {
			id := fmt.Sprintf("%s%d", prefix, 100+i)
			text := fmt.Sprintf(`+++
id = "%s"
titel = "Synthetische Maßnahme %d der Kopie %d"
handlungsfeld = "kommunale-digitalstrategien"
federfuehrung = ["TMDI"]
ziele = ["E1.2"]
start = "2026"
zusammenfassung = "Eine erzeugte Maßnahme für Messungen an großen Websites."
stand = "30.09.2026"

[kosten_nutzen]
aufwand = "Beispielwert"
nutzen = "Beispielwert"

[[verlauf]]
datum = "30.09.2026"
status = "laufend"
quelle = "Erzeugte Angabe für Messungen (fiktiv)"
+++
%s`, id, i, k, MeasureBody(id, k))
			if err := os.WriteFile(filepath.Join(strategien, name, "massnahmen", id+".md"), []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// freezeCopies adds the copies of the example to the frozen figures of
// closed progress reports: a copy has the same history as the example, so
// the closed report would count it the same way.
func freezeCopies(dst string, copies int) error {
	files, _ := filepath.Glob(filepath.Join(dst, "content", "agenda", "fortschrittsbericht-*.md"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		text := string(data)
		var add strings.Builder
		for _, line := range strings.Split(text, "\n") {
			rest, ok := strings.CutPrefix(line, `"beispiel-kommunen/BSP-`)
			if !ok {
				continue
			}
			for k := 1; k <= copies; k++ {
				fmt.Fprintf(&add, "\"beispiel-k%03d/K%03d-%s\n", k, k, rest)
			}
		}
		if add.Len() == 0 {
			continue
		}
		// [abschluss] is the last table of the front matter.
		i := strings.Index(text[3:], "\n+++") + 3
		text = text[:i+1] + add.String() + text[i+1:]
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// CopyTree copies src (a folder or a file) to dst; edit (may be nil) can
// rename a file and change its text.
func CopyTree(src, dst string, edit func(rel, text string) (string, string)) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if edit != nil {
			var text string
			rel, text = edit(filepath.ToSlash(rel), string(data))
			data = []byte(text)
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
