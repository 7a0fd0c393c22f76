// Package bundled gives tests the site bundled with this repository
// (config.toml, content/, layouts/), prepared the way `tdsite build` does
// it, on the fixed day of config.toml's build_datum.
package bundled

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"tdsite/internal/build"
)

// Datum is the build day the tests use; it matches config.toml.
var Datum = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// Root is the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Prepare loads, checks and models the bundled site; content errors fail the test.
func Prepare(tb testing.TB) *build.Prepared {
	tb.Helper()
	p, diags := build.Prepare(Root(), Datum, nil)
	if p == nil {
		var b strings.Builder
		diags.Print(&b, false)
		tb.Fatalf("Die mitgelieferten Inhalte sind fehlerhaft:\n%s", b.String())
	}
	return p
}
