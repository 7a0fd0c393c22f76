package linkcheck

import (
	"fmt"
	"html"
	"sync"
	"testing"
	"unsafe"
)

// intern answers from its table or from unique.Make: either way the value
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
					got := intern([]byte(raw)).Value()
					if got != want {
						t.Errorf("intern(%q) = %q, want %q", raw, got, want)
						return
					}
					if again := intern([]byte(raw)).Value(); unsafe.StringData(again) != unsafe.StringData(got) {
						t.Errorf("intern(%q) gave two copies", raw)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if a, b := intern([]byte("a&amp;b")), intern([]byte("a&b")); a != b || unsafe.StringData(a.Value()) != unsafe.StringData(b.Value()) {
		t.Error("the same value with and without an entity gave two copies")
	}
}
