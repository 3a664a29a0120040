package hyphen

import (
	"regexp"
	"strings"
)

// NBSP is the no-break space the ties put in.
const NBSP = '\u00A0'

// The places where German (and legal English) typography forbids a line
// break at a space: between a sign or an abbreviation and its number
// ("§ 5", "Art. 32", "Abs. 2", "Nr. 3"), a number and its unit ("10 %",
// "30 Tage", "256 GB"), and inside abbreviations ("z. B.", "d. h.").
var (
	tieBefore = regexp.MustCompile(`(^|[^\pL])(§§?|Art\.|Abs\.|Nr\.|Ziff\.|lit\.|Satz|Kap\.|Rn\.|Anlage|Annex|Section|Sec\.|No\.|S\.) (\d)`)
	tieUnit   = regexp.MustCompile(`(\d) (%|‰|€|EUR|°C|[KMGT]B|[KMG]bit/s|ms|Std\.|Min\.|Tage?n?|Wochen?|Monate?n?|Jahre?n?|Stunden?|Minuten?|Sekunden?|days?|weeks?|months?|years?|hours?|minutes?|seconds?)([^\pL\pN]|$)`)
	tieAbbr   = regexp.MustCompile(`(^|[^\pL])(z|d|u|o|s|v|i|e)\. (B|h|a|Ä|ä|g|u|d|R|S|A|e)\.`)
)

// Ties returns s with no-break spaces where a line must not break. It only
// replaces ASCII spaces, so it can run on any text.
func Ties(s string) string {
	if !strings.ContainsAny(s, "0123456789.") {
		return s
	}
	nb := string(NBSP)
	if strings.ContainsAny(s, "0123456789") {
		s = tieBefore.ReplaceAllString(s, "${1}${2}"+nb+"${3}")
		s = tieUnit.ReplaceAllString(s, "${1}"+nb+"${2}${3}")
	}
	if strings.Contains(s, ". ") {
		s = tieAbbr.ReplaceAllString(s, "${1}${2}."+nb+"${3}.")
	}
	return s
}
