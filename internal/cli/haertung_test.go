package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/testkit"
)

const bsp01 = "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"

// editFile replaces the first old in a file of a copied site.
func editFile(t *testing.T, root, rel, old, new string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s: %v, or %q missing", rel, err, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A key written with TOML escapes puts ESC and CR into the finding's
// message; check (stdout) and build (stderr) print them escaped.
func TestMessagesEscapeControlCharacters(t *testing.T) {
	root := testkit.Bundled(t)
	editFile(t, root, bsp01, "+++\n", "+++\n\"x\\u001b[2K\\rgefälscht\" = 1\n")
	code, out, _ := run("check", "--source", root)
	if code != ExitContent {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	code, _, errOut := run("build", "--source", root, "--dest", filepath.Join(t.TempDir(), "public"))
	if code != ExitContent {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	for name, text := range map[string]string{"check": out, "build": errOut} {
		if strings.ContainsAny(text, "\x1b\r") {
			t.Errorf("%s prints control characters raw: %q", name, text)
		}
		if !strings.Contains(text, bsp01+":2: Fehler:") || !strings.Contains(text, `x\u001b[2K\rgefälscht`) {
			t.Errorf("%s does not show the finding escaped:\n%s", name, text)
		}
	}
}

// A file name with ESC and CR is reported as an unsuitable address; the
// finding shows the name escaped and on one line.
func TestFileNameEscapedInMessages(t *testing.T) {
	root := testkit.Bundled(t)
	dir := filepath.Join(root, "content/strategien/beispiel-kommunen/meldungen")
	hostile := "2025-01-21-x\x1b[2K\rgefälscht\n.md"
	if err := os.Rename(filepath.Join(dir, "2025-01-21-kickoff.md"), filepath.Join(dir, hostile)); err != nil {
		t.Skipf("file system refuses the name: %v", err)
	}
	code, out, _ := run("check", "--source", root)
	if code != ExitContent || strings.ContainsAny(out, "\x1b\r") {
		t.Fatalf("exit %d, raw control characters: %q", code, out)
	}
	want := `content/strategien/beispiel-kommunen/meldungen/2025-01-21-x\u001b[2K\rgefälscht\n.md: Fehler:`
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

// System errors reach the editor in German, with the original detail in
// parentheses: a busy port, an output folder below a file, a template
// function that does not exist.
func TestSystemErrorsInGerman(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Bundled(t)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	code, _, errOut := run("serve", "--source", root, "--port", port)
	if code != ExitIO || !strings.Contains(errOut, "der Port ist schon belegt") || !strings.Contains(errOut, "bind: address already in use)") {
		t.Errorf("serve on a busy port: exit %d\n%s", code, errOut)
	}

	file := filepath.Join(t.TempDir(), "datei")
	os.WriteFile(file, []byte("x"), 0o644)
	code, _, errOut = run("build", "--source", root, "--dest", filepath.Join(file, "public"))
	if code != ExitIO || !strings.Contains(errOut, "ein Teil des Pfads ist eine Datei, kein Ordner (") || !strings.Contains(errOut, "not a directory)") {
		t.Errorf("build below a file: exit %d\n%s", code, errOut)
	}

	// The message must name the line the editor changed, wherever the
	// heading stands in the template today.
	layout, err := os.ReadFile(filepath.Join(root, "layouts/massnahme.html"))
	if err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(string(layout[:strings.Index(string(layout), "</h1>")]), "\n")
	editFile(t, root, "layouts/massnahme.html", "</h1>", "{{ nichtda }}</h1>")
	code, _, errOut = run("build", "--source", root, "--dest", filepath.Join(t.TempDir(), "public"))
	if code != ExitContent || !strings.Contains(errOut, fmt.Sprintf("layouts/massnahme.html:%d: Fehler:", line)) ||
		!strings.Contains(errOut, `die Funktion „nichtda“ gibt es in Vorlagen nicht; prüfen Sie die Schreibweise (function "nichtda" not defined)`) {
		t.Errorf("unknown template function: exit %d\n%s", code, errOut)
	}
}
