package hugepages

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unsafe"

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
	err := advise(uintptr(unsafe.Pointer(unsafe.SliceData(b))), size)
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
	if err != nil {
		return false, notAsked("madvise: " + err.Error())
	}
	return true, fmt.Sprintf("große Seiten (2 MB) für die ersten %d GB des Heaps angefragt", size/gb)
}

// advise marks the heap block of size bytes at p and the heap below it in
// the same mapping. The heap in use before Enable has free pages there,
// which the next allocations take first, a large one running on into the
// block: marking the block alone left 3 of 30 test runs with an 8 MB block
// that began 64–80 KB below it, unmarked. The runtime maps the block right after the heap it has, so
// both are one mapping until the mark splits it. The block starts on a
// page boundary like every large heap block; the kernel uses huge pages
// only for the aligned 2 MB inside, and marking the ends too keeps one
// mapping where the runtime may place a block across them. Addresses,
// not a slice: the GC must not see a pointer to heap memory no object owns.
func advise(p uintptr, size uint64) error {
	lo := p
	if maps, err := os.ReadFile("/proc/self/maps"); err == nil {
		for _, l := range strings.Split(string(maps), "\n") {
			if from, to, ok := mapping(l); ok && from <= uint64(p) && uint64(p) < to {
				lo = uintptr(from)
			}
		}
	}
	_, _, errno := unix.Syscall(unix.SYS_MADVISE, lo, p-lo+uintptr(size), unix.MADV_HUGEPAGE)
	if errno != 0 {
		return errno
	}
	return nil
}

// mapping reads the address range of a line "start-end perms …" of
// /proc/self/maps or smaps; false for other lines.
func mapping(line string) (from, to uint64, ok bool) {
	f, _, _ := strings.Cut(line, " ")
	a, b, ok := strings.Cut(f, "-")
	if !ok {
		return 0, 0, false
	}
	from, err1 := strconv.ParseUint(a, 16, 64)
	to, err2 := strconv.ParseUint(b, 16, 64)
	return from, to, err1 == nil && err2 == nil
}

func current() system {
	s := system{wordBits: strconv.IntSize, limit: ^uint64(0)}
	s.mode = selected(readTrimmed("/sys/kernel/mm/transparent_hugepage/enabled"))
	s.overcommit = readTrimmed("/proc/sys/vm/overcommit_memory")
	s.memTotal, _ = procBytes("/proc/meminfo", "MemTotal")
	for _, r := range []int{unix.RLIMIT_AS, unix.RLIMIT_DATA} {
		var lim unix.Rlimit
		if unix.Getrlimit(r, &lim) == nil && lim.Cur != unix.RLIM_INFINITY {
			s.limit = min(s.limit, lim.Cur)
		}
	}
	return s
}

// procBytes reads the line "key: N kB" of a /proc file such as
// /proc/meminfo, in bytes; false if the file or the line is missing.
func procBytes(file, key string) (uint64, bool) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, key+":"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

func readTrimmed(file string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
