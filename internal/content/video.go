package content

import "tdsite/internal/decode"

// Video is a video on a page, for example in Deutsche Gebärdensprache on
// content/seiten/gebaerdensprache.md. Captions (WebVTT) and a transcript
// make it usable without sound and without sight (WCAG 1.2.1, 1.2.2).
type Video struct {
	At                 decode.At
	Titel              string `toml:"titel,pflicht"`
	Datei              string `toml:"datei,pflicht"` // "/videos/x.mp4" below static/, or an https address
	Untertitel         string `toml:"untertitel"`    // WebVTT file with captions, "/videos/x.vtt"
	TranskriptMarkdown string `toml:"transkript"`    // the spoken and signed content as text; the model's Transkript is its HTML
	Vorschaubild       string `toml:"vorschaubild"`  // optional still image shown before playing
	Dauer              string `toml:"dauer"`         // optional, e.g. "2:30"
	Beschreibung       string `toml:"beschreibung"`  // optional: what the video is about
}
