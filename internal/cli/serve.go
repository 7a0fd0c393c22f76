package cli

import (
	"errors"
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
	var port int
	var bind string
	o := newOptions("serve", "[Optionen]", `
Baut die Website in einen vorübergehenden Ordner und zeigt sie unter http://127.0.0.1:1313/
im Browser. Der Ordner public/ wird dabei nicht verändert. Beenden mit Strg+C.`).common()
	o.integer(&port, "port", "NUMMER", 1313, "Port des Vorschau-Servers")
	o.str(&bind, "bind", "ADRESSE", "127.0.0.1", "Adresse, an die der Server gebunden wird")
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 0, 0, stderr) {
		return ExitUsage
	}
	tmp, err := os.MkdirTemp("", "tdsite-vorschau-")
	if err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %v\n", err)
		return ExitIO
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")
	_, diags, err := build.Run(build.Options{Source: o.Source, Dest: dest})
	printDiags(stderr, diags, o)
	if errors.Is(err, build.ErrContent) {
		fmt.Fprintln(stderr, err)
		return ExitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %v\n", err)
		return ExitIO
	}
	addr := net.JoinHostPort(bind, fmt.Sprint(port))
	fmt.Fprintf(stdout, "Vorschau: http://%s/  (Beenden mit Strg+C)\n", addr)
	if err := http.ListenAndServe(addr, http.FileServer(http.Dir(dest))); err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %v\n", err)
		return ExitIO
	}
	return ExitOK
}
