package model

import "sync"

// Memo keeps views derived from the model while pages are rendered: a
// strategy map appears on the landing page and on the map page but is laid
// out once. It lives and dies with the model, so a preview that builds a
// new model after an edit never sees stale entries. Safe for concurrent
// use; each key is computed once.
type Memo struct{ m sync.Map }

type memoEntry struct {
	once sync.Once
	v    any
	err  error
}

// Do returns the value stored under key, computing it with f the first time.
func (m *Memo) Do(key string, f func() (any, error)) (any, error) {
	e, _ := m.m.LoadOrStore(key, &memoEntry{})
	en := e.(*memoEntry)
	en.once.Do(func() { en.v, en.err = f() })
	return en.v, en.err
}
