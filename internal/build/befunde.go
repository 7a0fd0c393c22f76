package build

import (
	"bytes"
	"encoding/gob"
	"os"

	"tdsite/internal/buildcache"
	"tdsite/internal/markdown"
)

// befundeDatei is the file of the Markdown findings of one build, beside
// its record (buildcache.MarkdownFile). gob, not JSON like the record:
// at 10,000 pages it holds megabytes that an incremental build reads
// before it can check anything.
type befundeDatei struct {
	Version int    // buildcache.Version
	Output  string // buildcache.State.Output of the build that found them
	Befunde *markdown.Befunde
}

// saveBefunde writes the findings of the build whose output is output.
func saveBefunde(file, output string, b *markdown.Befunde) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(befundeDatei{Version: buildcache.Version, Output: output, Befunde: b}); err != nil {
		return err
	}
	return buildcache.WriteFile(file, buf.Bytes())
}

// loadBefunde reads the findings of the build recorded in st: nil if the
// file is missing, damaged, of another version or of another build, which
// only costs parsing every text again.
func loadBefunde(file string, st *buildcache.State) *markdown.Befunde {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var d befundeDatei
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&d) != nil || d.Version != buildcache.Version || !buildcache.Same(d.Output, st.Output) {
		return nil
	}
	return d.Befunde
}
