package build

import (
	"bytes"
	"path"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/model"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// yamlDraft is Draft as it was: the snapshot's YAML encoded again and
// compared byte for byte.
func yamlDraft(t *testing.T, site *model.Site, docs []*render.Document, last *State) bool {
	t.Helper()
	files, err := release.Snapshot(site, docs)
	if err != nil {
		t.Fatal(err)
	}
	models := func(fs map[string][]byte) map[string][]byte {
		out := map[string][]byte{}
		for n, b := range fs {
			if path.Dir(n) == "." && path.Ext(n) == ".yaml" {
				out[n] = b
			}
		}
		return out
	}
	a, b := models(files), models(last.Files)
	if len(a) != len(b) {
		return true
	}
	for n, x := range a {
		if y, ok := b[n]; !ok || !bytes.Equal(x, y) {
			return true
		}
	}
	return false
}

// Unchanged content is no draft; one changed measure makes one. Draft
// decides as comparing the YAML did, against every release too.
func TestDraftDecision(t *testing.T) {
	site, _, errs := Check("../../content")
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		t.Fatal(err)
	}
	// The current content as its own last release.
	files, err := release.Snapshot(site, docs)
	if err != nil {
		t.Fatal(err)
	}
	now := &State{Version: "9.9", Model: map[string]*model.Resolved{}, Files: files}
	for _, lang := range site.LangIDs() {
		var m model.Resolved
		if err := yaml.Unmarshal(files[lang+".yaml"], &m); err != nil {
			t.Fatal(err)
		}
		now.Model[lang] = &m
	}
	rels, rerrs := release.Load("../../content")
	if err := rerrs.Err(); err != nil {
		t.Fatal(err)
	}
	states := append(releaseStates(rels), now)
	decide := func(name string, last *State, want bool) {
		t.Helper()
		got, err := Draft(site, docs, last)
		if err != nil {
			t.Fatal(err)
		}
		if old := yamlDraft(t, site, docs, last); got != old || got != want {
			t.Errorf("%s: draft %v, by the YAML %v, want %v", name, got, old, want)
		}
	}
	for _, s := range states {
		if got, err := Draft(site, docs, s); err != nil || got != yamlDraft(t, site, docs, s) {
			t.Errorf("release %s: draft %v (%v), by the YAML the opposite", s.Version, got, err)
		}
	}
	decide("unchanged", now, false)
	if got, _ := Draft(site, docs, nil); got {
		t.Error("no release, but a draft")
	}
	oneLang := &State{Model: map[string]*model.Resolved{"de": now.Model["de"]}, Files: map[string][]byte{"de.yaml": files["de.yaml"]}}
	decide("a language less", oneLang, true)

	m := site.Measures[0]
	saved := m.Text.Values["en"]
	m.Text.Values["en"] = saved + " (changed)"
	decide("one measure changed", now, true)
	m.Text.Values["en"] = saved
	decide("changed back", now, false)
}
