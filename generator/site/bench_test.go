package site_test

import (
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/render"
	"trustdocs/generator/site"
	"trustdocs/generator/theme"
)

// BenchmarkBuild measures site.Build for content/ (both languages, every
// page, checksums), with the documents rendered and PDFs given beforehand.
func BenchmarkBuild(b *testing.B) {
	s, _, diags := build.Check("../../content")
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	th, err := theme.Open("")
	if err != nil {
		b.Fatal(err)
	}
	docs, err := render.Documents(s, th)
	if err != nil {
		b.Fatal(err)
	}
	pdfs := map[string][]byte{}
	for _, d := range docs {
		pdfs[site.PDFPath(d)] = make([]byte, 150_000)
	}
	in := site.Input{Site: s, Docs: docs, PDFs: pdfs, Theme: th}
	size := 0
	b.ResetTimer()
	for b.Loop() {
		files, err := site.Build(in)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for name, data := range files {
			if name[len(name)-4:] != ".pdf" {
				size += len(data)
			}
		}
	}
	b.ReportMetric(float64(size), "site-bytes")
}
