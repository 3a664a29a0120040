// Package markdown is what both backends (HTML and PDF) share about the
// document Markdown: the goldmark configuration they parse it with, and the
// numbers and IDs of its headings, so that section 2.3 and its anchor
// #subsystem-darz are the same in the browser and in the PDF.
//
// It takes the Markdown of a document (or its parsed AST) and gives a
// goldmark.Markdown and the list of headings with level, number, title and ID.
package markdown

import (
	"bufio"
	"bytes"
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// New returns the goldmark configuration both backends parse with:
// CommonMark plus GFM tables and strikethrough, and heading attributes
// ({#id .class}). Automatic heading IDs are off because goldmark's drop
// umlauts ("Gewährleistung" → "gewhrleistung"); see HeadingID. Raw HTML is
// not rendered (no html.WithUnsafe).
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}

// Heading is one heading of a document as numbered for the reader.
type Heading struct {
	Node *ast.Heading
	// Level is the effective level, 1-based: never more than one below the
	// previous heading's (H1 → H3 counts as 1 → 1.1).
	Level int
	// Number is "2.3", or "" for a heading with the class "unnumbered".
	Number string
	// Title is the heading's plain text.
	Title string
	// ID is the heading's anchor: its {#id}, or HeadingID(Title) made
	// unique with "-1", "-2" … among the generated ones.
	ID string
	// Duplicate is set when an earlier heading has the same ID; links to
	// the ID go to the first.
	Duplicate bool
	// Skipped is set for a heading HeadingOptions.Skip left out.
	Skipped bool
}

// Headings numbers every heading of a parsed document (root, parsed from
// src) in document order.
//
// Levels are clamped: a heading is at most one level below the previous
// one, since PDF outlines cannot skip levels and "1.0.1" is no number a
// reader expects. A heading with the class "unnumbered" ({.unnumbered})
// gets no number but stays in the contents; it does not reset the counters
// of the numbered headings around it.
func Headings(root ast.Node, src []byte) []Heading {
	return HeadingsWith(root, src, HeadingOptions{})
}

// HeadingOptions adjust HeadingsWith.
type HeadingOptions struct {
	// Title gives a heading's text; nil means its plain text.
	Title func(h *ast.Heading) string
	// Skip, if set, leaves a heading out of the numbering (a heading a
	// redline deletes as a whole): it is listed with Skipped set and its
	// level, but gets no number and no ID, and the next heading's level
	// is clamped against the heading before it.
	Skip func(h *ast.Heading, title string) bool
}

// HeadingsWith is Headings with options: the PDF names and skips headings
// its own way, and numbers them with the same rules as the HTML.
func HeadingsWith(root ast.Node, src []byte, o HeadingOptions) []Heading {
	var (
		out      []Heading
		counters [7]int
		prev     int // effective level of the previous heading
		used     = map[string]int{}
		ids      = map[string]bool{}
		plain    Unescaper
	)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var title string
		if o.Title != nil {
			title = o.Title(h)
		} else {
			title = plainText(h, src, &plain)
		}
		if o.Skip != nil && o.Skip(h, title) {
			out = append(out, Heading{Node: h, Level: min(h.Level, prev+1), Skipped: true})
			return ast.WalkSkipChildren, nil
		}
		level := min(h.Level, prev+1)
		prev = level
		number := ""
		if !HasClass(h, "unnumbered") {
			counters[level]++
			for i := level + 1; i < len(counters); i++ {
				counters[i] = 0
			}
			parts := make([]string, level)
			for i := 1; i <= level; i++ {
				parts[i-1] = strconv.Itoa(counters[i])
			}
			number = strings.Join(parts, ".")
		}
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		if id == "" {
			id = HeadingID(title)
			if k := used[id]; k > 0 {
				used[id]++
				id += "-" + strconv.Itoa(k)
			}
		}
		used[id]++
		out = append(out, Heading{Node: h, Level: level, Number: number, Title: title, ID: id, Duplicate: ids[id]})
		ids[id] = true
		return ast.WalkSkipChildren, nil
	})
	return out
}

// HasClass reports whether a node carries class in its class attribute.
func HasClass(n ast.Node, class string) bool {
	v, ok := n.AttributeString("class")
	if !ok {
		return false
	}
	b, _ := v.([]byte)
	return strings.Contains(" "+string(b)+" ", " "+class+" ")
}

// HeadingID makes the ID of a heading without an explicit {#id}: lower
// case, letters (umlauts and ß kept) and digits, everything else folded
// into single hyphens. "Gewährleistung & Haftung" → "gewährleistung-haftung".
func HeadingID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// PlainText is the text of an inline subtree (a heading, a table cell):
// escapes and entities resolved, raw HTML left out, white space collapsed.
func PlainText(n ast.Node, src []byte) string {
	var u Unescaper
	return plainText(n, src, &u)
}

func plainText(n ast.Node, src []byte, u *Unescaper) string { return PlainTextWith(n, src, u) }

// PlainTextWith is PlainText with the caller's Unescaper, leaving out the
// subtrees of the kinds skip names (a redline's deletions).
func PlainTextWith(n ast.Node, src []byte, u *Unescaper, skip ...ast.NodeKind) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if c.IsRaw() {
					b.Write(c.Value(src))
				} else {
					b.WriteString(u.Text(c.Value(src)))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.RawHTML:
			default:
				if !slices.Contains(skip, c.Kind()) {
					walk(c)
				}
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Unescaper turns Markdown text into plain text: backslash escapes and
// entity references resolved exactly as goldmark's HTML writer does it, by
// running that writer and decoding its HTML. The zero value is ready; it
// reuses its buffer, so one per goroutine.
type Unescaper struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// Text returns v as plain text.
func (u *Unescaper) Text(v []byte) string {
	if bytes.IndexAny(v, "\\&\x00") < 0 {
		return string(v)
	}
	if u.w == nil {
		u.w = bufio.NewWriter(&u.buf)
	}
	u.buf.Reset()
	ghtml.DefaultWriter.Write(u.w, v)
	_ = u.w.Flush()
	return html.UnescapeString(u.buf.String())
}

// ReservedIDs are the element IDs the site's layouts give the page around a
// document's text (layouts/document.html and changes.html): a heading of
// the text may not use them. Nobody may change the map.
var ReservedIDs = map[string]bool{"main": true, "page-contents": true, "page-history": true, "page-download": true, "page-banner": true, "page-legend": true}
