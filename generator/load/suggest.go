package load

// suggest returns the candidate closest to s if it is close enough to be a
// likely typo (edit distance at most a third of the word, at least 1), else "".
func suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(s, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := len([]rune(s)) / 3
	if limit < 1 {
		limit = 1
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// SuggestID returns the valid ID the message for an invalid ID s proposes
// ("büro-zürich" → "buero-zuerich"), so other stages can recognise it.
func SuggestID(s string) string { return slug(s) }

// Suggest is suggest for other stages (the validator's "did you mean").
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// distance is the optimal-string-alignment distance between a and b, in
// runes: insertions, deletions, substitutions and swaps of two neighbours
// ("tsl" for "tls") each count one.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 128 || len(rb) > 128 {
		return 1 << 30 // not worth comparing; never a typo
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
