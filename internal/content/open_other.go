//go:build !unix

package content

import (
	"io"
	"io/fs"
	"os"
)

func inode(fs.FileInfo) uint64 { return 0 }

func openFile(name string) (io.ReadCloser, error) { return os.Open(name) }
