//go:build unix

package buildcache

import (
	"io/fs"
	"syscall"
)

// inodeOf is the inode as content.inode reads it.
func inodeOf(fi fs.FileInfo) uint64 {
	if i, ok := fi.(interface{ Inode() uint64 }); ok {
		return i.Inode()
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}
