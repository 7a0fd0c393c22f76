package content

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tdsite/internal/decode"
	"tdsite/internal/diag"
	"tdsite/internal/gencontent"
	"tdsite/internal/testkit"
)

// viaSnapshot loads root, writes the snapshot and loads root again in a
// new loader seeded from it, as two builds in two processes do.
func viaSnapshot(t testing.TB, root string) (fresh, seeded *Loader, a, b *Site, da, db *diag.List) {
	return viaSnapshotOf(t, root, true)
}

// viaSnapshotOf is viaSnapshot; with all it checks that every file came
// from the snapshot.
func viaSnapshotOf(t testing.TB, root string, all bool) (fresh, seeded *Loader, a, b *Site, da, db *diag.List) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "inhalte")
	fresh = NewLoader()
	a, da = fresh.Load(root)
	if _, err := fresh.WriteSnapshot(file, "programm"); err != nil {
		t.Fatal(err)
	}
	snap := ReadSnapshot(file, root, "programm")
	if snap == nil {
		t.Fatal("snapshot not read back")
	}
	for _, p := range snap.files {
		decode.UnpackAll(p.value) // for reflect.DeepEqual with a fresh parse
	}
	seeded = NewLoader()
	seeded.Seed(func() *Snapshot { return snap })
	b, db = seeded.Load(root)
	if all {
		if snap.Len() != len(a.Files) {
			t.Fatalf("snapshot of %d files for %d", snap.Len(), len(a.Files))
		}
		for rel, p := range seeded.cache {
			if snap.files[rel] != p {
				t.Fatalf("%s: parsed again instead of taken from the snapshot", rel)
			}
		}
	}
	return
}

// sameParse compares what two loaders hold of every file, and the sites.
func sameParse(t *testing.T, fresh, seeded *Loader, a, b *Site, da, db *diag.List) {
	t.Helper()
	for rel, p := range fresh.cache {
		q := seeded.cache[rel]
		if q == nil {
			t.Fatalf("%s: missing after seeding", rel)
		}
		if p == q {
			t.Fatalf("%s: the same value (not from the snapshot)", rel)
		}
		if p.kind != q.kind || p.slug != q.slug || p.failed != q.failed {
			t.Errorf("%s: kind, slug or failed differ", rel)
		}
		if !reflect.DeepEqual(p.value, q.value) {
			t.Errorf("%s: value differs:\n%#v\n%#v", rel, p.value, q.value)
		}
		if !reflect.DeepEqual(p.diags.Added(), q.diags.Added()) {
			t.Errorf("%s: findings differ: %v / %v", rel, p.diags.Added(), q.diags.Added())
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("assembled sites differ")
	}
	if !reflect.DeepEqual(da.Items(), db.Items()) {
		t.Errorf("findings differ:\n%v\n%v", da.Items(), db.Items())
	}
}

// TestAbbildRundreise: the bundled site, with files that have findings
// and errors added, comes back from the snapshot deep-equal to parsing,
// positions (decode.At with its index) included; no file is parsed.
func TestAbbildRundreise(t *testing.T) {
	root := testkit.Copy(t, testkit.Root(), "content")
	write(t, root, "content/strategien/kaputt/massnahmen/x.md", "+++\nid = \"X\"\n+++\n")
	write(t, root, "content/strategien/digitalstrategie-2026/massnahmen/Z-1.md",
		"+++\nid = \"Z-1\"\ntitel = \"T\"\nunbekannt = 1\nstart = \"Q5/2020\"\n[[meilenstein]]\ntext = \"\"\"\nmehr\n\"\"\"\n+++\nText\n")
	write(t, root, "content/strategien/digitalstrategie-2026/ziele.toml.bak", "x")
	write(t, root, "content/seiten/syntax.md", "+++\ntitel = \n+++\n")
	write(t, root, "content/seiten/ohne-kopf.md", "Text\n")
	testkit.AgeContent(t, root)
	fresh, seeded, a, b, da, db := viaSnapshot(t, root)
	if da.Len() < 5 || !da.HasErrors() {
		t.Fatalf("the test wants files with findings, got %v", da.Items())
	}
	sameParse(t, fresh, seeded, a, b, da, db)
}

// TestAbbildRundreiseErzeugt: the same for a generated site.
func TestAbbildRundreiseErzeugt(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), root, 300); err != nil {
		t.Fatal(err)
	}
	testkit.AgeContent(t, root)
	fresh, seeded, a, b, da, db := viaSnapshot(t, root)
	sameParse(t, fresh, seeded, a, b, da, db)
}

// TestAbbildTypen: valueTypes names what each kind parses to; a wrong
// entry would only cost time (such values are not stored), so check it.
func TestAbbildTypen(t *testing.T) {
	if _, err := codec(); err != nil {
		t.Fatal(err)
	}
	if len(valueTypes) != len(kinds) {
		t.Fatalf("%d value types for %d kinds", len(valueTypes), len(kinds))
	}
	root := testkit.Copy(t, testkit.Root(), "content")
	write(t, root, "content/strategien/digitalstrategie-2026/dokumente/a.pdf", "%PDF-1.4")
	ld := NewLoader()
	ld.Load(root)
	seen := map[*kind]bool{}
	for rel, p := range ld.cache {
		if p.value == nil {
			continue
		}
		seen[p.kind] = true
		if got, want := reflect.TypeOf(p.value), valueTypes[kindIndex(p.kind)-1]; got != want {
			t.Errorf("%s: %v, valueTypes says %v", rel, got, want)
		}
	}
	if len(seen) < len(kinds)-2 {
		t.Errorf("only %d of %d kinds in the bundled site", len(seen), len(kinds))
	}
}

// TestAbbildKenntJedesFeld fills every field of every stored type with a
// value other than zero and reads it back: a field added to a content
// type that the format would lose or change fails here.
func TestAbbildKenntJedesFeld(t *testing.T) {
	c, err := codec()
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := decode.NewIndex(3, 2, func(i int) (string, int32, int32) { return []string{"a", "a.b"}[i], int32(4 + i), int32(i) })
	roots := append([]reflect.Type{reflect.TypeFor[*fileRec]()}, valueTypes...)
	for i, typ := range roots {
		v := reflect.New(typ.Elem())
		fill(v.Elem(), ix, 1)
		var buf bytes.Buffer
		w := c.NewWriter(&buf, "m", 1)
		w.Value(i, v.Interface())
		if err := w.Finish(); err != nil {
			t.Fatal(err)
		}
		r, sound := c.Open(buf.Bytes(), "m", 1)
		if r == nil {
			t.Fatal("snapshot not opened")
		}
		got := r.Value(i)
		decode.UnpackAll(got)
		if !sound() || !r.Done() || !reflect.DeepEqual(got, v.Interface()) {
			t.Errorf("%v does not come back:\n%#v\n%#v", typ, v.Interface(), got)
		}
	}
}

// fill sets v and everything in it to values other than zero; n varies
// them.
func fill(v reflect.Value, ix *decode.Index, n int) {
	if v.Type() == reflect.TypeFor[decode.At]() {
		v.Set(reflect.ValueOf(decode.AtIn("content/x.md", strings.Repeat("p", n), ix)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("wert " + strings.Repeat("ä", n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(-n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Float64:
		v.SetFloat(0.5 + float64(n))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), ix, n+i)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), ix, n+i)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), ix, n)
		v.Set(p)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, ix, n+i)
			fill(e, ix, n+i)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		panic("fill: " + v.Type().String())
	}
}

// smallSnapshot writes the snapshot of a small generated site.
func smallSnapshot(t testing.TB) (root, file string, data []byte) {
	t.Helper()
	root = filepath.Join(t.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), root, 40); err != nil {
		t.Fatal(err)
	}
	_, file = writtenSnapshot(t, root)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return root, file, data
}

// writtenSnapshot ages the content of root, loads it and writes its
// snapshot by "programm".
func writtenSnapshot(t testing.TB, root string) (ld *Loader, file string) {
	t.Helper()
	testkit.AgeContent(t, root)
	ld = NewLoader()
	ld.Load(root)
	file = filepath.Join(t.TempDir(), "inhalte")
	if _, err := ld.WriteSnapshot(file, "programm"); err != nil {
		t.Fatal(err)
	}
	return ld, file
}

// TestAbbildBeschaedigt: a cut-off or changed snapshot, one of another
// program or of another site folder is not used (every file is parsed).
func TestAbbildBeschaedigt(t *testing.T) {
	root, file, data := smallSnapshot(t)
	if decodeSnapshot(data, root, "programm").Len() == 0 {
		t.Fatal("the intact snapshot is not read")
	}
	if ReadSnapshot(file, root, "anderes") != nil || ReadSnapshot(file, root+"x", "programm") != nil {
		t.Error("snapshot of another program or folder read")
	}
	// The same through the file (mapped, and unmapped again when unusable).
	cut := filepath.Join(t.TempDir(), "abgeschnitten")
	for _, n := range []int{len(header(root, "programm")), len(data) / 2, len(data) - 1} {
		if err := os.WriteFile(cut, data[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		if ReadSnapshot(cut, root, "programm") != nil {
			t.Fatalf("snapshot file cut off after %d of %d bytes read", n, len(data))
		}
	}
	if ReadSnapshot(file, root, "programm").Len() == 0 {
		t.Fatal("the intact snapshot file is not read")
	}
	step := max(1, len(data)/300)
	for n := 0; n < len(data); n += step {
		if decodeSnapshot(data[:n], root, "programm") != nil {
			t.Fatalf("snapshot cut off after %d bytes read", n)
		}
	}
	for i := 0; i < len(data); i += step {
		bad := bytes.Clone(data)
		bad[i] ^= 0x20
		if decodeSnapshot(bad, root, "programm") != nil {
			t.Fatalf("snapshot with byte %d changed read", i)
		}
	}
}

// TestAbbildNurUnveraendert: a file changed in time, size or inode is
// parsed again, one changed just before it was read is not stored.
func TestAbbildNurUnveraendert(t *testing.T) {
	root := t.TempDir()
	write(t, root, "content/strategien/s/strategie.md", strategie)
	write(t, root, "content/strategien/s/massnahmen/a.md", "+++\nid = \"A-1\"\ntitel = \"Alt\"\n+++\n")
	write(t, root, "content/strategien/s/massnahmen/b.md", "+++\nid = \"B-1\"\ntitel = \"Alt\"\n+++\n")
	testkit.AgeContent(t, root)
	write(t, root, "content/strategien/s/massnahmen/c.md", "+++\nid = \"C-1\"\ntitel = \"Neu\"\n+++\n")
	ld := NewLoader()
	ld.Load(root)
	file := filepath.Join(t.TempDir(), "inhalte")
	left, err := ld.WriteSnapshot(file, "p")
	if err != nil {
		t.Fatal(err)
	}
	snap := ReadSnapshot(file, root, "p")
	if snap.Len() != 3 || snap.files["content/strategien/s/massnahmen/c.md"] != nil {
		t.Fatalf("want the three files changed an hour ago, not the one just written: %d", snap.Len())
	}
	// The build counts what the snapshot cannot answer for.
	if want := []string{"content/strategien/s/massnahmen/c.md"}; !reflect.DeepEqual(left, want) {
		t.Errorf("left out %v, want %v", left, want)
	}
	// Same size and time, but another file renamed over it (inode).
	a := filepath.Join(root, "content/strategien/s/massnahmen/a.md")
	info, _ := os.Stat(a)
	write(t, root, "content/strategien/s/massnahmen/a.tmp", "+++\nid = \"A-1\"\ntitel = \"Neu\"\n+++\n")
	tmp := filepath.Join(root, "content/strategien/s/massnahmen/a.tmp")
	if err := os.Chtimes(tmp, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, a); err != nil {
		t.Fatal(err)
	}
	// Same size, other time.
	write(t, root, "content/strategien/s/massnahmen/b.md", "+++\nid = \"B-1\"\ntitel = \"Neu\"\n+++\n")
	ld2 := NewLoader()
	ld2.Seed(func() *Snapshot { return snap })
	site, _ := ld2.Load(root)
	for _, m := range site.Strategien[0].Massnahmen {
		if m.Titel != "Neu" {
			t.Errorf("%s: %q from the snapshot, the file says Neu", m.ID, m.Titel)
		}
	}
	if ld2.cache["content/strategien/s/strategie.md"] != snap.files["content/strategien/s/strategie.md"] {
		t.Error("the unchanged strategy was parsed again")
	}
}

// FuzzAbbild feeds the reader damage the checksum would catch: it must
// neither panic nor hang nor allocate much more than its input.
func FuzzAbbild(f *testing.F) {
	// A few files of each sort: the fuzzer gets slow on large inputs.
	root := f.TempDir()
	for rel, text := range map[string]string{
		"content/akteure.toml":                  "[[ressort]]\nkuerzel = \"TMDI\"\nname = \"Ministerium\"\n",
		"content/strategien/s/strategie.md":     strategie,
		"content/strategien/s/ziele.toml":       "[[zielset]]\nid = \"Z1\"\ntext = \"T\"\n[[zielset.quantitativ]]\nid = \"Q1\"\ntext = \"T\"\nzielwert = 3.5\n",
		"content/strategien/s/massnahmen/a.md":  "+++\nid = \"A-1\"\ntitel = \"A\"\nunbekannt = 1\n[[verlauf]]\ndatum = \"Q3/2020\"\nstatus = \"laufend\"\n+++\nText\n",
		"content/strategien/s/meldungen/m.md":   "+++\ntitel = \"M\"\n+++\n",
		"content/strategien/s/dokumente/a.pdf":  "%PDF-1.4",
		"content/strategien/s/massnahmen/b.txt": "?",
	} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	_, file := writtenSnapshot(f, root)
	data, err := os.ReadFile(file)
	if err != nil || decodeSnapshot(data, root, "programm").Len() != 7 {
		f.Fatal("seed snapshot not written whole", err)
	}
	body := data[len(abbildMagic) : len(data)-4]
	f.Add(body)
	f.Add(body[:len(body)/2])
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	c, err := codec()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := c.Body(data)
		r.Uint()
		r.Str()
		r.Str()
		readFiles(r)
	})
}

// TestAbbildFalscheArt: a snapshot whose checksum is right but which
// gives a file another kind than its path (written by a program with
// another table of kinds, or forged) is not used: assemble would put the
// value in the wrong place, or fail.
func TestAbbildFalscheArt(t *testing.T) {
	root := testkit.Copy(t, testkit.Root(), "content")
	testkit.AgeContent(t, root)
	ld := NewLoader()
	ld.Load(root)
	p := *ld.cache["content/akteure.toml"]
	p.kind, p.value = kindStrategie, nil
	ld.cache["content/akteure.toml"] = &p
	file := filepath.Join(t.TempDir(), "inhalte")
	if _, err := ld.WriteSnapshot(file, "p"); err != nil {
		t.Fatal(err)
	}
	if ReadSnapshot(file, root, "p") != nil {
		t.Error("snapshot with a wrong kind read")
	}
}
