package build

import (
	"strings"

	"trustdocs/generator/model"
	"trustdocs/generator/output"
	"trustdocs/generator/register"
	"trustdocs/generator/release"
	"trustdocs/schemas"
)

// addRegister writes the register of subprocessors of each language, and
// its schema, when the site has a subprocessor annex. It describes the
// current content: the last release when that is what is published (with
// its changes against the release before), else the draft (with its
// changes against the last release).
func addRegister(models *model.Models, rels []*release.Release, drafts map[string]bool, files output.Files) error {
	site := models.Site()
	var annex *model.Document
	for _, d := range site.Documents {
		if d.Type.ID == model.DocSubprocessors {
			annex = d
			break
		}
	}
	if annex == nil {
		return nil
	}
	draft := drafts[annex.ID.ID] // the register is a draft when its annex is
	schema, err := schemas.FS.ReadFile(strings.TrimPrefix(register.SchemaPath, "schemas/"))
	if err != nil {
		return err
	}
	files[register.SchemaPath] = schema
	states := releaseStates(rels)
	for _, lang := range site.LangIDs() {
		res := models.Get(lang)
		st := register.State{Site: res, Release: "draft", Date: annex.Date.Value, SchemaURL: "../" + register.SchemaPath}
		if res.BaseURL != "" {
			st.SchemaURL = strings.TrimSuffix(res.BaseURL, "/") + "/" + register.SchemaPath
		}
		prev := len(states) - 1 // the release the changes are counted against
		if !draft && len(states) > 0 {
			last := states[len(states)-1]
			st.Release, st.Date, st.Effective = last.Version, last.Date, last.Info.Effective
			prev--
		}
		if prev >= 0 && states[prev].Model[lang] != nil {
			st.Previous, st.PrevVer = states[prev].Model[lang], states[prev].Version
		}
		reg := register.Build(st)
		js, err := reg.JSON()
		if err != nil {
			return err
		}
		csv, err := reg.CSV()
		if err != nil {
			return err
		}
		jn, cn := register.Files(lang)
		files[jn], files[cn] = js, csv
	}
	return nil
}
