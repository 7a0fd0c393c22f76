package build

import (
	"tdsite/internal/buildcache"
	"tdsite/internal/content"
)

// contentSnapshot is the content snapshot of a build with a record
// (docs/leistung.md, "Inhalte aus dem Abbild"): the previous build's
// parsed content files, which the loader takes where a file is unchanged,
// and this build's, written while it checks and models the content.
type contentSnapshot struct {
	file, program string
	loader        *content.Loader
	done          chan error // nil: nothing being written
}

// seedContent lets c's loader read the snapshot beside the record while
// it walks content/. Without a record (--no-cache, the preview) there is
// none to read or write.
func seedContent(c *Caches, cacheFile, root string, last *previous) *contentSnapshot {
	if last == nil || last.inputs == nil {
		return nil
	}
	s := &contentSnapshot{file: buildcache.InhalteFile(cacheFile), program: last.inputs.Program, loader: c.loader}
	read := make(chan *content.Snapshot, 1)
	go func() { read <- content.ReadSnapshot(s.file, root, s.program) }()
	c.loader.Seed(func() *content.Snapshot { return <-read })
	return s
}

// write starts writing what the loader parsed, as soon as the content
// is loaded, so that it overlaps the checks and the model instead of
// making the end of a short build wait. The snapshot does not depend on
// the rest of the build: every file in it is what parsing it gives,
// whether or not the content has errors or the build succeeds.
func (s *contentSnapshot) write() {
	if s == nil || s.done != nil {
		return
	}
	s.done = make(chan error, 1)
	go func() { s.done <- s.loader.WriteSnapshot(s.file, s.program) }()
}

// wait waits until the snapshot is written. A snapshot that could not be
// written leaves the one before, which is still true where it is used.
func (s *contentSnapshot) wait() {
	if s == nil || s.done == nil {
		return
	}
	<-s.done
	s.done = nil
}
