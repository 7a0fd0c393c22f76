// Command floor is the lower bound for a build of a tdsite site: it reads
// every Markdown file under content/, renders its text with goldmark and
// the extensions tdsite uses (internal/markdown), and writes one HTML file
// per text, on as many goroutines as -j. No model, no checks, no
// overviews: what no generator of these pages can avoid (issue 21).
//
//	go run ./internal/gencontent/cmd/floor -source /tmp/t10k -dest /tmp/floor
//
// It prints the number of files written.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	source := flag.String("source", ".", "Ordner der tdsite-Website")
	dest := flag.String("dest", "", "Zielordner")
	workers := flag.Int("j", 2, "Anzahl gleichzeitiger Arbeiter")
	flag.Parse()
	if *dest == "" {
		fmt.Fprintln(os.Stderr, "floor: -dest ORDNER fehlt.")
		os.Exit(2)
	}
	n, err := run(filepath.Join(*source, "content"), *dest, *workers)
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

func run(content, dest string, workers int) (int, error) {
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	// The extensions of internal/markdown without tdsite's own syntax and
	// transformers; the typographer with its default quotes costs the same.
	md := goldmark.New(
		goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.TaskList,
			extension.Table, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	jobs := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for f := range jobs {
				if err := page(md, content, dest, f, &buf); err != nil {
					errs <- err
					for range jobs {
					}
					return
				}
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return len(files), <-errs
}

// page renders one file to dest/<path without .md>/index.html.
func page(md goldmark.Markdown, content, dest, file string, buf *bytes.Buffer) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	title, body := "", data
	if bytes.HasPrefix(data, []byte("+++")) {
		if parts := bytes.SplitN(data, []byte("+++"), 3); len(parts) == 3 {
			body = parts[2]
			title = firstValue(parts[1], "titel")
		}
	}
	buf.Reset()
	fmt.Fprintf(buf, "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>%s</title></head><body><main>", html.EscapeString(title))
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	buf.WriteString("</main></body></html>\n")
	rel, _ := filepath.Rel(content, strings.TrimSuffix(file, ".md"))
	target := filepath.Join(dest, rel, "index.html")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	return os.WriteFile(target, buf.Bytes(), 0o644)
}

// firstValue is the string of the first line `key = "…"` of TOML front
// matter, enough for a title.
func firstValue(front []byte, key string) string {
	for _, line := range strings.Split(string(front), "\n") {
		if rest, ok := strings.CutPrefix(line, key+" = "); ok {
			return strings.Trim(rest, `"`)
		}
	}
	return ""
}
