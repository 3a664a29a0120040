package site

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"

	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

// fileSize writes a size the way the language does: "148 KB", "1,2 MB" in
// German, "1.2 MB" in English. The unit words are messages of the theme
// (SiteSizeBytes, SiteSizeKB, SiteSizeMB); the number is formatted by
// golang.org/x/text for the language. KB and MB are 1024 and 1024² bytes;
// a unit is used below 1000 of it.
func fileSize(loc *theme.Localizer, lang string, n int) (string, error) {
	p := message.NewPrinter(language.Make(lang))
	if n < 1000 {
		return loc.T("SiteSizeBytes", map[string]any{"Size": p.Sprintf("%d", n), theme.CountKey: n})
	}
	// Switch units before four digits: "1,0 MB", never "1.023 KB".
	if kb := int(math.Round(float64(n) / 1024)); kb < 1000 {
		return loc.T("SiteSizeKB", map[string]any{"Size": p.Sprintf("%d", kb)})
	}
	return loc.T("SiteSizeMB", map[string]any{"Size": p.Sprintf("%.1f", float64(n)/(1024*1024))})
}

// sha256Hex is the SHA-256 of data in lower-case hex, as sha256sum prints it.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// classKeys name the theme message of each classification.
var classKeys = map[string]string{
	"public": "ClassPublic", "internal": "ClassInternal",
	"confidential": "ClassConfidential", "strictly-confidential": "ClassStrictlyConfidential",
}

func className(loc *theme.Localizer, class string) (string, error) {
	key, ok := classKeys[class]
	if !ok {
		return class, nil
	}
	return loc.T(key, nil)
}

// country names an ISO 3166 code in the language.
func country(code, lang string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(language.Make(lang)).Name(region); name != "" {
		return name
	}
	return code
}

// addressLines writes an address as lines: street, postcode and city,
// country (named in the language).
func addressLines(a model.RAddress, lang string) []string {
	var out []string
	if a.Street != "" {
		out = append(out, a.Street)
	}
	if s := strings.TrimSpace(a.Postcode + " " + a.City); s != "" {
		out = append(out, s)
	}
	if a.Country != "" {
		out = append(out, country(a.Country, lang))
	}
	return out
}
