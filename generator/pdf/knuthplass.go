package pdf

import "math"

// Total-fit line breaking after Knuth and Plass ("Breaking paragraphs into
// lines", 1981), as TeX does it: every way of breaking the paragraph is
// weighed at once and the one with the fewest demerits wins, so a long
// word at the end of one line is paid for by all the lines before it
// instead of leaving one line with gaps a reader stumbles over.

// Parameters, in TeX's terms (plain TeX's values unless noted).
const (
	stretchRatio = 0.5     // a space may grow by half its width …
	shrinkRatio  = 1.0 / 3 // … and shrink by a third

	linePenalty     = 10
	hyphenPenalty   = 50    // \hyphenpenalty, \exhyphenpenalty
	doubleHyphen    = 50000 // two hyphenated lines in a row (TeX: 10000; the issue wants none where avoidable)
	finalHyphen     = 5000  // \finalhyphendemerits: the last full line hyphenated
	firstWordHyphen = 20000 // a hyphen in a line's first word: the line holds one piece of one word (not in TeX)
	adjDemerits     = 10000 // neighbouring lines of very different tightness
	pretolerance    = 1.0   // the loosest ratio without hyphenation (a space 1.5× its width)
	tolerance       = 2.2   // the loosest adjustment ratio of the first pass (badness ≈ 1000)
	raggedStretch   = 3     // ragged text: the room a line end may leave, in spaces … (see rag)
	raggedHyphenPen = 200   // … and hyphens only where they help a lot
	codePenalty     = 300   // a break after "_" in an identifier
	emergencyEm     = 3     // \emergencystretch of the second pass, in em (12 spaces)
	infBad          = 10000
)

// kpNode is a feasible break: after item pos, ending line line.
type kpNode struct {
	pos, line int
	fitness   int
	demerits  float64
	flagged   bool
	prev      *kpNode
	start     int // the first box of the line after the break
	// totals of the items from the start up to the first box after the break
	w, y, z float64
}

// knuthPlass breaks items into lines. With pre > 0 it makes one pass with
// that tolerance and returns nil if it finds nothing; else it makes up to
// three, the last of which always succeeds if no box is wider than width.
func (b *breaker) knuthPlass(items []item, width float64, ragged bool, pre float64) []lineItems {
	n := len(items)
	if n == 0 {
		return nil
	}
	space := 0.0 // a space of the paragraph's style, for ragged text
	for _, it := range items {
		if it.kind == kGlue {
			space = it.w
			break
		}
	}
	if space == 0 {
		space = width / 20
	}
	rag := raggedStretch * space * 4 // about a third of a line of running text
	// prefix sums of width, stretch and shrink before item i
	if b.sums == nil {
		b.sums = new([]float64)
	}
	if cap(*b.sums) < 3*(n+1) {
		*b.sums = make([]float64, 3*(n+1))
	}
	buf := (*b.sums)[:3*(n+1)]
	W, Y, Z := buf[:n+1], buf[n+1:2*(n+1)], buf[2*(n+1):]
	W[0], Y[0], Z[0] = 0, 0, 0
	// G counts the spaces before item i: a hyphen with none since the
	// line's start breaks the line's first word.
	if b.glues == nil {
		b.glues = new([]int32)
	}
	if cap(*b.glues) < n+1 {
		*b.glues = make([]int32, n+1)
	}
	G := (*b.glues)[:n+1]
	G[0] = 0
	for i, it := range items {
		W[i+1], Y[i+1], Z[i+1] = W[i], Y[i], Z[i]
		G[i+1] = G[i]
		switch it.kind {
		case kBox:
			W[i+1] += it.w
		case kGlue:
			G[i+1]++
			W[i+1] += it.w
			if !it.rigid && !ragged {
				Y[i+1] += it.w * stretchRatio
				Z[i+1] += it.w * shrinkRatio
			}
		}
	}
	// after returns the position of the first box after a break at pos
	// (the glue and penalties there are dropped, as TeX does).
	after := func(pos int) int {
		k := pos + 1
		for k < n && items[k].kind != kBox && items[k].kind != kBreak {
			k++
		}
		return k
	}
	penalty := func(it item) float64 {
		switch {
		case it.kind == kBreak:
			return math.Inf(-1)
		case it.kind != kPenalty:
			return 0
		case it.code:
			return codePenalty
		case it.flag && ragged:
			return raggedHyphenPen
		case it.flag:
			return hyphenPenalty
		}
		return 0
	}
	emergency := 4 * emergencyEm * space // a space is about a quarter em
	run := func(tol, extra float64) *kpNode {
		start := &kpNode{pos: -1, fitness: 2}
		k := after(-1)
		start.w, start.y, start.z, start.start = W[k], Y[k], Z[k], k
		active := []*kpNode{start}
		for i := 0; i <= n; i++ {
			// a legal break: glue after a box, a penalty, a forced break,
			// or the end of the paragraph (i == n)
			var it item
			last := i == n
			if !last {
				it = items[i]
				switch it.kind {
				case kBox:
					continue
				case kGlue:
					if i == 0 || items[i-1].kind != kBox {
						continue
					}
				}
			}
			forced := last || it.kind == kBreak
			pw := 0.0
			if it.kind == kPenalty {
				pw = it.w
			}
			p := penalty(it)
			var best [4]kpNode // by value: only the ones kept are allocated
			var has [4]bool
			var bestD [4]float64
			for f := range bestD {
				bestD[f] = math.Inf(1)
			}
			keep := active[:0]
			var dropped *kpNode // the latest, for the shortest overfull line
			for _, a := range active {
				L := W[i] - a.w + pw
				stretch, shrink := Y[i]-a.y, Z[i]-a.z
				var r float64
				switch {
				case forced:
					r = 0 // the last line is set ragged (\parfillskip)
					if L > width+eps {
						r = -2
					}
				case L < width-eps:
					room := stretch + extra
					if ragged {
						room = rag
					}
					if room > 0 {
						r = (width - L) / room
					} else {
						r = math.Inf(1)
					}
				case L > width+eps:
					if shrink > 0 {
						r = (width - L) / shrink
					} else {
						r = math.Inf(-1)
					}
				}
				if r < -1 {
					if dropped == nil || a.pos > dropped.pos || a.pos == dropped.pos && a.demerits < dropped.demerits {
						dropped = a
					}
					continue // overfull from here on: a is no longer active
				}
				keep = append(keep, a)
				if r > tol {
					continue
				}
				bad := math.Min(100*math.Pow(math.Abs(r), 3), infBad)
				if math.IsInf(tol, 1) && r > tol {
					// the last resort: of lines too loose, the least loose
					bad = infBad * math.Min(r, 1e4)
					if math.IsInf(r, 1) {
						bad = infBad * 1e4 * (width - L) / width
					}
				}
				d := math.Pow(linePenalty+bad, 2)
				switch {
				case p > 0:
					d += p * p
				case p > math.Inf(-1):
					d -= p * p
				}
				flagged := it.kind == kPenalty && it.flag
				if flagged && a.flagged {
					d += doubleHyphen
				}
				if flagged && G[i] == G[a.start] {
					d += firstWordHyphen
				}
				if last && a.flagged {
					d += finalHyphen
				}
				fit := fitness(r)
				if forced {
					fit = a.fitness // the ragged last line does not count
				}
				if abs(float64(fit-a.fitness)) > 1 {
					d += adjDemerits
				}
				d += a.demerits
				if d < bestD[fit] {
					bestD[fit] = d
					best[fit] = kpNode{pos: i, line: a.line + 1, fitness: fit, demerits: d, flagged: flagged, prev: a}
					has[fit] = true
				}
			}
			active = keep
			if len(active) == 0 && dropped != nil && math.IsInf(tol, 1) && has == [4]bool{} {
				// Nothing fits: a piece wider than the line (a column
				// narrower than one letter) goes on a line of its own.
				best[2] = kpNode{pos: i, line: dropped.line + 1, fitness: 2, demerits: dropped.demerits + infBad*infBad, prev: dropped}
				bestD[2], has[2] = best[2].demerits, true
			}
			if forced {
				active = active[:0] // nothing reaches past a forced break
			}
			minD := math.Inf(1)
			for f := range bestD {
				minD = math.Min(minD, bestD[f])
			}
			for f := range best {
				if has[f] && bestD[f] <= minD+adjDemerits {
					nd := new(kpNode)
					*nd = best[f]
					k := after(i)
					if last {
						k = n
					}
					nd.w, nd.y, nd.z, nd.start = W[k], Y[k], Z[k], k
					active = append(active, nd)
				}
			}
			if len(active) == 0 {
				return nil // no feasible way within tol
			}
			if last {
				var win *kpNode
				for _, a := range active {
					if a.pos == n && (win == nil || a.demerits < win.demerits) {
						win = a
					}
				}
				return win
			}
		}
		return nil
	}
	if pre > 0 {
		for _, it := range items {
			if it.kind == kBox && it.w > width+eps {
				return nil // chop first
			}
		}
	}
	var end *kpNode
	switch {
	case pre > 0:
		if end = run(pre, 0); end == nil {
			return nil
		}
	default:
		end = run(tolerance, 0)
	}
	if end == nil && !ragged {
		end = run(tolerance, emergency)
	}
	if end == nil {
		end = run(math.Inf(1), emergency) // every box fits a line, so this finds one
	}
	if end == nil {
		return nil
	}
	var breaks []int
	for nd := end; nd.pos >= 0; nd = nd.prev {
		breaks = append(breaks, nd.pos)
	}
	var out []lineItems
	from := after(-1)
	for k := len(breaks) - 1; k >= 0; k-- {
		pos := breaks[k]
		end := min(pos, n)
		line := trimGlue(items[min(from, end):end])
		last := pos >= n || items[pos].kind == kBreak
		if !last {
			if p := items[pos]; p.kind == kPenalty && p.text != "" {
				line = append(line[:len(line):len(line)], item{kind: kBox, st: p.st, text: p.text, w: p.w, flag: true})
			}
		}
		out = append(out, lineItems{items: line, last: last})
		from = after(pos)
	}
	return out
}

// fitness is TeX's class of a line: 0 very loose, 1 loose, 2 decent, 3 tight.
func fitness(r float64) int {
	switch {
	case r > 1:
		return 0
	case r > 0.5:
		return 1
	case r >= -0.5:
		return 2
	}
	return 3
}
