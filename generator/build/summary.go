package build

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Summary is what the CLI prints after a build into out: one line ("built
// 42 files into output: 18 PDF (312 pages), 24 HTML in 0.41 s"), with
// verbose every file before it, with timings the time of each stage after.
func (r *Result) Summary(out string, verbose, timings bool) string {
	var b strings.Builder
	html := 0
	for _, f := range r.Files {
		if strings.HasSuffix(f, ".html") {
			html++
		}
		if verbose {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	fmt.Fprintf(&b, "built %d files into %s: %d PDF (%d pages), %d HTML in %.2f s\n",
		len(r.Files), out, r.PDFs, r.Pages, html, r.Timings.Total.Seconds())
	if timings {
		var parts []string
		for _, s := range r.Timings.Stages() {
			parts = append(parts, fmt.Sprintf("%s %.3f s", s.Name, s.D.Seconds()))
		}
		fmt.Fprintf(&b, "stages: %s\n", strings.Join(parts, ", "))
	}
	return b.String()
}

// maxEpoch is 9999-12-31T23:59:59Z, the last second a PDF date can hold.
const maxEpoch = 253402300799

// SourceDateEpoch reads the value of SOURCE_DATE_EPOCH
// (reproducible-builds.org), the date to write into the PDFs instead of each
// document's own date; "" is the zero time.
func SourceDateEpoch(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	if sec > maxEpoch {
		// A PDF date has four digits for the year.
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is after the year 9999: give at most %d", v, maxEpoch)
	}
	return time.Unix(sec, 0).UTC(), nil
}
