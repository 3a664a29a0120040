package pdf

import "trustdocs/generator/ttf"

// metrics are a face's advance widths, coverage and vertical metrics
// (package ttf), in 1/1000 em rounded as fpdf rounds them for /W.
type metrics = ttf.Metrics

func parseMetrics(b []byte) (*metrics, error) { return ttf.Parse(b) }
