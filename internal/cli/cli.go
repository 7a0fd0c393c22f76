// Package cli implements the tdsite command line: German help texts,
// consistent flags and documented exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"tdsite/internal/build"
	"tdsite/internal/config"

	"tdsite/internal/content"
	"tdsite/internal/validate"
)

// Exit codes (documented in README.md).
const (
	ExitOK      = 0 // success
	ExitContent = 1 // the content has errors; nothing was published
	ExitUsage   = 2 // wrong command or option
	ExitIO      = 3 // files could not be read or written
)

// Run executes the command line and returns the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "check", "pruefen":
		return runCheck(args[1:], stdout, stderr)
	case "build", "bauen":
		return runBuild(args[1:], stdout, stderr)
	case "serve", "vorschau":
		return runServe(args[1:], stdout, stderr)
	case "help", "hilfe", "-h", "--help":
		usage(stdout)
		return ExitOK
	}
	fmt.Fprintf(stderr, "tdsite: unbekannter Befehl „%s“.\n\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `tdsite – Website-Generator für die Digitalstrategien des Freistaats Thüringen (#thüringendigital)

Aufruf: tdsite <Befehl> [Optionen]

Befehle:
  build     Website erzeugen (prüft vorher alle Inhalte)
  check     Inhalte prüfen, ohne etwas zu veröffentlichen
  serve     Vorschau im Browser unter http://127.0.0.1:1313/
  help      Diese Hilfe anzeigen

Mit „tdsite <Befehl> --help“ sehen Sie die Optionen eines Befehls.
`)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "Ordner der Website (enthält content/ und config.toml)")
	verbose := fs.Bool("verbose", false, "auch quittierte Warnungen anzeigen")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	root, _ := filepath.Abs(*source)
	cfg, diags := config.Load(root)
	site, ld := content.Load(root)
	diags.Merge(ld)
	diags.Merge(validate.Check(site))
	if cfg != nil {
		diags.Merge(validate.Markdown(site, cfg.Markdown.UnsafeHTML))
	}
	diags.Print(stdout, *verbose)
	fmt.Fprintf(stdout, "Geprüft: %d Dateien, %s.\n", len(site.Files), diags.Summary())
	if diags.HasErrors() {
		return ExitContent
	}
	return ExitOK
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "Ordner der Website (enthält content/ und config.toml)")
	dest := fs.String("dest", "", "Ausgabeordner (Standard: <source>/public)")
	noMinify := fs.Bool("no-minify", false, "Ausgabe nicht verkleinern (zum Nachsehen)")
	verbose := fs.Bool("verbose", false, "auch quittierte Warnungen anzeigen")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	// Ctrl+C or SIGTERM (e.g. from systemd or CI) stops the build cleanly:
	// the staging directory is removed and the published site stays as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, diags, err := build.Run(build.Options{Source: *source, Dest: *dest, NoMinify: *noMinify, Context: ctx})
	if diags != nil {
		diags.Print(stderr, *verbose)
	}
	if errors.Is(err, build.ErrAbgebrochen) {
		fmt.Fprintf(stderr, "tdsite build: %v\n", err)
		return ExitIO
	}
	if errors.Is(err, build.ErrContent) {
		fmt.Fprintf(stderr, "%s Gefunden: %s. Der bisherige Ausgabeordner bleibt unverändert.\n", err, diags.Summary())
		return ExitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "tdsite build: %v\n", err)
		return ExitIO
	}
	fmt.Fprintf(stdout, "Fertig: %d Seiten, %d Dateien (%d KB) in %s. %s.\n", res.Pages, res.Files, res.Bytes/1024, res.Duration.Round(1e6), diags.Summary())
	printLinks(stdout, res, *verbose)
	return ExitOK
}
