// Command gencontent writes synthetic sites for benchmarks:
//
//	go run ./internal/gencontent/cmd/gencontent -n 10000 -tdsite /tmp/t10k -hugo /tmp/h10k -hugo-idiomatisch /tmp/i10k
//
// The tdsite site has about n pages; the Hugo site (-hugo) mirrors it page
// by page, the idiomatic one (-hugo-idiomatisch) holds the same content as
// a Hugo user would arrange it.
package main

import (
	"flag"
	"fmt"
	"os"

	"tdsite/internal/gencontent"
	"tdsite/internal/gencontent/hugosite"
)

func main() {
	n := flag.Int("n", 1000, "Anzahl der Seiten (ungefähr)")
	repo := flag.String("repo", ".", "Ordner des Repositorys mit der mitgelieferten Website")
	tdsite := flag.String("tdsite", "", "Zielordner für die tdsite-Website")
	hugo := flag.String("hugo", "", "Zielordner für die Hugo-Website, Seite für Seite wie tdsite (optional)")
	idiomatisch := flag.String("hugo-idiomatisch", "", "Zielordner für die Hugo-Website, wie Hugo-Nutzer sie bauen: Abschnitte, Taxonomien (optional)")
	flag.Parse()
	if *tdsite == "" {
		fmt.Fprintln(os.Stderr, "gencontent: -tdsite ORDNER fehlt.")
		os.Exit(2)
	}
	if err := gencontent.Site(*repo, *tdsite, *n); err != nil {
		fmt.Fprintf(os.Stderr, "gencontent: %v\n", err)
		os.Exit(3)
	}
	pages := gencontent.Pages(*n)
	if *hugo != "" {
		if err := hugosite.Write(*tdsite, *hugo); err != nil {
			fmt.Fprintf(os.Stderr, "gencontent: %v\n", err)
			os.Exit(3)
		}
	}
	if *idiomatisch != "" {
		if err := hugosite.WriteIdiomatic(*tdsite, *idiomatisch); err != nil {
			fmt.Fprintf(os.Stderr, "gencontent: %v\n", err)
			os.Exit(3)
		}
	}
	fmt.Println(pages)
}
