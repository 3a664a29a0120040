package validate

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"trustdocs/generator/diag"
	"trustdocs/generator/links"
	"trustdocs/generator/markdown"
)

// What one text may hold, checked on the text alone: the templates join
// many texts into one document, where a block one text leaves open would
// swallow all that follows, and the layouts and the plan own some of the
// Markdown's forms.
const (
	// MaxColumns is the widest table a page shows legibly.
	MaxColumns = 20
	// MaxOpenLinks bounds the "](" without a ")" after them: goldmark
	// takes time quadratic in their number (100,000 take minutes).
	MaxOpenLinks = 1000
	// MaxDelimiters bounds each kind of inline delimiter ([ * _ < `):
	// goldmark's work grows faster than their number.
	MaxDelimiters = 50000
)

// endMark is the paragraph parsed after each text: if it is not a
// paragraph of its own at the end, the text left a block open.
const endMark = "trustdocs-end-of-text\n"

// maxDelimiters bounds each kind of inline delimiter.
var maxDelimiters = map[byte]int{'[': MaxDelimiters, '*': MaxDelimiters, '_': MaxDelimiters, '`': MaxDelimiters, '<': MaxDelimiters}

// MaxTagScan bounds the bytes goldmark reads looking for the ">" of a "<":
// from each "<" that has none, to the end of its paragraph.
const MaxTagScan = 10_000_000

// pathological finds input goldmark would take too long over, before it is
// parsed, in one pass: where it is and what to do.
func pathological(s string) (int, string, bool) {
	var count [128]int
	open, first, pending := 0, -1, -1 // pending: a "](" no ")" has followed yet
	lineStart := true
	unclosedLT, scan := 0, 0 // "<" without ">" yet in this paragraph; bytes goldmark reads for them
	for i := 0; i < len(s); i++ {
		c := s[i]
		scan += unclosedLT
		if scan > MaxTagScan {
			return i, fmt.Sprintf("has %d \"<\" without a \">\" in a paragraph this long: escape them as \\<, or break the paragraph up", unclosedLT), true
		}
		if lineStart {
			lineStart = false
			if blankLine(s[i:]) {
				unclosedLT = 0 // a blank line ends the paragraph
			}
			// Block quotes and lists nested on one line ("> > > …"):
			// goldmark's time grows with the square of the depth.
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				end = len(s) - i
			}
			if m := nthMarker([]byte(s[i:i+min(end, 4*MaxNesting+8)]), MaxNesting+1); m >= 0 {
				return i + m, fmt.Sprintf("has lists or block quotes nested deeper than %d levels: flatten them", MaxNesting), true
			}
		}
		switch c {
		case '\n':
			lineStart = true
		case '>':
			unclosedLT = 0
		case '[', '*', '_', '<', '`':
			if c == '<' {
				unclosedLT++
			}
			count[c]++
			if count[c] > maxDelimiters[c] {
				return i, fmt.Sprintf("has more than %d %q: split it into several texts, or escape them as \\%c", maxDelimiters[c], c, c), true
			}
		case ')':
			pending = -1
		case ']':
			if i+1 < len(s) && s[i+1] == '(' {
				if pending >= 0 {
					open++
				}
				if first < 0 {
					first = i
				}
				pending = i
			}
		}
		if open > MaxOpenLinks {
			return first, fmt.Sprintf("has more than %d links without a closing \")\" (the first here): close them, or escape the [ as \\[", MaxOpenLinks), true
		}
	}
	return 0, "", false
}

// blankLine reports whether s begins with a line of only blanks.
func blankLine(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t':
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// checkBlocks reports, in a text parsed with endMark after it (the text is
// src[:n]), every block that stays open, raw HTML, a plan block, a heading
// with an id the layout uses, and tables too wide for a page.
func checkBlocks(root ast.Node, src []byte, n int, what string, at func(off int) diag.Pos, errs *diag.List) {
	reported := false
	_ = ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch nd := node.(type) {
		case *ast.HTMLBlock:
			off := lineStart(nd, src, n)
			snippet := firstLine(src[off:n])
			if openPast(nd, n) {
				errs.Errorf(at(off), "%s opens raw HTML %q that is never closed, so it would swallow the rest of the document: raw HTML is not shown; write Markdown, or escape the < as \\<", what, snippet)
				reported = true
			} else {
				errs.Errorf(at(off), "%s holds raw HTML %q, which is not shown: write Markdown instead, or escape the < as \\<", what, snippet)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if nd.Segments.Len() > 0 {
				off := nd.Segments.At(0).Start
				if off < n {
					errs.Errorf(at(off), "%s holds raw HTML %q, which is not shown: escape the < as \\<, or write a link as <https://…>", what, firstLine(src[off:min(n, nd.Segments.At(nd.Segments.Len()-1).Stop)]))
				}
			}
		case *ast.FencedCodeBlock:
			off := fenceLine(nd, src, n)
			if openPast(nd, n) {
				errs.Errorf(at(off), "%s opens a code block %q that is never closed, so it would swallow the rest of the document: close it with a line %s", what, firstLine(src[off:n]), fenceOf(src[off:n]))
				reported = true
			} else if nd.Info != nil {
				info := strings.Fields(string(nd.Info.Segment.Value(src)))
				if len(info) > 0 && strings.EqualFold(info[0], markdown.PlanInfo) {
					errs.Errorf(at(off), "%s holds a %s block: the overview plan is drawn from plan.yaml where the template puts it; remove the block, or name its language otherwise", what, markdown.PlanInfo)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if v, ok := nd.AttributeString("id"); ok {
				if id, _ := v.([]byte); markdown.ReservedIDs[string(id)] {
					off := 0
					if nd.Lines().Len() > 0 {
						off = min(nd.Lines().At(0).Start, n)
					}
					errs.Errorf(at(off), "%s has a heading with the id %q, which the page layout uses itself: give the heading another {#id}", what, id)
				}
			}
		case *ast.Image:
			// Neither the PDF nor the site shows an image: the reader would
			// get its description in place of it.
			errs.Errorf(at(inlineStart(nd, src, n, "![")), "%s holds an image %q, which no document shows (it would print its description instead): describe it in words, or leave it out", what, nd.Destination)
		case *ast.Link:
			if dest := string(nd.Destination); !strings.HasPrefix(dest, "#") && links.Safe(dest) == "" {
				errs.Errorf(at(inlineStart(nd, src, n, "[")), "%s links to %q, which no document makes clickable (only https://, http://, mailto: and tel: with digits are): write the full https:// address, or the words without a link", what, dest)
			}
		case *ast.AutoLink:
			if nd.AutoLinkType == ast.AutoLinkURL {
				if u := string(nd.URL(src)); links.Safe(u) == "" {
					errs.Errorf(at(max(0, min(bytes.Index(src, []byte("<"+u)), n))), "%s links to %q, which no document makes clickable (only https://, http://, mailto: and tel: with digits are): write the full https:// address, or the words without a link", what, u)
				}
			}
		case *east.Table:
			cols := 0
			if h := nd.FirstChild(); h != nil {
				cols = h.ChildCount()
			}
			if cols > MaxColumns {
				off := 0
				if h := nd.FirstChild(); h != nil && h.FirstChild() != nil && h.FirstChild().Lines().Len() > 0 {
					off = min(h.FirstChild().Lines().At(0).Start, n)
				}
				errs.Errorf(at(lineAt(src, off)), "%s has a table of %d columns, more than the %d a page shows legibly: split it into several tables, or turn rows into columns", what, cols, MaxColumns)
			}
		}
		return ast.WalkContinue, nil
	})
	if reported {
		return
	}
	// Any other construct that reaches past the text (none is known) is
	// still refused: the end mark must be a paragraph of its own.
	last := root.LastChild()
	if p, ok := last.(*ast.Paragraph); !ok || p.Lines().Len() != 1 || p.Lines().At(0).Start != len(src)-len(endMark) {
		errs.Errorf(at(0), "%s leaves a block open that would swallow the rest of the document: close what it opens", what)
	}
}

// inlineStart is the offset where an inline node (a link, an image) begins
// in src: before its first text by the length of its opening (open), or,
// for one without text, its line's start.
func inlineStart(nd ast.Node, src []byte, n int, open string) int {
	off := -1
	_ = ast.Walk(nd, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := nd.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				return min(p.Lines().At(0).Start, n)
			}
		}
		return 0
	}
	return max(0, min(off-len(open), n))
}

// openPast reports whether a block's lines reach beyond the text's end.
func openPast(b ast.Node, n int) bool {
	l := b.Lines()
	return l.Len() > 0 && l.At(l.Len()-1).Stop > n
}

// lineStart is where a block's first line begins (clamped to the text).
func lineStart(b ast.Node, src []byte, n int) int {
	if b.Lines().Len() == 0 {
		return 0
	}
	return lineAt(src, min(b.Lines().At(0).Start, n))
}

// fenceLine is where the opening fence of a code block begins: the line
// before its first line of code.
func fenceLine(b *ast.FencedCodeBlock, src []byte, n int) int {
	if b.Info != nil {
		return lineAt(src, min(b.Info.Segment.Start, n))
	}
	if b.Lines().Len() == 0 {
		return 0
	}
	first := min(b.Lines().At(0).Start, n)
	if first == 0 {
		return 0
	}
	return lineAt(src, first-1)
}

// lineAt is the start of the line holding off, after its indentation.
func lineAt(src []byte, off int) int {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	for start < off && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	return start
}

// firstLine is the first line of b, shortened for a message.
func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	s := strings.TrimSpace(string(b))
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// fenceOf is the fence that closes the code block opened by line.
func fenceOf(line []byte) string {
	line = bytes.TrimLeft(line, " \t")
	i := 0
	for i < len(line) && line[i] == line[0] {
		i++
	}
	return string(line[:i])
}
