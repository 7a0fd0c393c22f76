// Package assets keeps track of the static files a site publishes. CSS,
// JavaScript and generated data files get a hash of their content in the
// file name (css/thueringendigital.3f9a2c1e.css): a changed file gets a new
// name, so web servers can tell browsers to keep these files for a year
// (see README, "Veröffentlichen"). Templates ask for the published name with
// {{asset "/css/thueringendigital.css"}}; a name that no file has is an
// error in the template, not a broken link on the site.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"sync"
)

// HashLen is the number of hex digits of the content hash in file names.
const HashLen = 8

// Set maps site paths ("/css/x.css") to published paths. It is filled
// before pages are rendered and only read while rendering.
type Set struct {
	mu    sync.RWMutex
	files map[string]string
	// Plain publishes every file under its own name: the preview server
	// swaps a changed stylesheet in place, which needs a stable address.
	Plain bool
}

// New returns an empty set.
func New() *Set { return &Set{files: map[string]string{}} }

// Fingerprinted reports whether static files with this name get a content
// hash. Icons and images keep their names: the SVG sprite is referenced
// with fragment links from many templates, and feeds and sitemaps need
// stable addresses anyway.
func Fingerprinted(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js":
		return true
	}
	return false
}

// Name inserts the content hash before the extension:
// "css/x.css" → "css/x.3f9a2c1e.css". The hash depends only on data.
func Name(rel string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(rel)
	return strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:])[:HashLen] + ext
}

// Add records a static file (rel without leading slash) and returns the
// name under which it is published.
func (s *Set) Add(rel string, data []byte) string {
	return s.add(rel, data, Fingerprinted(rel))
}

// AddGenerated records a file generated during the build (the search
// index); it always gets a content hash.
func (s *Set) AddGenerated(rel string, data []byte) string {
	return s.add(rel, data, true)
}

func (s *Set) add(rel string, data []byte, hashed bool) string {
	pub := rel
	if hashed && !s.Plain {
		pub = Name(rel, data)
	}
	s.mu.Lock()
	s.files["/"+rel] = "/" + pub
	s.mu.Unlock()
	return pub
}

// Reset forgets all files, before a new build.
func (s *Set) Reset() {
	s.mu.Lock()
	s.files = map[string]string{}
	s.mu.Unlock()
}

// Path returns the published site path of a static file.
func (s *Set) Path(sitePath string) (string, error) {
	if !strings.HasPrefix(sitePath, "/") {
		sitePath = "/" + sitePath
	}
	s.mu.RLock()
	pub, ok := s.files[sitePath]
	s.mu.RUnlock()
	if !ok {
		return "", fmt.Errorf("Die Datei „%s“ gibt es weder in static/ noch im Theme (asset)", sitePath)
	}
	return pub, nil
}
