package notice

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/text"

	"trustdocs/generator/markdown"
	"trustdocs/generator/redline"
)

// Passage is one changed place of a document: the section it stands in
// (number and title as the document prints them) and its changed blocks
// (paragraphs, list items, table rows under their header), redlined.
type Passage struct {
	Number, Title string
	Blocks        []string // Markdown with {++…++} and {--…--}
	Diagram       bool     // the section's figure (a diagram) changed
}

// Changes counts the changes of passages: a block is one, a diagram one,
// together with the text of its section that it replaces (blocks wholly
// deleted: "no data for a plan yet").
func Changes(ps []Passage) int {
	n := 0
	for _, p := range ps {
		if !p.Diagram {
			n += len(p.Blocks)
			continue
		}
		n++
		for _, b := range p.Blocks {
			if strings.TrimSpace(accepted(b)) != "" {
				n++
			}
		}
	}
	return n
}

var (
	fenceRe   = regexp.MustCompile("^(```+|~~~+)")
	headingRe = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*$`)
	attrsRe   = regexp.MustCompile(`\s*\{[^{}]*[#.][^{}]*\}\s*$`)
	itemRe    = regexp.MustCompile(`^(?:[-*+]|[0-9]+[.)])\s`)
	delRe     = regexp.MustCompile(`(?s)\{--.*?--\}`)
	insRe     = regexp.MustCompile(`(?s)\{\+\+(.*?)\+\+\}`)
)

// hasMark reports whether Markdown holds a redline mark.
func hasMark(s string) bool { return strings.Contains(s, "{++") || strings.Contains(s, "{--") }

// accepted is the text with the changes accepted: deletions dropped,
// insertions kept.
func accepted(s string) string { return insRe.ReplaceAllString(delRe.ReplaceAllString(s, ""), "$1") }

// Passages gives the changed places of a document from its redline
// (redline.Markdown of old and new), each under the section it stands in.
// A fenced block (the overview plan) cannot hold marks: it is changed when
// old has no block of the same text.
func Passages(red, old []byte) []Passage {
	numbers := headingNumbers(red)
	lines := strings.Split(string(red), "\n")
	var out []Passage
	cur := Passage{}
	heading := 0
	flush := func() {
		if len(cur.Blocks) > 0 || cur.Diagram {
			out = append(out, cur)
		}
	}
	emit := func(block string) { cur.Blocks = append(cur.Blocks, block) }
	for i := 0; i < len(lines); {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			i++
		case fenceRe.MatchString(l):
			fence := fenceRe.FindString(l)
			j := i + 1
			for j < len(lines) && !strings.HasPrefix(lines[j], fence) {
				j++
			}
			block := strings.Join(lines[i:min(j+1, len(lines))], "\n")
			if !strings.Contains(string(old), block) {
				cur.Diagram = true
			}
			i = j + 1
		case headingRe.MatchString(l):
			flush()
			m := headingRe.FindStringSubmatch(l)
			title := strings.TrimSpace(accepted(attrsRe.ReplaceAllString(m[2], "")))
			cur = Passage{Title: markdownText(title)}
			if heading < len(numbers) {
				cur.Number = numbers[heading]
			}
			heading++
			if hasMark(m[2]) { // a changed heading: its text, as a paragraph
				emit(strings.TrimSpace(attrsRe.ReplaceAllString(m[2], "")))
			}
			i++
		default:
			j := i
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" && !fenceRe.MatchString(lines[j]) && !headingRe.MatchString(lines[j]) {
				j++
			}
			block := lines[i:j]
			i = j
			switch {
			case strings.HasPrefix(block[0], "|") && len(block) > 1:
				var rows []string
				for _, r := range block[2:] {
					if hasMark(r) {
						rows = append(rows, r)
					}
				}
				if rows != nil {
					emit(strings.Join(append([]string{block[0], block[1]}, rows...), "\n"))
				}
			case itemRe.MatchString(block[0]):
				var item []string
				done := func() {
					if s := strings.Join(item, "\n"); hasMark(s) {
						emit(s)
					}
				}
				for _, r := range block {
					if itemRe.MatchString(r) && item != nil {
						done()
						item = nil
					}
					item = append(item, r)
				}
				done()
			default:
				if s := strings.Join(block, "\n"); hasMark(s) {
					emit(s)
				}
			}
		}
	}
	flush()
	return out
}

// headingNumbers are the numbers of the document's headings, in order, as
// the renderers number them ("" for an unnumbered one).
func headingNumbers(src []byte) []string {
	md := markdown.New()
	redline.Extension.Extend(md)
	doc := md.Parser().Parse(text.NewReader(src))
	var out []string
	for _, h := range markdown.Headings(doc, src) {
		out = append(out, h.Number)
	}
	return out
}

// markdownText strips the emphasis marks a title may hold.
func markdownText(s string) string {
	return strings.NewReplacer("**", "", "__", "", "`", "", `\`, "").Replace(s)
}
