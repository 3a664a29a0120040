package validate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"trustdocs/generator/diag"
	"trustdocs/generator/markdown"
	"trustdocs/generator/model"
)

// Limits on one text, so that whatever a contributor commits is typeset in
// bounded time and memory: a text is hand-written prose, and lists or
// quotes nested this deep are a mistake or an attack, which the PDF and
// HTML could not show sensibly anyway.
const (
	MaxTextSize = 1 << 20 // bytes of one text or page body
	MaxNesting  = 50      // lists and block quotes inside each other
)

// Limits checks every text of the site and every page body against
// MaxTextSize and MaxNesting. The nesting is measured on the Markdown as
// both backends parse it (package markdown); the error points at the line
// and column where the level too many begins.
func Limits(site *model.Site) *diag.List {
	errs := &diag.List{}
	p := markdown.New().Parser()
	langs := site.LangIDs()
	for _, f := range model.Texts(site) {
		t := f.Text
		if !t.Set {
			continue
		}
		for _, lang := range langs {
			s, ok := t.Values[lang]
			if !ok {
				continue
			}
			at := func(off int) diag.Pos {
				if start, ok := t.Verbatim[lang]; ok {
					return within(start, s, off)
				}
				if pos, ok := t.LangPos[lang]; ok {
					return pos
				}
				return t.Pos
			}
			checkText(p, s, fmt.Sprintf("%s (%s)", f.What, lang), at, errs)
		}
	}
	for _, pg := range site.Pages {
		body := pg.Body
		checkText(p, body, fmt.Sprintf("page %q (%s)", pg.Name, pg.Lang), func(off int) diag.Pos {
			if pg.BodyPos.File == "" {
				return pg.Pos
			}
			return within(pg.BodyPos, body, off)
		}, errs)
	}
	return errs
}

func checkText(p parser.Parser, s, what string, at func(off int) diag.Pos, errs *diag.List) {
	if len(s) > MaxTextSize {
		errs.Errorf(at(0), "%s is too long (%d KiB; at most %d KiB): split it into several texts or pages", what, (len(s)+1023)>>10, MaxTextSize>>10)
		return
	}
	if !mayNest(s) {
		return
	}
	src := []byte(s)
	root := p.Parse(text.NewReader(src))
	if off, ok := tooDeep(root, src); ok {
		errs.Errorf(at(off), "%s has lists or block quotes nested deeper than %d levels: flatten them", what, MaxNesting)
	}
}

// mayNest is a quick test that s has enough list or quote markers to
// reach MaxNesting at all; most texts have none.
func mayNest(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '>', '-', '*', '+', '.', ')':
			n++
			if n > MaxNesting {
				return true
			}
		}
	}
	return false
}

// tooDeep finds the first list or block quote nested MaxNesting+1 deep and
// gives the byte offset in src where it begins.
func tooDeep(root ast.Node, src []byte) (int, bool) {
	var found ast.Node
	depth := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		k := n.Kind()
		if k != ast.KindList && k != ast.KindBlockquote {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		if depth > MaxNesting {
			found = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found == nil {
		return 0, false
	}
	off := firstOffset(found)
	if off < 0 {
		return 0, true
	}
	// On the line of the first text inside, the level too many is the
	// (MaxNesting+1)th container marker, if the nesting is on that line.
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	if m := nthMarker(src[start:off], MaxNesting+1); m >= 0 {
		return start + m, true
	}
	i := start
	for i < off && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i, true
}

// firstOffset is where the first line of text inside n begins, or -1.
func firstOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return -1
}

// nthMarker is the offset of the nth block quote or list marker ("> ",
// "- ", "* ", "+ ", "1. ", "1) ") in a line prefix of markers, or -1.
func nthMarker(line []byte, nth int) int {
	count, i := 0, 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		start := i
		switch c := line[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			i++
		case c >= '0' && c <= '9':
			for i < len(line) && line[i] >= '0' && line[i] <= '9' {
				i++
			}
			if i >= len(line) || line[i] != '.' && line[i] != ')' {
				return -1
			}
			i++
		default:
			return -1
		}
		count++
		if count == nth {
			return start
		}
	}
	return -1
}

// within is the position of byte off of text, which starts at start and
// stands in the file line for line.
func within(start diag.Pos, s string, off int) diag.Pos {
	if start.File == "" {
		return start
	}
	before := s[:off]
	nl := strings.LastIndexByte(before, '\n')
	col := utf8.RuneCountInString(before[nl+1:])
	if nl < 0 {
		return diag.Pos{File: start.File, Line: start.Line, Col: start.Col + col}
	}
	return diag.Pos{File: start.File, Line: start.Line + strings.Count(before, "\n"), Col: start.Col + col}
}
