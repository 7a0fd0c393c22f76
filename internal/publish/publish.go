// Package publish writes a built site into a fresh staging folder beside
// the destination and replaces the destination in one step.
package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Publishing: a build writes into a fresh staging directory beside the
// destination and replaces the destination in one rename, so a reader (or a
// web server) sees either the complete old site or the complete new one.
//
//	<parent>/public                    the published site
//	<parent>/.public.neu-XXXX          staging directory of a running build
//	<parent>/.public.alt-XXXX          previous site during a fallback swap
//	<parent>/.public.sperre            lock: one publishing build at a time
//	<parent>/.public.vorig             the site before the published one,
//	                                   kept by an incremental build (Kept)
//
// A build that is killed leaves a staging directory (or, in the fallback
// swap, an old one) behind; the next build removes them while holding the
// lock, so it never deletes the staging directory of a running build.
//
// An incremental build does not delete the site it replaced: it parks it
// as .vorig, with a generation id in its Marker that the build cache
// records together with the files the build wrote and removed. The next
// incremental build renames .vorig into its staging folder, brings it up
// to the published site by applying just those files (hard links to the
// published ones) and then writes only what it renders; the unchanged
// files never need to be linked one by one, nor the replaced site to be
// deleted file by file. Its files are mostly hard links shared with the
// published site, so nothing in it is ever written in place (see create
// in output.go). Only marker and id are checked, not the files: .vorig is
// tdsite's own, like the build cache beside it. Without it, or with
// another id, the build starts from a fresh folder, and .vorig may be
// deleted at any time.

// Folders is how publishing changes folders. The zero value is the
// operating system's; tests replace a function to fail the way other
// systems and users make it fail.
type Folders struct {
	RemoveAll func(string) error      // nil: os.RemoveAll
	Exchange  func(a, b string) error // nil: an atomic exchange where the system has one
}

func (f Folders) removeAll(p string) error {
	if f.RemoveAll != nil {
		return f.RemoveAll(p)
	}
	return os.RemoveAll(p)
}

func (f Folders) exchange(a, b string) error {
	if f.Exchange != nil {
		return f.Exchange(a, b)
	}
	return exchange(a, b)
}

// Staging is one publishing attempt.
type Staging struct {
	Dir    string // the fresh staging folder to write the site into
	dest   string // the real destination (symlinks resolved)
	parent string
	base   string
	unlock func()
	f      Folders
	// Notes say what could not be cleaned up; the site itself was
	// published.
	Notes []string
	// Background: see Publish.
	Background bool
	done       chan struct{}
	// Reused: Dir is the kept previous site brought up to the published
	// one (see BeginKept), not an empty folder.
	Reused bool
	// Keep: Publish parks the replaced site as .vorig instead of deleting
	// it, and sets KeptID to its generation id ("" if it could not).
	Keep   bool
	KeptID string
	stale  []string // a kept site not reused, removed after publishing
}

// Kept is what the build cache knows of the parked previous site: its
// generation id and what the build after it wrote and removed (slash
// paths), which is the way from it to the published site.
type Kept struct {
	ID               string
	Written, Removed []string
}

// Begin locks the destination, removes leftovers of killed builds and
// creates a fresh staging folder. root is the site, which dest must not
// contain or lie in.
func Begin(root, dest string) (*Staging, error) { return Folders{}.Begin(root, dest) }

// Begin is the package's Begin on these folders.
func (f Folders) Begin(root, dest string) (*Staging, error) { return f.BeginKept(root, dest, nil) }

// BeginKept is Begin that takes the parked previous site as the staging
// folder when k describes it (Reused); a parked site that does not match
// is removed after publishing.
func (f Folders) BeginKept(root, dest string, k *Kept) (*Staging, error) {
	real, err := resolveDest(dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(root, real); err != nil {
		return nil, err
	}
	s := &Staging{dest: real, parent: filepath.Dir(real), base: filepath.Base(real), f: f}
	if err := os.MkdirAll(s.parent, 0o755); err != nil {
		return nil, fmt.Errorf("Der Ordner %s kann nicht angelegt werden: %w", s.parent, err)
	}
	unlock, err := lockFile(filepath.Join(s.parent, "."+s.base+".sperre"))
	if err != nil {
		return nil, err
	}
	s.unlock = unlock
	s.recover()
	if s.Dir = s.reuse(k); s.Dir == "" {
		s.Dir, err = os.MkdirTemp(s.parent, "."+s.base+".neu-")
		if err == nil {
			// MkdirTemp creates 0700; a web server running as another user
			// must be able to read the published directory.
			err = os.Chmod(s.Dir, 0o755)
		}
	}
	if err == nil {
		err = writeNew(filepath.Join(s.Dir, Marker), markerText)
	}
	if err != nil {
		s.Abort()
		return nil, fmt.Errorf("Der Ausgabeordner kann nicht angelegt werden: %w", err)
	}
	return s, nil
}

// keptLine precedes the generation id in the marker of a parked site.
const keptLine = "Vorige Ausgabe, Generation "

func (s *Staging) kept() string { return filepath.Join(s.parent, "."+s.base+".vorig") }

// reuse renames the parked site into a staging folder and brings it up to
// the published site; it returns that folder, or "" when there is none
// to reuse. A parked site of another generation is kept for removal.
func (s *Staging) reuse(k *Kept) string {
	if fi, err := os.Lstat(s.kept()); err != nil || !fi.IsDir() {
		return "" // a file or link of that name is not tdsite's
	}
	dir, err := s.freeName(".neu-")
	if err == nil {
		err = os.Rename(s.kept(), dir)
	}
	if err != nil {
		return ""
	}
	data, _ := os.ReadFile(filepath.Join(dir, Marker))
	if k == nil || k.ID == "" || string(data) != markerText+keptLine+k.ID+"\n" || s.catchUp(dir, k) != nil {
		s.stale = append(s.stale, dir)
		return ""
	}
	s.Reused = true
	return dir
}

// catchUp applies to dir what the last build changed: files it removed
// go, files it wrote are linked from the published site.
func (s *Staging) catchUp(dir string, k *Kept) error {
	for _, rel := range k.Removed {
		if err := removeFile(dir, rel); err != nil {
			return err
		}
	}
	return Each(len(k.Written), func(i int) error {
		rel := filepath.FromSlash(k.Written[i])
		dst := filepath.Join(dir, rel)
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := mkdirs(filepath.Dir(dst)); err != nil {
			return err
		}
		return os.Link(filepath.Join(s.dest, rel), dst)
	})
}

// Each calls do for 0 … n-1 on several goroutines and returns the first
// error; after one, the others stop soon. For work that is system calls
// (links, removals): they overlap well even on few cores.
func Each(n int, do func(i int) error) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     atomic.Int64
		failed   atomic.Bool
	)
	for w := 0; w < 4*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n && !failed.Load(); i = int(next.Add(1)) - 1 {
				if err := do(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// freeName returns an unused name beside the destination of the given
// kind (".neu-", ".alt-") for a folder to be renamed there.
func (s *Staging) freeName(kind string) (string, error) {
	p, err := os.MkdirTemp(s.parent, "."+s.base+kind)
	if err == nil {
		err = os.Remove(p) // only the unique name is needed
	}
	return p, err
}

// writeNew writes a file as a new file beside and renames it over p: p
// may be shared (a hard link) or read at the same time.
func writeNew(p, text string) error {
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// park keeps the replaced site old as .vorig under a new generation id.
func (s *Staging) park(old string) bool {
	var b [8]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	if writeNew(filepath.Join(old, Marker), markerText+keptLine+id+"\n") != nil || os.Rename(old, s.kept()) != nil {
		return false
	}
	s.KeptID = id
	return true
}

// Marker is written into every output folder. Publishing replaces the
// destination completely, so an existing folder is only replaced if it is
// empty or carries this file: a mistyped --dest (the home folder, the site
// itself) must never be deleted.
const Marker = ".tdsite-ausgabe"

const markerText = "Dieser Ordner wird von tdsite erzeugt und bei jedem Build vollständig ersetzt.\n"

// checkDest refuses destinations whose replacement would destroy sources
// or foreign files.
func checkDest(root, dest string) error {
	root, _ = filepath.Abs(root)
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if inside(root, dest) {
		return fmt.Errorf("Der Ausgabeordner %s enthält die Quellen der Website (%s); sie würden beim Veröffentlichen gelöscht. Geben Sie mit --dest einen eigenen Ordner an, z. B. %s", dest, root, filepath.Join(root, "public"))
	}
	for _, src := range []string{"content", "layouts", "themes", "static"} {
		if inside(dest, filepath.Join(root, src)) {
			return fmt.Errorf("Der Ausgabeordner %s liegt in den Quellen (%s/); die erzeugten Seiten würden beim nächsten Build als Inhalt gelesen. Geben Sie mit --dest einen eigenen Ordner an, z. B. %s", dest, src, filepath.Join(root, "public"))
		}
	}
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) == 0 {
		return nil // missing or empty
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	// Output of tdsite before the marker existed.
	_, e1 := os.Stat(filepath.Join(dest, "index.html"))
	_, e2 := os.Stat(filepath.Join(dest, "sitemap.xml"))
	if e1 == nil && e2 == nil {
		return nil
	}
	return fmt.Errorf("Der Ordner %s enthält Dateien, die nicht von tdsite stammen; beim Veröffentlichen würde er vollständig ersetzt. Geben Sie mit --dest einen leeren oder neuen Ordner an", dest)
}

// inside reports whether p is dir or below it.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolveDest follows a symlinked destination: the site is published into
// the directory the link points to and the link stays in place (servers are
// often configured with public → /srv/www/…). Replacing the link itself by a
// directory would silently stop updating what the server shows.
func resolveDest(dest string) (string, error) {
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dest, nil
	case err != nil:
		return "", fmt.Errorf("Der Ausgabeordner %s kann nicht geprüft werden: %w", dest, err)
	case info.Mode()&fs.ModeSymlink != 0:
		real, err := filepath.EvalSymlinks(dest)
		if err != nil {
			return "", fmt.Errorf("Der Ausgabeordner %s ist eine Verknüpfung, die ins Leere zeigt. Legen Sie das Ziel an oder löschen Sie die Verknüpfung: %w", dest, err)
		}
		return resolveDest(real)
	case !info.IsDir():
		return "", fmt.Errorf("%s ist eine Datei, kein Ordner. Geben Sie mit --dest einen Ordner an", dest)
	}
	return dest, nil
}

// recover cleans up after a killed build. If a fallback swap was killed
// between its two renames, the destination is missing and the previous
// site waits under .alt-: it is put back first, so the last good output is
// never lost even if this build fails too.
func (s *Staging) recover() {
	alts := s.leftovers(".alt-")
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) && len(alts) > 0 {
		newest := alts[0]
		for _, a := range alts[1:] {
			if modTime(a).After(modTime(newest)) {
				newest = a
			}
		}
		if os.Rename(newest, s.dest) == nil {
			alts = s.leftovers(".alt-")
		}
	}
	for _, p := range append(alts, s.leftovers(".neu-")...) {
		if err := s.f.removeTree(p); err != nil {
			s.Notes = append(s.Notes, fmt.Sprintf("Der Ordner %s aus einem früheren Lauf lässt sich nicht löschen (%v). Prüfen Sie die Rechte und löschen Sie ihn von Hand; er wird nicht veröffentlicht.", p, err))
		}
	}
}

// removeTree removes a folder of tdsite's own (staging, a previous
// output). A read-only output (chmod -R a-w public) is no reason to keep
// it: the folders are made writable again and the removal is repeated.
// Symlinks are not followed, so nothing outside the folder changes.
func (f Folders) removeTree(p string) error {
	err := f.removeAll(p)
	if err == nil || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	_ = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(q, 0o755)
		}
		return nil
	})
	return f.removeAll(p)
}

// HasLeftovers reports whether staging or parked folders of earlier runs
// lie beside dest.
func HasLeftovers(dest string) bool {
	real, err := resolveDest(dest)
	if err != nil {
		return false
	}
	s := &Staging{parent: filepath.Dir(real), base: filepath.Base(real)}
	return len(s.leftovers(".neu-")) > 0 || len(s.leftovers(".alt-")) > 0
}

func (s *Staging) leftovers(kind string) []string {
	prefix := "." + s.base + kind
	entries, _ := os.ReadDir(s.parent)
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			out = append(out, filepath.Join(s.parent, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

func modTime(p string) time.Time {
	if info, err := os.Lstat(p); err == nil {
		return info.ModTime()
	}
	return time.Time{}
}

// Abort removes the staging folder and releases the lock.
func (s *Staging) Abort() {
	for _, p := range append(s.stale, s.Dir) {
		if p != "" {
			_ = s.f.removeTree(p) // else the next build removes it
		}
	}
	s.unlock()
}

// Beside is the path of a file beside the destination, named after it
// with suffix: for reports that are not to be published.
func (s *Staging) Beside(suffix string) string { return filepath.Join(s.parent, s.base+suffix) }

// Publish swaps the staging folder in and releases the lock, also on
// failure. On Linux this is one atomic
// exchange of the two directories; elsewhere (or on file systems without
// exchange) two renames with the old site parked under .alt- for the
// moment between them. With Background the previous site is removed
// while the caller goes on (Wait waits for it, and holds the lock until
// then): deleting ten thousand files takes seconds, and the new site is
// online already. With Keep the previous site is parked instead.
func (s *Staging) Publish() error {
	old, err := s.swap()
	if err != nil {
		s.unlock() // the next build removes a stale kept site
		return err
	}
	if old != "" && s.Keep && s.park(old) {
		old = ""
	}
	trash := s.stale
	if old != "" {
		trash = append(trash, old)
	}
	remove := func() {
		for _, p := range trash {
			s.removeOld(p)
		}
		s.unlock()
	}
	if !s.Background || len(trash) == 0 {
		remove()
		return nil
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		remove()
	}()
	return nil
}

// Wait waits for the removal of the previous site that Publish started
// with Background; Notes are complete afterwards.
func (s *Staging) Wait() {
	if s.done != nil {
		<-s.done
	}
}

// swap puts the staging folder in place of the destination and returns
// where the previous site is now ("" if there was none).
func (s *Staging) swap() (string, error) {
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.Dir, s.dest); err != nil {
			_ = s.f.removeTree(s.Dir)
			return "", publishError(s.dest, err)
		}
		return "", nil
	}
	err := s.f.exchange(s.Dir, s.dest)
	if err == nil {
		return s.Dir, nil // now holds the previous site
	}
	if !errors.Is(err, ErrExchangeUnsupported) {
		_ = s.f.removeTree(s.Dir)
		return "", publishError(s.dest, err)
	}
	old, err := s.freeName(".alt-")
	if err == nil {
		err = os.Rename(s.dest, old)
	}
	if err != nil {
		_ = s.f.removeTree(s.Dir)
		return "", publishError(s.dest, err)
	}
	if err := os.Rename(s.Dir, s.dest); err != nil {
		_ = os.Rename(old, s.dest) // put the previous site back
		_ = s.f.removeTree(s.Dir)
		return "", publishError(s.dest, err)
	}
	return old, nil
}

// removeOld removes the previous site after the new one is published.
// Failing to is no failure of the build – the new site is online – but
// is said, with where the old one lies; the next build tries again.
func (s *Staging) removeOld(old string) {
	if err := s.f.removeTree(old); err != nil {
		s.Notes = append(s.Notes, fmt.Sprintf("Die neue Website ist veröffentlicht, aber die vorige Ausgabe lässt sich nicht löschen und liegt noch in %s (%v). Prüfen Sie die Rechte; der nächste Build versucht es erneut.", old, err))
	}
}

// publishError explains the failures editors and admins actually meet.
func publishError(dest string, err error) error {
	switch {
	case errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EBUSY):
		return fmt.Errorf("Der Ausgabeordner %s ist ein eigenes Laufwerk oder Einhängepunkt (z. B. ein Docker-Volume) und kann nicht in einem Schritt ausgetauscht werden. Geben Sie mit --dest einen Unterordner darin an, z. B. %s: %w",
			dest, filepath.Join(dest, "site"), err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("Keine Schreibrechte, um %s auszutauschen. Prüfen Sie die Rechte des Ordners %s: %w", dest, filepath.Dir(dest), err)
	}
	return fmt.Errorf("Die neue Ausgabe kann nicht veröffentlicht werden (%s): %w", dest, err)
}
