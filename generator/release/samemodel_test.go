package release

import (
	"bytes"
	"testing"

	"trustdocs/generator/model"
)

// seedModels are the resolved models of content/'s releases, as decoded.
func seedModels(t *testing.T) (models []*model.Resolved, files [][]byte) {
	t.Helper()
	rels, errs := Load("../../content")
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	for _, r := range rels {
		for _, lang := range []string{"de", "en"} {
			if m := r.Model[lang]; m != nil {
				models = append(models, m)
				files = append(files, r.Files[lang+".yaml"])
			}
		}
	}
	if len(models) < 4 {
		t.Fatalf("only %d models in content/releases", len(models))
	}
	return models, files
}

func decoded(t *testing.T, b []byte) *model.Resolved {
	t.Helper()
	var m model.Resolved
	if err := decodeSnapshot(b, &m, false); err != nil {
		t.Fatal(err)
	}
	return &m
}

// SameModel answers as comparing the YAML would: for the releases among
// each other and for single changes, including those the YAML does not
// show (nil or empty).
func TestSameModelAgreesWithYAML(t *testing.T) {
	models, files := seedModels(t)
	yamls := map[*model.Resolved][]byte{}
	encode := func(m *model.Resolved) []byte {
		if b, ok := yamls[m]; ok {
			return b
		}
		b, err := marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		yamls[m] = b
		return b
	}
	check := func(name string, a, b *model.Resolved) {
		t.Helper()
		if got, want := SameModel(a, b), bytes.Equal(encode(a), encode(b)); got != want {
			t.Errorf("%s: SameModel %v, YAML equal %v", name, got, want)
		}
	}
	for i := range models {
		for j := range models {
			check("releases", models[i], models[j])
		}
	}
	base := files[len(files)-1]
	for name, edit := range map[string]func(m *model.Resolved){
		"nothing":           func(m *model.Resolved) {},
		"measure text":      func(m *model.Resolved) { m.Measures[0].Text += " " },
		"subsystem measure": func(m *model.Resolved) { m.Subsystems[0].Measures[0].Text = "anders" },
		"measure order": func(m *model.Resolved) {
			m.Measures[0], m.Measures[1] = m.Measures[1], m.Measures[0]
		},
		"nil slice":   func(m *model.Resolved) { m.Subsystems[0].ResidualRisks = nil },
		"empty slice": func(m *model.Resolved) { m.Subsystems[0].ResidualRisks = []model.RRisk{} },
		"nil tom":     func(m *model.Resolved) { m.Measures[0].TOM = nil },
		"nil map":     func(m *model.Resolved) { m.Documents[0].Pages = nil },
		"empty map":   func(m *model.Resolved) { m.Documents[0].Pages = map[string][]string{} },
		"all pages":   func(m *model.Resolved) { m.Pages = nil },
		"page body": func(m *model.Resolved) {
			for k, p := range m.Pages {
				p.Body += "x"
				m.Pages[k] = p
				break
			}
		},
		"no provider":  func(m *model.Resolved) { m.Subsystems[0].Provider = nil },
		"empty person": func(m *model.Resolved) { m.People.DPO = &model.RPerson{} },
		"dpa":          func(m *model.Resolved) { m.Vendors[0].DPA = !m.Vendors[0].DPA },
		"one goal less": func(m *model.Resolved) {
			m.Subsystems[0].Goals = m.Subsystems[0].Goals[1:]
		},
	} {
		a, b := decoded(t, base), decoded(t, base)
		edit(b)
		check(name, a, b)
		if name == "nothing" && !SameModel(a, b) {
			t.Error("a model differs from itself")
		}
	}
}

// Draft detection compares decoded models instead of YAML; that relies on
// every stored snapshot being what marshal writes for its decoded model.
func TestSnapshotsAreCanonical(t *testing.T) {
	models, files := seedModels(t)
	for i, m := range models {
		b, err := marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, files[i]) {
			t.Errorf("snapshot %d (%s) is not written as this version writes it", i, m.Lang)
		}
	}
}
