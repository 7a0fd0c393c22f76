package model

import (
	"math/rand/v2"
	"testing"

	"tdsite/internal/content"
)

// anchorID takes a short cut for ASCII: it must give what content.Slugify
// gives, for IDs and for any other text.
func TestAnchorIDWieSlugify(t *testing.T) {
	ids := []string{"", "Z1.1", "K160-101", "M1-10", "  -- Z1.2 / E3 --  ", "a--b", "-x-", "E 3.2.1", "B4-06", "ÄÖ-1", "Z1.ü", "x\u0301y", "Ab_Cd!?"}
	r := rand.New(rand.NewPCG(1, 2))
	const zeichen = "aZ09-._ /!~\x7f\x00"
	for range 2000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = zeichen[r.IntN(len(zeichen))]
		}
		ids = append(ids, string(b))
	}
	for _, id := range ids {
		if got, want := anchorID(id), content.Slugify(id); got != want {
			t.Errorf("anchorID(%q) = %q, Slugify gibt %q", id, got, want)
		}
	}
}
