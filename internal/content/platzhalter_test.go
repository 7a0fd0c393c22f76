package content

import "testing"

func TestPlatzhalter(t *testing.T) {
	if got := Platzhalter("a [Telefon eintragen] b [x] c [E-Mail-Adresse eintragen]"); len(got) != 2 {
		t.Errorf("Platzhalter: %v", got)
	}
	if HatPlatzhalter([]byte("[eintragen lassen]")) {
		t.Error("„eintragen“ must end the brackets")
	}
}
