package layoutcheck

import (
	"fmt"
	"strings"
	"testing"
)

// page builds pdftotext -bbox-layout output: a header line, then lines of
// words (each word 30 pt wide, 11.6 pt high: 10.5 pt type) at the gaps given.
func fakePage(lines ...[]float64) string {
	var b strings.Builder
	b.WriteString(`<html><body><doc><page width="595" height="842"><flow><block><line xMin="70" yMin="38" xMax="200" yMax="47"><word xMin="70" yMin="38" xMax="200" yMax="47">Header</word></line></block></flow><flow><block>`)
	y := 80.0
	for _, gaps := range lines {
		x := 70.0
		end := 70 + 30*float64(len(gaps)+1)
		for _, g := range gaps {
			end += g
		}
		fmt.Fprintf(&b, `<line xMin="70" yMin="%g" xMax="%g" yMax="%g">`, y, end, y+11.6)
		for i := 0; i <= len(gaps); i++ {
			text := "wort"
			if i == len(gaps) && len(gaps) == 1 {
				text = "Schutzziele:"
			}
			fmt.Fprintf(&b, `<word xMin="%g" yMin="%g" xMax="%g" yMax="%g">%s</word>`, x, y, x+30, y+11.6, text)
			x += 30
			if i < len(gaps) {
				x += gaps[i]
			}
		}
		b.WriteString(`</line>`)
		y += 14.2
	}
	b.WriteString(`</block></flow></page></doc></body></html>`)
	return b.String()
}

func TestCheck(t *testing.T) {
	t.Parallel()
	even := []float64{2.6, 2.6, 2.6, 2.6, 2.6} // natural spaces (2.6 pt at 10.5 pt): ends at 263
	loose := []float64{51.5, 51.5}             // three words to the same end
	x := fakePage(even, even, loose, even, []float64{2.6})
	c, err := Check([]byte(x), Default)
	if err != nil {
		t.Fatal(err)
	}
	if c.Justified != 4 || c.Loose != 1 || c.Stranded != 1 {
		t.Errorf("got %s\n%s", c, strings.Join(c.Where, "\n"))
	}
}
