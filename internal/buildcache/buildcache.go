// Package buildcache lets `tdsite build` skip work when nothing changed:
// it keeps, beside the output folder, a small record of the inputs and the
// output of the last successful build. Inputs and output are recognised by
// path, size and modification time of every file (like make), which costs
// a directory walk instead of a build; any difference means a build (an
// incremental one, with the Detail, when only content files changed and
// the output is untouched), so a wrong answer can only cost time, never
// publish a stale site.
package buildcache

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tdsite/internal/diag"
	"tdsite/internal/linkcheck"
)

// Version changes when the record's meaning or the format of a file
// beside it changes.
const Version = 6

// State is the record of one successful build.
type State struct {
	Version int
	Inputs  string    // Inputs(…) of the build
	Output  string    // Output(dest) right after publishing
	Built   time.Time // when the build finished
	Pages   int
	Files   int
	Bytes   int64
	Diags   []diag.Diagnostic // warnings of that build, shown again
	// The link check's counts, for the summary.
	LinkFiles, LinksInternal int
}

// Detail is the part of the record that only an incremental build reads,
// in a file of its own (DetailFile, in the format of seiten.go): at
// 10,000 pages it is megabytes, which a build without changes must not
// have to read.
type Detail struct {
	Version  int
	Output   string            // State.Output of the same build
	Settings string            // Snapshot.Settings
	Inputs   map[string]string // Snapshot.Files
	// Pages maps each page path to its dependencies (pages.Page.Deps),
	// as indexes into Names: a strategy's page names all its measures.
	Names []string
	Pages map[string][]int
	// Koepfe maps the files of measures and news to a fingerprint of their
	// TOML heads (content.Markdown.Kopf): a file whose head is unchanged
	// changed its text alone.
	Koepfe map[string]string
	// Links is the link check of the whole output (no broken links: it
	// was published), which an incremental check updates.
	Links *linkcheck.Result
	// Files maps every file of the output to its size.
	Files map[string]int64
	// Kept is the generation id of the site before this build's output,
	// parked beside it (package publish), "" if there is none; Written
	// and Removed are the files this build wrote and removed against it.
	Kept             string
	Written, Removed []string
	// Unseen are the content files that may have changed since the
	// content snapshot beside the record (InhalteFile) was written: the
	// next build parses them again. While they are few, a build leaves
	// the snapshot as it is instead of writing 50 MB anew.
	Unseen []string
}

// DetailFile is where the Detail for the record file lives.
func DetailFile(file string) string { return file + "-seiten" }

// NewDetail records the inputs and the page dependencies of a build.
func NewDetail(output string, in *Snapshot, deps map[string][]string) *Detail {
	d := &Detail{Output: output, Settings: in.Settings, Inputs: in.Files, Pages: make(map[string][]int, len(deps))}
	// Pages depend on input files: as many names as inputs, about. All
	// lists share one array instead of ten thousand allocations.
	index := make(map[string]int, len(in.Files))
	n := 0
	for _, list := range deps {
		n += len(list)
	}
	all := make([]int, n)
	for page, list := range deps {
		ix := all[:len(list):len(list)]
		all = all[len(list):]
		for i, name := range list {
			ix[i], _ = d.nameIndex(index, name)
		}
		d.Pages[page] = ix
	}
	return d
}

// nameIndex returns the index of name in Names, which index maps to
// theirs, adding it where it is missing (added).
func (d *Detail) nameIndex(index map[string]int, name string) (n int, added bool) {
	n, ok := index[name]
	if !ok {
		n = len(d.Names)
		index[name] = n
		d.Names = append(d.Names, name)
	}
	return n, !ok
}

// NextDetail is NewDetail for a build after the one prev records (nil:
// none): a page whose dependencies are the recorded ones keeps its list of
// indexes, and names are looked up only for the others. An incremental
// build changes the dependencies of few pages, and indexing all of them
// again took 0.035 CPU-s at 10,000 pages. The record then names the same
// dependencies as NewDetail's, in another order of Names.
func NextDetail(prev *Detail, output string, in *Snapshot, deps map[string][]string) *Detail {
	if prev == nil {
		return NewDetail(output, in, deps)
	}
	d := &Detail{Output: output, Settings: in.Settings, Inputs: in.Files, Names: slices.Clip(prev.Names), Pages: make(map[string][]int, len(deps))}
	used := make([]bool, len(d.Names))
	unused := len(used)
	var index map[string]int // made for the first page whose dependencies changed
	for page, list := range deps {
		ix, ok := prev.Pages[page]
		if !ok || !d.names(ix, list) {
			if index == nil {
				index = make(map[string]int, len(d.Names))
				for i, name := range d.Names {
					index[name] = i
				}
			}
			ix = make([]int, len(list))
			for i, name := range list {
				n, added := d.nameIndex(index, name)
				if added {
					used = append(used, false)
					unused++
				}
				ix[i] = n
			}
		}
		for _, n := range ix {
			if !used[n] {
				used[n] = true
				unused--
			}
		}
		d.Pages[page] = ix
	}
	// Names no page depends on any longer would pile up from build to
	// build: past a quarter of them the record starts afresh.
	if unused > len(d.Names)/4 {
		return NewDetail(output, in, deps)
	}
	return d
}

// names reports whether the indexes ix stand for the names of list.
func (d *Detail) names(ix []int, list []string) bool {
	if len(ix) != len(list) {
		return false
	}
	for i, n := range ix {
		if n < 0 || n >= len(d.Names) || d.Names[n] != list[i] {
			return false
		}
	}
	return true
}

// LoadDetail reads the Detail of the build recorded in st; nil if it is
// missing, unreadable or of another build.
func LoadDetail(file string, st *State) *Detail {
	d, err := readDetail(file)
	if err != nil || !Same(d.Output, st.Output) {
		return nil
	}
	return d
}

// Save writes the Detail atomically.
func (d *Detail) Save(file string) error {
	d.Version = Version
	return WriteFile(file, d.encode())
}

// Snapshot is what Scan saw of the inputs of a build.
type Snapshot struct {
	Sum      string            // the fingerprint of everything, as Inputs
	Settings string            // the fingerprint of extra and the program alone
	Files    map[string]string // slash path below root → size, mode, time
	Program  string            // identifies the running tdsite (see program)
	stats    map[string]fs.FileInfo
}

// TakeStats returns the Lstat of each regular file by its slash path
// below the root, as the scan found it (nil where it found none), and
// leaves the snapshot without them. Loading the content asks it instead
// of the system: at 10,000 pages a second stat of every content file was
// a tenth of loading. Once loaded, nothing holds them in memory.
func (s *Snapshot) TakeStats() func(rel string) fs.FileInfo {
	stats := s.stats
	s.stats = nil
	return func(rel string) fs.FileInfo { return stats[rel] }
}

// Changed lists the input files that differ between the last build and now (new, changed or deleted), sorted; ok is false when the
// record has no per-file list or the settings differ, which leaves only a
// full build.
func (d *Detail) Changed(now *Snapshot) (changed []string, ok bool) {
	if d.Inputs == nil || !Same(d.Settings, now.Settings) {
		return nil, false
	}
	for f, v := range now.Files {
		if d.Inputs[f] != v {
			changed = append(changed, f)
		}
	}
	for f := range d.Inputs {
		if _, there := now.Files[f]; !there {
			changed = append(changed, f)
		}
	}
	sort.Strings(changed)
	return changed, true
}

// File is where the record for the output folder dest lives: beside it,
// like the staging folders, so that it is never published.
func File(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".baustand")
}

// Load reads the record; a missing or unreadable one is nil, as a cache
// must never stop a build.
func Load(file string) *State {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var s State
	if json.Unmarshal(data, &s) != nil || s.Version != Version {
		return nil
	}
	return &s
}

// Save writes the record atomically (temporary file, then rename).
func (s *State) Save(file string) error {
	s.Version = Version
	return save(file, s)
}

func save(file string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return WriteFile(file, data)
}

// WriteFile writes data to file atomically (temporary file, then rename):
// a reader sees the old file or the new one, never half of it.
func WriteFile(file string, data []byte) error {
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Remove deletes the record and the files beside it, e.g. before a build
// that may fail halfway.
func Remove(file string) {
	os.Remove(file)
	os.Remove(DetailFile(file))
	os.Remove(MarkdownFile(file))
	os.Remove(InhalteFile(file))
	os.Remove(HTMLFile(file))
}

// MarkdownFile is where the findings of the Markdown texts of the build
// recorded in file live (package build keeps them; like the Detail, only
// an incremental build reads them).
func MarkdownFile(file string) string { return file + "-markdown" }

// HTMLFile is where the HTML of the Markdown texts of the last full build
// with a record lives, with their findings (package build): the next full
// build takes a text's HTML from it instead of parsing the text. Like the
// content snapshot it belongs to the program that wrote it, not to one
// record: a text is found by a hash of itself.
func HTMLFile(file string) string { return file + "-html" }

// InhalteFile is where the content snapshot of the build recorded in file
// lives (content.Loader.WriteSnapshot): the parsed content files, which
// the next build takes from it where a file is unchanged.
func InhalteFile(file string) string { return file + "-inhalte" }

// DiagList turns the stored findings back into a list.
func (s *State) DiagList() *diag.List {
	l := &diag.List{}
	for _, d := range s.Diags {
		l.Add(d)
	}
	return l
}

// Inputs fingerprints everything a build reads: the files and folders
// under root named in paths (missing ones count as missing), the tdsite
// program itself and the settings in extra (output folder, minify, build
// date …).
func Inputs(root string, paths []string, extra ...string) (string, error) {
	s, err := Scan(root, paths, extra...)
	if err != nil {
		return "", err
	}
	return s.Sum, nil
}

// Scan is Inputs with the parts an incremental build needs: the settings
// alone and every file's line of the fingerprint.
func Scan(root string, paths []string, extra ...string) (*Snapshot, error) {
	h := sha256.New()
	for _, e := range extra {
		fmt.Fprintf(h, "x %q\n", e)
	}
	exe := program()
	fmt.Fprintf(h, "exe %s\n", exe)
	snap := &Snapshot{Settings: hex.EncodeToString(h.Sum(nil)), Files: map[string]string{}, Program: exe, stats: map[string]fs.FileInfo{}}
	for _, p := range paths {
		if err := walk(h, root, filepath.Join(root, p), snap.Files, snap.stats); err != nil {
			return nil, err
		}
	}
	snap.Sum = hex.EncodeToString(h.Sum(nil))
	return snap, nil
}

// program identifies the running tdsite by the contents of its
// executable: `go run` links a fresh copy at a new path for every call,
// with the same bytes as long as the code is the same. CRC-32C runs in
// hardware, a few milliseconds for the whole program.
func program() string {
	// Unknown program: a value that never matches, so the build runs.
	unknown := fmt.Sprint("unbekannt ", time.Now().UnixNano())
	exe, err := os.Executable()
	if err != nil {
		return unknown
	}
	f, err := os.Open(exe)
	if err != nil {
		return unknown
	}
	defer f.Close()
	c := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	n, err := io.Copy(c, f)
	if err != nil {
		return unknown
	}
	return fmt.Sprintf("%d %08x", n, c.Sum32())
}

// Output fingerprints a published output folder, so that a folder someone
// changed or deleted by hand is built again.
func Output(dest string) (string, error) {
	l, err := ListOutput(dest)
	if err != nil {
		return "", err
	}
	return l.Sum, nil
}

// Listing is what ListOutput saw of an output folder: its fingerprint
// and the hash of each entry's line, of which the fingerprint is the
// exclusive or. An order-free sum lets After compute the fingerprint
// once a build changed a few files from those alone, instead of walking
// ten thousand files again.
type Listing struct {
	Sum   string
	sum   [sha256.Size]byte
	lines map[string][sha256.Size]byte   // "" the folder, "/a/" a folder in it, "/a/b" a file
	more  []map[string][sha256.Size]byte // more lines, as ListOutput's workers found them
}

// ListOutput is Output with the parts After needs. The folders are read
// on all cores (the sum does not depend on the order): at 10,000 pages
// this walk is the longest part of a build without changes, while the
// inputs are walked beside it.
func ListOutput(dest string) (*Listing, error) {
	dest = realDir(dest)
	l := &Listing{lines: map[string][sha256.Size]byte{}}
	root, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil // no output: the empty sum
	}
	if err != nil {
		return nil, err
	}
	l.add("", appendLine(nil, dest, root))
	if root.IsDir() {
		w := &outputWalk{dest: dest, todo: []string{""}, busy: runtime.GOMAXPROCS(0)}
		w.cond = sync.NewCond(&w.mu)
		parts := make([]*Listing, runtime.GOMAXPROCS(0))
		var wg sync.WaitGroup
		for i := range parts {
			parts[i] = &Listing{lines: map[string][sha256.Size]byte{}}
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.work(parts[i])
			}()
		}
		wg.Wait()
		if w.err != nil {
			return nil, w.err
		}
		// The workers' lines stay where they are: only After looks up a
		// few of them, and a build without changes none.
		for _, p := range parts {
			l.more = append(l.more, p.lines)
			xor(&l.sum, &p.sum)
		}
	}
	l.Sum = hex.EncodeToString(l.sum[:])
	return l, nil
}

// outputWalk hands the folders of an output to the workers of ListOutput.
// Each worker reads the folders it finds itself and shares half of them
// only while another has nothing to do: a lock and a wake-up for each of
// ten thousand folders cost more than the walk gained.
type outputWalk struct {
	dest string
	mu   sync.Mutex
	cond *sync.Cond
	todo []string // keys of folders to read ("" the output itself)
	busy int      // workers with folders of their own
	idle atomic.Int32
	err  error
}

func (w *outputWalk) work(l *Listing) {
	var buf []byte
	r := folderReader{transient: true}
	for {
		mine := w.take()
		for len(mine) > 0 {
			dir := mine[len(mine)-1]
			mine = mine[:len(mine)-1]
			err := r.each(w.dest+dir, func(name string, isDir bool, fi fs.FileInfo) {
				key := dir + string(filepath.Separator) + name
				if isDir {
					l.add(key+"/", append(append(buf[:0], key...), "/\n"...))
					mine = append(mine, key)
					return
				}
				p := "" // the whole path is needed only to follow a link
				if fi.Mode()&fs.ModeSymlink != 0 {
					p = w.dest + key
				}
				buf = appendLine(append(buf[:0], key...), p, fi)
				l.add(key, buf)
			})
			if err != nil {
				w.mu.Lock()
				w.err = cmp.Or(w.err, err)
				w.mu.Unlock()
				w.cond.Broadcast()
				return
			}
			if len(mine) > 1 && w.idle.Load() > 0 {
				half := len(mine) / 2
				w.mu.Lock()
				w.todo = append(w.todo, mine[:half]...)
				w.mu.Unlock()
				w.cond.Broadcast()
				mine = mine[half:]
			}
		}
		if !w.more() {
			return
		}
	}
}

// take returns a folder to read, nil when there are none left.
func (w *outputWalk) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.todo) == 0 || w.err != nil {
		return nil
	}
	dir := w.todo[len(w.todo)-1]
	w.todo = w.todo[:len(w.todo)-1]
	return []string{dir}
}

// more waits, after a worker read all its folders, until another shares
// some (true) or all are done (false).
func (w *outputWalk) more() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.busy--
	w.idle.Add(1)
	for len(w.todo) == 0 && w.busy > 0 && w.err == nil {
		w.cond.Wait()
	}
	w.idle.Add(-1)
	if len(w.todo) == 0 || w.err != nil {
		w.cond.Broadcast() // the others are done too
		return false
	}
	w.busy++
	return true
}

// ListingOf is ListOutput of the output folder dest as a build just
// wrote it, from what the system said of each file when it was written
// (files, slash paths relative to dest) and of the files more; folders
// are those above the files. It returns nil when a file of more cannot
// be seen: then only a walk knows.
func ListingOf(dest string, files map[string]fs.FileInfo, more ...string) *Listing {
	dest = realDir(dest)
	root, err := os.Lstat(dest)
	if err != nil {
		return nil
	}
	all := make(map[string]fs.FileInfo, len(files)+len(more))
	for rel, fi := range files {
		all[rel] = fi
	}
	for _, rel := range more {
		fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			return nil
		}
		all[rel] = fi
	}
	l := &Listing{lines: map[string][sha256.Size]byte{}}
	l.add("", appendLine(nil, dest, root))
	sep := string(filepath.Separator)
	var buf []byte
	for rel, fi := range all {
		key := sep + filepath.FromSlash(rel)
		l.add(key, appendLine(append(buf[:0], key...), dest+key, fi))
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			dk := sep + filepath.FromSlash(d) + "/"
			if _, ok := l.lines[dk]; ok {
				break // and the folders above it
			}
			l.add(dk, append(append(buf[:0], dk...), '\n'))
		}
	}
	l.Sum = hex.EncodeToString(l.sum[:])
	return l
}

// line returns the hash of the line of key.
func (l *Listing) line(key string) ([sha256.Size]byte, bool) {
	if h, ok := l.lines[key]; ok {
		return h, true
	}
	for _, m := range l.more {
		if h, ok := m[key]; ok {
			return h, true
		}
	}
	return [sha256.Size]byte{}, false
}

func (l *Listing) add(key string, line []byte) {
	h := sha256.Sum256(line)
	l.lines[key] = h
	xor(&l.sum, &h)
}

func xor(a, b *[sha256.Size]byte) {
	for i := range a {
		a[i] ^= b[i]
	}
}

// After returns the fingerprint of the output folder dest, which was
// listed as l, after the files changed (slash paths: written, replaced
// or removed) and nothing else changed. Every other file keeps its line
// from the listing: if it was changed all the same (by hand), the next
// walk differs and the next build is a full one.
func (l *Listing) After(dest string, changed []string) string {
	dest = realDir(dest)
	keys := map[string]bool{"": true}
	for _, f := range changed {
		keys["/"+f] = true
		for d := path.Dir(f); d != "." && !keys["/"+d+"/"]; d = path.Dir(d) {
			keys["/"+d+"/"] = true
		}
	}
	sum := l.sum
	var buf []byte
	for key := range keys {
		if h, ok := l.line(key); ok {
			xor(&sum, &h)
		}
		fi, err := os.Lstat(dest + filepath.FromSlash(key))
		switch {
		case err != nil:
			continue // gone
		case strings.HasSuffix(key, "/"):
			if !fi.IsDir() {
				continue
			}
			buf = append(append(buf[:0], key...), '\n')
		case key != "" && fi.IsDir():
			continue
		default:
			buf = appendLine(append(buf[:0], key...), dest+filepath.FromSlash(key), fi)
		}
		h := sha256.Sum256(buf)
		xor(&sum, &h)
	}
	return hex.EncodeToString(sum[:])
}

// realDir is dest with symlinks resolved: a symlinked output folder
// (public → /srv/www/…) is published into its target.
func realDir(dest string) string {
	if real, err := filepath.EvalSymlinks(dest); err == nil {
		return real
	}
	return dest
}

// walk writes path, size, mode and modification time of every file under
// dir in lexical order (filepath.WalkDir's order) into h. Folders below dir are
// listed by name only: what they hold is in the list, and not asking the
// file system about ten thousand page folders is a sixth of the system
// calls of a build without changes. If files is not nil, each file's
// line goes there too, under its slash path below root.
func walk(h hash.Hash, root, dir string, files map[string]string, stats map[string]fs.FileInfo) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(h, "- %q\n", dir[len(root):])
		return nil
	}
	if err != nil {
		return err
	}
	w := &inputWalk{h: h, root: root, files: files, stats: stats}
	w.file(dir, fi)
	if !fi.IsDir() {
		return nil
	}
	return w.folder(dir)
}

// inputWalk is one walk of Scan. It reads folders with folderReader,
// like ListOutput, and sorts what it found by name itself.
type inputWalk struct {
	h     hash.Hash
	root  string
	files map[string]string
	stats map[string]fs.FileInfo // regular files, for Snapshot.TakeStats
	r     folderReader
	buf   []byte
}

type inputEntry struct {
	name string
	dir  bool
	fi   fs.FileInfo
}

// folder writes the lines of everything in the folder p.
func (w *inputWalk) folder(p string) error {
	var entries []inputEntry
	err := w.r.each(p, func(name string, dir bool, fi fs.FileInfo) {
		entries = append(entries, inputEntry{name, dir, fi})
	})
	if err != nil {
		return err
	}
	slices.SortFunc(entries, func(a, b inputEntry) int { return strings.Compare(a.name, b.name) })
	for _, e := range entries {
		q := p + string(filepath.Separator) + e.name
		if !e.dir {
			w.file(q, e.fi)
			continue
		}
		w.buf = append(append(w.buf[:0], q[len(w.root):]...), "/\n"...)
		w.h.Write(w.buf)
		if err := w.folder(q); err != nil {
			return err
		}
	}
	return nil
}

// file writes the line of the file (or the walked folder itself) p.
func (w *inputWalk) file(p string, fi fs.FileInfo) {
	w.buf = appendLine(append(w.buf[:0], p[len(w.root):]...), p, fi)
	w.h.Write(w.buf)
	if w.files != nil {
		name := filepath.ToSlash(p[len(w.root)+1:])
		w.files[name] = string(w.buf[len(p)-len(w.root)+1:])
		if w.stats != nil && fi.Mode().IsRegular() {
			w.stats[name] = fi
		}
	}
}

// appendLine appends size, mode and modification time of the file p (as
// Lstat gave them in fi) to the line in buf. Appended by hand: fmt would
// cost as much as the walk itself.
func appendLine(buf []byte, p string, fi fs.FileInfo) []byte {
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, fi.Size(), 10)
	buf = append(buf, ' ')
	buf = strconv.AppendUint(buf, uint64(fi.Mode()), 8)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, fi.ModTime().UnixNano(), 10)
	if fi.Mode()&fs.ModeSymlink != 0 {
		// A link to a file inside the site is read like the file
		// (package eingabe): an edit of the target is an edit.
		if t, err := os.Stat(p); err == nil {
			buf = append(buf, " -> "...)
			buf = strconv.AppendInt(buf, t.Size(), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, t.ModTime().UnixNano(), 10)
		}
	}
	return append(buf, '\n')
}

// Same reports whether two fingerprints are set and equal.
func Same(a, b string) bool { return a != "" && a == b }
