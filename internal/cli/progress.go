package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"tdsite/internal/diag"
)

// progress shows "Seiten: 120 von 480" on one terminal line while a build
// renders. It stays silent when stdout is not a terminal (CI logs, pipes,
// tests), when --quiet is set, and for builds shorter than delay, so that
// fast builds print exactly what they printed before.
type progress struct {
	w       io.Writer
	mu      sync.Mutex
	start   time.Time
	last    time.Time
	shown   bool
	enabled bool
}

// progressDelay is how long a build runs before the line appears.
const progressDelay = 500 * time.Millisecond

func newProgress(w io.Writer, quiet bool) *progress {
	w = diag.Unwrap(w) // the line moves the cursor back with control characters
	return &progress{w: w, start: time.Now(), enabled: !quiet && isTerminal(w)}
}

// isTerminal reports whether w is a character device such as a terminal.
// TERM=dumb (editors' embedded consoles) cannot move the cursor back.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update is build.Options.Progress; workers call it concurrently.
func (p *progress) update(done, total int) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < progressDelay || (now.Sub(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last = now
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[KSeiten: %d von %d (%d %%)", done, total, done*100/max(total, 1))
}

// done removes the progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
