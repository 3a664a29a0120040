package redline

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Inline text is diffed as tokens: words, runs of white space and runs of
// emphasis delimiters (*, _, ~), so that "**Rechenzentrum DARZ**" changes
// only in its last word.

type tokClass uint8

const (
	tWord  tokClass = iota
	tSpace          // white space within a line or a soft line break
	tHard           // white space holding a hard line break
	tDelim          // a run of *, _ or ~
)

type tok struct {
	s, e  int
	class tokClass
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDelim(c byte) bool { return c == '*' || c == '_' || c == '~' }

// tokenize cuts s into tokens that cover it without gaps.
func tokenize(s string) []tok {
	var out []tok
	i := 0
	for i < len(s) {
		start := i
		c := s[i]
		switch {
		case isSpace(c) || c == '\\' && (strings.HasPrefix(s[i+1:], "\n") || strings.HasPrefix(s[i+1:], "\r\n")):
			class := tSpace
			if c == '\\' {
				class = tHard
				i++
			}
			for i < len(s) && isSpace(s[i]) {
				if s[i] == '\n' && (strings.HasSuffix(s[start:i], "  ") || strings.HasSuffix(s[start:i], "  \r")) {
					class = tHard
				}
				i++
			}
			out = append(out, tok{start, i, class})
		case isDelim(c):
			for i < len(s) && s[i] == c {
				i++
			}
			out = append(out, tok{start, i, tDelim})
		default:
			for i < len(s) && !isSpace(s[i]) && !isDelim(s[i]) {
				if s[i] == '\\' && i+1 < len(s) {
					if s[i+1] == '\n' || strings.HasPrefix(s[i+1:], "\r\n") {
						break // a hard line break
					}
					if isPunct(s[i+1]) {
						i += 2
						continue
					}
				}
				i++
			}
			out = appendWord(out, s, start, i)
		}
	}
	return out
}

// appendWord adds the word s[a:b], with punctuation at its ends as tokens
// of their own, so that "alt." → "neu." changes only the word.
func appendWord(out []tok, s string, a, b int) []tok {
	var lead []tok
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if a+n >= b || !strings.ContainsRune(leadPunct, r) {
			break
		}
		lead = append(lead, tok{a, a + n, tWord})
		a += n
	}
	var trail []tok
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if b-n <= a || !strings.ContainsRune(trailPunct, r) || oddBackslashes(s[a:b-n]) ||
			r == ';' && strings.Contains(s[a:b], "&") {
			break
		}
		trail = append(trail, tok{b - n, b, tWord})
		b -= n
	}
	out = append(out, lead...)
	out = append(out, tok{a, b, tWord})
	for i := len(trail) - 1; i >= 0; i-- {
		out = append(out, trail[i])
	}
	return out
}

const (
	leadPunct  = "([\"'„“‘»«"
	trailPunct = ".,:;!?)]\"'»«“”‘’…"
)

// isPunct reports the ASCII punctuation a backslash escapes.
func isPunct(c byte) bool { return util.IsPunct(c) }

// runeMap gives each distinct token a rune of its own, as go-diff's
// DiffLinesToRunes does for lines. Runes skip the surrogate range, which
// does not survive a round trip through a Go string.
type runeMap struct {
	m    map[string]rune
	next rune
}

func newRuneMap() *runeMap { return &runeMap{m: map[string]rune{}, next: 0x100} }

func (rm *runeMap) get(s string) rune {
	if r, ok := rm.m[s]; ok {
		return r
	}
	r := rm.next
	rm.next++
	if rm.next == 0xD800 {
		rm.next = 0xE000
	}
	rm.m[s] = r
	return r
}

// tokRunes maps tokens to runes: words and delimiter runs by their text,
// white space by what it does (space or line break), since a reflowed line
// reads the same.
func tokRunes(rm *runeMap, s string, toks []tok) []rune {
	out := make([]rune, len(toks))
	for i, t := range toks {
		switch t.class {
		case tSpace:
			out[i] = rm.get(" ")
		case tHard:
			out[i] = rm.get("\n")
		default:
			out[i] = rm.get(s[t.s:t.e])
		}
	}
	return out
}

// op is a run of the token diff: equal, deleted (old tokens only) or
// inserted (new tokens only).
type op struct {
	kind   diffmatchpatch.Operation
	oa, ob int // old token range
	na, nb int // new token range
}

// diffTokens diffs two token lists and returns the runs.
func (r *redliner) diffTokens(os, ns string, ot, nt []tok) []op {
	rm := newRuneMap()
	a, b := tokRunes(rm, os, ot), tokRunes(rm, ns, nt)
	diffs := r.dmp.DiffMainRunes(a, b, false)
	diffs = r.dmp.DiffCleanupSemantic(diffs)
	var out []op
	i, j := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		o := op{kind: d.Type, oa: i, ob: i, na: j, nb: j}
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			o.ob, o.nb = i+n, j+n
			i, j = i+n, j+n
		case diffmatchpatch.DiffDelete:
			o.ob = i + n
			i += n
		case diffmatchpatch.DiffInsert:
			o.nb = j + n
			j += n
		}
		out = append(out, o)
	}
	return out
}

// similarity is the share of words two texts have in common (Dice).
func (r *redliner) similarity(a, b string) float64 {
	at, bt := tokenize(a), tokenize(b)
	words := func(ts []tok) int {
		n := 0
		for _, t := range ts {
			if t.class == tWord {
				n++
			}
		}
		return n
	}
	wa, wb := words(at), words(bt)
	if wa+wb == 0 {
		return 1
	}
	eq := 0
	for _, o := range r.diffTokens(a, b, at, bt) {
		if o.kind == diffmatchpatch.DiffEqual {
			for _, t := range at[o.oa:o.ob] {
				if t.class == tWord {
					eq++
				}
			}
		}
	}
	return 2 * float64(eq) / float64(wa+wb)
}

// hunk is a change: old tokens oa..ob replaced by new tokens na..nb.
type hunk struct{ oa, ob, na, nb int }

// filler reports tokens that may join two changes into one: white space
// and words without letters or digits ("–", ","). Emphasis delimiters do
// not: "*{--netto--}{++brutto++}* {--5--}{++6++}" keeps the emphasis.
func filler(s string, t tok) bool {
	switch t.class {
	case tSpace, tHard:
		return true
	case tDelim:
		return false
	}
	for _, c := range s[t.s:t.e] {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// hunks turns diff runs into changes; changes separated only by filler
// tokens become one, so "{--a b--}{++x y++}" rather than two pairs.
func hunks(ops []op, ns string, nt []tok) []hunk {
	var out []hunk
	for k, o := range ops {
		if o.kind == diffmatchpatch.DiffEqual {
			continue
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.ob == o.oa && last.nb == o.na {
				last.ob, last.nb = o.ob, o.nb
				continue
			}
			// the equal run between them
			eq := ops[k-1]
			all := true
			for _, t := range nt[eq.na:eq.nb] {
				if !filler(ns, t) {
					all = false
					break
				}
			}
			if all && last.ob == eq.oa && last.nb == eq.na {
				last.ob, last.nb = o.ob, o.nb
				continue
			}
		}
		out = append(out, hunk{o.oa, o.ob, o.na, o.nb})
	}
	return out
}

// side is one version of a block's inline text, ready to mark.
type side struct {
	s    string // with literal mark sequences escaped
	toks []tok
	ctx  []int    // context of each token boundary (see contexts)
	path []string // path of each context
}

func newSide(r *redliner, content string) *side {
	sd := &side{s: r.escape(content)}
	sd.toks = tokenize(sd.s)
	sd.ctx, sd.path = r.contexts(sd.s, sd.toks)
	return sd
}

// pos is the offset of token boundary k.
func (sd *side) pos(k int) int {
	if k < len(sd.toks) {
		return sd.toks[k].s
	}
	return len(sd.s)
}

// markInline redlines one block's inline text (with its continuation
// lines' prefixes removed) and reports whether the result reads as old and
// as new. With fine, changes are marked word by word; if that fails the
// check, or without fine, the whole text is one deletion and insertion.
func (r *redliner) markInline(old, new string, fine bool) (string, bool) {
	o, n := newSide(r, old), newSide(r, new)
	var hs []hunk
	if fine {
		hs = hunks(r.diffTokens(o.s, n.s, o.toks, n.toks), n.s, n.toks)
		hs = fit(hs, o, n)
		out := emit(o, n, hs)
		if r.inlineOK(out, old, new) {
			return out, true
		}
	}
	if old == new {
		return n.s, true
	}
	hs = []hunk{{0, len(o.toks), 0, len(n.toks)}}
	out := emit(o, n, hs)
	return out, r.inlineOK(out, old, new)
}

// inlineOK checks a block's marked text against both versions, each
// parsed as a paragraph of its own.
func (r *redliner) inlineOK(out, old, new string) bool {
	return r.v.reject([]byte(shield+out)) == r.v.plain([]byte(shield+old)) &&
		r.v.accept([]byte(shield+out)) == r.v.plain([]byte(shield+new))
}

// shield is put before a block's text when it is parsed alone, so that
// text such as "1. Absatz" or "# x" from a heading or a table cell stays a
// paragraph: a no-break space is no indentation, but it is white space to
// the emphasis rules, like the start of a line.
const shield = "\u00a0"

// valid reports whether a change may be marked as it is: both its ends lie
// in the same inline context, on both sides alike.
func valid(h hunk, o, n *side) bool {
	a, b := o.ctx[h.oa], o.ctx[h.ob]
	c, d := n.ctx[h.na], n.ctx[h.nb]
	return a >= 0 && a == b && c >= 0 && c == d && o.path[a] == n.path[c]
}

// fit widens changes until they are valid: a change that would start
// inside emphasis and end outside it takes in the whole emphasis.
func fit(hs []hunk, o, n *side) []hunk {
	depth := func(sd *side, k int) int {
		if c := sd.ctx[k]; c >= 0 {
			return strings.Count(sd.path[c], "/")
		}
		return 1 << 20
	}
	for i := 0; i < len(hs); i++ {
		for !valid(hs[i], o, n) {
			h := &hs[i]
			left := max(depth(o, h.oa), depth(n, h.na))
			right := max(depth(o, h.ob), depth(n, h.nb))
			grew := false
			if left >= right && h.oa > 0 {
				h.oa, h.na = h.oa-1, h.na-1
				grew = true
			}
			if (right >= left || !grew) && h.ob < len(o.toks) {
				h.ob, h.nb = h.ob+1, h.nb+1
				grew = true
			}
			if !grew {
				if h.oa > 0 {
					h.oa, h.na = h.oa-1, h.na-1
				} else if h.ob < len(o.toks) {
					h.ob, h.nb = h.ob+1, h.nb+1
				} else {
					break // the whole text: always valid, but be safe
				}
			}
			// Merge with a neighbour it reached.
			if i > 0 && hs[i-1].ob >= h.oa {
				hs[i-1].ob, hs[i-1].nb = h.ob, h.nb
				hs = append(hs[:i], hs[i+1:]...)
				i--
				continue
			}
			if i+1 < len(hs) && hs[i+1].oa <= h.ob {
				h.ob, h.nb = hs[i+1].ob, hs[i+1].nb
				hs = append(hs[:i+1], hs[i+2:]...)
			}
		}
	}
	return hs
}

// emit writes the new text with the changes marked.
func emit(o, n *side, hs []hunk) string {
	var b strings.Builder
	at := 0
	for _, h := range hs {
		b.WriteString(n.s[at:n.pos(h.na)])
		mark(&b, "{--", "--}", o.s[o.pos(h.oa):o.pos(h.ob)])
		mark(&b, "{++", "++}", n.s[n.pos(h.na):n.pos(h.nb)])
		at = n.pos(h.nb)
	}
	b.WriteString(n.s[at:])
	return b.String()
}

// mark writes text between the marks. A backslash before a mark would
// escape it and a brace before a closing mark would open one; both are
// written as entities or escaped.
func mark(b *strings.Builder, open, close, text string) {
	if text == "" {
		return
	}
	if s := b.String(); oddBackslashes(s) {
		b.Reset()
		b.WriteString(s[:len(s)-1] + "&#92;")
	}
	b.WriteString(open)
	switch {
	case oddBackslashes(text):
		text = text[:len(text)-1] + "&#92;"
	case strings.HasSuffix(text, "{"):
		text = text[:len(text)-1] + `\{`
	case strings.HasSuffix(text, "{"+close[:1]):
		text = text[:len(text)-2] + `\{` + close[:1]
	}
	b.WriteString(text)
	b.WriteString(close)
}

func oddBackslashes(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// escape makes literal mark sequences in text stay literal once the marks
// are parsed: \{++, \{--, ++\}, --\}. Only text is touched, not code spans,
// link destinations or HTML, which keep them literal anyway.
func (r *redliner) escape(s string) string {
	if !strings.Contains(s, "{++") && !strings.Contains(s, "{--") && !strings.Contains(s, "++}") && !strings.Contains(s, "--}") {
		return s
	}
	src := []byte(shield + s)
	root := r.md.Parser().Parse(text.NewReader(src))
	var at []int // offsets in s before which a backslash goes
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := string(t.Segment.Value(src))
			for _, seq := range []string{"{++", "{--", "++}", "--}"} {
				for i := 0; ; {
					k := strings.Index(v[i:], seq)
					if k < 0 {
						break
					}
					k += i
					i = k + 1
					if oddBackslashes(v[:k]) {
						continue
					}
					esc := k // before the brace
					if seq[0] != '{' {
						esc = k + 2
					}
					at = append(at, t.Segment.Start+esc-len(shield))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(at) == 0 {
		return s
	}
	sort.Ints(at)
	var b strings.Builder
	prev := 0
	for _, p := range at {
		if p < prev || p > len(s) {
			continue
		}
		b.WriteString(s[prev:p])
		b.WriteByte('\\')
		prev = p
	}
	b.WriteString(s[prev:])
	return b.String()
}

// contexts finds the inline context of each token boundary: 0 at the top
// level of the block, the index of an emphasis, strikethrough or link text
// the boundary lies in, or -1 where no mark may start or end: inside a
// code span, an autolink, raw HTML, a link's destination, or between the
// characters of a delimiter. path[c] names the kinds from the top down, so
// that contexts of two versions can be compared.
func (r *redliner) contexts(s string, toks []tok) (ctx []int, path []string) {
	ctx = make([]int, len(toks)+1)
	path = []string{""}
	fail := func() ([]int, []string) {
		for i := 1; i < len(ctx)-1; i++ {
			ctx[i] = -1
		}
		return ctx, path
	}
	src := []byte(shield + s)
	root := r.md.Parser().Parse(text.NewReader(src))
	para := root.FirstChild()
	if para == nil || para.NextSibling() != nil || para.Kind() != ast.KindParagraph {
		return fail()
	}
	z := &zoner{src: src, r: map[ast.Node]*span{}}
	z.up(para)
	if !z.down(para, 0, len(src), "") {
		return fail()
	}
	for _, zn := range z.zones {
		path = append(path, zn.path)
	}
	for k := range ctx {
		p := len(s)
		if k < len(toks) {
			p = toks[k].s
		}
		p += len(shield)
		best := -1
		for i, zn := range z.zones {
			if zn.s < p && p < zn.e && (best < 0 || zn.depth > z.zones[best].depth) {
				best = i
			}
		}
		switch {
		case best < 0:
			ctx[k] = 0
		case z.zones[best].atomic || p < z.zones[best].is || p > z.zones[best].ie:
			ctx[k] = -1
		default:
			ctx[k] = best + 1
		}
	}
	return ctx, path
}

// span is the source range of an inline node; ks and ke tell whether the
// ends are known yet. lead is the length of an emphasis delimiter.
type span struct {
	s, e   int
	ks, ke bool
	lead   int
}

// zone is an inline node with children: marks may start and end in
// is..ie (its text), not elsewhere between s and e (its syntax).
type zone struct {
	s, e, is, ie int
	atomic       bool
	depth        int
	path         string
}

type zoner struct {
	src   []byte
	r     map[ast.Node]*span
	zones []zone
}

// up finds the ranges that the node's own text fixes, bottom up.
func (z *zoner) up(n ast.Node) *span {
	sp := &span{}
	z.r[n] = sp
	var first, last *span
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		cs := z.up(c)
		if first == nil {
			first = cs
		}
		last = cs
	}
	fromKids := func(lead, trail int) {
		if first != nil && first.ks {
			sp.s, sp.ks = first.s-lead, true
		}
		if last != nil && last.ke && trail >= 0 {
			sp.e, sp.ke = last.e+trail, true
		}
	}
	switch n := n.(type) {
	case *ast.Text:
		sp.s, sp.e, sp.ks, sp.ke = n.Segment.Start, n.Segment.Stop, true, true
	case *ast.RawHTML:
		if l := n.Segments; l.Len() > 0 {
			sp.s, sp.e, sp.ks, sp.ke = l.At(0).Start, l.At(l.Len()-1).Stop, true, true
		}
	case *ast.Emphasis:
		sp.lead = n.Level
		fromKids(n.Level, n.Level)
	case *east.Strikethrough:
		if first != nil && first.ks && last != nil && last.ke {
			a, b := 0, 0
			for a < 2 && first.s-a-1 >= 0 && z.src[first.s-a-1] == '~' {
				a++
			}
			for b < 2 && last.e+b < len(z.src) && z.src[last.e+b] == '~' {
				b++
			}
			sp.lead = max(1, min(a, b))
			fromKids(sp.lead, sp.lead)
		}
	case *ast.CodeSpan:
		if first != nil && first.ks && last != nil && last.ke {
			a := first.s
			if a > 1 && z.src[a-1] == ' ' && z.src[a-2] == '`' {
				a--
			}
			k := 0
			for a > 0 && z.src[a-1] == '`' {
				a--
				k++
			}
			b := last.e
			if b+1 < len(z.src) && z.src[b] == ' ' && z.src[b+1] == '`' {
				b++
			}
			for j := 0; j < k && b < len(z.src) && z.src[b] == '`'; j++ {
				b++
			}
			if k > 0 {
				sp.s, sp.e, sp.ks, sp.ke = a, b, true, true
			}
		}
	case *ast.Link:
		fromKids(1, -1)
	case *ast.Image:
		fromKids(2, -1)
	}
	return sp
}

// down fills in the ends the node's text does not fix from its
// neighbours, and records the zones, top down. is..ie is the parent's text.
func (z *zoner) down(n ast.Node, is, ie int, path string) bool {
	var kids []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		kids = append(kids, c)
	}
	for i, c := range kids {
		sp := z.r[c]
		if !sp.ks {
			switch {
			case i == 0:
				sp.s = is
			case z.r[kids[i-1]].ke:
				sp.s = z.r[kids[i-1]].e
			default:
				return false
			}
			for sp.s < ie && isSpace(z.src[sp.s]) {
				sp.s++
			}
			sp.ks = true
		}
	}
	for i := len(kids) - 1; i >= 0; i-- {
		sp := z.r[kids[i]]
		if !sp.ke {
			if i == len(kids)-1 {
				sp.e = ie
			} else {
				sp.e = z.r[kids[i+1]].s
			}
			for sp.e > sp.s && isSpace(z.src[sp.e-1]) {
				sp.e--
			}
			sp.ke = true
		}
	}
	depth := strings.Count(path, "/")
	for _, c := range kids {
		sp := z.r[c]
		if sp.s > sp.e || sp.s < is-1 || sp.e > ie+1 {
			return false
		}
		if c.Kind() == ast.KindText {
			continue
		}
		zn := zone{s: sp.s, e: sp.e, depth: depth + 1}
		switch c := c.(type) {
		case *ast.Emphasis, *east.Strikethrough:
			zn.is, zn.ie = sp.s+sp.lead, sp.e-sp.lead
			zn.path = path + "/" + c.Kind().String() + strings.Repeat("*", sp.lead)
		case *ast.Link, *ast.Image:
			lead := 1
			if c.Kind() == ast.KindImage {
				lead = 2
			}
			zn.is, zn.ie = sp.s+lead, sp.s+lead
			if c.LastChild() != nil {
				zn.ie = z.r[c.LastChild()].e
			}
			zn.path = path + "/" + c.Kind().String()
		default:
			zn.atomic = true
		}
		z.zones = append(z.zones, zn)
		if !zn.atomic {
			if zn.is > zn.ie || !z.down(c, zn.is, zn.ie, zn.path) {
				return false
			}
		}
	}
	return true
}
