package abbild

import (
	"bytes"
	"reflect"
	"testing"

	"tdsite/internal/decode"
)

type inner struct {
	At   decode.At
	N    int8
	U    uint16
	F    *float64
	List []*inner2
}

type inner2 struct{ S []string }

type outer struct {
	A     string
	B     []byte
	Inner inner
	More  []inner
	P     *inner
	M     map[string]string
	Nil   []inner
	Empty []string
}

// New refuses fields the format cannot store exactly.
func TestNewLehntAb(t *testing.T) {
	type recursive struct{ Next *recursive }
	type hidden struct{ x int }
	for _, typ := range []reflect.Type{
		reflect.TypeFor[*struct{ V any }](),
		reflect.TypeFor[*struct{ M map[string]int }](),
		reflect.TypeFor[*hidden](),
		reflect.TypeFor[*recursive](),
		reflect.TypeFor[*struct{ C chan int }](),
		reflect.TypeFor[*struct{ F float32 }](),
		reflect.TypeFor[outer](),
	} {
		if _, err := New(typ); err == nil {
			t.Errorf("%v accepted", typ)
		}
	}
}

// Values come back deep-equal, nil and empty lists apart, and indexes
// shared between tables stay shared.
func TestRundreise(t *testing.T) {
	c, err := New(reflect.TypeFor[*outer]())
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := decode.NewIndex(2, 2, func(i int) (string, int32, int32) { return []string{"a", "b"}[i], int32(i + 3), 0 })
	f := 1.5
	v := &outer{A: "ä", B: []byte("text"), Inner: inner{At: decode.AtIn("x.md", "", ix), N: -3, U: 7, F: &f,
		List: []*inner2{{S: []string{"a"}}, nil}},
		More: []inner{{At: decode.AtIn("x.md", "a", ix)}, {At: decode.AtIn("y.md", "b", nil)}},
		M:    map[string]string{"k": "v"}, Empty: []string{}}
	var buf bytes.Buffer
	w := c.NewWriter(&buf, "t\n", 3)
	w.Value(0, v)
	if err := w.Finish(); err != nil {
		t.Fatal(err)
	}
	if r, _ := c.Open(buf.Bytes(), "t\n", 4); r != nil {
		t.Error("another version read")
	}
	r, sound := c.Open(buf.Bytes(), "t\n", 3)
	if r == nil {
		t.Fatal("snapshot not opened")
	}
	got := r.Value(0).(*outer)
	decode.UnpackAll(got)
	if !sound() || !r.Done() || !reflect.DeepEqual(got, v) {
		t.Fatalf("got %#v", got)
	}
	if got.Inner.At.Index() != got.More[0].At.Index() {
		t.Error("the index of one file is no longer shared")
	}
}

// ValueInto overwrites every field of a reused value, also with nil, and
// refuses a pointer of another type.
func TestValueInto(t *testing.T) {
	c, err := New(reflect.TypeFor[*outer]())
	if err != nil {
		t.Fatal(err)
	}
	full := &outer{A: "a", P: &inner{N: 1}, M: map[string]string{"k": "v"}, Nil: []inner{{N: 2}}}
	var buf bytes.Buffer
	w := c.NewWriter(&buf, "t\n", 1)
	w.Value(0, full)
	w.Value(0, &outer{A: "b"})
	if err := w.Finish(); err != nil {
		t.Fatal(err)
	}
	r, sound := c.Open(buf.Bytes(), "t\n", 1)
	got := new(outer)
	if !r.ValueInto(0, got) || !reflect.DeepEqual(got, full) {
		t.Fatalf("first value: %#v", got)
	}
	if !r.ValueInto(0, got) || !reflect.DeepEqual(got, &outer{A: "b"}) {
		t.Fatalf("second value into the first: %#v", got)
	}
	if !sound() || !r.Done() {
		t.Fatal("not read whole")
	}
	if c.Body(buf.Bytes()).ValueInto(0, &inner{}) || c.Body(buf.Bytes()).ValueInto(0, (*outer)(nil)) {
		t.Error("a pointer of another type or nil accepted")
	}
}
