//go:build unix

package content

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// inode tells a file replaced by another (saved by renaming a new one
// over it) from the file before, whatever their times and sizes.
func inode(info fs.FileInfo) uint64 {
	if i, ok := info.(interface{ Inode() uint64 }); ok {
		return i.Inode() // a stat the walk of the inputs made (Loader.UseStats)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}

// rawFile reads a file with plain system calls. os.Open prepares every
// file for the network poller, which regular files cannot use: two to four
// system calls more for each of 10,000 files, a tenth of the CPU time of
// loading. Errors read as those of os.File.
type rawFile struct {
	fd   int
	name string
}

func openFile(name string) (io.ReadCloser, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return &rawFile{fd: fd, name: name}, nil
	}
}

func (f *rawFile) Read(b []byte) (int, error) {
	for {
		n, err := syscall.Read(f.fd, b)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &os.PathError{Op: "read", Path: f.name, Err: err}
		}
		if n == 0 && len(b) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Close() error { return syscall.Close(f.fd) }

// mapFile maps the first size bytes of f into memory, read-only, for the
// content snapshot: its strings and texts then are parts of the page
// cache instead of a copy of 50 MB in the heap, which cost as much in page
// faults and garbage collection as the system call that filled it.
// MAP_POPULATE maps all pages at once instead of one fault each. The
// mapping stays as long as the values may be used, for the life of the
// process unless unmap is called; WriteSnapshot replaces the file by
// renaming a new one over it and never changes it in place, so a mapped
// snapshot keeps its bytes.
func mapFile(f *os.File, size int) (data []byte, unmap func(), err error) {
	if size == 0 {
		return nil, func() {}, nil
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_PRIVATE|mapPopulate)
	if err != nil {
		return nil, nil, err
	}
	return data, func() { _ = syscall.Munmap(data) }, nil
}
