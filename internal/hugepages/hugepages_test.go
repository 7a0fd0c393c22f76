package hugepages

import "testing"

func TestSelected(t *testing.T) {
	for in, want := range map[string]string{
		"always [madvise] never": "madvise",
		"[always] madvise never": "always",
		"always madvise [never]": "never",
		"":                       "",
		"always madvise never":   "",
		"always [madvise":        "",
	} {
		if got := selected(in); got != want {
			t.Errorf("selected(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReason: Enable asks only where the kernel grants the address space
// for sure (the runtime ends the program if it cannot) and only where
// asking changes something.
func TestReason(t *testing.T) {
	ok := system{mode: "madvise", overcommit: "0", memTotal: 8 << 30, limit: ^uint64(0), wordBits: 64}
	if why := ok.reason(); why != "" {
		t.Fatalf("reason() = %q on a suitable system", why)
	}
	always := ok
	always.overcommit = "1"
	if why := always.reason(); why != "" {
		t.Errorf("overcommit 1: reason() = %q, want none", why)
	}
	for ram, want := range map[uint64]uint64{4 * gb: gb, 7 * gb: gb, 8 * gb: 2 * gb, 15 * gb: 3 * gb, 16 * gb: 4 * gb, 64 * gb: 4 * gb} {
		if got := (system{memTotal: ram}).size(); got != want {
			t.Errorf("size with %d GB RAM = %d GB, want %d", ram/gb, got/gb, want/gb)
		}
	}
	for name, change := range map[string]func(*system){
		"32 Bit":                   func(s *system) { s.wordBits = 32 },
		"THP always":               func(s *system) { s.mode = "always" },
		"THP never":                func(s *system) { s.mode = "never" },
		"no THP in the kernel":     func(s *system) { s.mode = "" },
		"strict overcommit":        func(s *system) { s.overcommit = "2" },
		"unreadable overcommit":    func(s *system) { s.overcommit = "" },
		"2 GB RAM":                 func(s *system) { s.memTotal = 2 << 30 },
		"unreadable meminfo":       func(s *system) { s.memTotal = 0 },
		"address space 2 GB":       func(s *system) { s.limit = 2 << 30 },
		"address space just below": func(s *system) { s.limit = 4*s.size() - 1 },
	} {
		s := ok
		change(&s)
		if s.reason() == "" {
			t.Errorf("%s: Enable would ask", name)
		}
	}
}
