package lint

import (
	"testing"

	"trustdocs/generator/load"
)

// BenchmarkLint lints content/ (every text against every superseded-law pattern).
func BenchmarkLint(b *testing.B) {
	site, errs := load.Load("../../content")
	if errs.HasErrors() {
		b.Fatal(errs.Err())
	}
	for i := 0; i < b.N; i++ {
		if _, err := Run(site, Options{Today: today}); err != nil {
			b.Fatal(err)
		}
	}
}
