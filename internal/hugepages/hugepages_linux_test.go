package hugepages

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestEnableMarksTheHeap runs Enable in a fresh process (it acts once, at
// the start of a program) and checks there that the heap the program
// allocates afterwards lies in memory marked for huge pages (VmFlags "hg"
// in /proc/self/smaps), and that TDSITE_HUGEPAGES=0 leaves it unmarked.
func TestEnableMarksTheHeap(t *testing.T) {
	if why := current().reason(); why != "" {
		t.Skipf("Enable fragt hier nicht: %s", why)
	}
	for _, c := range []struct {
		env    string
		marked bool
	}{{"", true}, {"TDSITE_HUGEPAGES=" + Off, false}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperEnable$", "-test.v")
		cmd.Env = append(os.Environ(), "HUGEPAGES_HELPER=1", c.env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.env, err, out)
		}
		want := "heap marked: " + strconv.FormatBool(c.marked)
		if !strings.Contains(string(out), want) {
			t.Errorf("%q: want %q, got\n%s", c.env, want, out)
		}
	}
}

func TestHelperEnable(t *testing.T) {
	if os.Getenv("HUGEPAGES_HELPER") != "1" {
		t.Skip("runs only as the helper of TestEnableMarksTheHeap")
	}
	before := residentBytes(t)
	did, why := Enable()
	t.Logf("Enable: %v %s", did, why)
	// The block is address space, not memory: were the runtime ever to
	// clear it, every build would start by filling gigabytes.
	if grew := residentBytes(t) - before; grew > 64<<20 {
		t.Errorf("Enable hat %d MB Speicher belegt, erwartet: fast nichts", grew>>20)
	}
	// A block of the size a build's heap grows by: the lowest free
	// addresses that fit it are those Enable freed.
	b := make([]byte, 8<<20)
	p := uintptr(unsafe.Pointer(&b[0]))
	marked, err := inMarkedMapping(p, uintptr(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("heap marked: %v", marked)
	if did != marked {
		t.Errorf("Enable says %v, heap marked %v", did, marked)
	}
}

// residentBytes is the process's resident memory (VmRSS).
func residentBytes(t *testing.T) int64 {
	n, ok := procBytes("/proc/self/status", "VmRSS")
	if !ok {
		t.Fatal("VmRSS fehlt in /proc/self/status")
	}
	return int64(n)
}

// inMarkedMapping reports whether [p, p+n) lies in mappings with the
// VmFlag "hg" (MADV_HUGEPAGE).
func inMarkedMapping(p, n uintptr) (bool, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return false, err
	}
	defer f.Close()
	var lo, hi uint64
	sc := bufio.NewScanner(f)
	covered := uint64(0)
	for sc.Scan() {
		line := sc.Text()
		if from, to, ok := mapping(line); ok {
			lo, hi = from, to
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && hi > uint64(p) && lo < uint64(p+n) {
			if !strings.Contains(" "+flags+" ", " hg ") {
				return false, nil
			}
			covered += min(hi, uint64(p+n)) - max(lo, uint64(p))
		}
	}
	return covered == uint64(n), sc.Err()
}
