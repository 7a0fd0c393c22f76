package validate

import (
	"fmt"
	"sort"
	"strings"

	"tdsite/internal/diag"
)

// Strategies point at each other: a newer version replaces an older one
// (abgeloest_durch, vorgaenger), a sectoral strategy derives from a framework
// strategy (rahmenstrategie). Such chains must not close into a circle: the
// site would call two strategies each other's successor, and any code that
// follows a chain to its end would never finish.

type edge struct {
	to  string
	pos diag.Pos
}

func (c *checker) kreise() {
	succession := map[string][]edge{} // older → newer
	framework := map[string][]edge{}  // derived → framework
	for _, s := range c.site.Strategien {
		if s.AbgeloestDurch == s.Slug {
			c.selfRef(s.At.Key("abgeloest_durch"), s.Slug, "abgeloest_durch")
		} else if s.AbgeloestDurch != "" {
			succession[s.Slug] = append(succession[s.Slug], edge{s.AbgeloestDurch, s.At.Key("abgeloest_durch")})
		}
		for i, v := range s.Vorgaenger {
			pos := s.At.Key(fmt.Sprintf("vorgaenger[%d]", i))
			if v == s.Slug {
				c.selfRef(pos, s.Slug, "vorgaenger")
				continue
			}
			succession[v] = append(succession[v], edge{s.Slug, pos})
		}
		for i, v := range s.Verwandt {
			if v == s.Slug {
				c.selfRef(s.At.Key(fmt.Sprintf("verwandt[%d]", i)), s.Slug, "verwandt")
			}
		}
		if s.Rahmenstrategie == s.Slug {
			c.selfRef(s.At.Key("rahmenstrategie"), s.Slug, "rahmenstrategie")
		} else if s.Rahmenstrategie != "" {
			framework[s.Slug] = append(framework[s.Slug], edge{s.Rahmenstrategie, s.At.Key("rahmenstrategie")})
		}
	}
	c.cycles(succession, "Die Strategien lösen einander im Kreis ab",
		"Eine Strategie kann nur von einer neueren abgelöst werden. Prüfen Sie abgeloest_durch und vorgaenger in den beteiligten strategie.md-Dateien.")
	c.cycles(framework, "Die Strategien sind im Kreis voneinander abgeleitet",
		"Eine Rahmenstrategie ist der Ausgangspunkt: Sie selbst nennt keine rahmenstrategie, aus der sie abgeleitet wäre.")
}

func (c *checker) selfRef(pos diag.Pos, slug, field string) {
	c.d.Errorf(pos, "verweis-strategie", fmt.Sprintf("Nennen Sie unter %s eine andere Strategie oder löschen Sie den Eintrag.", field),
		"Die Strategie „%s“ verweist unter %s auf sich selbst.", slug, field)
}

// cycles reports each circle of the graph once, at the first edge of the
// circle's alphabetically first strategy.
func (c *checker) cycles(g map[string][]edge, msg, hint string) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var stackEdges []edge
	reported := map[string]bool{}
	var visit func(n string)
	visit = func(n string) {
		color[n] = grey
		stack = append(stack, n)
		for _, e := range g[n] {
			switch color[e.to] {
			case white:
				stackEdges = append(stackEdges, e)
				visit(e.to)
				stackEdges = stackEdges[:len(stackEdges)-1]
			case grey:
				i := len(stack) - 1
				for stack[i] != e.to {
					i--
				}
				circle := append(append([]string{}, stack[i:]...), e.to)
				edges := append(append([]edge{}, stackEdges[i:]...), e)
				c.reportCycle(circle, edges, reported, msg, hint)
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
	}
	nodes := make([]string, 0, len(g))
	for n := range g {
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	for _, n := range nodes {
		if color[n] == white {
			visit(n)
		}
	}
}

func (c *checker) reportCycle(circle []string, edges []edge, reported map[string]bool, msg, hint string) {
	members := append([]string{}, circle[:len(circle)-1]...)
	sort.Strings(members)
	key := strings.Join(members, ",")
	if reported[key] {
		return
	}
	reported[key] = true
	// Start the circle at its alphabetically first member, so the message
	// does not depend on the order files were read.
	first := 0
	for i, n := range circle[:len(circle)-1] {
		if n < circle[first] {
			first = i
		}
	}
	n := len(circle) - 1
	path := make([]string, 0, n+1)
	for i := 0; i <= n; i++ {
		path = append(path, circle[(first+i)%n])
	}
	c.d.Errorf(edges[first].pos, "verweis-strategie", hint, "%s: %s.", msg, strings.Join(path, " → "))
}
