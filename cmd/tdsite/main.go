// Command tdsite builds the #thüringendigital strategy website from
// Markdown and TOML content. Run "tdsite hilfe" for German help.
package main

import (
	"os"

	"tdsite/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
