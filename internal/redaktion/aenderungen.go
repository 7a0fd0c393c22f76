package redaktion

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

type aenderungenDaten struct {
	Git     bool // the site is a Git repository
	Commit  bool // --git: offer the commit button
	Dateien []string
	Diff    []diffZeile
	ok      string
}

func (d aenderungenDaten) erfolg() (string, []string) { return d.ok, nil }

type diffZeile struct{ Text, Art string }

// git runs git in the site folder. The paths it gets are fixed ("content"),
// never taken from a form.
func (h *Handler) git(env []string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", h.Root}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("git %s: %v %s", args[0], err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// aenderungen lists the content files changed since the last commit, with
// a readable diff, and commits them when the preview runs with --git.
// Pushing stays with the editor's usual Git tools.
func (h *Handler) aenderungen(a *anfrage) {
	d := aenderungenDaten{Commit: h.Git}
	if a.post && !h.Git {
		h.fehlerseite(a.w, a.r, 403, "Speichern in Git ist nur möglich, wenn die Vorschau mit tdsite serve --git gestartet wurde.")
		return
	}
	if _, err := h.git(nil, "rev-parse", "--is-inside-work-tree"); err != nil {
		a.zeige("aenderungen.html", "Änderungen", d)
		return
	}
	d.Git = true
	f := a.f
	if a.post {
		f.Fehlt("nachricht", "Beschreiben Sie die Änderungen in einem Satz, z. B. „Meldung zum Steuerkreis und Status BSP-02“.")
		f.Fehlt("autor", "Geben Sie Ihren Namen ein; er steht als Autorin oder Autor in der Versionsgeschichte.")
		if !f.HatFehler() {
			if err := h.commit(f.Text("nachricht"), f.Text("autor"), f.Text("email")); err != nil {
				f.Hinweis = "Die Änderungen konnten nicht gespeichert werden: " + err.Error()
			} else {
				d.ok = "Die Änderungen sind in Git gespeichert. Veröffentlichen (git push) Sie sie wie gewohnt."
				a.f = &formular{Werte: map[string][]string{}}
			}
		}
	}
	// Porcelain paths start at the repository's top, which may be above the site.
	prefix, _ := h.git(nil, "rev-parse", "--show-prefix")
	prefix = strings.TrimSpace(prefix)
	st, _ := h.git(nil, "status", "--porcelain", "-z", "--untracked-files=all", "--", "content")
	var neu []string
	for _, l := range strings.Split(st, "\x00") {
		if len(l) <= 3 {
			continue
		}
		rel := strings.TrimPrefix(l[3:], prefix)
		if strings.HasPrefix(rel, "content/") {
			d.Dateien = append(d.Dateien, rel)
			if strings.HasPrefix(l, "??") {
				neu = append(neu, rel)
			}
		}
	}
	diff, _ := h.git(nil, "diff", "--no-color", "--no-ext-diff", "HEAD", "--", "content")
	hunk := false // "+++ b/…" in a file header is not an added line
	for _, l := range strings.Split(strings.TrimRight(diff, "\n"), "\n") {
		z := diffZeile{Text: l}
		switch {
		case strings.HasPrefix(l, "diff --git"):
			hunk = false
		case strings.HasPrefix(l, "@@"):
			hunk = true
		case hunk && strings.HasPrefix(l, "+"):
			z.Art = "neu"
		case hunk && strings.HasPrefix(l, "-"):
			z.Art = "alt"
		}
		if l != "" {
			d.Diff = append(d.Diff, z)
		}
	}
	// New files are not in Git's index; the diff shows them whole.
	for _, rel := range neu {
		d.Diff = append(d.Diff, diffZeile{Text: "neue Datei " + rel})
		if data, err := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(rel))); err == nil && utf8.Valid(data) {
			for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
				d.Diff = append(d.Diff, diffZeile{Text: "+" + l, Art: "neu"})
			}
		}
	}
	a.zeige("aenderungen.html", "Änderungen", d)
}

// commit records the content changes only: other files the editor may
// have staged stay as they are.
func (h *Handler) commit(msg, name, email string) error {
	if email == "" {
		email = "redaktion@tdsite.invalid"
	}
	env := []string{"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email}
	if out, _ := h.git(nil, "config", "user.email"); strings.TrimSpace(out) == "" {
		env = append(env, "GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email)
	}
	if _, err := h.git(nil, "add", "--all", "--", "content"); err != nil {
		return err
	}
	_, err := h.git(env, "commit", "--quiet", "-m", msg, "--", "content")
	return err
}
