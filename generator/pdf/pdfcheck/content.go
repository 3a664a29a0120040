package pdfcheck

import (
	"bytes"
	"strconv"
)

// token is a lexical token of a content stream (ISO 32000-1, 7.2, 8.2).
type token struct {
	kind byte // 'o' operator, 'n' name, 'd' number, 's' string, '<' '>' '[' ']'
	s    []byte
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// lex splits a content stream into tokens and calls fn for each.
func lex(b []byte, fn func(token)) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			depth, j := 0, i
			for ; j < len(b); j++ {
				if b[j] == '\\' {
					j++
					continue
				}
				if b[j] == '(' {
					depth++
				} else if b[j] == ')' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			fn(token{'s', b[i:min(j+1, len(b))]})
			i = j + 1
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			fn(token{'<', nil})
			i += 2
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			fn(token{'>', nil})
			i += 2
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				j = len(b) - i - 1
			}
			fn(token{'s', b[i : i+j+1]})
			i += j + 1
		case c == '[' || c == ']':
			fn(token{c, nil})
			i++
		case c == '/':
			j := i + 1
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			fn(token{'n', b[i+1 : j]})
			i = j
		default:
			j := i
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			if j == i {
				j++ // a stray delimiter
			}
			w := b[i:j]
			k := byte('o')
			if _, err := strconv.ParseFloat(string(w), 64); err == nil {
				k = 'd'
			}
			fn(token{k, w})
			i = j
		}
	}
}

// shows are the operators that paint: text showing, path painting,
// shadings and XObjects ("n" ends a path without painting).
var shows = map[string]bool{"Tj": true, "TJ": true, "'": true, `"`: true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true,
	"sh": true, "Do": true, "BI": true}

// PageMarks is what a page's content stream says about marked content.
type PageMarks struct {
	MCIDs     []int // in stream order
	Unmarked  int   // painting operators outside any marked content
	Artifacts int   // painting operators inside artifacts
	Tagged    int   // painting operators inside marked content with an MCID
	Errors    []string
}

// Marks reads a content stream.
func Marks(stream []byte) PageMarks {
	var pm PageMarks
	type mc struct {
		artifact bool
		mcid     int // -1: none
		q        int
	}
	var stack []mc
	var operands []token
	q, inText := 0, false
	lex(stream, func(t token) {
		if t.kind != 'o' {
			operands = append(operands, t)
			return
		}
		op := string(t.s)
		switch op {
		case "q":
			q++
		case "Q":
			q--
			if n := len(stack); n > 0 && q < stack[n-1].q {
				pm.Errors = append(pm.Errors, "Q inside marked content begun after its q")
			}
		case "BT":
			inText = true
		case "ET":
			inText = false
		case "BMC", "BDC":
			if inText {
				pm.Errors = append(pm.Errors, op+" inside a text object")
			}
			m := mc{mcid: -1, q: q}
			if len(operands) > 0 && operands[0].kind == 'n' && string(operands[0].s) == "Artifact" {
				m.artifact = true
			}
			for i := 0; i+1 < len(operands); i++ {
				if operands[i].kind == 'n' && string(operands[i].s) == "MCID" && operands[i+1].kind == 'd' {
					m.mcid, _ = strconv.Atoi(string(operands[i+1].s))
				}
			}
			for _, o := range stack {
				if o.artifact && m.mcid >= 0 || o.mcid >= 0 && m.mcid >= 0 {
					pm.Errors = append(pm.Errors, "marked content with an MCID nested in an artifact or another MCID")
				}
			}
			if m.mcid >= 0 {
				pm.MCIDs = append(pm.MCIDs, m.mcid)
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				pm.Errors = append(pm.Errors, "EMC without BMC/BDC")
				break
			}
			if stack[len(stack)-1].q != q {
				pm.Errors = append(pm.Errors, "q/Q and marked content interleave")
			}
			stack = stack[:len(stack)-1]
		default:
			if shows[op] {
				switch {
				case len(stack) == 0:
					pm.Unmarked++
				case func() bool {
					for _, o := range stack {
						if o.artifact {
							return true
						}
					}
					return false
				}():
					pm.Artifacts++
				default:
					tagged := false
					for _, o := range stack {
						tagged = tagged || o.mcid >= 0
					}
					if tagged {
						pm.Tagged++
					} else {
						pm.Unmarked++
					}
				}
			}
		}
		operands = operands[:0]
	})
	if len(stack) > 0 {
		pm.Errors = append(pm.Errors, "marked content left open at the end of the page")
	}
	return pm
}

// checkContent: all real content tagged, everything else an artifact,
// each MCID once and in the structure tree (PDF/UA-1 7.1).
func (f *File) checkContent(ps *problems, t *structTree) {
	for i, p := range f.pages {
		pg := f.dict(p)
		var data []byte
		for _, c := range append([]any{pg["/Contents"]}, f.array(pg["/Contents"])...) {
			if b, ok := f.streamData(c); ok {
				data = append(data, b...)
				data = append(data, '\n')
			}
		}
		pm := Marks(data)
		for _, e := range pm.Errors {
			ps.add("ISO 32000-1 14.6", "page %d: %s", i+1, e)
		}
		if pm.Unmarked > 0 {
			ps.add("PDF/UA-1 7.1", "page %d: %d painting operators are neither tagged nor artifacts", i+1, pm.Unmarked)
		}
		seen := map[int]bool{}
		for _, m := range pm.MCIDs {
			if seen[m] {
				ps.add("ISO 32000-1 14.7.4", "page %d: MCID %d used twice", i+1, m)
			}
			seen[m] = true
			if t == nil || t.byMC[MCRef{i, m}] == nil {
				ps.add("PDF/UA-1 7.1", "page %d: MCID %d is in no structure element", i+1, m)
			}
		}
		if t != nil {
			for r := range t.byMC {
				if r.Page == i && !seen[r.MCID] {
					ps.add("ISO 32000-1 14.7.4", "page %d: the tree names MCID %d, the page has none", i+1, r.MCID)
				}
			}
		}
	}
}
