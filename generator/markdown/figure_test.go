package markdown

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"trustdocs/generator/plan"
)

var update = flag.Bool("update", false, "rewrite testdata/plan.md")

// samplePlan is a small plan with every kind of part, a label that needs
// escaping and a direct (dashed) link.
func samplePlan(t *testing.T) PlanFigure {
	t.Helper()
	d := plan.Diagram{
		Title: "Übersichtsplan", Desc: "Firma und Dienste über das Internet", Hub: "Internet",
		Company:  &plan.Node{ID: "office", Label: "Beispiel <&> GmbH", Note: "Mitarbeiter"},
		Sites:    []plan.Group{{Node: plan.Node{ID: "rz", Label: "Rechenzentrum"}, Components: []plan.Node{{ID: "fw", Label: "Firewall"}}}},
		Services: []plan.Node{{ID: "wiki", Label: "Wiki", Note: "Atlassian"}},
		Links: []plan.Link{
			{From: "office", To: plan.Hub}, {From: "fw", To: plan.Hub, Label: "TLS"},
			{From: "wiki", To: plan.Hub, Label: "TLS"}, {From: "rz", To: "wiki", Label: "VPN", Dashed: true},
		},
	}
	var fig PlanFigure
	var err error
	if fig.Wide, err = plan.Compute(d, plan.SansMetrics(), plan.Options{Width: 467}); err != nil {
		t.Fatal(err)
	}
	if fig.Narrow, err = plan.Compute(d, plan.SansMetrics(), plan.Options{Narrow: true}); err != nil {
		t.Fatal(err)
	}
	return fig
}

// PlanBlock writes what Plan reads back; testdata/plan.md (a seed of the
// backends' fuzz tests) is that block.
func TestPlanBlockRoundTrip(t *testing.T) {
	block, err := PlanBlock(samplePlan(t))
	if err != nil {
		t.Fatal(err)
	}
	md := "# Plan\n\n" + block
	if *update {
		if err := os.WriteFile("testdata/plan.md", []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/plan.md")
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if md != string(want) {
		t.Error("the plan block differs from testdata/plan.md (go test -update if intended)")
	}
	src := []byte(md)
	root := New().Parser().Parse(text.NewReader(src))
	found := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fig, ok, err := Plan(n, src)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			found++
			if fig.Wide.W != samplePlan(t).Wide.W || len(fig.Narrow.Boxes) != len(samplePlan(t).Narrow.Boxes) {
				t.Error("the block reads back differently")
			}
		}
		return ast.WalkContinue, nil
	})
	if found != 1 {
		t.Errorf("%d plans read back, want 1", found)
	}
}

// A block with the plan info string but no valid plan is an error, not
// printed code; other fenced blocks are not plans.
func TestPlanBlockErrors(t *testing.T) {
	for md, want := range map[string]string{
		"```" + PlanInfo + "\n{}\n```\n":                                  `needs both "wide" and "narrow"`,
		"```" + PlanInfo + "\nnot json\n```\n":                            "no overview plan",
		"```" + PlanInfo + "\n{\"wide\":{},\"narrow\":{},\"x\":1}\n```\n": "unknown field",
		"```" + PlanInfo + "\n{\"wide\":{},\"narrow\":{}}\n{}\n```\n":     "text after the JSON object",
		"```go\nfunc main() {}\n```\n":                                    "",
		"```" + PlanInfo + "x\n{}\n```\n":                                 "",
	} {
		src := []byte(md)
		root := New().Parser().Parse(text.NewReader(src))
		n := root.FirstChild()
		_, ok, err := Plan(n, src)
		switch {
		case want == "" && (ok || err != nil):
			t.Errorf("%q: taken for a plan (%v)", md, err)
		case want != "" && (!ok || err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: ok=%v err=%v, want an error with %q", md, ok, err, want)
		}
	}
}
