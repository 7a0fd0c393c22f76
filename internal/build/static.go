package build

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"tdsite/internal/assets"
	"tdsite/internal/diag"
	"tdsite/internal/inputguard"
	"tdsite/internal/publish"
)

// staticDirs are the static trees in lookup order: static/ of the site
// overrides the theme's.
func staticDirs(root, theme string) []string {
	dirs := []string{filepath.Join(root, "static")}
	if theme != "" {
		dirs = append(dirs, filepath.Join(root, "themes", theme, "static"))
	}
	return dirs
}

// hiddenFile passes over .DS_Store, editor locks and the like; hidden
// folders (.well-known) are published.
func hiddenFile(d fs.DirEntry) bool { return !d.IsDir() && inputguard.Ignored(d.Name()) }

// checkStatic reports the symlinks of the static trees that the guard
// refuses, with the other findings of a build, before anything is written.
func checkStatic(root, theme string) *diag.List {
	l := &diag.List{}
	guard := inputguard.New(root)
	for _, dir := range staticDirs(root, theme) {
		_ = guard.Walk(dir, hiddenFile, l, func(string) error { return nil })
	}
	return l
}

// CopyStatic copies themes/<theme>/static and static/ (site overrides win)
// into the output, minifying CSS, JS and SVG. CSS and JS are published
// under fingerprinted names and recorded in p.Assets. A symlink the guard
// refuses (see package eingabe) is an OutputError: the preview copies
// static files without a new check of the whole site.
func CopyStatic(p *Prepared, out *publish.Output) error {
	guard := inputguard.New(p.Root)
	found := &diag.List{}
	seen := map[string]bool{}
	for _, dir := range staticDirs(p.Root, p.Config.Theme) {
		err := guard.Walk(dir, hiddenFile, found, func(src string) error {
			rel, _ := filepath.Rel(dir, src)
			rel = filepath.ToSlash(rel)
			if seen[rel] {
				return nil
			}
			seen[rel] = true
			mt := map[string]string{".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}[path.Ext(rel)]
			if !out.Atomic && (mt == "" || (!out.Minify && !assets.Fingerprinted(rel))) {
				p.Assets.Add(rel, nil)
				return out.Copy(src, rel)
			}
			data, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			if out.Minify && mt != "" {
				data = publish.Minify(mt, data)
			}
			return out.WriteFile(p.Assets.Add(rel, data), data)
		})
		if err != nil {
			return fmt.Errorf("statische Dateien: %w", err)
		}
	}
	if found.HasErrors() {
		return &OutputError{Diags: found}
	}
	return nil
}
