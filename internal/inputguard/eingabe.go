// Package inputguard decides which files of the site's input trees – config.toml,
// content/, layouts/, themes/, static/ – may be read. Symlinks are the
// danger: a pull request that adds static/notiz.txt → /etc/passwd would
// publish a file of the build machine, a linked partial would put it into
// every page. One rule holds for every tree, in build and preview alike:
//
//   - A link whose target lies outside the site folder is an error; the
//     target is never read.
//   - A link to a file inside the site folder is read like that file.
//   - A link to a folder inside the site folder is not followed (a
//     warning): it would read files twice or in circles, and the
//     preview would have to watch below it.
//   - A link that points nowhere or in a circle is an error.
//
// The same holds for the folders on the way to a tree (themes/<theme>,
// layouts itself).
package inputguard

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"tdsite/internal/diag"
)

// Guard applies the rule for one site folder.
type Guard struct {
	root string // the site folder as given (absolute)
	real string // root with its own symlinks resolved
}

// New returns the guard for the site folder root.
func New(root string) *Guard {
	root, _ = filepath.Abs(root)
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		real = root
	}
	return &Guard{root: root, real: real}
}

// Rule names the findings, for [ausnahmen] and for tests.
const Rule = "verknuepfung"

// rel names p for a finding: relative to the site folder, with slashes.
func (g *Guard) rel(p string) string {
	r, err := filepath.Rel(g.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Inside reports whether p, with its symlinks resolved, lies in the site
// folder.
func (g *Guard) Inside(p string) bool {
	p, _ = filepath.Abs(p)
	real, err := filepath.EvalSymlinks(p)
	return err == nil && within(real, g.real)
}

func within(p, dir string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// Link checks the symlink at p and reports whether it may be read as a
// file. Otherwise diags get the finding.
func (g *Guard) Link(p string, diags *diag.List) bool {
	p, _ = filepath.Abs(p) // callers may pass paths relative to the working folder
	pos := diag.Pos{File: g.rel(p)}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		what := "ins Leere"
		if !errors.Is(err, fs.ErrNotExist) {
			what = "im Kreis oder ist nicht lesbar" // ELOOP, EACCES
		}
		diags.Errorf(pos, Rule, "Entfernen Sie die Verknüpfung oder lassen Sie sie auf eine vorhandene Datei im Ordner der Website zeigen.",
			"Die Verknüpfung zeigt %s.", what)
		return false
	}
	if !within(target, g.real) {
		diags.Errorf(pos, Rule, "Legen Sie die Datei (oder den Ordner) selbst in den Ordner der Website, statt auf etwas außerhalb zu verweisen.",
			"Die Verknüpfung zeigt aus dem Ordner der Website heraus (%s); sie wird aus Sicherheitsgründen nicht gelesen.", target)
		return false
	}
	st, err := os.Stat(target)
	switch {
	case err != nil:
		diags.Errorf(pos, Rule, "Prüfen Sie die Zugriffsrechte.", "Das Ziel der Verknüpfung kann nicht gelesen werden: %v", err)
		return false
	case st.IsDir():
		diags.Warnf(pos, Rule, "Legen Sie den Ordner direkt an, statt ihn zu verknüpfen.",
			"Verknüpfte Ordner werden nicht gelesen.")
		return false
	case !st.Mode().IsRegular():
		diags.Errorf(pos, Rule, "Lassen Sie die Verknüpfung auf eine gewöhnliche Datei zeigen.",
			"Die Verknüpfung zeigt auf keine gewöhnliche Datei (%s).", target)
		return false
	}
	return true
}

// File checks a single input file such as config.toml and reports whether
// it may be read. A missing file is the caller's to report.
func (g *Guard) File(p string, diags *diag.List) bool {
	if !g.Tree(filepath.Dir(p), diags) {
		return false
	}
	info, err := os.Lstat(p)
	if err != nil {
		return true
	}
	return g.Entry(p, info.Mode().Type(), diags)
}

// Entry checks the tree entry p of type typ (fs.DirEntry.Type, not
// followed) and reports whether it may be read as a file. Besides links it
// refuses what is no plain file: opening a named pipe waits until someone
// writes into it, so one in content/ would hang every build; a device or
// socket has no content to publish.
func (g *Guard) Entry(p string, typ fs.FileMode, diags *diag.List) bool {
	switch {
	case typ&fs.ModeSymlink != 0:
		return g.Link(p, diags)
	case typ&fs.ModeType != 0:
		p, _ = filepath.Abs(p)
		diags.Errorf(diag.Pos{File: g.rel(p)}, Rule, "Entfernen Sie sie aus dem Ordner der Website oder legen Sie an ihrer Stelle eine gewöhnliche Datei ab.",
			"Das ist keine gewöhnliche Datei, sondern %s; sie wird nicht gelesen.", kindOf(typ))
		return false
	}
	return true
}

func kindOf(typ fs.FileMode) string {
	switch {
	case typ&fs.ModeNamedPipe != 0:
		return "eine benannte Pipe (FIFO)"
	case typ&fs.ModeSocket != 0:
		return "ein Socket"
	case typ&fs.ModeDevice != 0:
		return "eine Gerätedatei"
	}
	return "eine besondere Datei"
}

// Tree checks the folders from the site folder down to dir and reports
// whether dir may be walked. A symlink among them is a finding as in
// Link; a missing folder is none (the tree is optional or its reader
// reports it).
func (g *Guard) Tree(dir string, diags *diag.List) bool {
	dir, _ = filepath.Abs(dir)
	r, err := filepath.Rel(g.root, dir)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return false
	}
	if r == "." {
		return true
	}
	p := g.root
	for _, part := range strings.Split(r, string(filepath.Separator)) {
		p = filepath.Join(p, part)
		info, err := os.Lstat(p)
		switch {
		case err != nil:
			return false
		case info.Mode()&fs.ModeSymlink != 0:
			g.Link(p, diags) // never a file here: a finding either way
			return false
		case !info.IsDir():
			return false
		}
	}
	return true
}

// Walk calls fn for every file of the tree dir that may be read: regular
// files and links to files inside the site folder (see Entry), in lexical
// order.
// skip, if not nil, names entries to pass over (folders with all below).
// Errors of fn or of reading a folder end the walk and are returned.
func (g *Guard) Walk(dir string, skip func(fs.DirEntry) bool, diags *diag.List, fn func(p string) error) error {
	if !g.Tree(dir, diags) {
		return nil
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		if skip != nil && skip(d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !g.Entry(p, d.Type(), diags) {
			return nil
		}
		return fn(p)
	})
}
