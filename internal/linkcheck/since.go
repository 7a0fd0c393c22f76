package linkcheck

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Earlier is what the previous output held in the files a build is
// about to write anew.
type Earlier struct {
	files map[string]*file // nil: a file that is only a link target
	isNew map[string]bool  // not in the previous output
}

// ReadEarlier reads, in the previous output dir, the files names (slash
// paths) before a build writes them anew: it may replace them in place.
func ReadEarlier(dir string, names []string) (*Earlier, error) {
	e := &Earlier{files: make(map[string]*file, len(names)), isNew: map[string]bool{}}
	read := make([]*file, len(names))
	errs := make([]error, len(names))
	parallel(len(names), func(i int, _ map[ref]string) {
		read[i], errs[i] = readFile(filepath.Join(dir, filepath.FromSlash(names[i])), names[i])
	})
	for i, n := range names {
		switch {
		case errors.Is(errs[i], fs.ErrNotExist):
			e.isNew[n] = true
		case errs[i] != nil:
			return nil, errs[i]
		default:
			e.files[n] = read[i]
		}
	}
	return e, nil
}

// readFile is read, also for a file that is only a link target: whether
// it exists is worth knowing.
func readFile(p, name string) (*file, error) {
	f, err := read(p, name)
	if f == nil && err == nil {
		_, err = os.Stat(p)
	}
	return f, err
}

// Since is what checking an output against the previous one needs.
type Since struct {
	Before  *Result  // the whole previous output's, without broken links
	Earlier *Earlier // the previous versions of the files written anew
	Gone    []string // files of the previous output that this one lacks
}

// CheckSince checks an output that is the previous one (checked with the
// result since.Before) except for the files opts.Scanned added: only
// their references are resolved; the files only Copied are the previous
// output's and were checked with it. Their references into the files
// written anew are known to hold when no file is gone and no file
// written anew lacks an id its previous version had; otherwise ok is
// false and the whole output must be checked with Check. The result
// counts the whole output, as Check would.
func CheckSince(opts Options, since *Since) (res *Result, ok bool, err error) {
	if opts.Scanned == nil || since == nil || since.Before == nil || since.Earlier == nil || len(since.Gone) > 0 ||
		len(since.Before.Broken) > 0 {
		return nil, false, nil
	}
	base, basePath := baseOf(opts.BaseURL)
	names := opts.Scanned.names()
	exists := make(map[string]bool, len(names))
	for _, n := range names {
		exists[n] = true
	}
	written := opts.Scanned.written()
	files := make([]*file, len(written))
	res = &Result{Files: since.Before.Files, Links: since.Before.Links, Internal: since.Before.Internal}
	external := map[string]map[string]bool{}
	for _, e := range since.Before.External {
		external[e.URL] = map[string]bool{}
		for _, p := range e.Pages {
			external[e.URL][p] = true
		}
	}
	// What the previous versions contributed comes out of the counts; an
	// address of theirs was either internal or external, as that output
	// had no broken links, and which of them only its form tells.
	none := func(string) *file { return nil }
	for i, n := range written {
		files[i], _ = opts.Scanned.get(n)
		if since.Earlier.isNew[n] {
			continue
		}
		old, known := since.Earlier.files[n]
		if !known {
			if files[i] != nil {
				return nil, false, nil // not read before it was written
			}
			continue
		}
		if old == nil {
			continue
		}
		for _, id := range old.ids {
			if files[i] == nil || !files[i].hasID(id) {
				return nil, false, nil // pages written before may link it
			}
		}
		res.Files--
		page := PagePath(n)
		for _, u := range old.refs {
			res.Links -= int(u.n)
			if _, ext := resolve(n, u.ref(), base, basePath, nil, none); ext != "" {
				delete(external[ext], page)
			} else {
				res.Internal -= int(u.n)
			}
		}
	}
	targets := &lazyFiles{dir: opts.Dir, scanned: opts.Scanned, read: map[string]*file{}}
	for i, r := range resolveAll(written, files, &resolver{base, basePath, exists, targets.get}) {
		if files[i] != nil {
			res.Files++
		}
		res.Links += r.links
		res.Internal += r.internal
		res.Broken = append(res.Broken, r.broken...)
		addExternal(external, r.external, PagePath(written[i]))
	}
	if targets.err != nil {
		return nil, false, targets.err
	}
	res.External = externalList(external)
	return res, true, nil
}

// lazyFiles reads the targets of anchors in files that were not written
// anew, once each, when a reference needs their ids.
type lazyFiles struct {
	dir     string
	scanned *Scanned
	mu      sync.Mutex
	read    map[string]*file
	err     error
}

func (l *lazyFiles) get(name string) *file {
	if f, ok := l.scanned.get(name); ok {
		return f
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if f, ok := l.read[name]; ok {
		return f
	}
	f, err := read(filepath.Join(l.dir, filepath.FromSlash(name)), name)
	if err != nil && l.err == nil {
		l.err = err
	}
	l.read[name] = f
	return f
}
