package hyphen

import (
	"strings"
	"testing"
)

// The splits are TeX's (hyph-de-1996, hyph-en-us) with the minimums 2|3,
// checked against the Duden and the Merriam-Webster.
func TestPoints(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"de", "Auf-trags-ver-ar-bei-ter"},
		{"de", "Si-cher-heits-kon-zept"},
		{"de", "Auf-trags-ver-ar-bei-tungs-ver-trag"},
		{"de", "Re-chen-zen-tren"},
		{"de", "Ver-schlüs-se-lung"},
		{"de", "Zu-gangs-kon-trolle"},
		{"de", "Da-ten-schutz-be-auf-trag-ter"},
		{"de", "Kun-den-be-stands-da-ten"},
		{"de", "öf-fent-lich"},
		{"de", "zu-gäng-li-cher"},
		{"en", "un-der-stand-ing"},
		{"en", "gen-er-ally"}, // "al-ly" would leave two letters (right minimum 3)
		{"en", "ac-knowl-edge-ment"},
		{"en", "in-for-ma-tion"},
		{"en", "en-cryp-tion"},
		{"en", "sub-proces-sors"},
		{"en", "in-fra-struc-ture"},
	} {
		h := For(c.lang)
		word := strings.ReplaceAll(c.want, "-", "")
		if got := h.Hyphenated(word); got != c.want {
			t.Errorf("%s %s: got %s, want %s", c.lang, word, got, c.want)
		}
	}
}

func TestPointsMinimums(t *testing.T) {
	// With TeX's English minimums 2|2 the patterns also allow "al-ly".
	if got := Join("generally", For("en").PointsMin("generally", 2, 2), "-"); got != "gen-er-al-ly" {
		t.Errorf("generally with 2|2: %s", got)
	}
	if got := For("de").Points("Abo"); got != nil {
		t.Errorf("short word split at %v", got)
	}
}

func TestFor(t *testing.T) {
	if For("de-DE") != For("de") || For("en-US") != For("en") || For("de") == nil {
		t.Error("language tags are not mapped to their patterns")
	}
	if For("fr") != nil {
		t.Error("a language without patterns must give nil")
	}
	if got := For("fr").Points("bonjour"); got != nil {
		t.Errorf("nil hyphenator gave %v", got)
	}
}

func TestWord(t *testing.T) {
	for _, c := range []struct {
		token, pre, word, post string
		ok                     bool
	}{
		{"(Racks),", "(", "Racks", "),", true},
		{"„Auftragsverarbeiter“", "„", "Auftragsverarbeiter", "“", true},
		{"Kundenbestandsdaten-Verwaltung", "", "Kundenbestandsdaten-Verwaltung", "", true},
		{"https://example.com/datenschutz", "", "https://example.com/datenschutz", "", false},
		{"datenschutz@example.com", "", "datenschutz@example.com", "", false},
		{"www.example.com", "", "www.example.com", "", false},
		{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA", "256", false},
		{"ECDHE-RSA-AES", "", "ECDHE-RSA-AES", "", false},
		{"AES-256", "", "AES", "-256", false},
		{"TKG", "", "TKG", "", false},
		{"SHA256", "", "SHA", "256", false},
		{"ISO/IEC", "", "ISO/IEC", "", false},
		{"/etc/passwd", "/", "etc/passwd", "", false},
		{"IT-Sicherheitskonzept", "", "IT-Sicherheitskonzept", "", true},
		{"DSGVO-konform", "", "DSGVO-konform", "", false},
	} {
		pre, word, post, ok := Word(c.token)
		if pre != c.pre || word != c.word || post != c.post || ok != c.ok {
			t.Errorf("Word(%q) = %q %q %q %v, want %q %q %q %v", c.token, pre, word, post, ok, c.pre, c.word, c.post, c.ok)
		}
	}
}
