package pages

import (
	"reflect"
	"testing"
)

// TestBlaetter: a list is split into pages of pro items with stable
// addresses; the first page keeps the list's address, and two lists shown
// one after the other are cut where the page ends.
func TestBlaetter(t *testing.T) {
	p := &Page{Path: "/agenda/massnahmen/", Title: "Alle Maßnahmen", Crumbs: []Crumb{home}}
	list := blaetter(p, 7, 3)
	var paths []string
	for _, q := range list {
		paths = append(paths, q.Path)
	}
	want := []string{"/agenda/massnahmen/", "/agenda/massnahmen/seite/2/", "/agenda/massnahmen/seite/3/"}
	if !reflect.DeepEqual(paths, want) {
		t.Fatalf("Adressen %v, erwartet %v", paths, want)
	}
	if list[0].Title != "Alle Maßnahmen" || list[2].Title != "Alle Maßnahmen – Seite 3 von 3" {
		t.Errorf("Titel %q, %q", list[0].Title, list[2].Title)
	}
	if c := list[1].Crumbs; len(c) != 2 || c[1].Path != "/agenda/massnahmen/" || len(p.Crumbs) != 1 {
		t.Errorf("Brotkrümel der zweiten Seite %v (erste Seite %v)", c, p.Crumbs)
	}
	b := list[1].Blatt
	if b.Vorige() != "/agenda/massnahmen/" || b.Naechste() != "/agenda/massnahmen/seite/3/" || b.Von() != 4 || b.Bis() != 6 {
		t.Errorf("Seite 2: vorige %q, nächste %q, %d bis %d", b.Vorige(), b.Naechste(), b.Von(), b.Bis())
	}
	if list[2].Blatt.Naechste() != "" || list[0].Blatt.Vorige() != "" || list[2].Blatt.Bis() != 7 {
		t.Error("erste Seite mit Vorgänger oder letzte mit Nachfolger")
	}
	// Lists of 4 and 3 items: page 2 (items 4–6) ends the first list and starts the second.
	land, bsp := []string{"a", "b", "c", "d"}, []string{"x", "y", "z"}
	if got := b.Teil(land, 0); !reflect.DeepEqual(got, []string{"d"}) {
		t.Errorf("Teil der ersten Liste %v", got)
	}
	if got := b.Teil(bsp, len(land)); !reflect.DeepEqual(got, []string{"x", "y"}) {
		t.Errorf("Teil der zweiten Liste %v", got)
	}
	if got := list[0].Blatt.Teil(bsp, len(land)); reflect.ValueOf(got).Len() != 0 {
		t.Errorf("erste Seite zeigt die zweite Liste: %v", got)
	}
	// A short list stays one page at its own address, without navigation.
	one := blaetter(p, 3, 3)
	if len(one) != 1 || one[0].Path != p.Path || one[0].Blatt.Geteilt() {
		t.Errorf("kurze Liste: %d Seiten", len(one))
	}
	var none *Blatt
	if got := none.Teil(land, 0); !reflect.DeepEqual(got, land) || !none.Erstes() || none.Geteilt() {
		t.Error("Seite ohne Blatt zeigt nicht die ganze Liste")
	}
}
