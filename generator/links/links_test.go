package links

import "testing"

func TestSafe(t *testing.T) {
	for dest, want := range map[string]string{
		"https://example.com/a?b=c#d":    "https://example.com/a?b=c#d",
		"HTTP://example.com":             "http://example.com",
		"mailto:datenschutz@example.com": "mailto:datenschutz@example.com",
		"tel:+49-6131-636-8760":          "tel:+49-6131-636-8760",
		"tel:+49%206131%20636":           "tel:+49%206131%20636",
		"https:///nohost":                "",
		"javascript:alert(1)":            "",
		"JavaScript:alert(1)":            "",
		"vbscript:x":                     "",
		"data:text/html,<b>":             "",
		"file:///etc/passwd":             "",
		"smb://evil/share":               "",
		"ms-msdt:/id PCWDiagnostic":      "",
		"ms-excel:ofe|u|https://x":       "",
		"tel:javascript:alert(1)":        "",
		"tel:":                           "",
		"mailto:":                        "",
		"relative/page.html":             "",
		"//example.com":                  "",
	} {
		if got := Safe(dest); got != want {
			t.Errorf("Safe(%q) = %q, want %q", dest, got, want)
		}
	}
}
