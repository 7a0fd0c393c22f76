package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"text/template"
)

func TestExplainRealErrors(t *testing.T) {
	dir := t.TempDir()
	_, notFound := os.Open(filepath.Join(dir, "fehlt.toml"))
	file := filepath.Join(dir, "datei")
	os.WriteFile(file, []byte("x"), 0o644)
	notDir := os.MkdirAll(filepath.Join(file, "unter"), 0o755)
	_, isDir := os.ReadFile(dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, inUse := net.Listen("tcp", ln.Addr().String())
	_, tmplErr := template.New("x.html").Parse("{{nichtda}}")

	cases := []struct {
		name     string
		err      error
		de, orig string
	}{
		{"not found", notFound, "die Datei oder der Ordner existiert nicht", "(open " + dir},
		{"not found wrapped", fmt.Errorf("Die Datei kann nicht gelesen werden: %w", notFound), "Die Datei kann nicht gelesen werden: die Datei oder der Ordner existiert nicht (open ", "no such file or directory)"},
		{"not a directory", notDir, "ein Teil des Pfads ist eine Datei, kein Ordner", "not a directory)"},
		{"is a directory", isDir, "hier steht ein Ordner", "is a directory)"},
		{"address in use", fmt.Errorf("Der Vorschau-Server kann nicht öffnen: %w. Weiter", inUse), "öffnen: der Port ist schon belegt", "bind: address already in use). Weiter"},
		{"template function", tmplErr, "die Funktion „nichtda“ gibt es in Vorlagen nicht", `(function "nichtda" not defined)`},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error happened", c.name)
			continue
		}
		got := Explain(c.err)
		if !strings.Contains(got, c.de) || !strings.Contains(got, c.orig) {
			t.Errorf("%s: %q lacks %q or %q", c.name, got, c.de, c.orig)
		}
	}
}

// Errors that a test cannot provoke as root or without filling a disk are
// built as the system returns them; and once flattened to text ("%v") they
// are still recognised.
func TestExplainErrnos(t *testing.T) {
	for errno, de := range map[syscall.Errno]string{
		syscall.EACCES: "keine Berechtigung",
		syscall.EPERM:  "keine Berechtigung",
		syscall.ENOSPC: "der Datenträger ist voll",
		syscall.EDQUOT: "Speicherplatz-Kontingent",
		syscall.EROFS:  "schreibgeschützt",
		syscall.EMFILE: "zu viele Dateien",
		syscall.ELOOP:  "im Kreis",
		syscall.ENOENT: "existiert nicht",
	} {
		pe := &fs.PathError{Op: "open", Path: "/srv/public/index.html", Err: errno}
		for _, err := range []error{pe, fmt.Errorf("Schreiben: %w", pe), fmt.Errorf("Schreiben: %v", pe), errno} {
			got := Explain(err)
			if !strings.Contains(got, de) || !strings.Contains(got, "("+errno.Error()) && !strings.Contains(got, "(open /srv/public/index.html: "+errno.Error()+")") {
				t.Errorf("%v: %q", err, got)
			}
			if Explain(errors.New(got)) != got {
				t.Errorf("explained twice: %q", Explain(errors.New(got)))
			}
		}
	}
	if got := Explain(errors.New("Das Datum passt nicht")); got != "Das Datum passt nicht" {
		t.Errorf("unknown error changed: %q", got)
	}
	if Explain(nil) != "" {
		t.Error("Explain(nil)")
	}
}

// Findings that carry an error get the German text: config, content,
// templates and the preview pass errors to Errorf.
func TestErrorfExplainsErrors(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "config.toml"))
	var l List
	args := []any{"a", err}
	l.Errorf(Pos{File: "config.toml"}, "konfiguration", "", "%s: config.toml kann nicht gelesen werden: %v", args...)
	l.Warnf(Pos{File: "config.toml"}, "x", "", "%v", err)
	for _, d := range l.Items() {
		if !strings.Contains(d.Message, "existiert nicht (open ") {
			t.Errorf("%s", d)
		}
	}
	if args[1] != err {
		t.Error("the caller's arguments were changed")
	}
}
