package content

import "syscall"

// mapPopulate maps all pages of the snapshot in the one system call.
const mapPopulate = syscall.MAP_POPULATE
