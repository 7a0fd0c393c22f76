package landkarte

// TextWidth is the width of s in pixels at size px, measured like the
// labels of the maps: the roadmap (internal/fahrplan) fits its labels with
// it, so that no name runs into the bars.
func TextWidth(s string, size float64, bold bool) float64 { return textWidth(s, size, bold) }
