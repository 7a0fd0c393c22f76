package build

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the real tdsite binary and interrupt or kill it while it
// writes, then check that the previously published site is byte-identical.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// tdsiteBinary builds cmd/tdsite once per test run.
func tdsiteBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tdsite-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "tdsite")
		out, err := exec.Command("go", "build", "-o", binPath, "tdsite/cmd/tdsite").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// halted starts `tdsite build` with the test hook that pauses after n output
// files and returns once the process is paused in the middle of writing.
func halted(t *testing.T, root, dest string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(tdsiteBinary(t), "build", "--source", root, "--dest", dest)
	cmd.Env = append(os.Environ(), fmt.Sprintf("TDSITE_TEST_ANHALTEN_NACH=%d", n))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	paused := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "angehalten") {
				paused <- true
			}
		}
		close(paused)
	}()
	select {
	case ok := <-paused:
		if !ok {
			t.Fatalf("tdsite build ended without pausing")
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("tdsite build did not reach the pause within 60 s")
	}
	return cmd
}

// stagingFiles counts the files in the staging folders beside dest.
func stagingFiles(t *testing.T, dest string) int {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".neu-*"))
	n := 0
	for _, m := range matches {
		n += len(treeHashes(t, m))
	}
	return n
}

// changeContent edits a visible title so that old and new site differ.
func changeContent(t *testing.T, root, title string) {
	t.Helper()
	p := filepath.Join(root, "content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "titel = ") {
			lines[i] = fmt.Sprintf("titel = %q", title)
		}
	}
	writeFile(t, p, strings.Join(lines, "\n"))
}

func TestKillDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	old := treeHashes(t, dest)
	changeContent(t, root, "Neuer Titel nach dem Abbruch")

	cmd := halted(t, root, dest, 40)
	if n := stagingFiles(t, dest); n < 40 {
		t.Fatalf("paused build has written only %d files into its staging folder", n)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if d := diffTrees(old, treeHashes(t, dest)); d != "" {
		t.Fatalf("public/ changed after SIGKILL mid-write:\n%s", d)
	}
	if stagingFiles(t, dest) == 0 {
		t.Fatalf("expected the killed build's staging folder to be left behind (test proves nothing otherwise)")
	}

	// The next build cleans up and publishes the new content.
	out, err := exec.Command(tdsiteBinary(t), "build", "--source", root, "--dest", dest).CombinedOutput()
	if err != nil {
		t.Fatalf("rebuild after kill: %v\n%s", err, out)
	}
	assertNoLeftovers(t, dest)
	page, _ := os.ReadFile(filepath.Join(dest, "strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff/index.html"))
	if !bytes.Contains(page, []byte("Neuer Titel nach dem Abbruch")) {
		t.Errorf("rebuild did not publish the new content")
	}
}

// Ctrl+C and SIGTERM stop the build cleanly: exit code 3, a German message,
// no staging folder left behind, public/ untouched.
func TestInterruptDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and interrupts the binary")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			root := copySite(t)
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, root, dest)
			old := treeHashes(t, dest)
			changeContent(t, root, "Soll nicht erscheinen")

			cmd := halted(t, root, dest, 25)
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			if code != 3 {
				t.Errorf("exit code %d (%v), want 3", code, err)
			}
			if d := diffTrees(old, treeHashes(t, dest)); d != "" {
				t.Fatalf("public/ changed after %v:\n%s", sig, d)
			}
			assertNoLeftovers(t, dest)
		})
	}
}

// Kills at many moments of a real build of a larger site, including the
// swap itself: public/ is always exactly the old or exactly the new site.
func TestKillAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary repeatedly")
	}
	root := copySite(t)
	dir := filepath.Join(root, "content/strategien/beispiel-kommunen/meldungen")
	for i := 0; i < 400; i++ {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("2025-03-%02d-synthetisch-%03d.md", i%28+1, i)),
			fmt.Sprintf("+++\ntitel = \"Synthetische Meldung %d\"\ndatum = \"%02d.03.2025\"\n+++\nText %d.\n", i, i%28+1, i))
	}
	bin := tdsiteBinary(t)
	version := func(title string) map[string]string {
		changeContent(t, root, title)
		ref := filepath.Join(t.TempDir(), "public")
		start := time.Now()
		if out, err := exec.Command(bin, "build", "--source", root, "--dest", ref).CombinedOutput(); err != nil {
			t.Fatalf("reference build: %v\n%s", err, out)
		}
		t.Logf("reference build %q: %v, %d files", title, time.Since(start), len(treeHashes(t, ref)))
		return treeHashes(t, ref)
	}
	a, b := version("Fassung A"), version("Fassung B")
	titles := map[string]map[string]string{"Fassung A": a, "Fassung B": b}

	dest := filepath.Join(t.TempDir(), "public")
	changeContent(t, root, "Fassung A")
	if out, err := exec.Command(bin, "build", "--source", root, "--dest", dest).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	current := "Fassung A"
	start := time.Now()
	if out, err := exec.Command(bin, "build", "--source", root, "--dest", filepath.Join(t.TempDir(), "x")).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start)
	const rounds = 12
	completed := 0
	for i := 0; i < rounds; i++ {
		next := map[string]string{"Fassung A": "Fassung B", "Fassung B": "Fassung A"}[current]
		changeContent(t, root, next)
		cmd := exec.Command(bin, "build", "--source", root, "--dest", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(i+1) * 3 / (2 * rounds))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		got := treeHashes(t, dest)
		switch {
		case diffTrees(got, titles[current]) == "":
		case diffTrees(got, titles[next]) == "":
			current = next
			completed++
		default:
			t.Fatalf("round %d: public/ is neither the old nor the new site:\nvs. old: %s\nvs. new: %s",
				i, diffTrees(got, titles[current]), diffTrees(got, titles[next]))
		}
	}
	t.Logf("full build %v; %d of %d killed builds had already published", full, completed, rounds)
	if completed == rounds {
		t.Errorf("every build finished before the kill; the test did not kill mid-build")
	}
}
