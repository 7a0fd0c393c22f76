package gm

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestTomlDeep(t *testing.T) {
	for _, n := range []int{1000, 4000, 16000} {
		for name, src := range map[string]string{
			"array":  "beteiligt = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n",
			"inline": "kosten_nutzen = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n",
			"dotted": "a" + strings.Repeat(".a", n) + " = 1\n",
		} {
			start := time.Now()
			root := map[string]any{}
			_, err := toml.NewDecoder(bytes.NewReader([]byte(src))).Decode(&root)
			t.Logf("%-8s n=%7d %v err=%v", name, n, time.Since(start), err != nil)
		}
	}
}
