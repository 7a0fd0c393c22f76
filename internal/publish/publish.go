// Package publish writes a built site into a fresh staging folder beside
// the destination and replaces the destination in one step.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
//
// A build that is killed leaves a staging directory (or, in the fallback
// swap, an old one) behind; the next build removes them while holding the
// lock, so it never deletes the staging directory of a running build.

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
}

// Begin locks the destination, removes leftovers of killed builds and
// creates a fresh staging folder. root is the site, which dest must not
// contain or lie in.
func Begin(root, dest string) (*Staging, error) { return Folders{}.Begin(root, dest) }

// Begin is the package's Begin on these folders.
func (f Folders) Begin(root, dest string) (*Staging, error) {
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
	s.Dir, err = os.MkdirTemp(s.parent, "."+s.base+".neu-")
	if err == nil {
		// MkdirTemp creates 0700; a web server running as another user must
		// be able to read the published directory.
		err = os.Chmod(s.Dir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(s.Dir, Marker), []byte(markerText), 0o644)
	}
	if err != nil {
		unlock()
		return nil, fmt.Errorf("Der Ausgabeordner kann nicht angelegt werden: %w", err)
	}
	return s, nil
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
	_ = s.f.removeTree(s.Dir) // else the next build removes it
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
// online already.
func (s *Staging) Publish() error {
	old, err := s.swap()
	if err != nil || old == "" {
		s.unlock()
		return err
	}
	if !s.Background {
		s.removeOld(old)
		s.unlock()
		return nil
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		s.removeOld(old)
		s.unlock()
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
	old, err := os.MkdirTemp(s.parent, "."+s.base+".alt-")
	if err == nil {
		err = os.Remove(old) // only the unique name is needed
	}
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
