package testkit

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestArchitekturStimmtMitDemCode keeps docs/architektur.md honest: every
// package of the code is in its tables, none that no longer exists, and no
// package imports one from a higher layer — the one-way data flow load →
// validate → model → pages → render → publish that the document promises.
func TestArchitekturStimmtMitDemCode(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(Root(), "docs", "architektur.md"))
	if err != nil {
		t.Fatal(err)
	}
	layer := layers(t, string(doc))
	imports := packageImports(t)

	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `internal/([a-z/]+)` \\|").FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = true
	}
	var pkgs []string
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		if _, ok := layer[p]; !ok {
			t.Errorf("Paket %s fehlt in der Tabelle „Schichten“ von docs/architektur.md", p)
		}
		if !documented[p] {
			t.Errorf("Paket internal/%s fehlt in der Tabelle „Pakete“ von docs/architektur.md", p)
		}
	}
	for p := range layer {
		if _, ok := imports[p]; !ok {
			t.Errorf("docs/architektur.md nennt in „Schichten“ das Paket %s, das es nicht gibt", p)
		}
	}
	for p := range documented {
		if _, ok := imports[p]; !ok {
			t.Errorf("docs/architektur.md beschreibt internal/%s, das es nicht gibt", p)
		}
	}
	for _, p := range pkgs {
		for _, q := range imports[p] {
			lp, okp := layer[p]
			lq, okq := layer[q]
			if okp && okq && lq > lp {
				t.Errorf("%s (Schicht %d) importiert %s aus der höheren Schicht %d: die Daten sollen nur in eine Richtung fließen", p, lp, q, lq)
			}
		}
	}
}

// layers reads the table under "## Schichten": "| 3 Modell | `model` |".
func layers(t *testing.T, doc string) map[string]int {
	i := strings.Index(doc, "## Schichten")
	if i < 0 {
		t.Fatal("docs/architektur.md hat keinen Abschnitt „## Schichten“")
	}
	out := map[string]int{}
	row := regexp.MustCompile(`(?m)^\| (\d+) [^|]*\| (.*) \|$`)
	name := regexp.MustCompile("`([a-z/]+)`")
	section := doc[i:]
	if j := strings.Index(section[3:], "\n## "); j >= 0 {
		section = section[:j+3]
	}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		n, _ := strconv.Atoi(m[1])
		for _, p := range name.FindAllStringSubmatch(m[2], -1) {
			if _, dup := out[p[1]]; dup {
				t.Errorf("docs/architektur.md nennt %s in zwei Schichten", p[1])
			}
			out[p[1]] = n
		}
	}
	if len(out) == 0 {
		t.Fatal("keine Schichten in docs/architektur.md gefunden")
	}
	return out
}

// packageImports maps every package under internal/ (by its path below
// internal/) to the internal packages its non-test files import.
func packageImports(t *testing.T) map[string][]string {
	base := filepath.Join(Root(), "internal")
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(base, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if _, ok := out[pkg]; !ok {
			out[pkg] = nil
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if q, ok := strings.CutPrefix(path, "tdsite/internal/"); ok && !slices.Contains(out[pkg], q) {
				out[pkg] = append(out[pkg], q)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
