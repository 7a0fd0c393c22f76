//go:build unix && !linux

package content

// mapPopulate: other systems map the pages as they are touched.
const mapPopulate = 0
