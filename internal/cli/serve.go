package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"tdsite/internal/diag"
	"tdsite/internal/serve"
)

// runServe starts the editors' preview with live reload.
func runServe(args []string, stdout, stderr io.Writer) int {
	var port int
	var bind string
	var git bool
	o := newOptions("serve", "[Optionen]", `
Baut die Website in einen vorübergehenden Ordner und zeigt sie unter http://127.0.0.1:1313/
im Browser. tdsite beobachtet content/, layouts/, themes/, static/ und config.toml: Nach dem
Speichern baut es neu, was sich geändert hat, und offene Browser-Tabs laden von selbst neu
(an derselben Stelle der Seite). Fehler in den Inhalten erscheinen im Terminal und als Hinweis
auf jeder Seite; bis dahin zeigt die Vorschau den letzten fehlerfreien Stand. Der Ordner public/
wird nicht verändert. Unter /redaktion/ liegen Formulare für Meldungen, Status, Messwerte
und Texte (nur in der Vorschau). Beenden mit Strg+C.`).common()
	o.integer(&port, "port", "NUMMER", 1313, "Port des Vorschau-Servers")
	o.str(&bind, "bind", "ADRESSE", serve.DefaultBind, "Adresse, an die der Server gebunden wird (nur dieser Rechner: 127.0.0.1)")
	o.boolean(&git, "git", "", "in der Redaktion (/redaktion/aenderungen) Änderungen mit Git speichern (commit) anbieten")
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 0, 0, stderr) {
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, serve.Options{Root: o.Source, Addr: net.JoinHostPort(bind, fmt.Sprint(port)), Log: stdout, Git: git})
	if err != nil {
		fmt.Fprintf(stderr, "tdsite serve: %s\n", diag.Explain(err))
		return ExitIO
	}
	return ExitOK
}
