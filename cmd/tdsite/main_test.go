package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBuildBittetUmGrosseSeiten runs the real command: `tdsite build` asks
// for huge pages where the system leaves that to the program (or says why
// not), and TDSITE_HUGEPAGES=0 turns that off (internal/hugepages).
func TestBuildBittetUmGrosseSeiten(t *testing.T) {
	if testing.Short() {
		t.Skip("baut das Programm und die mitgelieferte Website")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "tdsite")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	thp, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	asks := runtime.GOOS == "linux" && strings.Contains(string(thp), "[madvise]")
	for i, c := range []struct {
		env, want string
	}{
		{"", "Speicher: große Seiten "},
		{"TDSITE_HUGEPAGES=0", "Speicher: große Seiten nicht angefragt: TDSITE_HUGEPAGES=0."},
	} {
		cmd := exec.Command(bin, "build", "-v", "--source", "../..", "--dest", filepath.Join(dir, "public", string(rune('a'+i))))
		cmd.Env = append(os.Environ(), c.env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s tdsite build: %v\n%s", c.env, err, out)
		}
		if !strings.Contains(string(out), c.want) {
			t.Errorf("%s: Ausgabe ohne %q:\n%s", c.env, c.want, speicherZeile(out))
		}
		// With "madvise" it asks, unless the machine lacks what makes asking
		// safe (RAM, overcommit, ulimit -v).
		if c.env == "" && asks && !strings.Contains(string(out), "des Heaps angefragt.") &&
			!strings.Contains(string(out), "Arbeitsspeicher") && !strings.Contains(string(out), "overcommit") &&
			!strings.Contains(string(out), "ulimit") {
			t.Errorf("THP „madvise“, aber nicht angefragt:\n%s", speicherZeile(out))
		}
	}
}

// speicherZeile is the line `build -v` prints about huge pages.
func speicherZeile(out []byte) string {
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Speicher:") {
			return l
		}
	}
	return "(keine Zeile „Speicher:“)"
}
