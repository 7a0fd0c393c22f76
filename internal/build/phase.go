package build

import "time"

// Phase is a step of a build and the time it took.
type Phase struct {
	Name string
	Took time.Duration
	// CPU is the processor time of the whole process during the step
	// (all cores, 0 where the system does not say): CPU/Took shows how
	// many cores the step kept busy.
	CPU time.Duration
}

// stopwatch records consecutive phases.
type stopwatch struct {
	t   time.Time
	cpu time.Duration
}

func startWatch() stopwatch { return stopwatch{time.Now(), cpuTime()} }

// lap ends a phase called name and starts the next.
func (s *stopwatch) lap(name string) Phase {
	now, cpu := time.Now(), cpuTime()
	p := Phase{Name: name, Took: now.Sub(s.t), CPU: cpu - s.cpu}
	s.t, s.cpu = now, cpu
	return p
}
