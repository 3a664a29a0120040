package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"trustdocs/generator/pdf"
)

// Two builds of the same content give byte-identical files.
func TestReproducible(t *testing.T) {
	t.Parallel()
	var outs [2]string
	for i := range outs {
		outs[i] = filepath.Join(t.TempDir(), "out")
		if _, diags, err := Build(Options{Content: "../../testdata/minimal", Out: outs[i]}); err != nil {
			t.Fatalf("%v\n%v", err, diags.Items())
		}
	}
	err := filepath.Walk(outs[0], func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(outs[0], p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(outs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBuild measures a full build of content/ (both languages, all
// documents, PDF included), fonts parsed once as in a long-running process.
func BenchmarkBuild(b *testing.B) {
	fonts, err := pdf.LoadFonts()
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out")
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, _, err := Build(Options{Content: "../../content", Out: out, Fonts: fonts})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
