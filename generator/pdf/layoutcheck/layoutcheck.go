// Package layoutcheck reads a PDF back with poppler's pdftotext
// -bbox-layout and counts what a typesetter would mark on a proof: loose
// justified lines, headings and labels stranded at a page foot, widows and
// orphans, hyphens ending consecutive lines, and words broken without a
// hyphen. It is a test helper: it knows the page geometry of
// generator/pdf, not how the PDF was made.
package layoutcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"trustdocs/generator/pdf/pdfcheck"
)

// Counts is what Check found; Where lists each finding as "p. N: what".
type Counts struct {
	Pages, Lines   int // body lines
	Justified      int // lines set to the full column width
	Loose          int // justified lines with word gaps over 1.5× a natural space
	Stranded       int // a heading or a label ending in ":" with fewer than two lines after it at a page foot
	Orphans        int // a paragraph's first line alone at a page foot
	Widows         int // a paragraph's last line alone at a page head
	HyphenRuns     int // lines ending in a hyphen right after a line ending in one
	Hyphens        int // lines ending in a hyphenated (or compound-hyphen) break
	FirstWord      int // hyphenated lines whose only word is the broken one: a line's first word broken
	BrokenNoHyphen int // a word broken across lines without a hyphen
	MaxGap         float64
	Where          []string
}

func (c Counts) String() string {
	return fmt.Sprintf("pages %d, lines %d, justified %d, loose %d, stranded %d, orphans %d, widows %d, hyphenated %d, hyphens in a row %d, first word hyphenated %d, broken without hyphen %d, widest gap %.2f× a space",
		c.Pages, c.Lines, c.Justified, c.Loose, c.Stranded, c.Orphans, c.Widows, c.Hyphens, c.HyphenRuns, c.FirstWord, c.BrokenNoHyphen, c.MaxGap)
}

// Add sums two counts (for a set of documents).
func (c *Counts) Add(o Counts) {
	c.Pages += o.Pages
	c.Lines += o.Lines
	c.Justified += o.Justified
	c.Loose += o.Loose
	c.Stranded += o.Stranded
	c.Orphans += o.Orphans
	c.Widows += o.Widows
	c.HyphenRuns += o.HyphenRuns
	c.Hyphens += o.Hyphens
	c.FirstWord += o.FirstWord
	c.BrokenNoHyphen += o.BrokenNoHyphen
	c.MaxGap = max(c.MaxGap, o.MaxGap)
	c.Where = append(c.Where, o.Where...)
}

// Geometry of the text area in points from the page top: lines above Top
// are the running header, below Bottom the footer. The defaults are
// generator/pdf's A4 page (header at 16 mm, footer at 284 mm).
type Geometry struct{ Top, Bottom float64 }

var Default = Geometry{Top: 60, Bottom: 785}

// LooseRatio is the gap, in natural spaces, above which a line is loose.
const LooseRatio = 1.5

// spaceEm is the width of a space of Liberation Serif in em; emPerHeight
// turns pdftotext's word height (ascent + descent) into the font size.
const (
	spaceEm     = 0.25
	emPerHeight = 1 / 1.107
)

type word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type line struct {
	XMin  float64 `xml:"xMin,attr"`
	YMin  float64 `xml:"yMin,attr"`
	XMax  float64 `xml:"xMax,attr"`
	YMax  float64 `xml:"yMax,attr"`
	Words []word  `xml:"word"`
}

type block struct {
	Lines []line `xml:"line"`
}

type flow struct {
	Blocks []block `xml:"block"`
}

type page struct {
	Flows []flow `xml:"flow"`
}

type doc struct {
	Pages []page `xml:"body>doc>page"`
}

func (l line) text() string {
	var ws []string
	for _, w := range l.Words {
		ws = append(ws, w.Text)
	}
	return strings.Join(ws, " ")
}

func (l line) height() float64 { return l.YMax - l.YMin }

// File checks the PDF at path.
func File(path string, g Geometry) (Counts, error) {
	// On a copy without output intent: what poppler spends most of its time on (see pdfcheck.TextCommand).
	cmd, done, err := pdfcheck.TextCommand("pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-")
	defer done()
	if err != nil {
		return Counts{}, err
	}
	out, err := cmd.Output()
	if err != nil {
		return Counts{}, fmt.Errorf("pdftotext %s: %v", path, err)
	}
	return Check(out, g)
}

var (
	headingNumber = regexp.MustCompile(`^\d+(\.\d+)*$`)
	tocEntry      = regexp.MustCompile(`\s\d+$`)
)

// Check counts the findings in pdftotext -bbox-layout output.
func Check(xhtml []byte, g Geometry) (Counts, error) {
	var d doc
	dec := xml.NewDecoder(bytes.NewReader(xhtml))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		return Counts{}, fmt.Errorf("reading pdftotext output: %v", err)
	}
	var c Counts
	type pageLines struct {
		n     int
		lines []line // body lines, top to bottom
	}
	var pages []pageLines
	rights := map[float64]int{}
	vocab := map[string]bool{}
	for pi, p := range d.Pages {
		var body []line
		header := false
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					switch {
					case l.YMax < g.Top:
						header = true
					case l.YMin > g.Bottom:
					default:
						body = append(body, l)
					}
				}
			}
		}
		if !header {
			continue // the cover
		}
		sort.SliceStable(body, func(i, j int) bool {
			if math.Abs(body[i].YMin-body[j].YMin) > 1 {
				return body[i].YMin < body[j].YMin
			}
			return body[i].XMin < body[j].XMin
		})
		pages = append(pages, pageLines{n: pi + 1, lines: body})
		for _, l := range body {
			if len(l.Words) >= 4 {
				rights[math.Round(l.XMax*2)/2]++
			}
			for i, w := range l.Words {
				if i > 0 && i < len(l.Words)-1 {
					vocab[strings.ToLower(strings.TrimFunc(w.Text, notWord))] = true
				}
			}
		}
	}
	right, most := 0.0, 0
	for x, n := range rights {
		if n > most || n == most && x > right {
			right, most = x, n
		}
	}
	c.Pages = len(pages)
	where := func(p int, format string, args ...any) {
		c.Where = append(c.Where, fmt.Sprintf("p. %d: ", p)+fmt.Sprintf(format, args...))
	}
	bodyH := 0.0 // the commonest line height: running text
	{
		hs := map[float64]int{}
		for _, p := range pages {
			for _, l := range p.lines {
				hs[math.Round(l.height()*10)/10]++
			}
		}
		n := 0
		for h, k := range hs {
			if k > n {
				bodyH, n = h, k
			}
		}
	}
	atEdge := func(l line) bool { return math.Abs(l.XMax-right) < 1 && len(l.Words) >= 3 }
	isHeading := func(l line) bool {
		if len(l.Words) == 0 || tocEntry.MatchString(l.text()) || headingNumber.MatchString(l.text()) || strings.HasSuffix(l.text(), ". .") {
			return false
		}
		return headingNumber.MatchString(l.Words[0].Text) && len(l.Words) > 1 || l.height() > bodyH*1.15
	}
	isLabel := func(l line) bool {
		return strings.HasSuffix(l.text(), ":") && !atEdge(l)
	}
	// gapAfter is the vertical space between line i and the next on the
	// page, in line heights of running text; a paragraph gap is more than
	// half a line more than the line distance.
	for _, p := range pages {
		ls := p.lines
		c.Lines += len(ls)
		for i, l := range ls {
			if atEdge(l) {
				c.Justified++
				size := l.height() * emPerHeight
				var gaps []float64
				for k := 1; k < len(l.Words); k++ {
					gaps = append(gaps, l.Words[k].XMin-l.Words[k-1].XMax)
				}
				sort.Float64s(gaps)
				ratio := gaps[len(gaps)/2] / (spaceEm * size)
				c.MaxGap = max(c.MaxGap, ratio)
				if ratio > LooseRatio {
					c.Loose++
					where(p.n, "loose line (%.2f× a space): %s", ratio, l.text())
				}
			}
			if i+1 < len(ls) && sameColumn(l, ls[i+1]) {
				next := ls[i+1]
				last := l.Words[len(l.Words)-1].Text
				first := next.Words[0].Text
				if endsHyphen(last) && startsLetter(first) {
					c.Hyphens++
					if len(l.Words) == 1 {
						c.FirstWord++
						where(p.n, "first word hyphenated: %s | %s", l.text(), next.text())
					}
					if i > 0 && sameColumn(ls[i-1], l) && endsHyphen(ls[i-1].Words[len(ls[i-1].Words)-1].Text) && startsLetter(l.Words[0].Text) {
						c.HyphenRuns++
						where(p.n, "hyphens in a row: %s | %s", ls[i-1].text(), l.text())
					}
				}
				if brokenWord(last, first, vocab) {
					c.BrokenNoHyphen++
					where(p.n, "word broken without a hyphen: %s|%s", last, first)
				}
			}
		}
		if len(ls) == 0 {
			continue
		}
		// The foot: a heading or label with nothing after it, or with one
		// line of a paragraph that goes on over the page.
		for k := max(0, len(ls)-2); k < len(ls); k++ {
			intro := isHeading(ls[k]) || isLabel(ls[k])
			if intro && (k == len(ls)-1 || atEdge(ls[len(ls)-1]) && !isHeading(ls[len(ls)-1])) {
				c.Stranded++
				where(p.n, "stranded at the foot: %s", ls[k].text())
				break
			}
		}
		lastL := ls[len(ls)-1]
		if len(ls) >= 2 && atEdge(lastL) && paraGap(ls[len(ls)-2], lastL, bodyH) {
			c.Orphans++
			where(p.n, "orphan (first line alone at the foot): %s", lastL.text())
		}
	}
	for k := 1; k < len(pages); k++ {
		prev, cur := pages[k-1].lines, pages[k].lines
		if len(prev) == 0 || len(cur) == 0 {
			continue
		}
		first := cur[0]
		ended := len(cur) == 1 || paraGap(first, cur[1], bodyH) || !sameColumn(first, cur[1])
		if atEdge(prev[len(prev)-1]) && !atEdge(first) && ended && !isHeading(first) && first.XMin >= prev[len(prev)-1].XMin-1 {
			c.Widows++
			where(pages[k].n, "widow (last line alone at the head): %s", first.text())
		}
	}
	return c, nil
}

// sameColumn reports whether b is the line after a in the same column.
func sameColumn(a, b line) bool {
	return b.YMin > a.YMin+1 && b.YMin-a.YMax < a.height() && math.Abs(a.XMin-b.XMin) < 60 && b.XMin < a.XMax
}

// paraGap reports more space between a and b than between lines of a paragraph.
func paraGap(a, b line, bodyH float64) bool {
	return b.YMin-a.YMax > 0.6*bodyH
}

func endsHyphen(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r != '-' && r != '\u2010' && r != '\u00AD' { // Typst ends a line in a soft hyphen
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "-\u2010\u00AD"))
	return unicode.IsLetter(p)
}

func startsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// brokenWord reports a line ending in a and the next starting with b where
// a and b are two pieces of one word: a+b is a word of the document and a
// is not. URLs and paths break after a slash by design.
func brokenWord(a, b string, vocab map[string]bool) bool {
	if a == "" || b == "" || endsHyphen(a) || strings.ContainsAny(a, "/") {
		return false
	}
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if !(unicode.IsLetter(ra) || unicode.IsDigit(ra)) || !(unicode.IsLetter(rb) || unicode.IsDigit(rb)) {
		return false
	}
	wa := strings.ToLower(strings.TrimLeftFunc(a, notWord))
	wb := strings.ToLower(strings.TrimRightFunc(b, notWord))
	return vocab[wa+wb] && !vocab[wa]
}
