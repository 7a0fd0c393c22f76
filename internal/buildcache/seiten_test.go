package buildcache

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"tdsite/internal/linkcheck"
)

// volleDetail is a Detail with every field set, nil and empty lists side
// by side.
func volleDetail() *Detail {
	in := &Snapshot{Settings: "einstellungen", Files: map[string]string{
		"content/a.md": "12 644 1796526346735662390\n", "config.toml": "4115 644 1\n", "content/ü.md": "",
	}}
	d := NewDetail("ausgabe", in, map[string][]string{
		"/a/": {"content/a.md", "content/s.md"}, "/": {"*"}, "/leer/": {}, "/nil/": nil,
	})
	d.Koepfe = map[string]string{"content/a.md": "e980052d27e1bcc4908c616a1e5ab20b"}
	d.Links = &linkcheck.Result{Files: 9777, Links: 776165, Internal: 764792,
		Broken:   []linkcheck.Broken{{File: "a/index.html", Href: "/b/#x", Reason: "Anker fehlt"}},
		External: []linkcheck.External{{URL: "https://example.org/", Pages: []string{"/a/", "/"}}, {URL: "mailto:x@example.org", Pages: []string{}}},
	}
	d.Files = map[string]int64{"a/index.html": 3194, "leer.txt": 0, "groß.pdf": 1 << 40}
	d.Kept, d.Written, d.Removed = "17", []string{"a/index.html"}, []string{}
	d.Unseen = []string{"content/a.md"}
	d.Version = Version
	return d
}

// A Detail comes back exactly as it was saved, also with nothing in it.
func TestDetailRoundTrip(t *testing.T) {
	file := DetailFile(filepath.Join(t.TempDir(), ".public.baustand"))
	for name, d := range map[string]*Detail{
		"voll": volleDetail(),
		"leer": {Output: "ausgabe", Links: &linkcheck.Result{}},
		"nil":  {Output: "ausgabe"},
	} {
		if err := d.Save(file); err != nil {
			t.Fatal(err)
		}
		got := LoadDetail(file, &State{Output: "ausgabe"})
		if !reflect.DeepEqual(got, d) {
			t.Errorf("%s: read back\n%#v\nsaved\n%#v", name, got, d)
		}
	}
}

// A damaged, cut-off, JSON (before December 2026) or other version's
// Detail is not read: the build is then a full one.
func TestDetailUnbrauchbar(t *testing.T) {
	file := DetailFile(filepath.Join(t.TempDir(), ".public.baustand"))
	st := &State{Output: "ausgabe"}
	good := volleDetail().encode()
	if _, err := decodeDetail(good); err != nil {
		t.Fatalf("the good record is not read: %v", err)
	}
	old, _ := json.Marshal(volleDetail())
	other := volleDetail()
	other.Version = Version + 1
	cases := map[string][]byte{
		"leer":           {},
		"JSON":           old,
		"andere Fassung": other.encode(),
	}
	for _, i := range []int{0, len(detailMagic), len(detailMagic) + 3, len(good) / 2, len(good) - 5} {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x20
		cases[fmt.Sprintf("Byte %d verändert", i)] = bad
	}
	for n := range len(good) {
		if err := os.WriteFile(file, good[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		if LoadDetail(file, st) != nil {
			t.Fatalf("read cut off after %d of %d bytes", n, len(good))
		}
	}
	for name, data := range cases {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if LoadDetail(file, st) != nil {
			t.Errorf("%s: read", name)
		}
	}
}

// The format writes the link check's result field by field: a field
// added to it must be added there too, or an incremental build would
// lose it.
func TestDetailKenntLinkcheck(t *testing.T) {
	known := map[reflect.Type][]string{
		reflect.TypeFor[linkcheck.Result]():   {"Files", "Links", "Internal", "Broken", "External"},
		reflect.TypeFor[linkcheck.Broken]():   {"File", "Href", "Reason"},
		reflect.TypeFor[linkcheck.External](): {"URL", "Pages"},
	}
	for typ, fields := range known {
		var have []string
		for i := range typ.NumField() {
			have = append(have, typ.Field(i).Name)
		}
		if !reflect.DeepEqual(have, fields) {
			t.Errorf("%s has the fields %v; the format of seiten.go writes %v", typ, have, fields)
		}
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Detail]()) {
		switch f.Name {
		case "Version", "Output", "Settings", "Inputs", "Names", "Pages", "Koepfe", "Links", "Files", "Kept", "Written", "Removed", "Unseen":
		default:
			t.Errorf("Detail.%s is not in the format of seiten.go", f.Name)
		}
	}
}
