package notice_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/diff"
	"trustdocs/generator/pdf/pdfcheck"
)

var update = flag.Bool("update", false, "rewrite the golden notices in testdata/notice")

const content = "../../content"

// The example history's two acceptance cases: 1.0 → 1.1 replaces a data
// centre (a subprocessor removed, one added), 2.0 → 2.1 adds a diagram.
var cases = []struct{ old, new, lang, stored string }{
	{"1.0", "1.1", "de", "1.1/de/aenderungsmitteilung.pdf"},
	{"1.0", "1.1", "en", "1.1/en/change-notice.pdf"},
	{"2.0", "2.1", "de", "2.1/de/aenderungsmitteilung.pdf"},
	{"2.0", "2.1", "en", "2.1/en/change-notice.pdf"},
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (make test installs poppler-utils)", name)
	}
	cmd, done, err := pdfcheck.TextCommand(name, args...) // poppler's text tools read a copy without output intent
	defer done()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// The notice's Markdown is the golden file's; its stored PDF has at most
// three pages and reads as prose: no Markdown, no entity ID, no ISO date.
func TestNoticeGolden(t *testing.T) {
	isoDate := regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	for _, c := range cases {
		nt, _, _, err := build.Compare(content, "", c.old, c.new, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join("../../testdata/notice", fmt.Sprintf("%s-%s.%s.md", c.old, c.new, c.lang))
		if *update {
			os.MkdirAll(filepath.Dir(file), 0o755)
			if err := os.WriteFile(file, nt.Markdown, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if want, err := os.ReadFile(file); err != nil {
			t.Fatalf("%v (go test -update writes it; then read it)", err)
		} else if string(want) != string(nt.Markdown) {
			t.Errorf("the notice %s → %s (%s) differs from %s:\n%s", c.old, c.new, c.lang, file, nt.Markdown)
		}

		pdf := filepath.Join(content, "releases", c.stored)
		info := tool(t, "pdfinfo", pdf)
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
		if n, _ := strconv.Atoi(m[1]); n < 1 || n > 3 {
			t.Errorf("%s has %d pages, want 1 to 3", c.stored, n)
		}
		text := tool(t, "pdftotext", pdf, "-")
		if strings.Contains(text, "**") || strings.Contains(text, "{++") || strings.Contains(text, "{--") {
			t.Errorf("%s shows Markdown or redline syntax", c.stored)
		}
		if d := isoDate.FindString(text); d != "" {
			t.Errorf("%s shows the ISO date %s", c.stored, d)
		}
		for _, id := range []string{"datasix-access-granted", "edr-endpunkte", "Betreiber: datasix", "Operator: datasix", "current"} {
			if strings.Contains(text, id) {
				t.Errorf("%s shows the internal %q", c.stored, id)
			}
		}
	}
}

// In 1.0 → 1.1 the removed subprocessor is a deletion in every format:
// struck through in red in the PDF (its words' pixels are red, the added
// one's green), inside <del> in HTML, under "old" in JSON.
func TestRemovedSubprocessorIsDeleted(t *testing.T) {
	pdf := filepath.Join(content, "releases", "1.1", "de", "aenderungsmitteilung.pdf")
	red, green := wordColour(t, pdf, "Thomas-"), wordColour(t, pdf, "Hofmühlgasse")
	if red != "red" || green != "green" {
		t.Errorf("the removed vendor's address is drawn %s (want red), the added one's %s (want green)", red, green)
	}

	nt, th, _, err := build.Compare(content, "", "1.0", "1.1", "de")
	if err != nil {
		t.Fatal(err)
	}
	page, err := nt.HTML(th)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`<del>[^<]*noris network AG`).Match(page) {
		t.Error("the HTML notice does not delete noris network AG")
	}
	if regexp.MustCompile(`<ins>[^<]*noris network AG`).Match(page) {
		t.Error("the HTML notice inserts noris network AG")
	}
	b, _ := json.Marshal(nt.Report)
	var r diff.Report
	json.Unmarshal(b, &r)
	found := false
	for _, ch := range r.ByEntity(diff.EntSubprocessor) {
		if ch.Kind != diff.Removed {
			continue
		}
		for _, f := range ch.Fields {
			if f.Name == "legal_name" {
				found = f.Old == "noris network AG" && f.New == ""
			}
		}
	}
	if !found {
		t.Errorf("JSON: the removed subprocessor's legal_name is not under old: %s", b)
	}
}

// wordColour renders the page of the first word starting with prefix and
// says whether its box is mostly red, green or neither.
func wordColour(t *testing.T, pdf, prefix string) string {
	t.Helper()
	out := tool(t, "pdftotext", "-bbox", pdf, "-")
	page := 0
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "<page ") {
			page++
		}
		m := re.FindStringSubmatch(l)
		if m == nil || !strings.HasPrefix(m[5], prefix) {
			continue
		}
		var box [4]float64
		for i := range box {
			box[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		dir := t.TempDir()
		tool(t, "pdftoppm", "-png", "-r", "72", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-singlefile", pdf, filepath.Join(dir, "p"))
		f, err := os.Open(filepath.Join(dir, "p.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return colourIn(img, box)
	}
	t.Fatalf("%s has no word %s…", pdf, prefix)
	return ""
}

// colourIn classifies the ink in a box (PDF points = pixels at 72 dpi).
func colourIn(img image.Image, box [4]float64) string {
	reds, greens, ink := 0, 0, 0
	for y := int(box[1]); y <= int(box[3]); y++ {
		for x := int(box[0]); x <= int(box[2]); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			if r > 200 && g > 200 && b > 200 {
				continue // paper
			}
			ink++
			switch {
			case r > g+60 && r > b+60:
				reds++
			case g > r+40 && g > b+20:
				greens++
			}
		}
	}
	switch {
	case ink > 0 && reds*2 > ink:
		return "red"
	case ink > 0 && greens*2 > ink:
		return "green"
	}
	return fmt.Sprintf("neither (%d red, %d green of %d)", reds, greens, ink)
}

// A notice of the current content (a draft) names it as the draft, not
// "current", and shows no empty dates.
func TestDraftNotice(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		nt, _, _, err := build.Compare(content, "", "2.1", "current", lang)
		if err != nil {
			t.Fatal(err)
		}
		md := string(nt.Markdown)
		if strings.Contains(md, "current") || strings.Contains(md, ": **") || strings.Contains(md, "Version  ") {
			t.Errorf("the draft notice (%s) shows an internal name or an empty date:\n%.600s", lang, md)
		}
		if want := map[string]string{"de": "Entwurf:", "en": "Draft:"}[lang]; !strings.Contains(md, want) {
			t.Errorf("the draft notice (%s) does not say it is a draft:\n%.400s", lang, md)
		}
	}
}
