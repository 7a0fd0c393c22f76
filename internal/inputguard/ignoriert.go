package inputguard

import "strings"

// Ignored reports names of files that editors and operating systems leave
// beside the real ones: hidden files (.DS_Store, emacs' .#x locks), vim's
// .swp/.swx files and its 4913 probe, x~ backups, emacs' #x# autosaves,
// .tmp files, JetBrains' ___jb_ copies, Thumbs.db and desktop.ini. Loading
// content, copying static files and watching for changes share this one
// list, so the preview never rebuilds for a file the build would not read
// and never misses one it would.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.Contains(name, "___jb_") || name == "4913" || name == "Thumbs.db" || name == "desktop.ini"
}
