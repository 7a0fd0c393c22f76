// Command gencontent writes synthetic sites for benchmarks:
//
//	go run ./internal/gencontent/cmd/gencontent -n 10000 -tdsite /tmp/t10k -hugo /tmp/h10k
//
// The tdsite site has about n pages; the Hugo site mirrors it page by page.
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
	hugo := flag.String("hugo", "", "Zielordner für die Hugo-Website (optional)")
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
	fmt.Println(pages)
}
