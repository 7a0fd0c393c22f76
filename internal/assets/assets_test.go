package assets

import (
	"regexp"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	s := New()
	a := s.Add("css/thema.css", []byte("body{color:red}"))
	if !regexp.MustCompile(`^css/thema\.[0-9a-f]{8}\.css$`).MatchString(a) {
		t.Errorf("fingerprinted name: %s", a)
	}
	if b := Name("css/thema.css", []byte("body{color:red}")); b != a {
		t.Errorf("same content, different names: %s %s", a, b)
	}
	if c := Name("css/thema.css", []byte("body{color:blue}")); c == a {
		t.Error("different content, same name")
	}
	if got := s.Add("icons/symbole.svg", []byte("<svg/>")); got != "icons/symbole.svg" {
		t.Errorf("SVG renamed to %s", got)
	}
	if got := s.AddGenerated("suche/index.json", []byte("{}")); !strings.HasPrefix(got, "suche/index.") || got == "suche/index.json" {
		t.Errorf("generated file: %s", got)
	}
	if p, err := s.Path("/css/thema.css"); err != nil || p != "/"+a {
		t.Errorf("Path: %s %v", p, err)
	}
	if _, err := s.Path("css/fehlt.css"); err == nil || !strings.Contains(err.Error(), "/css/fehlt.css") {
		t.Errorf("missing file: %v", err)
	}
	s.Reset()
	if _, err := s.Path("/css/thema.css"); err == nil {
		t.Error("Reset kept files")
	}
}
