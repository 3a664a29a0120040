package validate

import (
	"fmt"
	"strings"

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
					return diag.Within(start, s, off)
				}
				if pos, ok := t.LangPos[lang]; ok {
					return pos
				}
				return t.Pos
			}
			what := fmt.Sprintf("%s (%s)", f.What, lang)
			if oneLine(f.Unit) {
				// The templates escape it: it stays literal text.
				checkLine(s, what, at, errs)
				checkSize(s, what, at, errs)
				continue
			}
			checkText(p, s, what, at, errs)
		}
	}
	for _, pg := range site.Pages {
		body := pg.Body
		checkLine(pg.Title, fmt.Sprintf("the title of page %q (%s)", pg.Name, pg.Lang), func(int) diag.Pos { return pg.TitlePos }, errs)
		checkText(p, body, fmt.Sprintf("page %q (%s)", pg.Name, pg.Lang), func(off int) diag.Pos {
			if pg.BodyPos.File == "" {
				return pg.Pos
			}
			return diag.Within(pg.BodyPos, body, off)
		}, errs)
	}
	return errs
}

// oneLine reports whether the field with this translation unit is one
// line of plain text: a title, name, label or heading, which the
// templates put into a heading, a list item or bold type.
func oneLine(unit string) bool {
	for _, f := range []string{".title", ".subtitle", ".name", ".label", ".site_heading", ".service"} {
		if strings.HasSuffix(unit, f) {
			return true
		}
	}
	return false
}

// checkLine refuses a line break inside a one-line field: in the document
// it would end the heading or list item and begin a block of its own.
func checkLine(s, what string, at func(off int) diag.Pos, errs *diag.List) {
	if i := strings.IndexAny(strings.TrimRight(s, "\n"), "\r\n"); i >= 0 {
		errs.Errorf(at(i), "%s is one line of plain text but has a line break: join the lines (in YAML, write it without | or >)", what)
	}
}

func checkSize(s, what string, at func(off int) diag.Pos, errs *diag.List) bool {
	if len(s) > MaxTextSize {
		errs.Errorf(at(0), "%s is too long (%d KiB; at most %d KiB): split it into several texts or pages", what, (len(s)+1023)>>10, MaxTextSize>>10)
		return false
	}
	return true
}

func checkText(p parser.Parser, s, what string, at func(off int) diag.Pos, errs *diag.List) {
	if !checkSize(s, what, at, errs) {
		return
	}
	if off, msg, bad := pathological(s); bad {
		errs.Errorf(at(off), "%s %s", what, msg)
		return
	}
	// The text is parsed on its own, followed by a paragraph of its own:
	// a block the text leaves open swallows that paragraph, as it would
	// swallow every text after it in the document.
	src := make([]byte, 0, len(s)+len(endMark)+3)
	src = append(append(append(src, s...), "\n\n"...), endMark...)
	root := p.Parse(text.NewReader(src))
	if off, ok := tooDeep(root, src); ok {
		errs.Errorf(at(off), "%s has lists or block quotes nested deeper than %d levels: flatten them", what, MaxNesting)
	}
	checkBlocks(root, src, len(s), what, at, errs)
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
