package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"trustdocs/generator/build"
	"trustdocs/generator/corpus"
	"trustdocs/generator/markdown"
	"trustdocs/generator/plan"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// securityConcept renders the security concept of a content tree in lang.
func securityConcept(t *testing.T, content, lang string) string {
	t.Helper()
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	site, _, diags := build.Check(content)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.ID == "sicherheitskonzept" && d.Lang == lang {
			return string(d.Markdown)
		}
	}
	t.Fatalf("%s has no security concept in %s", content, lang)
	return ""
}

// planFigures parses md and returns its plan blocks.
func planFigures(t *testing.T, md string) []markdown.PlanFigure {
	t.Helper()
	src := []byte(md)
	root := markdown.New().Parser().Parse(text.NewReader(src))
	var out []markdown.PlanFigure
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fig, ok, err := markdown.Plan(n, src)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			out = append(out, fig)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Chapter 1.2 of content/ holds one plan in both layouts; without
// plan.yaml the chapter says there is no plan data; a site without
// components and a part without connections are named under the plan.
func TestOverviewPlanChapter(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		md := securityConcept(t, "../../content", lang)
		figs := planFigures(t, md)
		if len(figs) != 1 {
			t.Fatalf("content/ (%s): %d plans, want 1", lang, len(figs))
		}
		if figs[0].Wide.W > render.PlanWidth+0.5 || figs[0].Narrow.W >= figs[0].Wide.W {
			t.Errorf("content/ (%s): wide plan %.0f pt, narrow %.0f pt", lang, figs[0].Wide.W, figs[0].Narrow.W)
		}
		if i, j := strings.Index(md, "{#overview-plans}"), strings.Index(md, "```"+markdown.PlanInfo); i < 0 || j < i {
			t.Errorf("content/ (%s): the plan is not in chapter 1.2", lang)
		}
	}

	md := securityConcept(t, "../../testdata/minimal", "de")
	if len(planFigures(t, md)) != 0 || !strings.Contains(md, "liegen keine Daten für einen Übersichtsplan vor") {
		t.Errorf("minimal (no plan.yaml): chapter 1.2 does not say that there is no plan data:\n%s", md[:min(len(md), 2000)])
	}

	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	plan := "services: [hosting, wiki]\nconnections:\n  - {from: hosting, to: internet, protection: tls}\n"
	if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	md = securityConcept(t, dir, "en")
	if len(planFigures(t, md)) != 1 {
		t.Fatal("a plan.yaml gives no plan")
	}
	for _, want := range []string{"No components are recorded for these sites: Frankfurt data centre.", "No connection is recorded for: Frankfurt data centre, Wiki."} {
		if !strings.Contains(md, want) {
			t.Errorf("the chapter lacks %q", want)
		}
	}
}

// The protection-goal matrix follows the subsystem overview: a row per
// subsystem, a column per goal, the reasons for "not relevant" as notes.
func TestGoalMatrix(t *testing.T) {
	md := securityConcept(t, "../../content", "de")
	i := strings.Index(md, "**Schutzziele der Sicherheitsteilsysteme**")
	j := strings.Index(md, "{#subsystems-overview}")
	k := strings.Index(md, "{#subsystem-zoom}")
	if i < 0 || j < 0 || k < 0 || i < j || i > k {
		t.Fatalf("the matrix is not between the overview (%d) and the first subsystem (%d): at %d", j, k, i)
	}
	m := md[i:k]
	for _, want := range []string{
		"| Teilsystem | 1 | 2 | 3 | 4 | 5 | 6 |",
		"| Zoom | → | ● | ● | → | → | → |",
		"| Wiki | – (3) | ● | ● | ○ | ● | ○ |",
		"1. Schutz des Fernmeldegeheimnisses",
		"- (3) Wiki – Schutz des Fernmeldegeheimnisses: Das Wiki ist kein Fernmeldesystem.",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("the matrix lacks %q:\n%s", want, m)
		}
	}
}

// The plan of a generated site of 30 subsystems lays out without
// overlapping boxes (a component sits inside its site), in both layouts,
// and draws every site and service of it.
func TestPlanOfGeneratedCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := corpus.Generate("../../content", dir, 30); err != nil {
		t.Fatal(err)
	}
	site, _, diags := build.Check(dir)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	figs := planFigures(t, securityConcept(t, dir, "de"))
	if len(figs) != 1 {
		t.Fatalf("%d plans, want 1", len(figs))
	}
	staff := map[string]bool{}
	for _, r := range site.Plan.Staff {
		staff[r.ID] = true
	}
	wantSites := 0
	for _, l := range site.Locations {
		if !staff[l.ID.ID] {
			wantSites++
		}
	}
	for name, lay := range map[string]*plan.Layout{"wide": figs[0].Wide, "narrow": figs[0].Narrow} {
		kinds := map[string]int{}
		for i, a := range lay.Boxes {
			kinds[a.Kind]++
			if a.X < 0 || a.Y < 0 || a.X+a.W > lay.W+0.01 || a.Y+a.H > lay.H+0.01 {
				t.Errorf("%s: box %s leaves the drawing", name, a.ID)
			}
			for _, b := range lay.Boxes[i+1:] {
				overlap := a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
				if overlap && !inside(a, b) && !inside(b, a) {
					t.Errorf("%s: boxes %s and %s overlap", name, a.ID, b.ID)
				}
			}
		}
		if kinds[plan.KindSite] != wantSites || kinds[plan.KindService] != len(site.Plan.Services) || kinds[plan.KindCompany] != 1 {
			t.Errorf("%s: %d sites, %d services, %d company boxes; want %d, %d, 1",
				name, kinds[plan.KindSite], kinds[plan.KindService], kinds[plan.KindCompany], wantSites, len(site.Plan.Services))
		}
	}
}

// inside reports whether a component box lies within a site box.
func inside(c, s plan.Box) bool {
	return c.Kind == plan.KindComponent && s.Kind == plan.KindSite &&
		c.X >= s.X && c.Y >= s.Y && c.X+c.W <= s.X+s.W && c.Y+c.H <= s.Y+s.H
}
