package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"

	"tdsite/internal/inputguard"
)

// watcher turns fsnotify events into changed site paths ("content/x.md").
// fsnotify watches single directories, so every directory below the
// watched trees is added, also those created later.
type watcher struct {
	root    string
	fs      *fsnotify.Watcher
	changes chan string
	errors  chan error
	done    chan struct{}
	guard   *inputguard.Guard
	// links maps the real path of a file that links in the watched trees
	// point to (inside the site only) to those links: the build reads
	// the link like the file, so an edit of the file is an edit of the
	// link. Touched only by the goroutine that handles events, after
	// newWatcher.
	links map[string][]string
}

// watched are the trees an edit can change the site through.
var watched = []string{"content", "layouts", "themes", "static"}

func newWatcher(root string) (*watcher, error) {
	f, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: f, changes: make(chan string, 256), errors: make(chan error, 8), done: make(chan struct{}),
		guard: inputguard.New(root), links: map[string][]string{}}
	// The root itself for config.toml (and for content/ appearing later).
	if err := f.Add(root); err != nil {
		f.Close()
		return nil, err
	}
	for _, d := range watched {
		w.addTree(filepath.Join(root, d), false)
	}
	go w.loop()
	return w, nil
}

func (w *watcher) close() {
	w.fs.Close()
	<-w.done
}

// addTree watches dir and every directory below it; with report, the
// files found are reported as changed (a directory moved in with files).
// WalkDir does not follow symlinks, so no linked folder is watched.
func (w *watcher) addTree(dir string, report bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && inputguard.Ignored(d.Name()) {
				return filepath.SkipDir
			}
			w.fs.Add(p)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			w.noteLink(p)
		}
		if report {
			w.report(p)
		}
		return nil
	})
}

func (w *watcher) loop() {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			select {
			case w.errors <- err:
			default:
			}
		}
	}
}

// noteLink remembers the link p to a file inside the site and watches
// the file's folder, also outside the watched trees (a shared folder).
// Links out of the site and to folders are not followed; the build
// reports them.
func (w *watcher) noteLink(p string) {
	target, err := filepath.EvalSymlinks(p)
	if err != nil || !w.guard.Inside(p) {
		return
	}
	if st, err := os.Stat(target); err != nil || !st.Mode().IsRegular() {
		return
	}
	for _, l := range w.links[target] {
		if l == p {
			return
		}
	}
	w.links[target] = append(w.links[target], p)
	w.fs.Add(filepath.Dir(target))
}

// linked reports the links to the file at p.
func (w *watcher) linked(p string) []string {
	if len(w.links) == 0 {
		return nil
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(p))
	if err != nil {
		return nil
	}
	return w.links[filepath.Join(dir, filepath.Base(p))]
}

func (w *watcher) handle(ev fsnotify.Event) {
	if ev.Op != fsnotify.Chmod {
		for _, l := range w.linked(ev.Name) {
			w.report(l)
		}
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	rel = filepath.ToSlash(rel)
	top := strings.SplitN(rel, "/", 2)[0]
	if rel != "config.toml" && !isWatched(top) {
		return
	}
	if inputguard.Ignored(filepath.Base(ev.Name)) {
		return
	}
	if ev.Has(fsnotify.Create) {
		// Lstat: a linked folder is not watched – it may lead out of the
		// site, and the build does not read it either (package eingabe).
		// The link itself is reported, so the build can say so.
		info, err := os.Lstat(ev.Name)
		if err == nil && info.IsDir() {
			w.addTree(ev.Name, true)
			return
		}
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			w.noteLink(ev.Name)
		}
	}
	if ev.Op == fsnotify.Chmod {
		return // no content change
	}
	// Write, Create, Remove and Rename all mean: read this path again. A
	// save by write-to-temp-and-rename arrives as Create of the target.
	w.report(ev.Name)
}

func (w *watcher) report(p string) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return
	}
	w.changes <- filepath.ToSlash(rel)
}

func isWatched(top string) bool {
	for _, d := range watched {
		if top == d {
			return true
		}
	}
	return false
}
