package site_test

import (
	"strings"
	"testing"
)

// TestChangePagesHyphenate: the change notice's pages (the notice and the
// full redlines) get soft hyphens in their tables in their own language,
// like the document pages.
func TestChangePagesHyphenate(t *testing.T) {
	files, _ := contentSite(t)
	for _, name := range []string{"de/releases/1.1/changes.html", "de/releases/1.1/subprocessors-changes.html", "en/releases/1.1/changes.html"} {
		page := string(files[name])
		if page == "" {
			t.Fatalf("%s not built", name)
		}
		lang := name[:2]
		if !strings.Contains(page, `<html lang="`+lang+`"`) {
			t.Errorf("%s: no lang=%q on <html>", name, lang)
		}
		if lang == "de" && !strings.Contains(page, "Un\u00adter\u00adauf\u00adtrags\u00adver\u00adar\u00adbei\u00adter") {
			t.Errorf("%s: no soft hyphens in Unterauftragsverarbeiter", name)
		}
		if lang == "en" && !strings.Contains(page, "\u00ad") {
			t.Errorf("%s: no soft hyphen at all", name)
		}
	}
}
