package translate

import (
	"bytes"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// BenchmarkExportImport exports every text of content/ and imports the
// file back (planning the edits of all 57 files, without writing them).
func BenchmarkExportImport(b *testing.B) {
	site, errs := load.Load("../../content")
	if errs.HasErrors() {
		b.Fatal(errs.Err())
	}
	units := 0
	for i := 0; i < b.N; i++ {
		doc, us, err := Export(site, ExportOptions{Lang: "en", All: true})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		WriteXLIFF(&buf, doc)
		for _, f := range doc.Files {
			for _, u := range f.Units {
				u.SegState = "final"
				u.Target += " (revised)"
			}
		}
		parsed, perrs := ParseXLIFF("en.xlf", bytes.ReplaceAll(buf.Bytes(), []byte(`state="translated"`), []byte(`state="final"`)))
		if parsed == nil {
			b.Fatal(perrs.Err())
		}
		res, ierrs := Import(site, doc, ImportOptions{})
		if ierrs.HasErrors() {
			b.Fatal(ierrs.Err())
		}
		units = len(us)
		_ = res
	}
	b.ReportMetric(float64(units), "units")
}

// BenchmarkMark plans recording the hashes of every translation of content/.
func BenchmarkMark(b *testing.B) {
	site, _ := load.Load("../../content")
	for _, p := range site.Pages {
		p.Source = ""
	}
	for _, f := range model.Texts(site) {
		f.Text.Hashes = nil // as before the first mark: nothing recorded
	}
	marked := 0
	for i := 0; i < b.N; i++ {
		res, errs := Mark(site, MarkOptions{Lang: "en"})
		if errs.HasErrors() {
			b.Fatal(errs.Err())
		}
		marked = len(res.Marked)
	}
	b.ReportMetric(float64(marked), "units")
}
