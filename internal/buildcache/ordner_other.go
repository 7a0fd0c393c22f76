//go:build !linux

package buildcache

import (
	"io/fs"
	"os"
)

// folderReader reads folders for ListOutput (ordner_linux.go without the
// system calls of Linux).
type folderReader struct {
	transient bool // see ordner_linux.go; here every entry is allocated anyway
}

// each calls f for every entry of the folder p with its name and whether
// it is a folder; fi (only for what is not a folder) is its Lstat.
func (r *folderReader) each(p string, f func(name string, dir bool, fi fs.FileInfo)) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			f(e.Name(), true, nil)
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		f(e.Name(), false, fi)
	}
	return nil
}
