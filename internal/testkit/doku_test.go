package testkit

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestDokuVerweise follows every relative link of README.md and docs/*.md:
// the file must exist and a #anchor into a Markdown file must name one of
// its headings, as GitHub and other renderers make them. Editors read
// these files first; a link to a renamed section is a dead end for them,
// and no build checks these files.
func TestDokuVerweise(t *testing.T) {
	root := Root()
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(root, "README.md"))
	anchors := map[string]map[string]bool{}
	anchorsOf := func(file string) map[string]bool {
		if a, ok := anchors[file]; ok {
			return a
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil
		}
		anchors[file] = headingAnchors(string(data))
		return anchors[file]
	}
	checked := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, file)
		for i, line := range strings.Split(withoutCode(string(data)), "\n") {
			for _, m := range reMarkdownLink.FindAllStringSubmatch(reCodeSpan.ReplaceAllString(line, ""), -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				name, anchor, _ := strings.Cut(target, "#")
				dest := file
				if name != "" {
					p, err := url.PathUnescape(name)
					if err != nil {
						p = name
					}
					dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(p))
					if _, err := os.Stat(dest); err != nil {
						t.Errorf("%s:%d: %s gibt es nicht", rel, i+1, name)
						continue
					}
				}
				checked++
				if anchor == "" || !strings.HasSuffix(dest, ".md") {
					continue
				}
				if a, err := url.PathUnescape(anchor); err == nil {
					anchor = a
				}
				if !anchorsOf(dest)[anchor] {
					t.Errorf("%s:%d: Abschnitt #%s gibt es in %s nicht", rel, i+1, anchor, filepath.Base(dest))
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("nur %d Verweise gefunden: liest der Test die Dateien noch richtig?", checked)
	}
}

// reMarkdownLink finds the target of [text](target) and [text](target "title").
var reMarkdownLink = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

var reCodeSpan = regexp.MustCompile("`[^`]*`")

var reFence = regexp.MustCompile("(?ms)^```.*?^```")

// withoutCode blanks fenced code blocks, keeping the line numbers.
func withoutCode(s string) string {
	return reFence.ReplaceAllStringFunc(s, func(block string) string {
		return strings.Repeat("\n", strings.Count(block, "\n"))
	})
}

// headingAnchors are the ids of the headings of a Markdown text, as
// GitHub makes them: lower case, letters, digits, "-" and "_" kept,
// spaces to "-", everything else dropped, repeats numbered "-1", "-2" …
func headingAnchors(doc string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	for _, line := range strings.Split(withoutCode(doc), "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		id := b.String()
		if n := seen[id]; n > 0 {
			out[id+"-"+strconv.Itoa(n)] = true
		} else {
			out[id] = true
		}
		seen[id]++
	}
	return out
}
