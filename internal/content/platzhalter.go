package content

import "regexp"

// platzhalterMuster is a placeholder that an editor still has to fill in:
// "[Anschrift eintragen]". Configuration, Markdown and templates all
// recognise it, so it lives with the content it appears in.
var platzhalterMuster = regexp.MustCompile(`\[[^\[\]\n]*\beintragen\]`)

// Platzhalter returns the placeholders ("[… eintragen]") in s.
func Platzhalter(s string) []string { return platzhalterMuster.FindAllString(s, -1) }

// PlatzhalterIndex returns the start and end of each placeholder in s.
func PlatzhalterIndex(s string) [][]int { return platzhalterMuster.FindAllStringIndex(s, -1) }

// HatPlatzhalter reports whether b contains a placeholder.
func HatPlatzhalter(b []byte) bool { return platzhalterMuster.Match(b) }
