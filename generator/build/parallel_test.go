package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"trustdocs/generator/pdf"
)

// A build typesetting its PDFs on many goroutines writes exactly the bytes
// of a build on one (run with -race: the fonts and the renderer are shared).
func TestParallelMatchesSequential(t *testing.T) {
	t.Parallel()
	fonts, err := pdf.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	var outs [2]string
	var res [2]*Result
	counts, audience := []int{1, 8}, ""
	if raceDetector {
		// The detector needs the workers side by side, not the comparison
		// (the plain run's), nor all of the typesetting.
		counts, audience = []int{8}, "public"
	}
	for i, workers := range counts {
		outs[i] = filepath.Join(t.TempDir(), "out")
		r, diags, err := Build(Options{Content: "../../content", Out: outs[i], Fonts: fonts, Workers: workers, Audience: audience})
		if err != nil {
			t.Fatalf("%v\n%v", err, diags.Items())
		}
		res[i] = r
	}
	if raceDetector {
		outs[1], res[1] = outs[0], res[0]
	}
	if len(res[0].Files) != len(res[1].Files) || res[0].Pages != res[1].Pages {
		t.Fatalf("1 worker: %d files, %d pages; 8 workers: %d files, %d pages", len(res[0].Files), res[0].Pages, len(res[1].Files), res[1].Pages)
	}
	for _, name := range res[0].Files {
		a, err := os.ReadFile(filepath.Join(outs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(outs[1], name))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 8 workers", name)
		}
	}
	tm := res[1].Timings
	var sum time.Duration
	for _, s := range tm.Stages() {
		if s.D < 0 {
			t.Errorf("stage %s: negative time %v", s.Name, s.D)
		}
		sum += s.D
	}
	if tm.PDF <= 0 || sum > tm.Total {
		t.Errorf("timings do not add up: %+v (sum %v)", tm, sum)
	}
}
