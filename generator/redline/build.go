package redline

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// pieceKind says how a block appears in the redline.
type pieceKind uint8

const (
	equal    pieceKind = iota // unchanged, copied from new
	changed                   // a pair of blocks, marked word by word
	deleted                   // only in old
	inserted                  // only in new
)

type piece struct {
	kind pieceKind
	o, n *unit
}

// minSimilarity is the share of words a paragraph or table row must keep
// to be marked word by word; a block rewritten more than that reads better
// as the old block deleted and the new one inserted.
const minSimilarity = 0.4

// align lines up the blocks of both versions: a diff over blocks (one
// rune per distinct block), then, among the blocks of one change, pairs
// of the same kind and place that are similar enough.
func (r *redliner) align(o, n []*unit, text func(*unit) string, fine bool) []piece {
	rm := newRuneMap()
	a, b := make([]rune, len(o)), make([]rune, len(n))
	for i, u := range o {
		a[i] = rm.get(text(u))
	}
	for i, u := range n {
		b[i] = rm.get(text(u))
	}
	var out []piece
	i, j := 0, 0
	var dels, ins []*unit
	flush := func() {
		var before *unit
		if k := len(out); k > 0 {
			before = out[k-1].n
			if before == nil {
				before = out[k-1].o
			}
		}
		out = append(out, r.pair(dels, ins, before, fine)...)
		dels, ins = nil, nil
	}
	for _, d := range r.dmp.DiffMainRunes(a, b, false) {
		k := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			for x := range k {
				out = append(out, piece{kind: equal, o: o[i+x], n: n[j+x]})
			}
			i, j = i+k, j+k
		case diffmatchpatch.DiffDelete:
			dels = append(dels, o[i:i+k]...)
			i += k
		case diffmatchpatch.DiffInsert:
			ins = append(ins, n[j:j+k]...)
			j += k
		}
	}
	flush()
	return out
}

// pair matches deleted and inserted blocks in order: each inserted block
// takes the most similar deleted block of the same key after the last one
// taken. Headings and tables of the same key always pair (a heading
// rewritten in place is still the same section). Of the blocks between
// pairs, the deleted ones come first, unless the inserted ones continue
// the block before them (a list item added at the end of a list that a
// deleted section follows).
func (r *redliner) pair(dels, ins []*unit, before *unit, fine bool) []piece {
	type match struct{ d, i int }
	var ms []match
	if fine {
		from := 0
		for j, nu := range ins {
			best, bestSim := -1, minSimilarity
			for k := from; k < len(dels) && k < from+20; k++ {
				du := dels[k]
				if du.key != nu.key || du.kind == opaqueUnit {
					continue
				}
				sim := 1.0
				if nu.kind == inlineUnit && nu.leaf == "P" {
					sim = r.similarity(du.content, nu.content)
				} else if nu.kind == tableUnit && nu.leaf == "R" {
					sim = r.similarity(strings.Join(du.rows[0].cells, " "), strings.Join(nu.rows[0].cells, " "))
				}
				if sim >= bestSim && (best < 0 || sim > bestSim) {
					best, bestSim = k, sim
				}
			}
			if best >= 0 {
				ms = append(ms, match{best, j})
				from = best + 1
			}
		}
	}
	var out []piece
	gap := func(ds, is []*unit) {
		var dp, ip []piece
		for _, u := range ds {
			dp = append(dp, piece{kind: deleted, o: u})
		}
		for _, u := range is {
			ip = append(ip, piece{kind: inserted, n: u})
		}
		if len(ds) > 0 && len(is) > 0 && before != nil &&
			container(is[0]) == container(before) && container(ds[0]) != container(before) {
			dp, ip = ip, dp
		}
		out = append(append(out, dp...), ip...)
	}
	di, ii := 0, 0
	for _, m := range ms {
		gap(dels[di:m.d], ins[ii:m.i])
		out = append(out, piece{kind: changed, o: dels[m.d], n: ins[m.i]})
		di, ii = m.d+1, m.i+1
		before = ins[m.i]
	}
	gap(dels[di:], ins[ii:])
	return out
}

// container is where a block lies: its key without the block kind and
// without telling first blocks of list items from others.
func container(u *unit) string {
	k := u.key[:strings.LastIndexByte(u.key, '/')+1]
	return strings.ReplaceAll(k, "^", "")
}

// build writes the redline. fine chooses word-level marks in changed
// blocks; without it a changed block is the old one deleted and the new
// one inserted.
func (r *redliner) build(o, n *doc, fine bool) []byte {
	var b strings.Builder
	var prev *unit
	prevDeleted := false
	write := func(u *unit, sep, text string, del bool) {
		if b.Len() > 0 && (del || prevDeleted) {
			sep = separate(sep, prev, u)
		}
		if b.Len() == 0 {
			sep = strings.TrimLeft(sep, "\n")
		}
		b.WriteString(sep)
		b.WriteString(text)
		prev, prevDeleted = u, del
	}
	for _, p := range r.align(o.units, n.units, (*unit).text, fine) {
		switch p.kind {
		case equal:
			write(p.n, p.n.sep(), p.n.text(), false)
		case inserted:
			if t, ok := r.whole(p.n, "{++", "++}"); ok {
				write(p.n, p.n.sep(), t, false)
			}
		case deleted:
			if t, ok := r.whole(p.o, "{--", "--}"); ok {
				write(p.o, "\n", t, true)
			}
		case changed:
			if t, ok := r.changed(p.o, p.n); ok {
				write(p.n, p.n.sep(), t, false)
				continue
			}
			if t, ok := r.whole(p.o, "{--", "--}"); ok {
				write(p.o, "\n", t, true)
			}
			if t, ok := r.whole(p.n, "{++", "++}"); ok {
				write(p.n, p.n.sep(), t, false)
			}
		}
	}
	tail := n.tail
	if len(n.units) == 0 {
		tail = string(n.src)
	}
	if b.Len() == 0 {
		tail = strings.TrimLeft(tail, "\n")
	} else if prevDeleted && strings.TrimSpace(tail) != "" {
		tail = separate(tail, prev, nil)
	}
	b.WriteString(tail)
	// End with a newline, as the new version does (a missing one can
	// change the last block: "#" alone is a paragraph to goldmark).
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") && (len(n.src) == 0 || n.src[len(n.src)-1] == '\n') {
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func (u *unit) sep() string { return string(u.d.src[u.sepStart:u.start]) }

// separate makes the separator next to a deleted block safe: a blank line,
// so that neither block continues the other (a paragraph would absorb the
// next one's lines, a table a paragraph as a row), except between two
// list items, which a blank line would only make loose.
func separate(sep string, prev, cur *unit) string {
	if !strings.HasPrefix(sep, "\n") {
		sep = "\n" + sep
	}
	if prev != nil && cur != nil && prev.itemStart() && cur.itemStart() {
		if strings.TrimSpace(sep) == "" && container(prev) == container(cur) {
			return "\n" // items of one list stay as tight as they are
		}
		return sep
	}
	// A blank line right after the previous block, before anything else
	// (such as the "*" of an empty list item) that block could absorb.
	if parts := strings.SplitN(sep, "\n", 3); len(parts) == 3 && strings.TrimSpace(parts[1]) == "" {
		return sep
	}
	return "\n" + sep
}

// whole marks a block that is only in one version: its text marked,
// its block syntax not. Blocks without text (code) are kept when inserted
// and left out when deleted, link definitions always kept.
func (r *redliner) whole(u *unit, open, close string) (string, bool) {
	switch u.kind {
	case opaqueUnit:
		return u.text(), open == "{++" || u.leaf == "D"
	case tableUnit:
		lines := []string{}
		for i, rw := range u.rows {
			cells := make([]string, len(rw.cells))
			for k, c := range rw.cells {
				cells[k] = r.wholeText(c, open, close)
			}
			lines = append(lines, rowLine(rw.prefix, cells))
			if i == 0 && rw.header {
				lines = append(lines, u.delim)
			}
		}
		return strings.Join(lines, "\n"), true
	}
	src := u.d.src
	head := string(src[u.start:u.cStart])
	tail := string(src[u.cEnd:u.end])
	body := r.wholeText(u.content, open, close)
	return joinHead(head, withCont(body, u.cont)) + tail, true
}

// wholeText marks all of a text, escaping what needs it.
func (r *redliner) wholeText(s, open, close string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	var b strings.Builder
	mark(&b, open, close, r.escape(s))
	return b.String()
}

// joinHead puts a block's head ("#", "- ") before its text, with the space
// an empty heading's "#" lacks.
func joinHead(head, body string) string {
	if body != "" && head != "" && !strings.HasSuffix(head, " ") && !strings.HasSuffix(head, "\t") && strings.TrimSpace(head) != "" {
		last := strings.TrimSpace(head)
		if strings.Trim(last, "#") == "" || strings.HasSuffix(head, "#") {
			head += " "
		}
	}
	return head + body
}

// withCont gives continuation lines their container prefix.
func withCont(s, cont string) string {
	if cont == "" {
		return s
	}
	return strings.ReplaceAll(s, "\n", "\n"+cont)
}

func rowLine(prefix string, cells []string) string {
	return prefix + "| " + strings.Join(cells, " | ") + " |"
}

// changed marks a pair of blocks word by word.
func (r *redliner) changed(o, n *unit) (string, bool) {
	switch n.kind {
	case tableUnit:
		return r.changedTable(o, n)
	case inlineUnit:
		out, ok := r.markInline(o.content, n.content, true)
		if !ok {
			return "", false
		}
		cont := n.cont
		if cont == "" {
			cont = o.cont
		}
		src := n.d.src
		return joinHead(string(src[n.start:n.cStart]), withCont(out, cont)) + string(src[n.cEnd:n.end]), true
	}
	return "", false
}

// changedTable aligns the rows of two tables with the same columns and
// marks the changed cells.
func (r *redliner) changedTable(o, n *unit) (string, bool) {
	rowUnits := func(u *unit) []*unit {
		var out []*unit
		for _, rw := range u.rows {
			out = append(out, &unit{d: u.d, kind: tableUnit, leaf: "R", key: "R", rows: []*row{rw}})
		}
		return out
	}
	or, nr := rowUnits(o), rowUnits(n)
	var lines []string
	cells := func(rw *row, open, close string) []string {
		out := make([]string, len(rw.cells))
		for k, c := range rw.cells {
			out[k] = r.wholeText(c, open, close)
		}
		return out
	}
	// The header rows always pair; the body rows are aligned.
	oh, nh := or[0].rows[0], nr[0].rows[0]
	header := func() bool {
		if oh.line == nh.line {
			lines = append(lines, nh.line)
			return true
		}
		cs := make([]string, len(nh.cells))
		for k := range nh.cells {
			oc := ""
			if k < len(oh.cells) {
				oc = oh.cells[k]
			}
			s, ok := r.markInline(oc, nh.cells[k], true)
			if !ok {
				return false
			}
			cs[k] = s
		}
		lines = append(lines, rowLine(nh.prefix, cs))
		return true
	}
	if !oh.header || !nh.header || !header() {
		return "", false
	}
	lines = append(lines, n.delim)
	for _, p := range r.align(or[1:], nr[1:], func(u *unit) string { return u.rows[0].line }, true) {
		switch p.kind {
		case equal:
			lines = append(lines, p.n.rows[0].line)
		case deleted:
			lines = append(lines, rowLine(p.o.rows[0].prefix, cells(p.o.rows[0], "{--", "--}")))
		case inserted:
			lines = append(lines, rowLine(p.n.rows[0].prefix, cells(p.n.rows[0], "{++", "++}")))
		case changed:
			orw, nrw := p.o.rows[0], p.n.rows[0]
			cs := make([]string, len(nrw.cells))
			ok := true
			for k := range nrw.cells {
				oc := ""
				if k < len(orw.cells) {
					oc = orw.cells[k]
				}
				if cs[k], ok = r.markInline(oc, nrw.cells[k], true); !ok {
					break
				}
			}
			if ok {
				lines = append(lines, rowLine(nrw.prefix, cs))
			} else {
				lines = append(lines, rowLine(orw.prefix, cells(orw, "{--", "--}")))
				lines = append(lines, rowLine(nrw.prefix, cells(nrw, "{++", "++}")))
			}
		}
	}
	return strings.Join(lines, "\n"), true
}
