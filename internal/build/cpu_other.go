//go:build !unix

package build

import "time"

// cpuTime is not known here; phases then show wall time alone.
func cpuTime() time.Duration { return 0 }
