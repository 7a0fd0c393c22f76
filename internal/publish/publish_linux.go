package publish

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// ErrExchangeUnsupported: the system or file system cannot exchange two
// folders atomically; Publish falls back to two renames.
var ErrExchangeUnsupported = errors.New("exchange not supported")

// exchange swaps two directories atomically (renameat2 RENAME_EXCHANGE):
// there is no moment without a published site.
var exchange = func(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return ErrExchangeUnsupported
	}
	if err != nil {
		return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
	}
	return nil
}

// lockFile takes an exclusive lock that the kernel releases when the process
// dies, so a killed build never blocks the next one.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("Die Sperrdatei %s kann nicht angelegt werden: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("Ein anderer tdsite-Build veröffentlicht gerade in diesen Ordner (Sperrdatei %s). Warten Sie, bis er fertig ist, und starten Sie dann erneut", path)
		}
		return nil, fmt.Errorf("Die Sperrdatei %s kann nicht gesperrt werden: %w", path, err)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
