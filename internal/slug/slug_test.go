package slug

import "testing"

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"Digitale Teilhabe für Ältere": "digitale-teilhabe-fuer-aeltere",
		"ÖFFENTLICHE STRASSE":          "oeffentliche-strasse",
		"Fußgängerzone":                "fussgaengerzone",
		"ẞ groß":                       "ss-gross",
		"Café Noël":                    "cafe-noel",
		"Ca\u0301diz, U\u0308ber":      "cadiz-ueber",
		"  -- Z1.2 / E3 --  ":          "z1-2-e3",
		"„…“ ?!":                       "",
		"":                             "",
	} {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}
