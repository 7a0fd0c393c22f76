package model

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// Many pages ask for the same map at once; it is computed once, and an
// error is remembered like a value.
func TestMemoComputesOnce(t *testing.T) {
	var m Memo
	var calls atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := m.Do("karte", func() (any, error) { calls.Add(1); return 42, nil })
			if v != 42 || err != nil {
				t.Errorf("got %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("computed %d times", calls.Load())
	}
	boom := errors.New("kaputt")
	for i := 0; i < 2; i++ {
		if _, err := m.Do("fehler", func() (any, error) { calls.Add(1); return nil, boom }); err != boom {
			t.Errorf("error not returned: %v", err)
		}
	}
	if calls.Load() != 2 {
		t.Errorf("failing computation ran %d times", calls.Load()-1)
	}
}
