package hyphen

import (
	"strings"
	"testing"
)

func TestTies(t *testing.T) {
	for in, want := range map[string]string{
		"nach § 168 TKG":                       "nach §~168 TKG",
		"gemäß §§ 3 und 4":                     "gemäß §§~3 und 4",
		"Art. 32 Abs. 1 lit. b DSGVO":          "Art.~32 Abs.~1 lit. b DSGVO",
		"Art. 28 Abs. 2 Satz 1":                "Art.~28 Abs.~2 Satz~1",
		"zu 99,9 % verfügbar, 256 GB":          "zu 99,9~% verfügbar, 256~GB",
		"innerhalb von 30 Tagen widersprechen": "innerhalb von 30~Tagen widersprechen",
		"z. B. Server, d. h. alle, u. a. hier": "z.~B. Server, d.~h. alle, u.~a. hier",
		"within 30 days of notice":             "within 30~days of notice",
		"Anlage 1 und Annex 2":                 "Anlage~1 und Annex~2",
		"Version 2 Tage":                       "Version 2~Tage",
		"Das ist 10 Mal so viel":               "Das ist 10 Mal so viel",
		"Raum 3 Stockwerke":                    "Raum 3 Stockwerke",
		"keine Zahl hier.":                     "keine Zahl hier.",
		"Kunden-Art. 5":                        "Kunden-Art.~5",
	} {
		if got := strings.ReplaceAll(Ties(in), "\u00a0", "~"); got != want {
			t.Errorf("Ties(%q) = %q, want %q", in, got, want)
		}
	}
}
