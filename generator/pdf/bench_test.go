package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkRender renders a document of about 50 pages and reports pages
// per second; LoadFonts is outside the loop, as in a real build.
func BenchmarkRender(b *testing.B) {
	fonts := testFonts(b)
	md := []byte(longDoc(16, 4, 4))
	out, _, err := Render(md, testMeta(), fonts)
	if err != nil {
		b.Fatal(err)
	}
	pages := pageCount(b, writePDF(b, out))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Render(md, testMeta(), fonts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkLongWord renders one paragraph that is a single unbroken word of
// the given size, of letters or of digits (issue 20: the breaker was
// quadratic in it, and cubic for letters).
func BenchmarkLongWord(b *testing.B) {
	fonts := testFonts(b)
	for _, c := range []struct{ kind, unit string }{{"letters", "Auftragsverarbeitung"}, {"digits", "01234567890123456789"}} {
		for _, kb := range []int{20, 80, 320} {
			md := []byte(strings.Repeat(c.unit, kb*1024/20) + "\n")
			b.Run(fmt.Sprintf("%s/%dKB", c.kind, kb), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := Render(md, testMeta(), fonts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
