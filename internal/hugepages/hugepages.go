// Package hugepages lets the Go heap of a tdsite run live on transparent
// huge pages (2 MB) where the system leaves that to each program.
//
// Why: a build of 10,000 pages touches 400–550 MB of fresh heap, which
// Linux hands out 4 KB at a time, one page fault each. On the 2-core test
// machine (a virtual machine) a fault costs 11–19 µs: 90,000–130,000 faults
// were 15–20 % of the CPU time of a build. With huge pages the same build
// takes 6,000 faults. The Go runtime leaves the choice to the system
// setting /sys/kernel/mm/transparent_hugepage/enabled: "always" gives the
// heap huge pages, "never" none, and "madvise" (this machine, Ubuntu and
// others) only memory a program asks for with madvise(MADV_HUGEPAGE), which
// the runtime does not do for its heap. Enable asks for it, once, at the
// start of the command (docs/leistung.md, „Große Speicherseiten“).
package hugepages

import "strings"

const gb = 1 << 30

// size is the heap address space Enable asks huge pages for: a quarter of
// the RAM in whole GB, at most 4 GB. It is only address space until the
// build touches it; a build of 10,000 pages uses about 500 MB, one of
// 30,000 pages 1.5 GB, and what does not fit gets small pages.
func (s system) size() uint64 { return min(s.memTotal/4/gb*gb, 4*gb) }

// Off, as the value of the environment variable TDSITE_HUGEPAGES, turns
// Enable off, e.g. to measure the difference.
const Off = "0"

// system is what decides whether asking is useful and safe.
type system struct {
	mode       string // THP mode, the bracketed word of …/transparent_hugepage/enabled
	overcommit string // contents of /proc/sys/vm/overcommit_memory
	memTotal   uint64 // bytes of RAM (MemTotal in /proc/meminfo)
	limit      uint64 // the lower of RLIMIT_AS and RLIMIT_DATA (ulimit -v, -d)
	wordBits   int
}

// reason says why Enable does nothing on s, or "" if it asks. Reserving
// the address space must not fail: the runtime ends the program when the
// heap cannot grow. So only where the kernel will grant it: a 64-bit
// address space, no limit below 4 × size on address space or on private
// writable memory (which Linux counts since 4.7), and overcommit in
// its default heuristic mode (0, which refuses only a single request
// beyond RAM and swap) or always (1) on a machine with at least 4 GB of
// RAM; strict accounting (2) counts address space as memory.
func (s system) reason() string {
	switch {
	case s.wordBits != 64:
		return "kein 64-Bit-Adressraum"
	case s.mode == "":
		return "keine großen Speicherseiten (THP) im Kernel"
	case s.mode != "madvise":
		return "THP-Modus „" + s.mode + "“ (nur „madvise“ braucht die Anfrage)"
	case s.overcommit != "0" && s.overcommit != "1":
		return "vm.overcommit_memory = " + s.overcommit
	case s.memTotal < 4*gb:
		return "weniger als 4 GB Arbeitsspeicher"
	case s.limit < 4*s.size():
		return "Adressraum oder Datensegment begrenzt (ulimit -v, ulimit -d)"
	}
	return ""
}

func notAsked(why string) string { return "große Seiten nicht angefragt: " + why }

// selected returns the mode in brackets, "always [madvise] never" →
// "madvise", or "" if there is none.
func selected(setting string) string {
	_, rest, ok := strings.Cut(setting, "[")
	if !ok {
		return ""
	}
	mode, _, ok := strings.Cut(rest, "]")
	if !ok {
		return ""
	}
	return mode
}
