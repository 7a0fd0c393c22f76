package linkcheck

import (
	"fmt"
	"html"
	"sync"
	"testing"
	"unsafe"
)

// intern answers from its table or from its map: either way the value
// is the unescaped attribute and one shared copy, also when more values
// than slots compete and two workers intern at once.
func TestIntern(t *testing.T) {
	raws := []string{"/strategien/", "a&amp;b", "a&b", "#k001-101", "", "&lt;x&gt;", "/strategien/"}
	for i := range 3 * internSlots {
		raws = append(raws, fmt.Sprintf("/massnahmen/k%03d-%d/#z&amp;%d", i%500, i, i%7))
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 2 {
				for _, raw := range raws {
					want := html.UnescapeString(raw)
					got := *intern([]byte(raw))
					if got != want {
						t.Errorf("intern(%q) = %q, want %q", raw, got, want)
						return
					}
					if again := *intern([]byte(raw)); unsafe.StringData(again) != unsafe.StringData(got) {
						t.Errorf("intern(%q) gave two copies", raw)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if a, b := intern([]byte("a&amp;b")), intern([]byte("a&b")); a != b {
		t.Error("the same value with and without an entity gave two copies")
	}
}

// A file counts a reference once with how often it occurs, also when the
// value has two copies because the map of shared copies was dropped
// meanwhile.
func TestAddTwoCopies(t *testing.T) {
	one, other := "/strategien/", "/strategien/"
	f := newMarkup()
	f.add(&one, 'a')
	f.add(&other, 'a')
	f.add(&other, 'r')
	f.done()
	if len(f.refs) != 2 || f.refs[0].n != 2 || f.refs[0].kind != 'a' || f.refs[1].n != 1 {
		t.Errorf("refs = %+v, want /strategien/ as a link twice and as a resource once", f.refs)
	}
}

// The scanner and the lexer both ask attrKind, so comparing them cannot
// catch a wrong name: the names the check needs, in any case, and only
// those.
func TestAttrKind(t *testing.T) {
	for _, c := range []struct {
		name   string
		anchor bool
		want   int
	}{
		{"id", false, attrID}, {"ID", false, attrID}, {"iD", true, attrID},
		{"name", true, attrID}, {"NAME", true, attrID}, {"name", false, attrOther},
		{"href", false, attrHref}, {"HREF", true, attrHref}, {"xlink:href", false, attrHref}, {"XLink:Href", false, attrHref},
		{"src", false, attrSrc}, {"Src", false, attrSrc}, {"poster", false, attrSrc}, {"ACTION", false, attrSrc},
		{"data", false, attrSrc}, {"Data", false, attrSrc}, {"srcset", false, attrSrcset}, {"SRCSET", false, attrSrcset},
		{"", false, attrOther}, {"i", false, attrOther}, {"ids", false, attrOther}, {"lang", false, attrOther},
		{"hreff", false, attrOther}, {"class", false, attrOther}, {"data-src", false, attrOther},
		{"xlink:hre", false, attrOther}, {"xlink;href", false, attrOther}, {"aria-label", false, attrOther},
		{"src\x00", false, attrOther}, {"[d", false, attrOther}, {"hr{f", false, attrOther},
		// Outside ASCII, a name with an upper-case ASCII letter is
		// lower-cased as Unicode, which can shorten it; one without is
		// taken as it is.
		{"İD", false, attrID}, {"İd", false, attrOther}, {"XLIN\u212a:HREF", false, attrHref},
		{"ſrc", false, attrOther}, {"hréf", false, attrOther},
	} {
		if got := attrKind([]byte(c.name), isASCII([]byte(c.name)), c.anchor); got != c.want {
			t.Errorf("attrKind(%q, anchor %v) = %d, want %d", c.name, c.anchor, got, c.want)
		}
	}
}
