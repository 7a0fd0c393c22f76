//go:build unix

package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// A named pipe in an input tree would block the build in open() until
// someone writes into it. It is an error at its name, in every tree, in
// full and cached builds, and the last good output stays.
func TestNamedPipeIsAnError(t *testing.T) {
	testkit.Slow(t)
	for _, f := range linkFaelle {
		if f.dir {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			root := copySite(t)
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, root, dest)
			before := treeHashes(t, dest)
			p := filepath.Join(root, filepath.FromSlash(f.link))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("named pipes not supported:", err)
			}
			for _, cache := range []bool{false, true} {
				type result struct {
					diags *diag.List
					err   error
				}
				done := make(chan result, 1)
				go func() {
					_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate, Cache: cache})
					done <- result{diags, err}
				}()
				var r result
				select {
				case r = <-done:
				case <-time.After(2 * time.Minute): // a hang, not a speed limit
					w, _ := os.OpenFile(p, os.O_WRONLY, 0) // lets the build go on
					if w != nil {
						w.Close()
					}
					t.Fatalf("cache %v: the build hangs on the named pipe %s", cache, f.rel())
				}
				if !errors.Is(r.err, ErrContent) {
					t.Fatalf("cache %v: err = %v, want ErrContent\n%s", cache, r.err, printDiags(r.diags))
				}
				if d := findingAt(r.diags, f.rel(), diag.Error); d == nil || !strings.Contains(d.Message, "benannte Pipe") || d.Hint == "" {
					t.Fatalf("cache %v: no error with hint at %s:\n%s", cache, f.rel(), printDiags(r.diags))
				}
			}
			if diff := diffTrees(before, treeHashes(t, dest)); diff != "" {
				t.Errorf("last good output changed:\n%s", diff)
			}
		})
	}
}
