package datum

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"tdsite/internal/testkit"
)

var reQuotedYear = regexp.MustCompile(`"([^"\n]{0,40}\d{4}[^"\n]{0,20})"`)

// FuzzParse: no input makes Parse panic; every date it accepts starts before
// it ends and is written back by String() in a form Parse reads as the same
// date – the site shows dates it could read again.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"15.07.2018", "07/2018", "Juli 2018", "Q3/2020", "3. Quartal 2020",
		"1. Halbjahr 2020", "H1/2020", "2021", "Anfang 2018", "Mitte 2019", "Ende 2017", "Schuljahr 2019/20",
		"seit Oktober 2019", "ab Q3/2020", "bis Ende 2023", "2020 ff.", "01.09.2018 bis 31.08.2019",
		"2017 bis 2020", "Q1/2021 bis Q4/2021", "Ende Oktober 2015", "Frühjahr 2022", "2025-06-30", "31.02.2026"} {
		f.Add(s)
	}
	root := filepath.Join(testkit.Root(), "content")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		for _, m := range reQuotedYear.FindAllSubmatch(data, -1) {
			if _, err := Parse(string(m[1])); err == nil {
				f.Add(string(m[1]))
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Errorf("error of type %T: %v", err, err)
			}
			return
		}
		if d.Raw != s {
			t.Errorf("Raw %q, want %q", d.Raw, s)
		}
		if d.End().Before(d.Start()) {
			t.Errorf("%q: ends %v before it starts %v", s, d.End(), d.Start())
		}
		again, err := Parse(d.String())
		if err != nil {
			t.Fatalf("%q is shown as %q, which does not parse: %v", s, d.String(), err)
		}
		if again.Kind != d.Kind || !again.Start().Equal(d.Start()) || !again.End().Equal(d.End()) {
			t.Errorf("%q is shown as %q, which means %v–%v instead of %v–%v", s, d.String(),
				again.Start(), again.End(), d.Start(), d.End())
		}
	})
}
