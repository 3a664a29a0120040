package validate

import (
	"strings"
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/markdown"
)

// pathologicalTexts are inputs goldmark is slow on, each at the size
// limits: over a bound they are refused before parsing, under it they are
// parsed. Each must take well under 2 s (see /work/notes/harden.md for the
// times before the bounds).
func pathologicalTexts() map[string]string {
	fill := func(s string) string { // pad to MaxTextSize with plain words
		return s + strings.Repeat("x ", (MaxTextSize-len(s))/2)
	}
	return map[string]string{
		"open-links-100000":    strings.Repeat("[a](", 100000), // refused
		"open-links-at-cap":    fill(strings.Repeat("[a](", MaxOpenLinks)),
		"closed-links-at-cap":  fill(strings.Repeat("[a](b) ", MaxDelimiters)),
		"brackets-at-cap":      fill(strings.Repeat("[", MaxDelimiters)),
		"brackets-1MiB":        strings.Repeat("[", MaxTextSize), // refused
		"emphasis-at-cap":      fill(strings.Repeat("*a", MaxDelimiters)),
		"lt-at-cap":            fill(strings.Repeat("<a\n\n", MaxDelimiters)),
		"lt-10000-in-1MiB":     strings.Repeat("<a "+strings.Repeat("x ", 50), 10000), // refused
		"lt-scan-at-cap":       fill(strings.Repeat("<a", MaxTagScan/MaxTextSize)),
		"backticks-at-cap":     fill(strings.Repeat("`a", MaxDelimiters)),
		"underscores-at-cap":   fill(strings.Repeat("_a ", MaxDelimiters)),
		"nested-quotes-1MiB":   strings.Repeat(">", MaxTextSize), // refused
		"nested-quotes-at-cap": fill(strings.Repeat("> ", MaxNesting)),
		"plain-1MiB":           fill(""),
	}
}

func BenchmarkCheckText(b *testing.B) {
	p := markdown.New().Parser()
	at := func(int) diag.Pos { return diag.Pos{} }
	for name, s := range pathologicalTexts() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				checkText(p, s, "text", at, &diag.List{})
			}
		})
	}
}

// The inputs over a bound are refused with a message that says how to fix
// them; the others pass the bounds.
func TestPathologicalRefused(t *testing.T) {
	for name, s := range pathologicalTexts() {
		_, msg, bad := pathological(s)
		want := strings.HasSuffix(name, "100000") || name == "brackets-1MiB" || name == "nested-quotes-1MiB" || name == "lt-10000-in-1MiB"
		if bad != want {
			t.Errorf("%s: refused %v, want %v (%s)", name, bad, want, msg)
		}
		if bad && !strings.Contains(msg, "escape") && !strings.Contains(msg, "flatten") {
			t.Errorf("%s: %q says not how to fix it", name, msg)
		}
	}
}
