package inputguard

import "testing"

func TestIgnored(t *testing.T) {
	for _, name := range []string{".DS_Store", ".#M1-01.md", "M1-01.md~", "#M1-01.md#", ".M1-01.md.swp", "M1-01.md.swx",
		"4913", "ziele.toml.tmp", "M1-01.md___jb_tmp___", "Thumbs.db", "desktop.ini"} {
		if !Ignored(name) {
			t.Errorf("%q wird gelesen, ist aber eine Datei von Editor oder Betriebssystem", name)
		}
	}
	for _, name := range []string{"M1-01.md", "ziele.toml", "logo.svg", "4914", "tmp.md", "bericht-2025.md"} {
		if Ignored(name) {
			t.Errorf("%q wird übergangen, ist aber Inhalt", name)
		}
	}
}
