package cli

import (
	"fmt"
	"io"

	"tdsite/internal/build"
)

// printLinks reports the link check of a build: how much was checked and
// where the list of external links is (with --verbose: the list itself).
func printLinks(w io.Writer, res *build.Result, verbose bool) {
	if res.Links == nil {
		return
	}
	fmt.Fprintf(w, "Links geprüft: %d interne Verweise in %d Dateien, alle in Ordnung. %d externe Adressen (nicht abgerufen)",
		res.Links.Internal, res.Links.Files, len(res.Links.External))
	if res.ExternalReport != "" {
		fmt.Fprintf(w, ", Liste: %s", res.ExternalReport)
	}
	fmt.Fprintln(w, ".")
	if verbose {
		for _, e := range res.Links.External {
			fmt.Fprintf(w, "  %s (%d Seiten)\n", e.URL, len(e.Pages))
		}
	}
}
