package translate

import (
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/validate"
)

// loaderRules are the rules translate import checks a trial with (as the
// CLI does).
func loaderRules(dir string) *diag.List {
	site, errs := load.Load(dir)
	errs.Add(validate.Limits(site))
	return errs
}

// FuzzImportTarget: whatever a translator writes into a title and a
// Markdown text, the import either refuses it with errors positioned in
// the content, or writes files that load without errors and hold exactly
// the translation (shaped like its source). Never a panic, never a content
// tree the loader rejects.
func FuzzImportTarget(f *testing.F) {
	f.Add("Technical faults", "Virtual machines at Hoster.")
	f.Add("X\n\n# Injected H1", "a\n\n<!-- never closed")
	f.Add("Zugang für <admins> … 2*3*4", "```\ncode")
	f.Add("a\u0085b", "x\x00y")
	f.Add("'quoted' \"and\" #comment: - [x]", "line\n  indented\n\ttab\n|pipe\n>quote")
	f.Add("", "   ")
	site, errs := load.Load("../../testdata/minimal")
	if errs.HasErrors() {
		f.Fatal(errs.Err())
	}
	base, _, err := Export(site, ExportOptions{Lang: "en", All: true})
	if err != nil {
		f.Fatal(err)
	}
	const titleID, textID = "threat.technical-faults.title", "subsystem.hosting.description"
	f.Fuzz(func(t *testing.T, title, text string) {
		if len(title)+len(text) > 1<<16 {
			return
		}
		tree := filepath.Join(t.TempDir(), "content")
		if err := copyContent("../../testdata/minimal", tree); err != nil {
			t.Fatal(err)
		}
		site, errs := load.Load(tree)
		if errs.HasErrors() {
			t.Fatal(errs.Err())
		}
		doc := &Doc{SrcLang: base.SrcLang, TrgLang: base.TrgLang}
		for _, bf := range base.Files {
			nf := *bf
			nf.Units = nil
			for _, bu := range bf.Units {
				u := *bu
				switch u.ID {
				case titleID:
					u.Target, u.HasTarget, u.SegState = title, true, "translated"
				case textID:
					u.Target, u.HasTarget, u.SegState = text, true, "translated"
				default:
					continue
				}
				nf.Units = append(nf.Units, &u)
			}
			if len(nf.Units) > 0 {
				doc.Files = append(doc.Files, &nf)
			}
		}
		res, ierrs := Import(site, doc, ImportOptions{Force: true})
		if ierrs.HasErrors() {
			positioned(t, ierrs)
			return
		}
		trial, err := Trial(tree, res.Changes, loaderRules)
		if err != nil {
			t.Fatal(err)
		}
		if trial.HasErrors() {
			positioned(t, trial)
			for _, d := range trial.Items() {
				if !strings.HasPrefix(d.Pos.File, tree) {
					t.Fatalf("error outside the content: %v", d)
				}
			}
			return
		}
		if err := Commit(res.Changes); err != nil {
			t.Fatal(err)
		}
		after, errs := load.Load(tree)
		errs.Add(validate.Limits(after))
		if errs.HasErrors() {
			t.Fatalf("a trial without errors wrote content the loader rejects:\n%v", errs.Err())
		}
		for _, fld := range model.Texts(after) {
			want, ok := map[string]string{titleID: title, textID: text}[fld.Unit]
			if !ok || strings.TrimSpace(want) == "" {
				continue
			}
			if got := fld.Text.Get("en"); strings.TrimSuffix(got, "\n") != trimText(want) {
				t.Fatalf("%s reads back %q, want %q", fld.Unit, got, trimText(want))
			}
		}
	})
}

func positioned(t *testing.T, errs *diag.List) {
	t.Helper()
	for _, d := range errs.Items() {
		if d.Pos.File == "" || d.Pos.Line < 1 {
			t.Fatalf("error without position: %v", d)
		}
	}
}
