package validate

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// expectation is "file:line rule"; line 0 means anywhere in the file.
type expectation struct {
	file string
	line int
	rule string
}

func (e expectation) String() string { return fmt.Sprintf("%s:%d [%s]", e.file, e.line, e.rule) }

var reMarker = regexp.MustCompile(`ERWARTET(-DATEI)?:\s*([a-z0-9, -]+)`)

// markers reads the ERWARTET comments of every file in the fixture: each
// names the rules that must be reported on its line (or, with ERWARTET-DATEI,
// somewhere in its file).
func markers(t *testing.T, root string) []expectation {
	t.Helper()
	var out []expectation
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			m := reMarker.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			line := n
			if m[1] != "" {
				line = 0
			}
			for _, r := range strings.Split(m[2], ",") {
				if r = strings.TrimSpace(r); r != "" {
					out = append(out, expectation{rel, line, r})
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkFixture runs what `tdsite check` runs: content, rules, config.toml
// and the warnings config.toml acknowledges.
func checkFixture(t *testing.T, root string) *diag.List {
	t.Helper()
	site, diags := content.Load(root)
	diags.Merge(Check(site))
	cfg, cd := config.Load(root)
	diags.Merge(cd)
	if cfg != nil {
		diags.Merge(Markdown(site, cfg.Markdown.UnsafeHTML, nil))
		cfg.Quittieren(diags)
		// What is due depends on the build day; check runs it after the model.
		fr := Fristen(site, cfg.BuildDatum)
		Quittieren(site, fr)
		diags.Merge(fr)
	}
	return diags
}

// TestFixtureFindings is the contract of `tdsite check`: every rule fires on
// the bad-content fixture at the marked file and line, and nothing else fires.
func TestFixtureFindings(t *testing.T) {
	root := filepath.Join("testdata", "fehler")
	want := markers(t, root)
	diags := checkFixture(t, root)
	got := diags.Items()

	used := make([]bool, len(got))
	for _, e := range want {
		found := false
		for i, d := range got {
			if used[i] || d.Rule != e.rule || d.Pos.File != e.file || (e.line != 0 && d.Pos.Line != e.line) {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			t.Errorf("expected finding not reported: %s", e)
		}
	}
	for i, d := range got {
		if !used[i] {
			t.Errorf("unexpected finding: %s", d)
		}
	}
	for _, d := range got {
		if d.Hint == "" {
			t.Errorf("finding without hint: %s", d)
		}
		if d.Pos.File == "" {
			t.Errorf("finding without file: %s", d)
		}
	}
}

// TestEveryRuleCovered makes sure no rule of the checker lacks a fixture case.
func TestEveryRuleCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, e := range markers(t, filepath.Join("testdata", "fehler")) {
		covered[e.rule] = true
	}
	var missing []string
	// link-kaputt concerns the generated site, so only the build reports it;
	// internal/build/testdata/kaputt has its cases.
	covered["link-kaputt"] = true
	// stand-veraltet and bericht-abgeschlossen need the linked model and the
	// build day; agenda.Pruefen reports them, internal/agenda/herkunft_test.go
	// has their cases.
	covered["stand-veraltet"], covered["bericht-abgeschlossen"] = true, true
	for rule := range Rules {
		if !covered[rule] {
			missing = append(missing, rule)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules without a case in testdata/fehler: %v", missing)
	}
}

func TestAcceptedWarning(t *testing.T) {
	diags := checkFixture(t, filepath.Join("testdata", "fehler"))
	for _, d := range diags.Items() {
		if d.Pos.File == "content/strategien/ausnahme-test/strategie.md" && d.Rule == "namensschema" {
			if d.Accepted != "Amtlich festgelegter Name." {
				t.Errorf("warning not accepted: %+v", d)
			}
			return
		}
	}
	t.Error("namensschema warning of ausnahme-test missing")
}

func TestNameScheme(t *testing.T) {
	ok := []string{
		"Digitalstrategie für die Thüringer Kultur",
		"Digitalstrategie für Thüringens Smart Cities / Smart Regions",
		"Digitalstrategie für Brandschutz, Katastrophenschutz und Rettungsdienst in Thüringen",
		"Strategie für den Thüringer Mittelstand",
		"Digitalstrategie für die Thüringer Kommunen (Beispiel)",
	}
	bad := []string{
		"Strategie für E-Government und IT des Freistaats Thüringen",
		"Thüringer Strategie für die Digitale Gesellschaft",
		"Digitalstrategie Kultur",
	}
	for _, n := range ok {
		if !NameFollowsScheme(n) {
			t.Errorf("%q should follow the scheme", n)
		}
	}
	for _, n := range bad {
		if NameFollowsScheme(n) {
			t.Errorf("%q should not follow the scheme", n)
		}
	}
}

// TestBundledContentClean: the real content ships without errors or open warnings.
func TestBundledContentClean(t *testing.T) {
	diags := checkFixture(t, testkit.Root())
	if e, w := diags.Count(); e+w > 0 {
		var b strings.Builder
		diags.Print(&b, false)
		t.Errorf("bundled content: %d errors, %d warnings\n%s", e, w, b.String())
	}
}
