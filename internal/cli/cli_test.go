package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(args, &o, &e)
	return code, o.String(), e.String()
}

// English words the flag package would print if a message slipped through.
var english = regexp.MustCompile(`(?i)\b(usage|flag provided|default|invalid|the|of)\b`)

func TestHelpIsGermanForEveryCommand(t *testing.T) {
	for _, args := range [][]string{
		{"help"}, {"hilfe"}, {"--help"},
		{"build", "--help"}, {"check", "-h"}, {"serve", "--help"}, {"version", "--help"},
		{"new", "--help"}, {"new", "strategie", "--help"}, {"new", "handlungsfeld", "-h"}, {"new", "massnahme", "--help"},
		{"new", "meldung", "--help"}, {"new", "messwert", "--help"},
		{"import", "--help"}, {"import", "openproject", "--help"}, {"help", "build"}, {"bericht", "--help"}, {"bericht", "abschliessen", "--help"},
	} {
		code, out, errOut := run(args...)
		if code != ExitOK || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if !strings.Contains(out, "Aufruf: tdsite") {
			t.Errorf("%v: no German help:\n%s", args, out)
		}
		if m := english.FindString(out); m != "" {
			t.Errorf("%v: English word %q in help:\n%s", args, m, out)
		}
	}
}

func TestWrongCallsExitTwoInGerman(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "Aufruf:"},
		{[]string{"bauen2"}, "Den Befehl „bauen2“ gibt es nicht"},
		{[]string{"build", "--foo"}, "Die Option „--foo“ gibt es nicht"},
		{[]string{"check", "--source"}, "Die Option „--source“ braucht einen Wert"},
		{[]string{"serve", "--port", "x"}, "passt nicht zur Option „--port“"},
		{[]string{"check", "-q", "-v"}, "schließen sich aus"},
		{[]string{"new", "strategie"}, "Es fehlt eine Angabe"},
		{[]string{"new", "strategie", "Digitalstrategie", "für", "Sport"}, "Anführungszeichen"},
		{[]string{"new", "projekt"}, "Die Art „projekt“ gibt es nicht"},
		{[]string{"import", "jira", "x.csv"}, "Die Quelle „jira“ gibt es nicht"},
		{[]string{"import", "openproject"}, "Es fehlt eine Angabe"},
	} {
		code, _, errOut := run(c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errOut, c.want)
		}
		if m := english.FindString(errOut); m != "" {
			t.Errorf("%v: English word %q: %s", c.args, m, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run("version")
	if code != ExitOK || !strings.HasPrefix(out, "tdsite ") || !strings.Contains(out, "go1.") {
		t.Errorf("version: %d %q", code, out)
	}
	info := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "29a8daade611aa"}, {Key: "vcs.time", Value: "2026-11-23T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	got := versionString("1.2.0", info)
	for _, want := range []string{"tdsite 1.2.0 (", "Git 29a8daade611, 23.11.2026, mit nicht eingecheckten Änderungen"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if got := versionString("", info); !strings.HasPrefix(got, "tdsite Entwicklungsstand (") {
		t.Errorf("devel: %q", got)
	}
	pseudo := &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261123190041-29a8daade611+dirty"}, Settings: info.Settings}
	if got := versionString("", pseudo); !strings.HasPrefix(got, "tdsite Entwicklungsstand (Git 29a8daade611") {
		t.Errorf("pseudo-version: %q", got)
	}
	if got := versionString("", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0"}}); !strings.HasPrefix(got, "tdsite v1.3.0 (") {
		t.Errorf("module version: %q", got)
	}
}

func TestCheckQuietAndVerbose(t *testing.T) {
	root := testkit.Bundled(t)
	// a warning that [ausnahmen] does not cover
	f := filepath.Join(root, "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md")
	data, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(data, []byte(`ziele = ["E1.1"]`), []byte(`ziele = []`), 1), 0o644)

	code, out, _ := run("check", "--source", root)
	if code != ExitOK || !strings.Contains(out, "Warnung") || !strings.Contains(out, "Geprüft:") {
		t.Errorf("check: %d\n%s", code, out)
	}
	code, out, _ = run("check", "--source", root, "--quiet")
	if code != ExitOK || out != "" {
		t.Errorf("check --quiet printed %q", out)
	}
	_, verbose, _ := run("check", "--source", root, "-v")
	if !strings.Contains(verbose, "Quittiert:") || len(verbose) <= len(out) {
		t.Errorf("check --verbose shows no acknowledged warnings")
	}
	code, _, errOut := run("check", "--source", t.TempDir())
	if code != ExitIO || !strings.Contains(errOut, "content/") {
		t.Errorf("check without content: %d %q", code, errOut)
	}
}

func TestBuildQuietAndNoProgressWithoutTerminal(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Bundled(t)
	code, out, errOut := run("build", "--source", root, "--dest", filepath.Join(t.TempDir(), "public"))
	if code != ExitOK || !strings.HasPrefix(out, "Fertig:") || strings.Contains(out, "\r") || errOut != "" {
		t.Errorf("build: %d %q %q", code, out, errOut)
	}
	code, out, errOut = run("build", "-q", "--source", root, "--dest", filepath.Join(t.TempDir(), "public"))
	if code != ExitOK || out != "" || errOut != "" {
		t.Errorf("build -q: %d %q %q", code, out, errOut)
	}
}

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, start: time.Now().Add(-time.Second), enabled: true}
	p.update(10, 200)
	p.update(11, 200) // too soon after the last line: skipped
	p.update(200, 200)
	p.done()
	if got := b.String(); got != "\r\033[KSeiten: 10 von 200 (5 %)\r\033[KSeiten: 200 von 200 (100 %)\r\033[K" {
		t.Errorf("progress: %q", got)
	}
	b.Reset()
	p = &progress{w: &b, start: time.Now(), enabled: true}
	p.update(1, 2) // a fast build shows nothing
	p.done()
	if b.Len() != 0 {
		t.Errorf("fast build printed %q", b.String())
	}
	if newProgress(&b, false).enabled {
		t.Error("progress enabled for a buffer")
	}
}

// TestNewAndImportThroughTheCommandLine follows the README walkthrough.
func TestNewAndImportThroughTheCommandLine(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2027, 2, 1, 8, 0, 0, 0, time.UTC) }
	root := testkit.Bundled(t)
	steps := [][]string{
		{"new", "strategie", "Digitalstrategie für den Thüringer Sport", "--slug", "sport", "--federfuehrung", "TMDI", "--handlungsfeld", "gesellschaft", "--beispiel"},
		{"new", "massnahme", "Vereinsverwaltung digital", "--strategie", "sport"},
		{"new", "meldung", "Die Sportstrategie startet", "--strategie", "sport"},
	}
	for _, args := range steps {
		code, out, errOut := run(append(args, "--source", root)...)
		if code != ExitOK || !strings.Contains(out, "Angelegt: content/strategien/sport/") {
			t.Fatalf("%v: %d\n%s\n%s", args, code, out, errOut)
		}
	}
	// the example export of the README walkthrough
	csv := filepath.Join(testkit.Root(), "docs/beispiele/openproject-export.csv")
	code, out, errOut := run("import", "openproject", csv, "--source", root, "--dry-run", "--verbose")
	for _, want := range []string{"Status: geplant → laufend am 01.02.2027 (OpenProject: „In Bearbeitung“)", "Start: ohne Angabe → 01.03.2027",
		"+[[verlauf]] # OpenProject #501", "+quelle = \"OpenProject-Export openproject-export.csv vom 01.02.2027\"",
		"Neuer Meilenstein „Pilot mit fünf Vereinen gestartet“ (30.04.2027, erreicht)", "+start = \"01.03.2027\"",
		"Ohne Maßnahmen-ID (nicht für tdsite bestimmt): #504", "1 Maßnahme würde geändert", "Probelauf"} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q: %d\n%s\n%s", want, code, out, errOut)
		}
	}
	m := filepath.Join(root, "content/strategien/sport/massnahmen/SPORT-01.md")
	before, _ := os.ReadFile(m)
	if !bytes.Contains(before, []byte(`status = "geplant"`)) {
		t.Fatal("dry run wrote the measure")
	}
	code, out, _ = run("import", "openproject", csv, "--source", root)
	after, _ := os.ReadFile(m)
	if code != ExitOK || !bytes.Contains(after, []byte(`status = "laufend"`)) || !bytes.Contains(after, []byte(`text = "Pilot mit fünf Vereinen gestartet"`)) {
		t.Fatalf("import: %d\n%s\n%s", code, out, after)
	}
	code, out, _ = run("import", "openproject", csv, "--source", root)
	if code != ExitOK || !strings.Contains(out, "0 Maßnahmen geändert, 1 Maßnahme aktuell") {
		t.Errorf("second import: %d\n%s", code, out)
	}
	code, _, _ = run("check", "--source", root)
	if code != ExitOK {
		t.Error("check fails after the walkthrough")
	}
	// unknown IDs: exit 1, reported with the CSV line
	csv = filepath.Join(t.TempDir(), "export.csv")
	os.WriteFile(csv, []byte("ID;Status;Maßnahmen-ID\n9;Neu;SPORT-99\n"), 0o644)
	code, _, errOut = run("import", "openproject", csv, "--source", root)
	if code != ExitContent || !strings.Contains(errOut, "export.csv:2: Arbeitspaket #9: Die Maßnahmen-ID „SPORT-99“ gibt es nicht") {
		t.Errorf("unknown ID: %d %q", code, errOut)
	}
	code, _, errOut = run("import", "openproject", filepath.Join(root, "fehlt.csv"), "--source", root)
	if code != ExitIO || !strings.Contains(errOut, "kann nicht gelesen werden") {
		t.Errorf("missing file: %d %q", code, errOut)
	}
}

func TestCheckFixture(t *testing.T) {
	fixture := filepath.Join(testkit.Root(), "internal", "validate", "testdata", "fehler")
	code, out, _ := run("check", "--source", fixture)
	if code != ExitContent {
		t.Errorf("exit code %d, want %d", code, ExitContent)
	}
	for _, want := range []string{
		"content/strategien/fehler/ziele.toml:3: Fehler: Das Set hat kein quantitatives Ziel",
		"Hinweis:",
		"[zielset-quantitativ]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestBuildBadContentExit(t *testing.T) {
	fixture := filepath.Join(testkit.Root(), "internal", "validate", "testdata", "fehler")
	code, _, errOut := run("build", "--source", fixture, "--dest", filepath.Join(t.TempDir(), "out"))
	if code != ExitContent || !strings.Contains(errOut, "nichts veröffentlicht") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestBerichtAbschliessen freezes a report through the command line and
// shows that a back-dated entry afterwards is an error naming report and entry.
func TestBerichtAbschliessen(t *testing.T) {
	root := testkit.Bundled(t)
	if code, _, errOut := run("bericht", "abschliessen", "2025", "--source", root); code != ExitContent || !strings.Contains(errOut, "schon abgeschlossen") {
		t.Errorf("2025 ein zweites Mal: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run("bericht", "abschliessen", "20x5", "--source", root); code != ExitUsage || !strings.Contains(errOut, "kein Berichtsjahr") {
		t.Errorf("falsches Jahr: exit %d, %q", code, errOut)
	}
	code, out, errOut := run("bericht", "abschliessen", "2026", "--source", root)
	if code != ExitOK || !strings.Contains(out, "Fortschrittsbericht 2026 abgeschlossen") {
		t.Fatalf("abschliessen 2026: exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(root, "content/agenda/fortschrittsbericht-2026.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nabgeschlossen = \"23.11.2026\"\n", "\n[abschluss]\n", "\"beispiel-kommunen/BSP-01\" = \"laufend\"\n",
		"\"beispiel-kommunen/BSP-04\" = \"ohne-meldung\"\n", "Dieser Bericht ist ein **Zwischenstand**"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("fortschrittsbericht-2026.md: %q fehlt", want)
		}
	}
	if code, out, _ := run("check", "--source", root); code != ExitOK {
		t.Fatalf("check nach dem Abschluss: exit %d\n%s", code, out)
	}
	// A back-dated entry: BSP-04 had no report in 2026 when the report was closed.
	f := filepath.Join(root, "content/strategien/beispiel-kommunen/massnahmen/BSP-04.md")
	data, err = os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(data), "\n+++\n", 2)
	eintrag := "\n[[verlauf]]\ndatum = \"01.09.2026\"\nstatus = \"laufend\"\nquelle = \"Nachtrag\""
	line := strings.Count(parts[0], "\n") + 2 // the line of [[verlauf]]
	if err := os.WriteFile(f, []byte(parts[0]+eintrag+"\n+++\n"+parts[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run("check", "--source", root)
	want := fmt.Sprintf("content/strategien/beispiel-kommunen/massnahmen/BSP-04.md:%d: Fehler: BSP-04: Der abgeschlossene Fortschrittsbericht 2026", line)
	if code != ExitContent || !strings.Contains(out, want) || !strings.Contains(out, "„ohne Meldung im Berichtszeitraum“") || !strings.Contains(out, "[bericht-abgeschlossen]") {
		t.Errorf("check nach zurückdatiertem Eintrag: exit %d, erwartet %q in\n%s", code, want, out)
	}
}

// A template that fails at render time and a static folder linked out of
// the site are faults of the sources: exit 1 with a German finding and a
// hint, not exit 3 with Go's English text.
func TestBuildTemplateAndLinkFaultsExitOne(t *testing.T) {
	root := testkit.Bundled(t)
	dest := filepath.Join(t.TempDir(), "public")
	tpl := filepath.Join(root, "layouts", "massnahme.html")
	good, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(tpl, []byte(strings.Replace(string(good), "\n", "\n{{ index \"abc\" 10 }}\n", 1)), 0o644)
	code, _, errOut := run("build", "--source", root, "--dest", dest, "--no-cache")
	if code != ExitContent || !strings.Contains(errOut, "layouts/massnahme.html:2: Fehler: Die Vorlage bricht bei der Seite /massnahmen/") ||
		!strings.Contains(errOut, "index out of range") || !strings.Contains(errOut, "Hinweis:") {
		t.Errorf("template: exit %d:\n%s", code, errOut)
	}
	os.WriteFile(tpl, good, 0o644)
	os.MkdirAll(filepath.Join(root, "static"), 0o755)
	if err := os.Symlink("/etc", filepath.Join(root, "static", "system")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	code, _, errOut = run("build", "--source", root, "--dest", dest, "--no-cache")
	if code != ExitContent || !strings.Contains(errOut, "static/system: Fehler: Die Verknüpfung zeigt aus dem Ordner der Website heraus (/etc)") ||
		strings.Contains(errOut, "copy_file_range") {
		t.Errorf("static link: exit %d:\n%s", code, errOut)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("published despite the faults")
	}
}
