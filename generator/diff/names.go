package diff

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"trustdocs/generator/markdown"
	"trustdocs/generator/model"
)

// MaxName is how many characters a measure's name taken from its text may
// have; a longer first sentence is cut at a word boundary and ends in "…".
const MaxName = 80

// MeasureName is how a reader knows a measure: its title, else the first
// sentence of its text as plain text (no Markdown), shortened. Never its
// ID, which is the authors' handle, not the reader's.
func MeasureName(m model.RMeasure) string {
	if t := strings.TrimSpace(m.Title); t != "" {
		return t
	}
	return shorten(firstSentence(plainStart(m.Text)), MaxName)
}

// parsers are goldmark parsers as the documents use them; making one
// costs far more than parsing a measure's text.
var parsers = sync.Pool{New: func() any { return markdown.New().Parser() }}

// plainStart is the plain text of the first block of Markdown that has
// any: a paragraph, a list item, a heading, a table cell. A paragraph that
// is only a bold label ("**Zoom Dienst:**") runs into the next one, as the
// documents print it.
func plainStart(md string) string {
	src := []byte(md)
	p := parsers.Get().(parser.Parser)
	doc := p.Parse(gtext.NewReader(src))
	parsers.Put(p)
	label, found := "", ""
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, para := n.(*ast.Paragraph)
		_, tb := n.(*ast.TextBlock)
		_, h := n.(*ast.Heading)
		if !para && !tb && !h && n.Kind().String() != "TableCell" {
			return ast.WalkContinue, nil
		}
		s := markdown.PlainText(n, src)
		if s == "" {
			return ast.WalkSkipChildren, nil
		}
		if label == "" && para && isLabel(n) {
			label = s
			return ast.WalkSkipChildren, nil
		}
		found = s
		return ast.WalkStop, nil
	})
	switch {
	case found == "" && label == "":
		return strings.Join(strings.Fields(md), " ")
	case label == "":
		return found
	case found == "":
		return label
	}
	return label + " " + found
}

// isLabel reports whether a paragraph is nothing but bold text.
func isLabel(p ast.Node) bool {
	e, ok := p.FirstChild().(*ast.Emphasis)
	return ok && e.Level == 2 && e.NextSibling() == nil
}

// abbreviations end in a full stop without ending a sentence (German and
// English legal prose); a single letter or a number before the stop does
// not end one either ("z. B.", "Art. 32 Abs. 1 lit. b", "1. Januar").
var abbreviations = map[string]bool{
	"abs": true, "art": true, "bzgl": true, "bzw": true, "ca": true, "ggf": true, "inkl": true,
	"lit": true, "max": true, "min": true, "nr": true, "s": true, "sog": true, "usw": true,
	"vgl": true, "z": true, "zzgl": true, "etc": true, "e.g": true, "i.e": true, "no": true,
	"dr": true, "mr": true, "mrs": true, "st": true, "vs": true, "d.h": true, "u.a": true, "z.b": true,
}

// firstSentence is s up to the end of its first sentence: a full stop,
// question or exclamation mark followed by a space and a capital letter or
// a digit, or the end.
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		rest := s[i+1:]
		if !strings.HasPrefix(rest, " ") {
			continue
		}
		next, _ := utf8.DecodeRuneInString(rest[1:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) {
			continue
		}
		if c == '.' {
			word := s[:i]
			if j := strings.LastIndexAny(word, " ("); j >= 0 {
				word = word[j+1:]
			}
			w := strings.ToLower(word)
			if abbreviations[w] || utf8.RuneCountInString(w) == 1 || isNumber(w) {
				continue
			}
		}
		return s[:i+1]
	}
	return s
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// shorten cuts s to at most max characters at a word boundary, ending in
// "…"; a single word longer than that is cut inside.
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max-1]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:–-") + "…"
}
