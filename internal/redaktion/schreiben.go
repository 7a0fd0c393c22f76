package redaktion

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/tomledit"
	"tdsite/internal/validate"
)

// aenderung is one file a form wants to write.
type aenderung struct {
	rel  string // relative to the site root, slash-separated, under content/
	data []byte
	// version is the hash of the file when the form was opened (see
	// version); "" for a file that must not exist yet.
	version string
}

// version identifies a file's content, so that a save can tell whether
// someone changed the file since the form was opened.
func version(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// konflikt says that a file changed on disk after the form was opened.
type konflikt struct {
	rel     string
	current []byte
}

func (k *konflikt) Error() string {
	return fmt.Sprintf("%s wurde geändert, seit Sie das Formular geöffnet haben (zum Beispiel in einem Texteditor). Damit keine der beiden Änderungen verloren geht, wurde nichts gespeichert. Unten steht der aktuelle Inhalt; übernehmen Sie Ihre Änderung dort und speichern Sie erneut.", k.rel)
}

// befunde are the errors `tdsite check` would report after the change.
type befunde []diag.Diagnostic

func (b befunde) Error() string { return "Die Änderung verstößt gegen die Regeln von tdsite check." }

// schreibe checks the site with the changes applied – in a copy, so that
// a refused change never touches the editor's files – and writes them only
// if they add no error. Errors that the site had before are not the
// form's fault and do not block it.
func (h *Handler) schreibe(list []aenderung) error {
	for _, a := range list {
		if err := h.pruefeVersion(a); err != nil {
			return err
		}
	}
	tmp, err := os.MkdirTemp("", "tdsite-redaktion-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := kopiere(h.Root, tmp); err != nil {
		return fmt.Errorf("Die Website kann zur Prüfung nicht kopiert werden: %w", err)
	}
	for _, a := range list {
		abs := filepath.Join(tmp, filepath.FromSlash(a.rel))
		os.Remove(abs) // a hard link: replace, never write through it
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(abs, a.data, 0o644); err != nil {
			return err
		}
	}
	// Both checks at once: the editor waits for them.
	var vorher map[string]bool
	done := make(chan struct{})
	go func() { vorher = fehlerSchluessel(pruefe(h.Root)); close(done) }()
	nachher := pruefe(tmp)
	<-done
	var neu befunde
	for _, d := range nachher.Items() {
		if d.Severity == diag.Error && !vorher[schluessel(d)] {
			neu = append(neu, d)
		}
	}
	if len(neu) > 0 {
		return neu
	}
	for _, a := range list {
		// Checked again right before writing: the check took a moment.
		if err := h.pruefeVersion(a); err != nil {
			return err
		}
		abs := filepath.Join(h.Root, filepath.FromSlash(a.rel))
		if a.version == "" {
			if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
				return err
			}
			err = tomledit.CreateFile(abs, a.data)
		} else {
			err = tomledit.WriteFile(abs, a.data)
		}
		if err != nil {
			return fmt.Errorf("%s kann nicht geschrieben werden: %w", a.rel, err)
		}
	}
	return nil
}

func (h *Handler) pruefeVersion(a aenderung) error {
	cur, err := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(a.rel)))
	switch {
	case a.version == "" && err == nil:
		return &konflikt{rel: a.rel, current: cur}
	case a.version == "" && errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s kann nicht gelesen werden: %w", a.rel, err)
	case version(cur) != a.version:
		return &konflikt{rel: a.rel, current: cur}
	}
	return nil
}

// pruefe runs the checks of `tdsite check` that judge files (the model
// checks on top of them only warn about stale dates).
func pruefe(root string) *diag.List {
	site, diags := content.Load(root)
	diags.Merge(validate.Check(site))
	if cfg, _ := config.Load(root); cfg != nil {
		diags.Merge(validate.Markdown(site, cfg.Markdown.UnsafeHTML, nil))
	}
	return diags
}

// schluessel identifies an error across the two checks without its line,
// which an inserted block shifts.
func schluessel(d diag.Diagnostic) string { return d.Pos.File + "\x00" + d.Rule + "\x00" + d.Message }

func fehlerSchluessel(l *diag.List) map[string]bool {
	m := map[string]bool{}
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			m[schluessel(d)] = true
		}
	}
	return m
}

// kopiere mirrors config.toml and content/ into dst with hard links (a
// copy where the file system refuses links): the check reads the same
// bytes without the cost of copying large downloads.
func kopiere(root, dst string) error {
	if err := linkOrCopy(filepath.Join(root, config.File), filepath.Join(dst, config.File)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	src := filepath.Join(root, "content")
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			return linkOrCopy(p, target)
		}
		return nil // links and devices: the check of the real site reports them
	})
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// meldeFehler puts the outcome of schreibe into the form: a conflict or the
// check's errors head the summary, linked to the field they concern.
func (a *anfrage) meldeFehler(err error, feld string) (current []byte, rel string) {
	var k *konflikt
	var b befunde
	switch {
	case errors.As(err, &k):
		a.f.Hinweis = k.Error()
		return k.current, k.rel
	case errors.As(err, &b):
		sort.SliceStable(b, func(i, j int) bool { return b[i].Pos.Line < b[j].Pos.Line })
		for _, d := range b {
			t := diag.EscapeText(d.Message)
			if !d.Pos.IsZero() {
				t = diag.Escape(d.Pos.String()) + ": " + t
			}
			if d.Hint != "" {
				t += " " + strings.TrimSpace(diag.EscapeText(d.Hint))
			}
			a.f.Add(feld, t)
		}
	default:
		a.f.Hinweis = err.Error()
	}
	return nil, ""
}
