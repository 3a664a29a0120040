package redline

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// releasePairs are the changed documents between consecutive releases of
// content/, in both languages: the redlines a build of content/ makes.
func releasePairs(tb testing.TB) [][2][]byte {
	var out [][2][]byte
	for _, lang := range []string{"de", "en"} {
		dirs, _ := filepath.Glob("../../content/releases/*/" + lang)
		sort.Strings(dirs)
		for i := 1; i < len(dirs); i++ {
			files, _ := filepath.Glob(filepath.Join(dirs[i], "*.md"))
			for _, f := range files {
				old, err := os.ReadFile(filepath.Join(dirs[i-1], filepath.Base(f)))
				if err != nil {
					continue
				}
				new, err := os.ReadFile(f)
				if err != nil {
					tb.Fatal(err)
				}
				if !bytes.Equal(old, new) {
					out = append(out, [2][]byte{old, new})
				}
			}
		}
	}
	if len(out) == 0 {
		tb.Skip("content/ has no changed documents between releases")
	}
	return out
}

// BenchmarkReleases redlines every changed document of content/'s
// releases once per op.
func BenchmarkReleases(b *testing.B) {
	pairs := releasePairs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pairs {
			Markdown(p[0], p[1])
		}
	}
}
