package hyphen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NBSP is the no-break space the ties put in.
const NBSP = '\u00A0'

// The places where German (and legal English) typography forbids a line
// break at a space: between a sign or an abbreviation and its number
// ("§ 5", "Art. 32", "Abs. 2", "Nr. 3"), a number and its unit ("10 %",
// "30 Tage", "256 GB"), and inside abbreviations ("z. B.", "d. h.").
var (
	tieSigns = set("§", "§§", "Art.", "Abs.", "Nr.", "Ziff.", "lit.", "Satz", "Kap.", "Rn.", "Anlage", "Annex", "Section", "Sec.", "No.", "S.")
	tieUnits = set("%", "‰", "€", "EUR", "°C", "KB", "MB", "GB", "TB", "Kbit/s", "Mbit/s", "Gbit/s", "ms", "Std.", "Min.",
		"Tag", "Tage", "Tagen", "Woche", "Wochen", "Monat", "Monate", "Monaten", "Jahr", "Jahre", "Jahren",
		"Stunde", "Stunden", "Minute", "Minuten", "Sekunde", "Sekunden",
		"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "second", "seconds")
	tieAbbrFirst  = "zduosvie" // z. B., d. h., u. a., o. Ä., s. u., v. a., i. d. R., e. V.
	tieAbbrSecond = "BhaÄägudRSAeV"
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Ties returns s with no-break spaces where a line must not break. It only
// replaces ASCII spaces, so it can run on any text; it allocates only when
// it ties something.
func Ties(s string) string {
	var b []byte // the copy, once a space is replaced
	for i := strings.IndexByte(s, ' '); i >= 0; {
		next := strings.IndexByte(s[i+1:], ' ')
		end := len(s)
		if next >= 0 {
			end = i + 1 + next
		}
		start := strings.LastIndexByte(s[:i], ' ') + 1
		if tie(s[start:i], s[i+1:end]) {
			if b == nil {
				b = []byte(s)
			}
			b[i] = 0 // marker, replaced below (NBSP is two bytes)
		}
		if next < 0 {
			break
		}
		i = end
	}
	if b == nil {
		return s
	}
	return strings.ReplaceAll(string(b), "\x00", string(NBSP))
}

// tie reports whether the space between the words before and after must
// not break.
func tie(before, after string) bool {
	if before == "" || after == "" {
		return false
	}
	// The sign or number itself: after an opening bracket, quote or hyphen.
	if k := strings.LastIndexAny(before, "(-/„“\"'"); k >= 0 && k < len(before)-1 {
		before = before[k+1:]
	}
	first, _ := utf8.DecodeRuneInString(after)
	last, _ := utf8.DecodeLastRuneInString(before)
	switch {
	case unicode.IsDigit(first) && tieSigns[before]:
		return true
	case unicode.IsDigit(last) && isNumber(before):
		return tieUnits[strings.TrimRight(after, ".,;:!?)")] || tieUnits[strings.TrimRight(after, ",;:!?)")]
	case len(before) == 2 && before[1] == '.' && strings.IndexByte(tieAbbrFirst, before[0]) >= 0:
		r, size := utf8.DecodeRuneInString(after)
		return strings.ContainsRune(tieAbbrSecond, r) && strings.HasPrefix(after[size:], ".")
	}
	return false
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}
