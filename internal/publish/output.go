package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
	mxml "github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"

	"tdsite/internal/linkcheck"
)

// Output writes files into a directory, minifying where configured.
type Output struct {
	Dir    string
	Minify bool
	// Atomic replaces files by renaming a finished temporary file, for a
	// directory that a server reads while it is written (preview).
	Atomic bool
	// Links, if set, scans every file as it is written, so that the link
	// check need not read the output back.
	Links *linkcheck.Scanned
	// Discard only records the names of the files (Written), for an
	// incremental build: it takes the files from the previous output.
	Discard bool
	// Track records the names of the files written (Written).
	Track bool
	// Stat records what the system says of each file written or copied
	// (Infos): the build record's fingerprint of a fresh output then needs
	// no walk of ten thousand folders after the build.
	Stat  bool
	infos map[string]fs.FileInfo
	files atomic.Int64
	bytes atomic.Int64
	mu    sync.Mutex
	names map[string]bool
	sizes map[string]int64
}

// Written is the set of files written (or discarded) so far, with Track or
// Discard.
func (o *Output) Written() map[string]bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.names
}

func (o *Output) record(rel string) {
	if o.Track || o.Discard {
		put(o, &o.names, rel, true)
	}
}

// put sets (*m)[rel] under o's lock; the workers of a build write files
// at the same time.
func put[V any](o *Output, m *map[string]V, rel string, v V) {
	o.mu.Lock()
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[rel] = v
	o.mu.Unlock()
}

// Infos maps the files written or copied so far to their state on disk,
// with Stat.
func (o *Output) Infos() map[string]fs.FileInfo {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.infos
}

// stat records the state of the file rel at p, with Stat. A file it
// cannot see leaves Infos incomplete, which the caller notices.
func (o *Output) stat(rel, p string) {
	if !o.Stat {
		return
	}
	if fi, err := os.Lstat(p); err == nil {
		put(o, &o.infos, rel, fi)
	}
}

// Sizes maps every file in the output so far (written, copied, linked or
// kept) to its size, with Track: the next incremental build counts the
// files it keeps with it and removes those no longer wanted.
func (o *Output) Sizes() map[string]int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.sizes
}

// counted counts a file of the output.
func (o *Output) counted(rel string, size int64) {
	o.files.Add(1)
	o.bytes.Add(size)
	if o.Track {
		put(o, &o.sizes, rel, size)
	}
}

// Kept counts the file rel that is already in Dir, unchanged from the
// previous output (a reused folder, see Staging.Reused); the link check
// reads it from disk.
func (o *Output) Kept(rel string, size int64) {
	if o.Links != nil {
		o.Links.Copied(rel)
	}
	o.counted(rel, size)
}

// Remove deletes the file rel from a reused folder and the folders it
// leaves empty, as a full build would not create them.
func (o *Output) Remove(rel string) error {
	return removeFile(o.Dir, rel)
}

func removeFile(dir, rel string) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for d := filepath.Dir(p); len(d) > len(dir); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			break // not empty
		}
	}
	return nil
}

// Link publishes the file rel of the previous output prev unchanged, as a
// hard link: no byte is copied. Linked files are shared with the
// published site; WriteFile and Copy therefore never write into an
// existing file but replace it by a new one.
func (o *Output) Link(prev, rel string) error {
	src := filepath.Join(prev, filepath.FromSlash(rel))
	dst := filepath.Join(o.Dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(src)
	if err != nil {
		return err
	}
	if err := mkdirs(filepath.Dir(dst)); err != nil {
		return err
	}
	if err := os.Link(src, dst); err != nil {
		return err
	}
	if o.Links != nil {
		o.Links.Copied(rel)
	}
	o.counted(rel, fi.Size())
	return nil
}

// Files is the number of files written so far.
func (o *Output) Files() int { return int(o.files.Load()) }

// Bytes is the number of bytes written so far.
func (o *Output) Bytes() int64 { return o.bytes.Load() }

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("text/xml", mxml.Minify)
	return m
}()

// pageMinifier minifies pages. It leaves inline SVG as it is: the maps come
// compact from internal/landkarte and the SVG in templates is written
// without line breaks (a test checks both), so the SVG minifier would only
// turn absolute path commands into relative ones, 0.5 % of the SVG bytes
// for 5 % of the CPU time of a build.
var pageMinifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}()

// Minify minifies data of the given media type; on failure the input is
// returned unchanged, since readable output beats no output.
func Minify(mediatype string, data []byte) []byte {
	out, err := minifier.Bytes(mediatype, data)
	if err != nil {
		return data
	}
	return out
}

// MinifyPage minifies a rendered page as WriteHTML does; on failure the
// page is returned unchanged.
func MinifyPage(data []byte) []byte {
	out, err := minifyPage(make([]byte, 0, len(data)), data)
	if err != nil {
		return data
	}
	return out
}

// minifyPage appends the minified page data to dst: in one pass where
// minifyFast knows the HTML, else with the HTML minifier.
func minifyPage(dst, data []byte) ([]byte, error) {
	out, _, err := minifyPageTags(dst, data, nil)
	return out, err
}

// minifyPageTags is minifyPage that hands the page to tags while it is
// written, where minifyFast takes it; handed reports whether tags got all
// of it.
func minifyPageTags(dst, data []byte, tags Tags) (out []byte, handed bool, err error) {
	if out, ok, handed := minifyFastTags(dst, data, tags); ok {
		return out, handed, nil
	}
	w := buffer.NewWriter(dst[:0])
	err = pageMinifier.Minify("text/html", w, buffer.NewReader(data))
	return w.Bytes(), false, err
}

// minified holds buffers for minified pages: a fresh one per page would
// allocate the size of the whole site again.
var minified = sync.Pool{New: func() any { return new([]byte) }}

// WriteHTML writes a rendered page.
func (o *Output) WriteHTML(rel string, data []byte) error {
	if !o.Minify {
		return o.WriteFile(rel, data)
	}
	b := minified.Get().(*[]byte)
	defer minified.Put(b)
	// The link check takes the page's tags from the minifier, which reads
	// them anyway, instead of scanning the written page once more.
	var page *linkcheck.Page
	var tags Tags
	if o.Links != nil && !o.Discard {
		if page = o.Links.Page(rel); page != nil {
			tags = page
		}
	}
	out, handed, err := minifyPageTags((*b)[:0], data, tags)
	*b = out
	if err != nil {
		return o.writeFile(rel, data, nil) // readable output beats no output
	}
	if !handed && page != nil {
		page.Drop()
		page = nil
	}
	return o.writeFile(rel, out, page)
}

// WriteFile writes a file relative to the output directory.
func (o *Output) WriteFile(rel string, data []byte) error {
	return o.writeFile(rel, data, nil)
}

// writeFile writes a file; page, if not nil, holds its ids and references
// for the link check, which then need not scan data.
func (o *Output) writeFile(rel string, data []byte, page *linkcheck.Page) error {
	o.record(rel)
	if o.Discard {
		return nil
	}
	p := filepath.Join(o.Dir, filepath.FromSlash(rel))
	if err := mkdirs(filepath.Dir(p)); err != nil {
		return err
	}
	if err := o.write(p, data); err != nil {
		return err
	}
	if page != nil {
		o.Links.AddPage(rel, page)
	} else if o.Links != nil {
		o.Links.Add(rel, data)
	}
	o.stat(rel, p)
	o.counted(rel, int64(len(data)))
	return nil
}

// Copy copies the file src to rel unchanged, without reading it into
// memory: images and documents are most of the bytes of a site.
func (o *Output) Copy(src, rel string) error {
	o.record(rel)
	if o.Discard {
		return nil
	}
	dst := filepath.Join(o.Dir, filepath.FromSlash(rel))
	n, err := CopyFile(src, dst)
	if o.Links != nil {
		o.Links.Copied(rel)
	}
	if err == nil {
		o.stat(rel, dst)
	}
	o.counted(rel, n)
	return err
}

// CopyFile copies a file, creating folders; an existing dst is replaced
// by a new file (see create).
func CopyFile(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	out, err := create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// mkdirs is os.MkdirAll for the common case of a build: nearly every page
// has a directory of its own whose parent exists. Trying Mkdir first takes
// one system call where MkdirAll takes three (two Stat and the Mkdir).
func mkdirs(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return nil // a file in the way makes the write fail
	}
	return os.MkdirAll(dir, 0o755)
}

// create creates the file p as a new file. An existing file of that name
// is unlinked first, never truncated: in a reused output folder it may be
// a hard link shared with the published site, which a web server is
// reading. In a fresh folder the first attempt succeeds, so this costs
// nothing there.
func create(p string) (*os.File, error) {
	return replaced(p, func() (*os.File, error) { return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644) })
}

// replaced calls open, which creates p exclusively, and once more after
// removing an existing p (see create).
func replaced[F any](p string, open func() (F, error)) (F, error) {
	f, err := open()
	if !errors.Is(err, fs.ErrExist) {
		return f, err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	return open()
}

// writeFileNew writes data into a new file p made by create.
func writeFileNew(p string, data []byte) error {
	f, err := create(p)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (o *Output) write(p string, data []byte) error {
	if !o.Atomic {
		return writePage(p, data)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
