package build

import (
	"os"
	"slices"
	"sync/atomic"

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
	done          chan error  // nil: nothing being written
	seeded        atomic.Bool // a snapshot was read for the loader
	// plan says, once the content is loaded, which content files changed
	// since the last build and which the snapshot already did not answer
	// for then (buildcache.Detail.Unseen); ok is false for a full build.
	plan func() (changed, before []string, ok bool)
	// unseen is Detail.Unseen for the record of this build, once written.
	unseen []string
}

// maxUnseen is how many content files may be newer than the snapshot
// before a build writes it anew. Parsing one again costs well under a
// millisecond; writing the snapshot at 10,000 pages costs 0.04 CPU-s and
// 50 MB of writes.
var maxUnseen = 32 // a variable for tests

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
	c.loader.Seed(func() *content.Snapshot {
		snap := <-read
		s.seeded.Store(snap != nil)
		return snap
	})
	return s
}

// write starts writing what the loader parsed, as soon as the content
// is loaded, so that it overlaps the checks and the model instead of
// making the end of a short build wait. The snapshot does not depend on
// the rest of the build: every file in it is what parsing it gives,
// whether or not the content has errors or the build succeeds.
//
// An incremental build leaves the snapshot it read as it is while few
// files changed since it was written: the loader checks every file it
// takes from it by size, time and inode, so a file changed since is only
// parsed again. Which files those are goes into the record
// (buildcache.Detail.Unseen), so that they are counted from build to
// build; without a record the next build is a full one and writes it.
func (s *contentSnapshot) write() {
	if s == nil || s.done != nil {
		return
	}
	s.done = make(chan error, 1)
	go func() {
		var changed, before []string
		ok := false
		if s.plan != nil {
			changed, before, ok = s.plan()
		}
		if unseen := union(before, changed); ok && s.seeded.Load() && len(unseen) <= maxUnseen {
			s.unseen = unseen
			s.done <- nil
			return
		}
		left, err := s.loader.WriteSnapshot(s.file, s.program)
		if err != nil {
			// The snapshot before may be older than the record says: a
			// build without it writes it anew.
			os.Remove(s.file)
		}
		// Files changed just before loading are left out of the snapshot
		// (content.WriteSnapshot): they count as unseen. Right after a
		// checkout that is every file, so the next build writes the
		// snapshot anew instead of keeping an empty one for good.
		s.unseen = left
		s.done <- err
	}()
}

// union returns the strings of a and b, sorted, each once.
func union(a, b []string) []string {
	u := slices.Concat(a, b)
	slices.Sort(u)
	return slices.Compact(u)
}

// record waits until the snapshot is written or left and puts into d
// which content files it may not answer for.
func (s *contentSnapshot) record(d *buildcache.Detail) {
	s.wait()
	d.Unseen = s.unseen
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
