package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckFixture(t *testing.T) {
	fixture, _ := filepath.Abs("../validate/testdata/fehler")
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

func TestCheckBundled(t *testing.T) {
	root, _ := filepath.Abs("../..")
	code, out, _ := run("check", "--source", root)
	if code != ExitOK || !strings.Contains(out, "0 Fehler, 0 Warnungen") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestBuildBadContentExit(t *testing.T) {
	fixture, _ := filepath.Abs("../validate/testdata/fehler")
	code, _, errOut := run("build", "--source", fixture, "--dest", filepath.Join(t.TempDir(), "out"))
	if code != ExitContent || !strings.Contains(errOut, "nichts veröffentlicht") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestUsage(t *testing.T) {
	if code, out, _ := run("help"); code != ExitOK || !strings.Contains(out, "Befehle:") {
		t.Errorf("help: %d", code)
	}
	if code, _, errOut := run("zaubern"); code != ExitUsage || !strings.Contains(errOut, "unbekannter Befehl") {
		t.Errorf("unknown command: %d %s", code, errOut)
	}
	if code, _, _ := run(); code != ExitUsage {
		t.Errorf("no command: %d", code)
	}
	if code, _, _ := run("check", "--gibtsnicht"); code != ExitUsage {
		t.Errorf("bad flag: %d", code)
	}
}
