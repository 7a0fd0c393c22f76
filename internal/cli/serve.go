package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"tdsite/internal/build"
)

// runServe builds the site into a temporary directory and serves it.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "Ordner der Website")
	port := fs.Int("port", 1313, "Port des Vorschau-Servers")
	bind := fs.String("bind", "127.0.0.1", "Adresse, an die der Server gebunden wird")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	tmp, err := os.MkdirTemp("", "tdsite-vorschau-")
	if err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %v\n", err)
		return ExitIO
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")
	_, diags, err := build.Run(build.Options{Source: *source, Dest: dest})
	if diags != nil {
		diags.Print(stderr, false)
	}
	if errors.Is(err, build.ErrContent) {
		fmt.Fprintln(stderr, err)
		return ExitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %v\n", err)
		return ExitIO
	}
	addr := net.JoinHostPort(*bind, fmt.Sprint(*port))
	fmt.Fprintf(stdout, "Vorschau: http://%s/  (Beenden mit Strg+C)\n", addr)
	if err := http.ListenAndServe(addr, http.FileServer(http.Dir(dest))); err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %v\n", err)
		return ExitIO
	}
	return ExitOK
}
