package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A word wider than its column (a long German compound in a narrow table
// column) must be split. It is split with a visible hyphen, at the best
// point that fits: a compound boundary if one lies in the second half of
// the room (a joint, "Auftrags-verarbeiter", before the end of a prefix,
// "ver-arbeiter"), else a syllable boundary, else any point; never with
// fewer than three letters on either side.
//
// German hyphenation proper needs a dictionary or TeX's patterns; these
// rules only find points a reader accepts:
//
//   - compound boundaries: after a word-initial prefix ("unter", "ver"),
//     and after a linking s before a consonant that can start a syllable
//     ("Auftrags|verarbeiter", "Angemessenheits|beschluss");
//   - syllable boundaries: between vowel groups, before the last consonant
//     of a cluster, or before the longest cluster that can start a
//     syllable ("Re|chen", "Zer|ti|fi|zie|run|gen", "auf|trags").

// minFragment is the fewest letters left on either side of a hyphen.
const minFragment = 3

// hyphenPoint is a break before rune pos of a word; rank 2 is a joint of
// a compound ("Auftrags|verarbeiter"), 1 the end of a prefix
// ("ver|arbeiter"), 0 a syllable boundary.
type hyphenPoint struct {
	pos, rank int
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyäöüéèáàâêîôû", unicode.ToLower(r))
}

// onsets are the consonant clusters that start a German syllable (and stay
// together when a word is split), longest first.
var onsets = []string{"schl", "schm", "schn", "schr", "schw", "sch", "bl", "br", "ch", "ck", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "ph", "pl", "pr", "th", "tr", "zw"}

// starts are the clusters that start a part of a compound besides the
// onsets: "Ein|spruch", "Schutz|ziel".
var starts = []string{"spr", "str", "sp", "st", "sk", "pf", "kn", "gn", "ps"}

// prefixes split off at the start of a word or after a compound
// boundary; the first may come before a vowel ("unter|auf", "ver|ar"),
// the others only before a consonant ("be|schluss", not "en|tität").
var (
	prefixesV = []string{"zusammen", "wieder", "gegen", "durch", "unter", "über", "nach", "miss", "ver", "vor", "auf", "aus", "ein"}
	prefixesC = []string{"ent", "an", "ab", "be", "ge", "un", "er"}
)

// hyphenPoints finds the points where a word may be split. The word is
// the letters of w; a word with digits or other characters inside has
// none.
func hyphenPoints(w []rune) []hyphenPoint {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return nil
		}
	}
	lower := []rune(strings.ToLower(string(w)))
	n := len(lower)
	at := func(i int, p string) bool { return strings.HasPrefix(string(lower[i:]), p) }
	onsetAt := func(i int) bool {
		if i >= n || isVowel(lower[i]) {
			return false
		}
		if i+1 < n && isVowel(lower[i+1]) {
			return true
		}
		for _, o := range append(onsets, starts...) {
			if at(i, o) {
				return true
			}
		}
		return false
	}

	// Compound boundaries: rank 2 joints, rank 1 prefix ends.
	strong := map[int]int{}
	var prefixAt func(i int)
	mark := func(k, rank int) {
		if k > 0 && k < n && strong[k] < rank {
			_, seen := strong[k]
			strong[k] = rank
			if !seen {
				prefixAt(k)
			}
		}
	}
	prefixAt = func(i int) {
		for _, p := range prefixesV {
			if k := i + utf8.RuneCountInString(p); at(i, p) && k < n && (onsetAt(k) || isVowel(lower[k])) {
				mark(k, 1)
				return
			}
		}
		for _, p := range prefixesC {
			if k := i + utf8.RuneCountInString(p); at(i, p) && onsetAt(k) {
				mark(k, 1)
				return
			}
		}
	}
	prefixAt(0)
	for i := 2; i+1 < n; i++ {
		switch {
		case lower[i] == 's' && strong[i] == 0 && !at(i+1, "ch") && hasVowel(lower[:i]) && hasVowel(lower[i+1:]):
			// a linking s: after a noun suffix, or after a consonant
			// and before a syllable's start
			suffix := false
			for _, sfx := range []string{"ung", "heit", "keit", "schaft", "ion", "tät", "tum", "ling"} {
				suffix = suffix || strings.HasSuffix(string(lower[:i]), sfx)
			}
			// "s|t" is rarely a joint ("Diens|tes", "Ers|tattung") but
			// after a t ("Arbeits|tag").
			st := lower[i+1] != 't' || lower[i-1] == 't'
			if suffix || st && n-i > 3 && !isVowel(lower[i-1]) && lower[i-1] != 's' && onsetAt(i+1) {
				mark(i+1, 2)
			}
		case (lower[i-1] == 'n' || lower[i-1] == 's') && at(i, "ver") && hasVowel(lower[:i]):
			mark(i, 2) // "Daten|verarbeitung"
		}
	}

	// Syllables within each part: between vowel groups, before the last
	// consonant of a cluster or the longest cluster that starts one.
	weak := map[int]bool{}
	bounds := []int{0}
	for i := 1; i < n; i++ {
		if _, ok := strong[i]; ok {
			bounds = append(bounds, i)
		}
	}
	bounds = append(bounds, n)
	for k := 1; k < len(bounds); k++ {
		var groups [][2]int
		for i := bounds[k-1]; i < bounds[k]; {
			if !isVowel(lower[i]) {
				i++
				continue
			}
			j := i
			for j < bounds[k] && isVowel(lower[j]) {
				j++
			}
			groups = append(groups, [2]int{i, j})
			i = j
		}
		for g := 1; g < len(groups); g++ {
			a, b := groups[g-1][1], groups[g][0]
			cl := string(lower[a:b])
			switch b - a {
			case 0:
			case 1:
				weak[a] = true
			default:
				cut := b - 1
				for _, o := range onsets {
					if strings.HasSuffix(cl, o) {
						cut = b - utf8.RuneCountInString(o)
						break
					}
				}
				if cut > a {
					weak[cut] = true
				}
			}
		}
	}

	var out []hyphenPoint
	for i := minFragment; i <= n-minFragment; i++ {
		if r, ok := strong[i]; ok {
			out = append(out, hyphenPoint{i, r})
		} else if weak[i] {
			out = append(out, hyphenPoint{i, 0})
		}
	}
	return out
}

func hasVowel(rs []rune) bool {
	for _, r := range rs {
		if isVowel(r) {
			return true
		}
	}
	return false
}

// hyphenate splits a box with a hyphen so that the head fits avail: at the
// widest compound boundary that fills at least half of it (joints before
// prefix ends), else at the widest syllable boundary, else at the widest
// point that keeps three letters on either side. Punctuation at the ends of the box ("(Racks)",
// "Darmstadt,") stays with its letters. ok is false when nothing fits.
func (b *breaker) hyphenate(it item, avail float64) (head, tail item, ok bool) {
	st := b.styles[it.st]
	rs := []rune(it.text)
	// the word: letters between leading and trailing punctuation
	a, z := 0, len(rs)
	for a < z && !unicode.IsLetter(rs[a]) {
		a++
	}
	for z > a && !unicode.IsLetter(rs[z-1]) {
		z--
	}
	if z-a < 2*minFragment {
		return item{}, item{}, false
	}
	word := rs[a:z]
	hy := b.m.runeWidth('-', st)
	// widths[i] is the width of rs[:i]
	widths := make([]float64, len(rs)+1)
	for i, r := range rs {
		widths[i+1] = widths[i] + b.m.runeWidth(r, st)
	}
	fits := func(pos int) bool { return widths[a+pos]+hy <= avail+eps }
	best := -1
	pts := hyphenPoints(word)
	for rank := 2; rank >= 1 && best < 0; rank-- {
		for _, p := range pts {
			if p.rank == rank && fits(p.pos) && widths[a+p.pos]+hy >= avail/2 {
				best = p.pos
			}
		}
	}
	if best < 0 {
		for _, p := range pts {
			if fits(p.pos) {
				best = p.pos
			}
		}
	}
	if best < 0 {
		allLetters := true
		for _, r := range word {
			allLetters = allLetters && unicode.IsLetter(r)
		}
		for pos := minFragment; allLetters && pos <= len(word)-minFragment; pos++ {
			if fits(pos) {
				best = pos
			}
		}
	}
	if best < 0 {
		return item{}, item{}, false
	}
	cut := a + best
	head = item{kind: kBox, st: it.st, text: string(rs[:cut]) + "-", w: widths[cut] + hy}
	tail = item{kind: kBox, st: it.st, text: string(rs[cut:]), w: max(0, it.w-widths[cut])}
	return head, tail, true
}
