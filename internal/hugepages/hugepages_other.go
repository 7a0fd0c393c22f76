//go:build !linux

package hugepages

// Enable does nothing outside Linux: there is no transparent-huge-page
// advice to give.
func Enable() (bool, string) { return false, notAsked("nur unter Linux") }
