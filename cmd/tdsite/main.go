// Command tdsite builds the #thüringendigital strategy website from
// Markdown and TOML content. Run "tdsite hilfe" for German help.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"runtime/trace"

	"tdsite/internal/cli"
)

func main() {
	os.Exit(run())
}

// run keeps the profiles' deferred writes ahead of os.Exit.
func run() int {
	// TDSITE_CPUPROFILE=datei writes a CPU profile of the whole run for
	// `go tool pprof` (docs/leistung.md): the benchmarks cover parts, this
	// the command as editors and CI run it.
	if file := os.Getenv("TDSITE_CPUPROFILE"); file != "" {
		f, err := os.Create(file)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "tdsite: CPU-Profil %q lässt sich nicht schreiben: %v\n", file, err)
			return 1
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	if file := os.Getenv("TDSITE_TRACE"); file != "" {
		// An execution trace shows what a profile cannot: when a core
		// waits (system calls, locks, one goroutine alone), for
		// go tool trace -pprof=syscall|sync|sched.
		f, err := os.Create(file)
		if err == nil {
			err = trace.Start(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "tdsite: Ablaufprotokoll %q lässt sich nicht schreiben: %v\n", file, err)
			return 1
		}
		defer func() {
			trace.Stop()
			f.Close()
		}()
	}
	if file := os.Getenv("TDSITE_MEMPROFILE"); file != "" {
		// Written after the run: go tool pprof -sample_index=alloc_space
		// shows where the whole build allocated, which decides its page
		// faults and GC work more than the live heap does.
		defer func() {
			f, err := os.Create(file)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "tdsite: Speicherprofil %q lässt sich nicht schreiben: %v\n", file, err)
			}
		}()
	}
	return cli.Run(os.Args[1:], os.Stdout, os.Stderr)
}
