package buildcache

import (
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// folderReader reads folders for ListOutput with the system calls alone:
// os.ReadDir sorts and allocates an entry for each name, and Lstat with
// the whole path makes the kernel look up every folder above the file
// again; at 10,000 page folders that was a third of the walk.
type folderReader struct {
	buf []byte
	// transient: name and fi given to the callback of each are valid
	// only during the call, which spares an allocation for each of them;
	// ListOutput keeps neither (20,000 entries at 10,000 pages).
	transient bool
	st        statInfo // fi, when transient
}

// each calls f for every entry of the folder p but "." and "..", in the
// order of the file system, with its name and whether it is a folder; fi
// (only for what is not a folder) is its Lstat.
func (r *folderReader) each(p string, f func(name string, dir bool, fi fs.FileInfo)) error {
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer unix.Close(fd)
	if r.buf == nil {
		r.buf = make([]byte, 16<<10)
	}
	for {
		n, err := unix.ReadDirent(fd, r.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "readdirent", Path: p, Err: err}
		}
		if n <= 0 {
			return nil
		}
		for b := r.buf[:n]; len(b) > 0; {
			// struct linux_dirent64: d_ino, d_off, d_reclen, d_type, d_name
			if len(b) < 19 {
				return &fs.PathError{Op: "readdirent", Path: p, Err: syscall.EIO}
			}
			reclen := int(*(*uint16)(unsafe.Pointer(&b[16])))
			if reclen < 19 || reclen > len(b) {
				return &fs.PathError{Op: "readdirent", Path: p, Err: syscall.EIO}
			}
			typ, raw := b[18], b[19:reclen]
			b = b[reclen:]
			l := 0
			for l < len(raw) && raw[l] != 0 {
				l++
			}
			name := unsafe.String(unsafe.SliceData(raw), l)
			if !r.transient {
				name = strings.Clone(name)
			}
			if name == "." || name == ".." {
				continue
			}
			if typ == syscall.DT_DIR {
				f(name, true, nil)
				continue
			}
			fi := &r.st
			if !r.transient {
				fi = new(statInfo)
			}
			if err := lstatAt(fd, p, name, fi); err != nil {
				return err
			}
			if typ == syscall.DT_UNKNOWN && fi.mode.IsDir() {
				f(name, true, nil)
				continue
			}
			f(name, false, fi)
		}
	}
}

// lstatAt is os.Lstat of the entry name of the open folder dir, into fi.
func lstatAt(fd int, dir, name string, fi *statInfo) error {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "lstat", Path: dir + string(os.PathSeparator) + name, Err: err}
		}
		*fi = statInfo{name: name, size: st.Size, mode: fileMode(st.Mode), mtime: time.Unix(st.Mtim.Unix()), ino: st.Ino}
		return nil
	}
}

// fileMode is os.FileMode of a stat mode, as os.Lstat makes it: the
// lines of the fingerprint must not depend on how a file was asked.
func fileMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & syscall.S_IFMT {
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if m&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// statInfo is the fs.FileInfo of folderReader.
type statInfo struct {
	name  string
	size  int64
	mode  fs.FileMode
	mtime time.Time
	ino   uint64
}

// Inode is the file's inode number, which os.Lstat has in Sys: the
// content loader tells a file replaced by another by it.
func (s *statInfo) Inode() uint64 { return s.ino }

func (s *statInfo) Name() string       { return s.name }
func (s *statInfo) Size() int64        { return s.size }
func (s *statInfo) Mode() fs.FileMode  { return s.mode }
func (s *statInfo) ModTime() time.Time { return s.mtime }
func (s *statInfo) IsDir() bool        { return s.mode.IsDir() }
func (s *statInfo) Sys() any           { return nil }
