package build

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/pdf/pdfcheck"
)

// planNames are the names the overview plan must show in lang: every site
// of content/ and every cloud service of its plan.yaml.
func planNames(t *testing.T, lang string) []string {
	t.Helper()
	site, errs := load.Load("../../content")
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	if site.Plan == nil || len(site.Plan.Services) == 0 {
		t.Fatal("content/ has no plan.yaml with services")
	}
	res := model.Localize(site, lang)
	staff := map[string]bool{}
	for _, id := range res.Plan.Staff {
		staff[id] = true
	}
	var names []string
	for _, l := range res.Sites {
		if staff[l.ID] {
			names = append(names, res.Organisation.Name)
		}
		names = append(names, l.Name)
		for _, c := range l.Components {
			names = append(names, c.Name)
		}
	}
	for _, s := range res.Subsystems {
		for _, id := range res.Plan.Services {
			if s.ID == id {
				names = append(names, s.Title)
			}
		}
	}
	return names
}

// The security concept's HTML page carries the plan as inline SVG that
// names every site and cloud service (as SVG text, with a title and a
// description), and no other picture.
func TestPlanIsInlineSVGNamingEverySiteAndService(t *testing.T) {
	t.Parallel()
	out := builtSite(t)
	for lang, file := range map[string]string{"de": "sicherheitskonzept.html", "en": "security-concept.html"} {
		page, err := os.ReadFile(filepath.Join(out, lang, file))
		if err != nil {
			t.Fatal(err)
		}
		fig := regexp.MustCompile(`(?s)<figure class="plan">.*?</figure>`).Find(page)
		svgs := regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAll(fig, -1)
		if len(svgs) != 2 {
			t.Fatalf("%s: %d inline <svg> in <figure class=\"plan\">, want 2 (wide and narrow)", lang, len(svgs))
		}
		for _, svg := range svgs {
			checkPlanSVG(t, lang, svg)
		}
		if strings.Contains(string(page), "<img") {
			t.Errorf("%s: the page has an <img>", lang)
		}
	}
}

// checkPlanSVG checks that svg is well-formed, has a title and a
// description, and names every site and service.
func checkPlanSVG(t *testing.T, lang string, svg []byte) {
	t.Helper()
	var texts []string
	var title, desc bool
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	var open []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: the SVG is not well-formed: %v", lang, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			open = append(open, tk.Name.Local)
			title = title || tk.Name.Local == "title"
			desc = desc || tk.Name.Local == "desc"
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) > 0 && open[len(open)-1] == "text" {
				texts = append(texts, string(tk))
			}
		}
	}
	if !title || !desc {
		t.Errorf("%s: the SVG lacks <title> or <desc>", lang)
	}
	// Labels may wrap over several <text> lines: compare the run of words.
	all := strings.Join(texts, " ")
	for _, name := range planNames(t, lang) {
		if !strings.Contains(all, name) && !strings.Contains(strings.Join(strings.Fields(all), " "), name) {
			t.Errorf("%s: the plan does not name %q", lang, name)
		}
	}
}

// The PDFs draw the plan as vectors: no raster image at all, and its
// labels come back from pdftotext.
func TestPlanInPDFIsVectorsWithText(t *testing.T) {
	t.Parallel()
	out := builtSite(t)
	for _, lang := range []string{"de", "en"} {
		pdf := filepath.Join(out, lang, "sicherheitskonzept.pdf")
		list := runTool(t, "pdfimages", "-list", pdf)
		if lines := strings.Split(strings.TrimSpace(list), "\n"); len(lines) > 2 {
			t.Errorf("%s: pdfimages finds raster images:\n%s", lang, list)
		}
		// The plan fits on one page: some page has every label (many
		// names are in the text as well, but not all on one page).
		names := planNames(t, lang)
		var missing []string
		for page := 1; ; page++ {
			cmd, done, err := pdfcheck.TextCommand("pdftotext", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), pdf, "-")
			if err != nil {
				t.Fatal(err)
			}
			raw, err := cmd.Output()
			done()
			if err != nil {
				break // past the last page
			}
			text := strings.Join(strings.Fields(string(raw)), " ")
			var miss []string
			for _, name := range names {
				if !strings.Contains(text, strings.Join(strings.Fields(name), " ")) {
					miss = append(miss, name)
				}
			}
			if page == 1 || len(miss) < len(missing) {
				missing = miss
			}
			if len(miss) == 0 {
				break
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: no page of the PDF has every plan label; the best misses %q", lang, missing)
		}
	}
}
