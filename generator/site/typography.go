package site

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"trustdocs/generator/hyphen"
)

// The site's typography, the same as the PDF's: no-break spaces where
// German typography wants them ("§ 5", "10 %", "z. B.": hyphen.Ties), and
// in table cells soft hyphens at the TeX patterns' points of long words,
// so that a narrow column breaks "Auftrags­verarbeiter" with a hyphen and
// never inside a word without one (browsers' own hyphens: auto depends on
// dictionaries a reader's system may lack).

// softHyphenMin is the shortest word that gets soft hyphens in a cell.
const softHyphenMin = 10

var defaultText = func() renderer.NodeRendererFunc {
	var f renderer.NodeRendererFunc
	ghtml.NewRenderer().RegisterFuncs(registerFunc(func(k ast.NodeKind, fn renderer.NodeRendererFunc) {
		if k == ast.KindText {
			f = fn
		}
	}))
	return f
}()

type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (r registerFunc) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r(k, f) }

// text renders a text node as goldmark does, after the ties and, in a
// table cell, the soft hyphens.
func (r *htmlRenderer) text(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Text)
	if !entering || n.IsRaw() {
		return defaultText(w, src, node, entering)
	}
	v := string(n.Segment.Value(src))
	t := hyphen.Ties(v)
	if r.inCell {
		t = joinAbbreviations(softHyphens(t, r.hy))
	}
	if t == v {
		return defaultText(w, src, node, entering)
	}
	c := ast.NewTextSegment(text.NewSegment(0, len(t)))
	c.SetSoftLineBreak(n.SoftLineBreak())
	c.SetHardLineBreak(n.HardLineBreak())
	return defaultText(w, []byte(t), c, entering)
}

// softHyphens puts U+00AD at the hyphenation points of each long word of s.
func softHyphens(s string, h *hyphen.Hyphenator) string {
	if h == nil || len(s) < softHyphenMin {
		return s
	}
	var b strings.Builder
	for i, tok := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		pre, word, post, ok := hyphen.Word(tok)
		if !ok || utf8.RuneCountInString(word) < softHyphenMin || strings.ContainsAny(tok, "&\\;") {
			b.WriteString(tok)
			continue
		}
		b.WriteString(pre)
		for k, part := range strings.Split(word, "-") {
			if k > 0 {
				b.WriteByte('-')
			}
			b.WriteString(hyphen.Join(part, h.Points(part), "\u00AD"))
		}
		b.WriteString(post)
	}
	return b.String()
}

// abbreviation is a hyphenated compound of two short capitalised parts,
// "DS-GVO", "EU-US": a narrow column must not break it at its hyphen.
var abbreviation = regexp.MustCompile(`\b(\p{Lu}[\p{Lu}\d]{0,3})-(\p{Lu}[\p{Lu}\d]{0,3})\b`)

// joinAbbreviations puts a word joiner (U+2060, invisible, and ignored by
// a browser's search) after the hyphen of each such compound.
func joinAbbreviations(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	return abbreviation.ReplaceAllString(s, "$1-\u2060$2")
}
