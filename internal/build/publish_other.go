//go:build !linux

package build

import "errors"

var errExchangeUnsupported = errors.New("exchange not supported")

// exchange is Linux-only; elsewhere publish falls back to two renames.
func exchange(a, b string) error { return errExchangeUnsupported }

// lockFile is a no-op outside Linux: tdsite is run on Debian; on other
// systems two parallel builds into one folder are simply not guarded.
func lockFile(path string) (func(), error) { return func() {}, nil }
