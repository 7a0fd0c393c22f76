package serve

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"tdsite/internal/diag"
)

// hub fans events out to the open browser tabs (Server-Sent Events).
type hub struct {
	mu      sync.Mutex
	clients map[chan event]string // the page path each tab shows ("" if unknown)
	closed  bool
	count   int // events sent, as event ids
}

type event struct{ name, data string }

func newHub() *hub { return &hub{clients: map[chan event]string{}} }

// viewed lists the pages open in a browser tab (a page open twice is
// listed twice), so that a rebuild can render them first.
func (h *hub) viewed() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, p := range h.clients {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// pagePath is the page a tab says it shows (?seite=/pfad/), if it is a
// plausible site path; anything else is ignored, it only sets priorities.
func pagePath(r *http.Request) string {
	p := r.URL.Query().Get("seite")
	if len(p) > 512 || !strings.HasPrefix(p, "/") || strings.Contains(p, "..") {
		return ""
	}
	return p
}

// send delivers an event to every tab; a tab that does not keep up misses
// it rather than blocking the rebuilds.
func (h *hub) send(name, data string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.count++
	for c := range h.clients {
		select {
		case c <- event{name, data}:
		default:
		}
	}
}

func (h *hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		close(c)
		delete(h.clients, c)
	}
}

// clientCount is the number of connected tabs (tests wait for it).
func (h *hub) clientCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) serve(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "Streaming nicht möglich.", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "Die Vorschau wird beendet.", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = pagePath(r)
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if _, ok := h.clients[c]; ok {
			delete(h.clients, c)
		}
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	// retry: how soon the browser reconnects after the server restarted.
	fmt.Fprint(w, "retry: 500\n: verbunden\n\n")
	fl.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			// A line break in the data would start a field of its own.
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, diag.Escape(ev.data))
			fl.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		}
	}
}
