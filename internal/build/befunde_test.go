package build

import (
	"reflect"
	"testing"

	"tdsite/internal/markdown"
)

// The findings come back exactly as saved, nil and empty lists apart;
// a damaged or cut-off file is not read.
func TestBefundeDatei(t *testing.T) {
	var k1, k2 [32]byte
	k1[0], k2[31] = 1, 2
	d := befundeDatei{Version: 6, Output: "ausgabe", Befunde: &markdown.Befunde{Version: 3, Salt: "salz", Texte: map[[32]byte]markdown.Befund{
		k1: {Scan: markdown.Scanned{Refs: []markdown.Ref{{Dest: "/a/#ü", Line: 3, Image: true}, {Dest: "https://example.org/", Line: 9}},
			HTML: []markdown.RawHTML{{HTML: "<b>", Line: 2}}, TiefeZeile: 7}, Problem: &markdown.Problem{Line: 4, Message: "M", Hint: "H"}, HTML: 2},
		k2: {Scan: markdown.Scanned{Refs: []markdown.Ref{}}},
	}}}
	for name, d := range map[string]befundeDatei{"voll": d, "ohne": {Version: 6, Output: "x"}, "leer": {Version: 6, Befunde: &markdown.Befunde{}}} {
		data := d.encode()
		got, ok := decodeBefunde(data)
		if !ok || !reflect.DeepEqual(got, d) {
			t.Errorf("%s: read back %#v, %v; saved %#v", name, got, ok, d)
		}
		if _, ok := decodeBefunde(data[:len(data)-1]); ok {
			t.Errorf("%s: a cut-off file is read", name)
		}
	}
}

// The file writes the findings field by field: a field added to them must
// be added there too, or an incremental build would lose it.
func TestBefundeFelder(t *testing.T) {
	known := map[reflect.Type][]string{
		reflect.TypeFor[markdown.Befunde](): {"Version", "Salt", "Texte"},
		reflect.TypeFor[markdown.Befund]():  {"Scan", "Problem", "HTML"},
		reflect.TypeFor[markdown.Scanned](): {"Refs", "HTML", "TiefeZeile"},
		reflect.TypeFor[markdown.Ref]():     {"Dest", "Line", "Image"},
		reflect.TypeFor[markdown.RawHTML](): {"HTML", "Line"},
		reflect.TypeFor[markdown.Problem](): {"Line", "Message", "Hint"},
	}
	for typ, fields := range known {
		var have []string
		for f := range typ.Fields() {
			if f.IsExported() {
				have = append(have, f.Name)
			}
		}
		if !reflect.DeepEqual(have, fields) {
			t.Errorf("%s has the fields %v; befunde.go writes %v", typ, have, fields)
		}
	}
}
