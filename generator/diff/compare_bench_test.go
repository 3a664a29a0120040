package diff

import (
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// BenchmarkCompareContent compares content/'s model with itself, the cost
// of a diff without changes (every measure is still named).
func BenchmarkCompareContent(b *testing.B) {
	site, errs := load.Load("../../content")
	if errs.HasErrors() {
		b.Fatal(errs.Err())
	}
	r := model.Localize(site, "de")
	b.ResetTimer()
	for range b.N {
		Compare(r, r, nil)
	}
}
