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
		env, ulimit, want string
	}{
		{"", "", "Speicher: große Seiten "},
		{"TDSITE_HUGEPAGES=0", "", "Speicher: große Seiten nicht angefragt: TDSITE_HUGEPAGES=0."},
		// A data-segment limit below the block: asking anyway would end
		// the program ("fatal error: runtime: out of memory"), as the
		// first version did with ulimit -d 3000000.
		{"", "-d 3000000", "Speicher: große Seiten "},
		{"GOGC=100", "", "Speicher: große Seiten "},
	} {
		args := []string{"build", "-v", "--source", "../..", "--dest", filepath.Join(dir, "public", string(rune('a'+i)))}
		cmd := exec.Command(bin, args...)
		if c.ulimit != "" {
			cmd = exec.Command("sh", append([]string{"-c", "ulimit " + c.ulimit + " && exec \"$0\" \"$@\"", bin}, args...)...)
		}
		cmd.Env = append(os.Environ(), c.env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s tdsite build: %v\n%s", c.env, c.ulimit, err, out)
		}
		line := speicherZeile(out)
		if !strings.Contains(line, c.want) {
			t.Errorf("%s: Ausgabe ohne %q:\n%s", c.env, c.want, line)
		}
		// The GC runs less often exactly on huge pages, and never against
		// the caller's GOGC.
		huge := strings.Contains(line, "des Heaps angefragt") || strings.Contains(line, "vom System")
		if (c.env == "" || !huge) && huge != strings.Contains(line, "(GOGC 150)") {
			t.Errorf("%s %s: GOGC passt nicht zu den großen Seiten: %s", c.env, c.ulimit, line)
		}
		if c.ulimit != "" && asks && !strings.Contains(line, "nicht angefragt: Adressraum oder Datensegment begrenzt") {
			t.Errorf("ulimit %s: %s", c.ulimit, line)
		}
		if c.env == "GOGC=100" && strings.Contains(line, "GOGC 150") {
			t.Errorf("GOGC=100 überschrieben: %s", line)
		}
		// With "madvise" it asks, unless the machine lacks what makes asking
		// safe (RAM, overcommit, ulimit -v).
		if c.env == "" && c.ulimit == "" && asks && !strings.Contains(line, "des Heaps angefragt") &&
			!strings.Contains(line, "Arbeitsspeicher") && !strings.Contains(line, "overcommit") &&
			!strings.Contains(line, "ulimit") {
			t.Errorf("THP „madvise“, aber nicht angefragt:\n%s", line)
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
