package content

import (
	"io"
	"net/http"
	"os"

	"tdsite/internal/decode"
)

// Dokumente is strategien/<slug>/dokumente.toml: the downloads of a
// strategy (strategy paper, Aktionsplan, reports).
type Dokumente struct {
	File      string
	At        decode.At
	Dokumente []Dokument `toml:"dokument"`
}

// Dokument is one download. Either Datei names a file in the strategy's
// folder dokumente/ (size and type are then read from it) or URL points
// to a document elsewhere.
type Dokument struct {
	At           decode.At
	Datei        string `toml:"datei"`
	URL          string `toml:"url"`
	Titel        string `toml:"titel,pflicht"`
	Art          string `toml:"art,pflicht"`
	Sprache      string `toml:"sprache"`
	Datum        Datum  `toml:"datum"`
	Barrierefrei string `toml:"barrierefrei"`
	Hinweis      string `toml:"hinweis"`
}

// Datei is a file in strategien/<slug>/dokumente/. The loader reads only
// its first bytes, to tell its type; the build copies it.
type Datei struct {
	Rel   string // relative to the site folder, e.g. content/strategien/x/dokumente/a.pdf
	Name  string // file name
	Abs   string
	Size  int64
	Sniff string // net/http.DetectContentType of the first 512 bytes
}

// sniff returns the media type that the first bytes of the file suggest.
func sniff(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", err
	}
	return http.DetectContentType(buf[:n]), nil
}

// Kennzahlen is strategien/<slug>/kennzahlen.toml: yardsticks from outside
// that a strategy names, such as the D21-Digital-Index.
type Kennzahlen struct {
	File    string
	At      decode.At
	Stand   Datum               `toml:"stand"`
	Externe []ExternerIndikator `toml:"externer_indikator"`
}

// ExternerIndikator is a yardstick published by someone else. Werte holds
// only values that a source states; without them the page says which
// source would give them.
type ExternerIndikator struct {
	At           decode.At
	ID           string         `toml:"id,pflicht"`
	Name         string         `toml:"name,pflicht"`
	Herausgeber  string         `toml:"herausgeber,pflicht"`
	Rhythmus     string         `toml:"rhythmus"`
	URL          string         `toml:"url"`
	Beschreibung string         `toml:"beschreibung"`
	Quelle       string         `toml:"quelle"` // where the strategy names it
	Werte        []ExternerWert `toml:"werte"`
}

// ExternerWert is one published value of an external yardstick.
type ExternerWert struct {
	At      decode.At
	Datum   Datum   `toml:"datum,pflicht"`
	Wert    float64 `toml:"wert,pflicht"`
	Einheit string  `toml:"einheit"`
	Quelle  string  `toml:"quelle,pflicht"`
}

// MaxDokument is the largest download a strategy may publish. Larger files
// are too slow on a mobile connection; they belong split or compressed.
const MaxDokument = 50 << 20

// DokumentTyp is an allowed file type of a download.
type DokumentTyp struct {
	Name  string // shown on the page, e.g. "PDF"
	MIME  string // for type="…" on the link and for open data
	Sniff string // what net/http.DetectContentType says about such a file
}

// DokumentTypen maps file extensions to the allowed types. Office formats
// are ZIP archives to the sniffer; text formats must be UTF-8, so that
// umlauts arrive intact.
var DokumentTypen = map[string]DokumentTyp{
	".pdf":  {"PDF", "application/pdf", "application/pdf"},
	".odt":  {"ODT", "application/vnd.oasis.opendocument.text", "application/zip"},
	".docx": {"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
	".ods":  {"ODS", "application/vnd.oasis.opendocument.spreadsheet", "application/zip"},
	".xlsx": {"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
	".csv":  {"CSV", "text/csv; charset=utf-8", "text/plain; charset=utf-8"},
	".txt":  {"TXT", "text/plain; charset=utf-8", "text/plain; charset=utf-8"},
}

// Vocabularies of dokumente.toml.
var (
	DokumentArten = map[string]string{
		"strategie":   "Strategiedokument",
		"aktionsplan": "Aktionsplan",
		"bericht":     "Bericht",
		"beschluss":   "Beschluss",
		"sonstiges":   "Sonstiges Dokument",
	}
	Barrierefrei = map[string]string{
		"ja":        "barrierefrei",
		"teilweise": "teilweise barrierefrei",
		"nein":      "nicht barrierefrei",
	}
)
