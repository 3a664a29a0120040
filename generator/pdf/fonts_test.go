package pdf

import (
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"
)

func TestParseMetricsRejectsBadFonts(t *testing.T) {
	ttf := liberationserifregular.TTF
	for name, b := range map[string][]byte{
		"empty":     nil,
		"garbage":   []byte("this is not a font at all, not even close"),
		"truncated": ttf[:2000],
		"otf":       append([]byte("OTTO"), ttf[4:]...),
	} {
		if _, err := parseMetrics(b); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
	m, err := parseMetrics(ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AaÄäÖöÜüß„“§€–•" {
		if !m.Has(r) {
			t.Errorf("Liberation Serif lacks %q", r)
		}
	}
	for _, r := range []rune{'✓', '中', 0x1F600, -1} {
		if m.Has(r) {
			t.Errorf("Liberation Serif claims %U", r)
		}
	}
}
