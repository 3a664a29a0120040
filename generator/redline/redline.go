// Package redline marks the changes between two versions of a Markdown
// document as a lawyer's redline, in CriticMarkup: {++inserted++} and
// {--deleted--}, word by word.
//
// It takes the old and the new Markdown of one document and gives one
// Markdown document (Markdown) that reads as the new version with every
// deletion kept and marked; and it gives the goldmark extension (Extension)
// that parses the marks into Insert and Delete nodes for the renderers.
//
// How it works: both versions are parsed (goldmark, with the GFM tables
// and heading attributes the documents use) and cut into leaf blocks
// (paragraphs, list item texts, headings, table rows, code). The blocks
// are aligned first, then the words inside each changed block. Both steps
// use the diff of github.com/sergi/go-diff: each distinct block, and each
// distinct word, is mapped to one rune, the rune strings are diffed and
// mapped back (as its DiffLinesToRunes does for lines). Marks are placed
// only at word boundaries that lie in the same inline context on both
// sides, so a mark never cuts through emphasis, a link or a code span, and
// never includes block syntax (list markers, #, table pipes, {#id}).
//
// The result is checked before it is returned: parsed back, with the
// deletions kept and the insertions dropped it must render exactly as the
// old version, and the other way round as the new one. Where a finer
// redline fails that check, a coarser one is used (the whole block's text
// as one deletion and one insertion, or the old block deleted and the new
// one inserted as blocks of their own).
//
// Blocks without inline text (code blocks, HTML blocks, thematic breaks)
// cannot hold marks: they appear as in the new version, and a deleted one
// is left out.
package redline

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Markdown returns the redline of two versions of a Markdown document: the
// new version, in which every change is marked with CriticMarkup,
// {--deleted--} and {++inserted++}. Whitespace between changed words lies
// inside the marks; unchanged blocks are copied byte for byte from new.
func Markdown(old, new []byte) []byte {
	r := newRedliner()
	o := r.parse(old)
	n := r.parse(new)
	want := [2]string{r.v.plainTree(o.root, o.src), r.v.plainTree(n.root, n.src)}
	var out []byte
	for _, fine := range []bool{true, false} {
		out = r.build(o, n, fine)
		if r.v.reject(out) == want[0] && r.v.accept(out) == want[1] {
			return out
		}
	}
	return out
}

// redliner holds the parsers of one Markdown call.
type redliner struct {
	md  goldmark.Markdown // the documents' own configuration, without marks
	v   *viewer
	dmp *diffmatchpatch.DiffMatchPatch
}

func newRedliner() *redliner {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // the same diff every time, however busy the machine
	return &redliner{md: baseMarkdown(), v: newViewer(), dmp: dmp}
}

// unitKind says what a block holds.
type unitKind uint8

const (
	inlineUnit unitKind = iota // paragraph or heading: text to mark
	tableUnit                  // GFM table: rows of cells to mark
	opaqueUnit                 // code, HTML, thematic break, link definition
)

// unit is a leaf block: whole source lines start..end (end excludes the
// last line's newline).
type unit struct {
	d          *doc
	kind       unitKind
	key        string // container path and block kind; only equal keys pair
	leaf       string // "P", "H1"…"H6", "T", "C", "X", "R", "D"
	start, end int
	sepStart   int // end of the previous unit in the document

	// inline units: src[start:cStart] is the head (list marker, "# "),
	// src[cEnd:end] the tail ({#id}, a setext underline); content is the
	// text with the container prefixes of continuation lines removed, and
	// cont the prefix such a line needs.
	cStart, cEnd int
	content      string
	cont         string

	// table units
	rows  []*row
	ncols int
	delim string // the delimiter row's line
}

type row struct {
	line   string // the source line
	prefix string // container prefix before the row's first pipe
	cells  []string
	header bool
}

func (u *unit) text() string { return string(u.d.src[u.start:u.end]) }

// itemStart reports whether the unit is the first block of a list item, so
// its first line carries the list marker.
func (u *unit) itemStart() bool { return strings.HasSuffix(u.key, "I^/"+u.leaf) }

type doc struct {
	src   []byte
	root  ast.Node // as parsed, for the plain view
	lines []int    // start offset of each line
	units []*unit
	tail  string // after the last unit
}

func (d *doc) lineStart(off int) int {
	i := 0
	lo, hi := 0, len(d.lines)
	for lo < hi {
		m := (lo + hi) / 2
		if d.lines[m] <= off {
			i, lo = m, m+1
		} else {
			hi = m
		}
	}
	return d.lines[i]
}

// lineEnd is the offset of the newline ending the line that holds off.
func (d *doc) lineEnd(off int) int {
	if i := bytes.IndexByte(d.src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(d.src)
}

func (r *redliner) parse(src []byte) *doc {
	d := &doc{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			d.lines = append(d.lines, i+1)
		}
	}
	root := r.md.Parser().Parse(text.NewReader(src))
	d.root = root
	d.walk(root, "")
	// Each unit runs to the last non-blank line before the next one: a
	// fenced block's closing fence, a setext underline, a line holding an
	// empty list item. A unit starting inside the previous one is dropped.
	var kept []*unit
	for _, u := range d.units {
		if n := len(kept); n > 0 && u.start <= kept[n-1].end {
			continue
		}
		kept = append(kept, u)
	}
	prev := 0
	for i, u := range kept {
		next := len(src)
		if i+1 < len(kept) {
			next = kept[i+1].start
		}
		for ls := u.end + 1; ls < next; {
			le := d.lineEnd(ls)
			if strings.TrimSpace(string(src[ls:le])) != "" {
				u.end = le
			}
			ls = le + 1
		}
		u.sepStart = prev
		prev = u.end
	}
	d.units = kept
	d.tail = string(src[prev:])
	return d
}

func (d *doc) walk(n ast.Node, path string) {
	_, item := n.(*ast.ListItem)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p := path
		if item {
			p += "I"
			if c == n.FirstChild() {
				p += "^"
			}
		}
		d.visit(c, p)
	}
}

func (d *doc) visit(c ast.Node, path string) {
	switch c := c.(type) {
	case *ast.Blockquote:
		d.walk(c, path+"Q")
	case *ast.List:
		m := string(c.Marker)
		if c.IsOrdered() {
			m = "#" + m
		}
		d.walk(c, path+"L"+m)
	case *ast.ListItem:
		d.walk(c, path)
	case *ast.Paragraph, *ast.TextBlock:
		d.inline(c, path, "P")
	case *ast.Heading:
		d.inline(c, path, "H"+strconv.Itoa(c.Level))
	case *east.Table:
		d.table(c, path)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		d.opaque(c, path, "C")
	case *ast.HTMLBlock:
		d.opaque(c, path, "X")
	case *ast.ThematicBreak:
		d.opaque(c, path, "R")
	case *ast.LinkReferenceDefinition:
		d.opaque(c, path, "D")
	default:
		d.opaque(c, path, "?")
	}
}

func (d *doc) add(u *unit, path string) {
	u.d = d
	u.key = path + "/" + u.leaf
	d.units = append(d.units, u)
}

func (d *doc) inline(n ast.Node, path, leaf string) {
	lines := n.Lines()
	pos := n.Pos()
	u := &unit{kind: inlineUnit, leaf: leaf}
	if lines.Len() == 0 {
		if pos < 0 || pos > len(d.src) {
			return
		}
		u.start = d.lineStart(pos)
		u.end = d.lineEnd(pos)
		u.cStart, u.cEnd = u.end, u.end
		d.add(u, path)
		return
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	if pos < 0 || pos > first.Start {
		pos = first.Start
	}
	var b strings.Builder
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(d.src))
	}
	u.content = strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), "\r")
	u.start = d.lineStart(pos)
	u.cStart = first.Start
	u.cEnd = last.Stop
	if u.cEnd > u.cStart && d.src[u.cEnd-1] == '\n' {
		u.cEnd--
	}
	if u.cEnd > u.cStart && d.src[u.cEnd-1] == '\r' {
		u.cEnd--
	}
	u.end = d.lineEnd(max(u.cEnd-1, u.cStart))
	if lines.Len() > 1 {
		s := lines.At(1).Start
		u.cont = string(d.src[d.lineStart(s):s])
	}
	d.add(u, path)
}

func (d *doc) table(t *east.Table, path string) {
	u := &unit{kind: tableUnit, leaf: "T"}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		rw := &row{header: r.Kind() == east.KindTableHeader}
		pos := r.Pos()
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			s := ""
			if l := c.Lines(); l.Len() > 0 {
				seg := l.At(0)
				s = string(seg.Value(d.src))
				if pos < 0 {
					pos = seg.Start
				}
			}
			rw.cells = append(rw.cells, s)
		}
		if pos < 0 || pos > len(d.src) {
			return
		}
		ls := d.lineStart(pos)
		rw.line = string(d.src[ls:d.lineEnd(ls)])
		pre := string(d.src[ls:pos])
		if i := strings.LastIndexByte(pre, '|'); i >= 0 {
			pre = pre[:i]
		}
		rw.prefix = pre
		if len(u.rows) == 0 {
			u.start = ls
			// The delimiter row follows the header.
			de := d.lineEnd(ls)
			if de+1 < len(d.src) {
				u.delim = string(d.src[de+1 : d.lineEnd(de+1)])
			}
		}
		u.end = d.lineEnd(ls)
		u.rows = append(u.rows, rw)
	}
	if len(u.rows) == 0 {
		return
	}
	u.ncols = len(u.rows[0].cells)
	u.leaf = "T"
	u.cStart, u.cEnd = u.start, u.end
	d.add(u, path+"T"+strconv.Itoa(u.ncols))
}

func (d *doc) opaque(n ast.Node, path, leaf string) {
	pos := n.Pos()
	lines := n.Lines()
	u := &unit{kind: opaqueUnit, leaf: leaf}
	switch {
	case pos >= 0 && pos <= len(d.src):
	case lines.Len() > 0:
		pos = lines.At(0).Start
	default:
		return
	}
	u.start = d.lineStart(pos)
	u.end = d.lineEnd(pos)
	if lines.Len() > 0 {
		u.end = max(u.end, d.lineEnd(max(lines.At(lines.Len()-1).Stop-1, pos)))
	}
	u.cStart, u.cEnd = u.end, u.end
	d.add(u, path)
}
