package pdfcheck

import (
	"encoding/binary"
	"strconv"

	"trustdocs/generator/ttf"
)

// usedCodes collects, per font reference, the two-byte codes the pages
// show with it (Identity-H: code = CID).
func (f *File) usedCodes() map[string]map[int]bool {
	used := map[string]map[int]bool{}
	for _, p := range f.pages {
		pg := f.dict(p)
		fonts := f.dict(f.dict(pg["/Resources"])["/Font"])
		var data []byte
		for _, c := range append([]any{pg["/Contents"]}, f.array(pg["/Contents"])...) {
			if b, ok := f.streamData(c); ok {
				data = append(data, b...)
				data = append(data, '\n')
			}
		}
		cur := ""
		var operands []token
		lex(data, func(t token) {
			if t.kind != 'o' {
				operands = append(operands, t)
				return
			}
			switch op := string(t.s); op {
			case "Tf":
				if len(operands) > 0 && operands[0].kind == 'n' {
					cur, _ = fonts["/"+string(operands[0].s)].(string)
				}
			case "Tj", "TJ", "'", `"`:
				if cur == "" || name(f.dict(cur)["/Subtype"]) != "Type0" {
					break
				}
				if used[cur] == nil {
					used[cur] = map[int]bool{}
				}
				for _, o := range operands {
					if o.kind != 's' {
						continue
					}
					b := stringBytes(o.s)
					for i := 0; i+1 < len(b); i += 2 {
						used[cur][int(b[i])<<8|int(b[i+1])] = true
					}
				}
			}
			operands = operands[:0]
		})
	}
	return used
}

// stringBytes decodes a literal (…) or hex <…> string token.
func stringBytes(s []byte) []byte {
	if len(s) >= 2 && s[0] == '<' {
		var out []byte
		var hi int = -1
		for _, c := range s[1 : len(s)-1] {
			v, err := strconv.ParseUint(string(c), 16, 8)
			if err != nil {
				continue
			}
			if hi < 0 {
				hi = int(v)
			} else {
				out = append(out, byte(hi<<4|int(v)))
				hi = -1
			}
		}
		if hi >= 0 {
			out = append(out, byte(hi<<4))
		}
		return out
	}
	if len(s) < 2 {
		return nil
	}
	s = s[1 : len(s)-1]
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\n':
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		default:
			if e >= '0' && e <= '7' {
				v, n := 0, 0
				for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
					v = v*8 + int(s[i]-'0')
					i++
					n++
				}
				i--
				out = append(out, byte(v))
			} else {
				out = append(out, e)
			}
		}
	}
	return out
}

// toUnicode reads the bfchar and bfrange entries of a ToUnicode CMap:
// the first UTF-16 unit each code maps to; crossing reports a range whose
// codes differ in more than the last byte.
func toUnicode(cmap []byte) (m map[int]int, crossing bool) {
	m = map[int]int{}
	var toks []token
	lex(cmap, func(t token) { toks = append(toks, t) })
	num := func(t token) (int, bool) {
		if t.kind != 's' || len(t.s) < 2 || t.s[0] != '<' {
			return 0, false
		}
		b := stringBytes(t.s)
		if len(b) == 0 {
			return 0, false
		}
		v := 0
		for _, c := range b[:min(2, len(b))] {
			v = v<<8 | int(c)
		}
		return v, true
	}
	mode := ""
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == 'o' {
			switch string(t.s) {
			case "beginbfchar", "beginbfrange":
				mode = string(t.s)
			case "endbfchar", "endbfrange":
				mode = ""
			}
			continue
		}
		switch mode {
		case "beginbfchar":
			if i+1 < len(toks) {
				src, ok1 := num(toks[i])
				dst, ok2 := num(toks[i+1])
				if ok1 && ok2 {
					m[src] = dst
				}
				i++
			}
		case "beginbfrange":
			if i+2 < len(toks) {
				lo, ok1 := num(toks[i])
				hi, ok2 := num(toks[i+1])
				dst, ok3 := num(toks[i+2])
				crossing = crossing || ok1 && ok2 && lo>>8 != hi>>8
				if ok1 && ok2 && ok3 && hi-lo < 1<<17 {
					for c := lo; c <= hi; c++ {
						m[c] = dst + c - lo
					}
				}
				i += 2
			}
		}
	}
	return m, crossing
}

// checkGlyphs: for every code a page shows, the glyph is in the embedded
// font program, the width in /W is the program's (PDF/A-2 6.2.11.4.1,
// 6.2.11.5) and ToUnicode maps it to a character (6.2.11.7.2).
func (f *File) checkGlyphs(ps *problems) {
	for ref, codes := range f.usedCodes() {
		font := f.dict(ref)
		base := name(font["/BaseFont"])
		kids := f.array(font["/DescendantFonts"])
		if len(kids) != 1 {
			continue
		}
		cid := f.dict(kids[0])
		fd := f.dict(cid["/FontDescriptor"])
		prog, ok := f.streamData(fd["/FontFile2"])
		tables, err := ttf.Tables(prog)
		if !ok || err != nil {
			ps.add("PDF/A-2 6.2.11.4.1", "font %s: the embedded program does not parse: %v", base, err)
			continue
		}
		head, hhea, hmtx, maxp := tables["head"], tables["hhea"], tables["hmtx"], tables["maxp"]
		if len(head) < 20 || len(hhea) < 36 || len(maxp) < 6 {
			ps.add("PDF/A-2 6.2.11.4.1", "font %s: the embedded program lacks head, hhea or maxp", base)
			continue
		}
		upem := float64(binary.BigEndian.Uint16(head[18:]))
		numHM := int(binary.BigEndian.Uint16(hhea[34:]))
		numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
		advance := func(gid int) float64 {
			g := min(gid, numHM-1)
			if 4*g+2 > len(hmtx) || g < 0 {
				return -1
			}
			return float64(binary.BigEndian.Uint16(hmtx[4*g:])) * 1000 / upem
		}
		gidOf := func(c int) int { return c } // /CIDToGIDMap /Identity
		if m, ok := f.streamData(cid["/CIDToGIDMap"]); ok {
			gidOf = func(c int) int {
				if 2*c+1 >= len(m) {
					return 0
				}
				return int(m[2*c])<<8 | int(m[2*c+1])
			}
		}
		widths := map[int]float64{}
		w := f.array(cid["/W"])
		for i := 0; i < len(w); {
			c, _ := number(w[i])
			if i+1 < len(w) {
				if arr, ok := w[i+1].([]any); ok {
					for k, v := range arr {
						widths[int(c)+k], _ = number(v)
					}
					i += 2
					continue
				}
			}
			if i+2 < len(w) {
				hi, _ := number(w[i+1])
				v, _ := number(w[i+2])
				for k := int(c); k <= int(hi) && k-int(c) < 1<<17; k++ {
					widths[k] = v
				}
			}
			i += 3
		}
		dw := 1000.0
		if v, ok := number(cid["/DW"]); ok {
			dw = v
		}
		tu := map[int]int{}
		if cm, ok := f.streamData(font["/ToUnicode"]); ok {
			var crossing bool
			if tu, crossing = toUnicode(cm); crossing {
				ps.add("ISO 32000-1 9.10.3", "font %s: a ToUnicode range crosses a first byte", base)
			}
		}
		bad := 0
		for c := range codes {
			gid := gidOf(c)
			if gid == 0 || gid >= numGlyphs {
				ps.add("PDF/A-2 6.2.11.4.1", "font %s: code %04X has no glyph in the embedded program", base, c)
				bad++
			}
			want := advance(gid)
			got, listed := widths[c]
			if !listed {
				got = dw
			}
			if d := got - want; d > 1 || d < -1 {
				ps.add("PDF/A-2 6.2.11.5", "font %s: code %04X is %g wide in /W, %g in the font program", base, c, got, want)
				bad++
			}
			if u, ok := tu[c]; !ok || u == 0 || u == 0xFEFF || u == 0xFFFE {
				ps.add("PDF/A-2 6.2.11.7.2", "font %s: code %04X has no Unicode value", base, c)
				bad++
			}
			if bad > 20 {
				break
			}
		}
	}
}
