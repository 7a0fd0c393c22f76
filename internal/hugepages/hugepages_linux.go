package hugepages

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Enable asks the kernel to back the first part of the heap (size) with
// huge pages. It reports whether the heap has huge pages (asked for, or
// given by the system with THP "always") and, either way, a German sentence
// for `tdsite build -v` that says what or why not. It must run before the
// program allocates much: it takes one heap block of that size, which the
// runtime maps fresh and does not touch (memory from the system is known to
// be zero), marks it, and frees it again. The runtime hands out the lowest
// free heap addresses first, so the build's objects land in the marked
// range; the mark belongs to the mapping and stays when the runtime returns
// unused memory to the system.
func Enable() (bool, string) {
	if os.Getenv("TDSITE_HUGEPAGES") == Off {
		return false, notAsked("TDSITE_HUGEPAGES=" + Off)
	}
	s := current()
	if s.mode == "always" {
		return true, "große Seiten (2 MB) für den ganzen Heap vom System (THP „always“)"
	}
	if why := s.reason(); why != "" {
		return false, notAsked(why)
	}
	size := s.size()
	b := make([]byte, size)
	err := advise(b)
	b = nil
	runtime.GC()
	if err != nil {
		return false, notAsked("madvise: " + err.Error())
	}
	return true, fmt.Sprintf("große Seiten (2 MB) für die ersten %d GB des Heaps angefragt", size/gb)
}

// advise marks all of b, which starts on a page boundary like every
// large heap block. The kernel uses huge pages only for the aligned 2 MB
// inside; marking the ends too keeps one mapping where the runtime may
// place a block across them.
func advise(b []byte) error {
	return unix.Madvise(b, unix.MADV_HUGEPAGE)
}

func current() system {
	s := system{wordBits: strconv.IntSize, limit: ^uint64(0)}
	s.mode = selected(readTrimmed("/sys/kernel/mm/transparent_hugepage/enabled"))
	s.overcommit = readTrimmed("/proc/sys/vm/overcommit_memory")
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("MemTotal:")); ok {
				kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(string(rest)), " kB"), 10, 64)
				s.memTotal = kb << 10
			}
		}
		f.Close()
	}
	for _, r := range []int{unix.RLIMIT_AS, unix.RLIMIT_DATA} {
		var lim unix.Rlimit
		if unix.Getrlimit(r, &lim) == nil && lim.Cur != unix.RLIM_INFINITY {
			s.limit = min(s.limit, lim.Cur)
		}
	}
	return s
}

func readTrimmed(file string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
