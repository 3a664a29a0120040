package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/build/buildtest"
	"trustdocs/generator/notice"
	"trustdocs/generator/theme"
)

// standaloneReport is the change report 1.0 → 2.0 in German as one page.
func standaloneReport(t *testing.T) []byte {
	t.Helper()
	content, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	states, _, err := build.States(content, "")
	if err != nil {
		t.Fatal(err)
	}
	old, err1 := build.Find(states, "1.0")
	new, err2 := build.Find(states, "2.0")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	cr, err := notice.New(th, old, new, "de")
	if err != nil {
		t.Fatal(err)
	}
	page, err := cr.HTML(th)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// The standalone change report is one valid page: its style inline and
// allowed by its hash, no link out of the page but to the web.
func TestStandaloneChangeReport(t *testing.T) {
	t.Parallel()
	page := standaloneReport(t)
	checkBalanced(t, "standalone", page)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindSubmatch(page)
	if style == nil {
		t.Fatal("no <style> element")
	}
	sum := sha256.Sum256(style[1])
	hash := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
	csp := ""
	for _, e := range elements(parseHTML(t, "standalone", page)) {
		if v, _ := attr(e, "http-equiv"); e.Data == "meta" && strings.EqualFold(v, "Content-Security-Policy") {
			csp, _ = attr(e, "content")
		}
	}
	if !strings.Contains(csp, "style-src '"+hash+"';") || strings.Contains(csp, "unsafe") {
		t.Errorf("the CSP %q does not allow the style by its hash %s (alone)", csp, hash)
	}
	for _, e := range elements(parseHTML(t, "standalone", page)) {
		if e.Data == "link" || e.Data == "script" || e.Data == "img" {
			t.Errorf("standalone page has <%s>", e.Data)
		}
		if href, ok := attr(e, "href"); ok && !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "http") && !strings.HasPrefix(href, "mailto:") {
			t.Errorf("standalone page links %q", href)
		}
	}
	for _, want := range []string{"<del>12</del>", "<ins>6</ins>", "noris network AG", "DATASIX"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("standalone page lacks %s", want)
		}
	}
}
