package cli

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is set when building a release:
//
//	go build -ldflags "-X tdsite/internal/cli.Version=1.2.0" ./cmd/tdsite
//
// Without it, the version comes from the Go build information (module
// version and Git commit, which `go build` records in a Git checkout).
var Version = ""

func runVersion(args []string, stdout, stderr io.Writer) int {
	o := newOptions("version", "", "Zeigt die Version von tdsite, den Git-Stand, aus dem es gebaut wurde, und die Go-Version.")
	rest, code, ok := o.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if !o.wantArgs(rest, 0, 0, stderr) {
		return ExitUsage
	}
	fmt.Fprintln(stdout, versionString(Version, readBuildInfo()))
	return ExitOK
}

var rePseudo = regexp.MustCompile(`-\d{14}-[0-9a-f]{12}`)

func readBuildInfo() *debug.BuildInfo {
	info, _ := debug.ReadBuildInfo()
	return info
}

// versionString describes the build, e.g.
// "tdsite 1.2.0 (Git 3f9a2c1e4b7d, 23.11.2026, geändert; go1.26.8)".
func versionString(version string, info *debug.BuildInfo) string {
	var rev, when string
	modified := false
	if info != nil {
		// Go stamps untagged checkouts with a pseudo-version (v0.0.0-<time>-<commit>);
		// the Git details below say the same more readably.
		if version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" && !rePseudo.MatchString(info.Main.Version) {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		version = "Entwicklungsstand"
	}
	var details []string
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		d := "Git " + rev
		if len(when) >= 10 { // 2026-11-23T10:00:00Z → 23.11.2026
			d += ", " + when[8:10] + "." + when[5:7] + "." + when[:4]
		}
		if modified {
			d += ", mit nicht eingecheckten Änderungen"
		}
		details = append(details, d)
	}
	details = append(details, runtime.Version())
	return fmt.Sprintf("tdsite %s (%s)", version, strings.Join(details, "; "))
}
