package build

import (
	"bufio"
	"bytes"
	"context"
	"errors"
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

// haltEnv makes the test binary a build that pauses in the middle of
// writing (see haltedBuild): "source dest n", with " cache" for a build
// with the build cache (an incremental one after a change of content).
const haltEnv = "TDSITE_TEST_ANHALTEN"

// haltedBuild runs instead of the tests when haltEnv is set: it builds
// like `tdsite build` and pauses after n pages until it is killed.
func haltedBuild() {
	var root, dest string
	var n int
	args := strings.Fields(os.Getenv(haltEnv))
	if _, err := fmt.Sscan(strings.Join(args[:min(3, len(args))], " "), &root, &dest, &n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cache := len(args) > 3 && args[3] == "cache"
	var once sync.Once
	pause := func(done, total int) {
		if done >= n {
			once.Do(func() { fmt.Fprintln(os.Stderr, "angehalten") })
			select {}
		}
	}
	res, _, err := Run(context.Background(), Options{Source: root, Dest: dest, Progress: pause, Cache: cache, BuildDate: testDate})
	fmt.Fprintln(os.Stderr, "ended without pausing:", err, res != nil && res.Incremental)
	os.Exit(1)
}

// halted starts a build in a process of its own that pauses after n
// pages, and returns once it is paused in the middle of writing.
func halted(t *testing.T, root, dest string, n int, cache ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d %s", haltEnv, root, dest, n, strings.Join(cache, "")))
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
			t.Fatalf("the build ended without pausing")
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the build did not reach the pause within 60 s")
	}
	return cmd
}

// killMidWrite kills a build (halted, with its options) once it has
// written n pages, and checks that dest still holds the site old.
func killMidWrite(t *testing.T, root, dest string, n int, old map[string]string, cache ...string) {
	t.Helper()
	cmd := halted(t, root, dest, n, cache...)
	if got := stagingFiles(t, dest); got < n {
		t.Fatalf("paused build has written only %d files into its staging folder", got)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if d := diffTrees(old, treeHashes(t, dest)); d != "" {
		t.Fatalf("public/ changed after SIGKILL mid-write:\n%s", d)
	}
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

	killMidWrite(t, root, dest, 40, old)
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

// Ctrl+C and SIGTERM cancel the build's context (internal/cli): the build
// stops cleanly, leaves no staging folder behind and public/ untouched.
func TestInterruptDuringBuild(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	old := treeHashes(t, dest)
	changeContent(t, root, "Soll nicht erscheinen")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var staged int
	interrupt := func(done, total int) {
		if done == 25 {
			staged = stagingFiles(t, dest)
			cancel()
		}
	}
	_, _, err := Run(ctx, Options{Source: root, Dest: dest, BuildDate: testDate, Progress: interrupt})
	if !errors.Is(err, ErrAbgebrochen) {
		t.Errorf("got %v, want ErrAbgebrochen", err)
	}
	if staged < 25 {
		t.Fatalf("interrupted after %d files in the staging folder; the test proves nothing", staged)
	}
	if d := diffTrees(old, treeHashes(t, dest)); d != "" {
		t.Fatalf("public/ changed after the interruption:\n%s", d)
	}
	assertNoLeftovers(t, dest)
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
