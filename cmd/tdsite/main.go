// Command tdsite builds the #thüringendigital strategy website from
// Markdown and TOML content. Run "tdsite hilfe" for German help.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"

	"tdsite/internal/cli"
	"tdsite/internal/hugepages"
)

func main() {
	os.Exit(run())
}

// run keeps the profiles' deferred writes ahead of os.Exit.
func run() int {
	// A build or check touches hundreds of MB of fresh heap once; huge
	// pages made builds 13–29 % faster (internal/hugepages). The preview
	// reuses its heap from build to build and keeps the system's choice.
	if len(os.Args) > 1 && cli.WholeSite(os.Args[1]) {
		var huge bool
		huge, cli.Speicher = hugepages.Enable()
		// On huge pages fresh heap is cheap, so the GC may let the heap
		// grow further between cycles: 10 % less CPU for 11 % more RSS at
		// 10,000 pages. On 4 KB pages the extra memory cost more in page
		// faults than the GC saved (docs/leistung.md). GOGC set by the
		// caller wins.
		if huge && os.Getenv("GOGC") == "" {
			debug.SetGCPercent(gcPercent)
			cli.Speicher += fmt.Sprintf("; Speicherbereinigung seltener (GOGC %d)", gcPercent)
		}
	}
	// TDSITE_CPUPROFILE=datei writes a CPU profile of the whole run for
	// `go tool pprof` (docs/leistung.md): the benchmarks cover parts, this
	// the command as editors and CI run it.
	stopCPU, ok := record("TDSITE_CPUPROFILE", "CPU-Profil", pprof.StartCPUProfile, pprof.StopCPUProfile)
	if !ok {
		return 1
	}
	defer stopCPU()
	// An execution trace shows what a profile cannot: when a core waits
	// (system calls, locks, one goroutine alone), for
	// go tool trace -pprof=syscall|sync|sched.
	stopTrace, ok := record("TDSITE_TRACE", "Ablaufprotokoll", trace.Start, trace.Stop)
	if !ok {
		return 1
	}
	defer stopTrace()
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

// gcPercent is GOGC on huge pages (measured: 150 and 200 gain the same
// time, 200 takes 60 MB more).
const gcPercent = 150

// record starts recording into the file named by the environment
// variable env, if set, and returns what ends it; false (with a message
// naming what) if the file cannot be written.
func record(env, what string, start func(io.Writer) error, stop func()) (func(), bool) {
	file := os.Getenv(env)
	if file == "" {
		return func() {}, true
	}
	f, err := os.Create(file)
	if err == nil {
		err = start(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "tdsite: %s %q lässt sich nicht schreiben: %v\n", what, file, err)
		return nil, false
	}
	return func() {
		stop()
		f.Close()
	}, true
}
