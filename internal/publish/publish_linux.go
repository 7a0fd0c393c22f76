package publish

import (
	"errors"
	"fmt"
	"io"
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

// writePage writes data into a new file p, like writeFileNew, with the
// system calls themselves: os.OpenFile would also offer every file to the
// network poller, which Linux refuses for regular files, and switch it to
// non-blocking and back – five needless system calls and a finalizer for
// each of ten thousand pages. Errors read as those of package os.
func writePage(p string, data []byte) error {
	fd, err := replaced(p, func() (int, error) {
		fd, err := ignoringEINTR(func() (int, error) {
			return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
		})
		if err != nil {
			return -1, &os.PathError{Op: "open", Path: p, Err: err}
		}
		return fd, nil
	})
	if err != nil {
		return err
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = ignoringEINTR(func() (int, error) { return unix.Write(fd, data) })
		if err != nil {
			err = &os.PathError{Op: "write", Path: p, Err: err}
		} else if n == 0 {
			err = &os.PathError{Op: "write", Path: p, Err: io.ErrUnexpectedEOF}
		}
		data = data[max(n, 0):]
	}
	// Like os.File.Close, which does not retry either: after EINTR the
	// descriptor is gone on Linux.
	if cerr := unix.Close(fd); cerr != nil && err == nil {
		err = &os.PathError{Op: "close", Path: p, Err: cerr}
	}
	return err
}

func ignoringEINTR[T any](f func() (T, error)) (T, error) {
	for {
		v, err := f()
		if err != unix.EINTR {
			return v, err
		}
	}
}
