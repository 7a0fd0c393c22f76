//go:build !linux

package publish

import "errors"

// ErrExchangeUnsupported: the system or file system cannot exchange two
// folders atomically; Publish falls back to two renames.
var ErrExchangeUnsupported = errors.New("exchange not supported")

// exchange is Linux-only; elsewhere publish falls back to two renames.
func exchange(a, b string) error { return ErrExchangeUnsupported }

// lockFile is a no-op outside Linux: tdsite is run on Debian; on other
// systems two parallel builds into one folder are simply not guarded.
func lockFile(path string) (func(), error) { return func() {}, nil }

// writePage writes data into a new file p (see create).
func writePage(p string, data []byte) error { return writeFileNew(p, data) }
