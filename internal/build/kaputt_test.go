package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"tdsite/internal/diag"
	"tdsite/internal/markdown"
	"tdsite/internal/testkit"
)

// The corpus in testdata/kaputt holds one bad input per folder (see
// testdata/kaputt/README.md). Each is laid over a copy of the bundled site
// and built; the outcome must be the expected one – a German finding with
// file and line, or a clean build – and never a panic, a hang or silence.

type fall struct {
	Beschreibung string   `toml:"beschreibung"`
	Ergebnis     string   `toml:"ergebnis"`  // fehler | warnung | ok
	Meldungen    []string `toml:"meldungen"` // parts of the printed findings
	Symlink      []struct {
		Pfad string `toml:"pfad"`
		Ziel string `toml:"ziel"`
	} `toml:"symlink"`
	Gross []struct {
		Pfad   string `toml:"pfad"`
		Kopf   string `toml:"kopf"`
		Muster string `toml:"muster"`
		Bytes  int    `toml:"bytes"`
	} `toml:"gross"`
}

// kaputtTimeout is far above what any case needs (the slowest, a 5 MB file,
// takes well under a second); reaching it means a hang.
const kaputtTimeout = 60 * time.Second

func TestKaputtCorpus(t *testing.T) {
	testkit.Slow(t)
	saved := markdown.ScanBudget
	markdown.ScanBudget = time.Second // the flood case needs ~3 s unguarded; real texts need milliseconds
	t.Cleanup(func() { markdown.ScanBudget = saved })

	dirs, err := filepath.Glob("testdata/kaputt/[0-9]*")
	if err != nil || len(dirs) < 30 {
		t.Fatalf("corpus: %d cases (%v), want at least 30", len(dirs), err)
	}
	var mu = make(chan struct{}, 1)
	var summary []string
	t.Run("fall", func(t *testing.T) {
		for _, dir := range dirs {
			dir := dir
			t.Run(filepath.Base(dir), func(t *testing.T) {
				t.Parallel()
				line := runKaputt(t, dir)
				mu <- struct{}{}
				summary = append(summary, filepath.Base(dir)+": "+line)
				<-mu
			})
		}
	})
	sort.Strings(summary)
	t.Logf("Ergebnisse:\n%s", strings.Join(summary, "\n"))
}

// runKaputt builds one case and checks its outcome; it returns a one-line
// summary for the log.
func runKaputt(t *testing.T, dir string) string {
	var f fall
	if _, err := toml.DecodeFile(filepath.Join(dir, "fall.toml"), &f); err != nil {
		t.Fatalf("fall.toml: %v", err)
	}
	root := copySite(t)
	copyTree(t, "testdata/kaputt/_basis", root)
	if _, err := os.Stat(filepath.Join(dir, "dateien")); err == nil {
		copyTree(t, filepath.Join(dir, "dateien"), root)
	}
	for _, s := range f.Symlink {
		p := filepath.Join(root, filepath.FromSlash(s.Pfad))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		_ = os.RemoveAll(p)
		if err := os.Symlink(s.Ziel, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range f.Gross {
		body := strings.Repeat(g.Muster, g.Bytes/len(g.Muster)+1)[:g.Bytes]
		writeFile(t, filepath.Join(root, filepath.FromSlash(g.Pfad)), g.Kopf+body+"\n")
	}

	type outcome struct {
		diags *diag.List
		err   error
		panic string
	}
	done := make(chan outcome, 1)
	dest := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{panic: fmt.Sprintf("%v\n%s", r, debug.Stack())}
			}
		}()
		_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
		done <- outcome{diags: diags, err: err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(kaputtTimeout):
		t.Fatalf("%s: keine Antwort nach %v – der Build hängt", f.Beschreibung, kaputtTimeout)
	}
	took := time.Since(start)
	if o.panic != "" {
		t.Fatalf("%s: Panik: %s", f.Beschreibung, o.panic)
	}
	out := printDiags(o.diags)
	errs, warns := 0, 0
	if o.diags != nil {
		errs, warns = o.diags.Count()
	}
	switch f.Ergebnis {
	case "fehler":
		if !errors.Is(o.err, ErrContent) || errs == 0 {
			t.Errorf("%s: erwartet Fehler, bekommen err=%v, %d Fehler\n%s", f.Beschreibung, o.err, errs, out)
		}
	case "warnung":
		if o.err != nil || errs != 0 || warns == 0 {
			t.Errorf("%s: erwartet Warnung und Veröffentlichung, bekommen err=%v, %d Fehler, %d Warnungen\n%s", f.Beschreibung, o.err, errs, warns, out)
		}
	case "ok":
		if o.err != nil || errs != 0 || warns != 0 {
			t.Errorf("%s: erwartet sauberen Build, bekommen err=%v, %d Fehler, %d Warnungen\n%s", f.Beschreibung, o.err, errs, warns, out)
		}
		if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
			t.Errorf("%s: nichts veröffentlicht", f.Beschreibung)
		}
	default:
		t.Fatalf("fall.toml: ergebnis %q (fehler, warnung oder ok)", f.Ergebnis)
	}
	if f.Ergebnis != "ok" && len(f.Meldungen) == 0 {
		t.Errorf("fall.toml nennt keine erwartete Meldung; gefunden:\n%s", out)
	}
	for _, m := range f.Meldungen {
		if !strings.Contains(out, m) {
			t.Errorf("%s: Meldung fehlt: %q\ngefunden:\n%s", f.Beschreibung, m, out)
		}
	}
	if o.diags != nil {
		for _, d := range o.diags.Items() {
			if d.Pos.File == "" || d.Message == "" || d.Hint == "" && d.Severity == diag.Error {
				t.Errorf("Meldung ohne Datei, Text oder Hinweis: %+v", d)
			}
		}
	}
	// A failed build never leaves anything behind.
	if f.Ergebnis == "fehler" {
		if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("failed build created %s", dest)
		}
		assertNoLeftovers(t, dest)
	}
	var found []string
	if o.diags != nil {
		for _, d := range o.diags.Items() {
			if d.Accepted == "" {
				found = append(found, d.Pos.String()+": "+d.Severity.String()+": "+d.Message)
			}
		}
	}
	if len(found) == 0 {
		found = []string{"sauber gebaut"}
	}
	return fmt.Sprintf("(%v) %s", took.Round(time.Millisecond), strings.Join(found, " | "))
}
