package build

import (
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/audience"
	"trustdocs/generator/diag"
	"trustdocs/generator/diff"
	"trustdocs/generator/model"
	"trustdocs/generator/notice"
	"trustdocs/generator/origin"
	"trustdocs/generator/pdf"
	"trustdocs/generator/pdfqueue"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// Current is the pseudo-version naming the content as it is now.
const Current = "current"

// DefaultNoticeDays is the notice period of a release that adds or
// replaces subprocessors when neither --notice-days nor site.yaml's
// objections.notice_days gives one.
const DefaultNoticeDays = 30

// Snapshot checks the content and renders the snapshot files of its current
// state (what a release of it would hold), each document's "gilt ab" date
// that of the release that last changed it.
func Snapshot(content, themeDir string) (*model.Site, map[string][]byte, *diag.List, error) {
	site, _, rels, diags := checkEdition(content, audience.Widest, newStopwatch(), &Timings{}, nil)
	if err := diags.Err(); err != nil {
		return nil, nil, diags, err
	}
	th, err := theme.Open(themeDir)
	if err != nil {
		return nil, nil, diags, err
	}
	docs, _, err := currentDocuments(site, th, priorDocs(releaseStates(rels)))
	if err != nil {
		return nil, nil, diags, err
	}
	files, err := release.Snapshot(site, docs)
	return site, files, diags, err
}

// ReleaseOptions say which release to cut.
type ReleaseOptions struct {
	Content, Theme string
	Version, Date  string
	// Effective is when the release takes effect; "" means Date, or Date
	// plus the notice period when subprocessors are added or replaced.
	Effective string
	// NoticeDays is the notice period for subprocessor changes (Art. 28(2)
	// GDPR); 0 takes site.yaml's objections.notice_days, else
	// DefaultNoticeDays.
	NoticeDays int
	Notes      map[string]string            // language → notes; "" is the source language
	DocNotes   map[string]map[string]string // document → language → notes about it
	ApprovedBy string                       // who approved the release, optional
	Approved   string                       // YYYY-MM-DD of the approval; "" with ApprovedBy: Date
	// Bump raises the minor version of every changed document that still
	// has its last released version, in site.yaml too.
	Bump    bool
	SignKey ed25519.PrivateKey // signs release.yaml's checksum, optional
	Fonts   *pdf.Fonts         // nil loads them
	Created time.Time          // creation date of the PDFs; zero: each document's date
}

// Release cuts a release of the current content: it decides per document
// whether its text changed, checks versions and dates, typesets every
// document's PDF and the change notice per language, and writes them with
// the snapshot into content/releases/VERSION. On any refusal it writes
// nothing and the diagnostics say why.
func Release(o ReleaseOptions) (*release.Info, *diag.List, error) {
	site, _, rels, diags := checkEdition(o.Content, audience.Widest, newStopwatch(), &Timings{}, nil)
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	th, err := theme.Open(o.Theme)
	if err != nil {
		return nil, diags, err
	}
	src := site.SourceLang()
	info := release.Info{Version: o.Version, Date: o.Date, Effective: o.Effective, ApprovedBy: o.ApprovedBy, Approved: o.Approved, Notes: map[string]string{}}
	if info.ApprovedBy != "" && info.Approved == "" {
		info.Approved = info.Date
	}
	for l, n := range o.Notes {
		if l == "" {
			l = src
		}
		info.Notes[l] = n
	}
	for _, lang := range site.LangIDs() {
		if info.Notes[lang] == "" {
			return nil, diags, fmt.Errorf("release notes in %s are missing: give them with --note %s=\"…\"", lang, lang)
		}
	}
	for lang := range info.Notes {
		if !contains(site.LangIDs(), lang) {
			return nil, diags, fmt.Errorf("release notes in %q, which is not a language of the site (%s)", lang, listOr(site.LangIDs()))
		}
	}
	day, err := time.Parse("2006-01-02", info.Date)
	if err != nil {
		return nil, diags, fmt.Errorf("invalid date %q: write YYYY-MM-DD, e.g. 2026-12-01", info.Date)
	}
	states := releaseStates(rels)
	prior := priorDocs(states)

	docs, changed, err := currentDocuments(site, th, prior)
	if err != nil {
		return nil, diags, err
	}
	for _, d := range site.Documents {
		if prior[d.ID.ID] == nil {
			changed[d.ID.ID] = true // new, or the first release
		}
	}
	refusals := &diag.List{}
	bumped := map[string]string{} // document → new version
	for _, d := range site.Documents {
		id := d.ID.ID
		p, ok := prior[id]
		switch {
		case !ok:
		case changed[id] && d.Version == p.version && o.Bump:
			bumped[id] = bumpMinor(p.version)
			d.Version = bumped[id]
		case changed[id] && d.Version == p.version:
			refusals.Errorf(d.Pos, "document %s changed since release %s but keeps its version %s: raise its version in site.yaml (e.g. version: \"%s\") or give --bump", id, p.release, p.version, bumpMinor(p.version))
		case changed[id] && release.CompareVersions(d.Version, p.version) < 0:
			refusals.Errorf(d.Pos, "document %s has version %s, lower than %s of release %s: give it a higher version", id, d.Version, p.version, p.release)
		case !changed[id] && d.Version != p.version:
			refusals.Errorf(d.Pos, "document %s did not change since release %s, but its version is %s instead of %s: set it back to version: \"%s\" (only changed documents get a new version)", id, p.release, d.Version, p.version, p.version)
		}
	}
	if refusals.HasErrors() {
		diags.Add(refusals)
		return nil, diags, refusals.Err()
	}

	// Dates: a notice period and an objection deadline only when
	// subprocessors are added or replaced (Art. 28(2) GDPR).
	var last *State
	if len(states) > 0 {
		last = states[len(states)-1]
	}
	if last != nil && addsSubprocessor(last.Model[src], model.Localize(site, src)) {
		days := o.NoticeDays
		if days == 0 {
			days = site.Objections.NoticeDays
		}
		if days == 0 {
			days = DefaultNoticeDays
		}
		earliest := day.AddDate(0, 0, days).Format("2006-01-02")
		if info.Effective == "" {
			info.Effective = earliest
		} else if info.Effective < earliest {
			return nil, diags, fmt.Errorf("subprocessors are added or replaced, so the release takes effect %d days after its date at the earliest: give --effective %s or later (it is %s)", days, earliest, info.Effective)
		}
		if !site.Objections.Set {
			return nil, diags, fmt.Errorf("subprocessors are added or replaced, but site.yaml says nowhere where customers object: add an objections: block with the e-mail address (objections: {email: …})")
		}
		eff, err := time.Parse("2006-01-02", info.Effective)
		if err != nil {
			return nil, diags, fmt.Errorf("invalid effective date %q: write YYYY-MM-DD, e.g. 2026-12-01", info.Effective)
		}
		info.ObjectionUntil = eff.AddDate(0, 0, -1).Format("2006-01-02")
	} else if info.Effective == "" {
		info.Effective = info.Date
	}

	// The changed documents take effect with this release: render again
	// with its date as their "gilt ab".
	for _, d := range site.Documents {
		if changed[d.ID.ID] {
			d.Effective = info.Effective
		}
	}
	if docs, err = render.Documents(site, th); err != nil {
		return nil, diags, err
	}
	files, err := release.Snapshot(site, docs)
	if err != nil {
		return nil, diags, err
	}
	for _, d := range site.Documents {
		info.Documents = append(info.Documents, release.DocInfo{ID: d.ID.ID, Version: d.Version, Changed: changed[d.ID.ID], Notes: o.DocNotes[d.ID.ID]})
	}
	for id := range o.DocNotes {
		if _, ok := info.Doc(id); !ok {
			return nil, diags, fmt.Errorf("notes for document %q, which the site does not have", id)
		}
	}
	models := map[string]*model.Resolved{}
	for _, lang := range site.LangIDs() {
		models[lang] = model.Localize(site, lang)
	}
	next := &State{Version: info.Version, Date: info.Date, Info: &info, Model: models, Files: files}
	all := append(append([]*State(nil), states...), next)

	// The artefacts: every document's PDF (an unchanged one keeps the
	// bytes of its last release), and the change notice.
	var jobs []pdfqueue.Job
	origins := origin.New(site)
	for _, d := range docs {
		if p, ok := prior[d.ID]; ok && !changed[d.ID] && p.pdf[d.Lang] != nil {
			files[d.Lang+"/"+d.ID+".pdf"] = p.pdf[d.Lang]
			continue
		}
		j, err := documentJob(th, d, docHistory(all, d.ID, d.Lang), false)
		if err != nil {
			return nil, diags, err
		}
		j.Path = d.Lang + "/" + d.ID + ".pdf"
		j.Locate = locate(origins, d.Lang, documentPos(site, d.ID))
		jobs = append(jobs, j)
	}
	if last != nil {
		for _, lang := range site.LangIDs() {
			if last.Model[lang] == nil {
				continue
			}
			n, err := notice.New(th, last, next, lang)
			if err != nil {
				return nil, diags, err
			}
			meta, err := n.PDFMeta(th)
			if err != nil {
				return nil, diags, err
			}
			name, err := noticeFile(th, lang)
			if err != nil {
				return nil, diags, err
			}
			jobs = append(jobs, pdfqueue.Job{Path: name, Markdown: n.Markdown, Meta: meta, Locate: locate(origins, lang, site.SitePos)})
		}
	}
	fonts := o.Fonts
	if fonts == nil {
		if fonts, err = pdf.LoadFonts(); err != nil {
			return nil, diags, err
		}
	}
	results, err := pdfqueue.Run(jobs, fonts, o.Created, 0, nil)
	if err != nil {
		return nil, diags, err
	}
	for i, r := range results {
		for _, w := range r.Warnings {
			pos, msg := jobs[i].Where(w)
			diags.Warnf(pos, "%s", msg)
		}
		files[jobs[i].Path] = r.Data
	}
	if err := release.Cut(o.Content, info, files, rels, o.SignKey); err != nil {
		return nil, diags, err
	}
	if len(bumped) > 0 {
		if err := writeVersions(filepath.Join(o.Content, "site.yaml"), bumped); err != nil {
			return &info, diags, fmt.Errorf("release %s is cut, but site.yaml could not be updated: %v; set the versions %v by hand", info.Version, err, bumped)
		}
	}
	return &info, diags, nil
}

// noticeFile is the path of the change notice inside a release directory.
func noticeFile(th *theme.Theme, lang string) (string, error) {
	name, err := th.Localizer(lang).T("SiteChangeReportFile", nil)
	return lang + "/" + name + ".pdf", err
}

// addsSubprocessor reports whether new has a subprocessor old has not
// (an addition, or the new half of a replacement).
func addsSubprocessor(old, new *model.Resolved) bool {
	if old == nil || new == nil {
		return false
	}
	for _, c := range diff.Compare(old, new, nil).ByEntity(diff.EntSubprocessor) {
		if c.Kind == diff.Added {
			return true
		}
	}
	return false
}

// prior is what the releases say of one document: its last released
// version, the release that last changed it, and that release's text.
type prior struct {
	version   string
	release   string            // the last release holding the document
	effective string            // when the release that last changed it took effect
	md, pdf   map[string][]byte // language → its text and PDF in the last release
}

// priorDocs gives per document what the releases (oldest first) say of it.
func priorDocs(states []*State) map[string]*prior {
	out := map[string]*prior{}
	for _, s := range states {
		for _, lang := range stateLangs(s) {
			for _, d := range s.Model[lang].Documents {
				rec, _ := s.Info.Doc(d.ID)
				p := out[d.ID]
				if p == nil || p.release != s.Version {
					if p == nil {
						p = &prior{}
						out[d.ID] = p
					}
					p.release, p.md, p.pdf = s.Version, map[string][]byte{}, map[string][]byte{}
					p.version = d.Version
					if rec.Version != "" {
						p.version = rec.Version
					}
					if rec.Changed || p.effective == "" {
						p.effective = s.Info.Effective
						if p.effective == "" {
							p.effective = s.Date
						}
					}
				}
				if md, ok := s.Files[lang+"/"+d.ID+".md"]; ok {
					p.md[lang] = md
				}
				if b, ok := s.Files[lang+"/"+d.ID+".pdf"]; ok && s.Info.Artefacts[lang+"/"+d.ID+".pdf"] != "" {
					p.pdf[lang] = b
				}
			}
		}
	}
	return out
}

// currentDocuments renders the current documents, each with the "gilt ab"
// date of the release that last changed it, and says whose text (in any
// language) differs from their last release; with releases, a new
// document counts as changed. A changed document takes its own date as
// "gilt ab" until released.
func currentDocuments(site *model.Site, th *theme.Theme, prior map[string]*prior) ([]*render.Document, map[string]bool, error) {
	for _, d := range site.Documents {
		if p, ok := prior[d.ID.ID]; ok {
			d.Effective = p.effective
		}
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		return nil, nil, err
	}
	changed := map[string]bool{}
	again := false
	for _, d := range docs {
		p, ok := prior[d.ID]
		if !ok {
			changed[d.ID] = len(prior) > 0
			continue
		}
		if old, has := p.md[d.Lang]; !has || string(old) != string(d.Markdown) {
			changed[d.ID] = true
		}
	}
	for _, d := range site.Documents {
		if _, ok := prior[d.ID.ID]; ok && changed[d.ID.ID] {
			d.Effective = ""
			again = true
		}
	}
	if again {
		if docs, err = render.Documents(site, th); err != nil {
			return nil, nil, err
		}
	}
	return docs, changed, nil
}

// docHistory is the revision history of document id in lang: the releases
// (oldest first in states) that changed it, newest first, with its version
// then and the notes that concern it.
func docHistory(states []*State, id, lang string) []render.HistoryEntry {
	var out []render.HistoryEntry
	for i := len(states) - 1; i >= 0; i-- {
		s := states[i]
		if s.Info == nil || s.Model[lang] == nil {
			continue
		}
		rec, _ := s.Info.Doc(id)
		var doc *model.RDocument
		for k := range s.Model[lang].Documents {
			if s.Model[lang].Documents[k].ID == id {
				doc = &s.Model[lang].Documents[k]
			}
		}
		if doc == nil || !rec.Changed {
			continue
		}
		v := rec.Version
		if v == "" {
			v = s.Version
		}
		e := s.Info.Effective
		if e == "" {
			e = s.Date
		}
		out = append(out, render.HistoryEntry{Version: v, Date: e, Notes: s.Info.DocNotes(id, lang), ApprovedBy: s.Info.ApprovedBy, Approved: s.Info.Approved})
	}
	return out
}

// bumpMinor raises the minor version: 1 → 1.1, 1.9 → 1.10, 2.1.3 → 2.2.
func bumpMinor(v string) string {
	var major, minor int
	n, _ := fmt.Sscanf(v, "%d.%d", &major, &minor)
	if n == 0 {
		return v + ".1"
	}
	return fmt.Sprintf("%d.%d", major, minor+1)
}

// State is one side of a comparison (package notice).
type State = notice.State

// States returns the releases (oldest first) followed by the current
// content as version "current", the content loaded once.
func States(content, themeDir string) ([]*State, *diag.List, error) {
	site, _, rels, diags := checkEdition(content, audience.Widest, newStopwatch(), &Timings{}, nil)
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	th, err := theme.Open(themeDir)
	if err != nil {
		return nil, diags, err
	}
	out := releaseStates(rels)
	docs, _, err := currentDocuments(site, th, priorDocs(out))
	if err != nil {
		return nil, diags, err
	}
	files, err := release.Snapshot(site, docs)
	if err != nil {
		return nil, diags, err
	}
	cur := &State{Version: Current, Model: map[string]*model.Resolved{}, Files: files}
	for _, lang := range site.LangIDs() {
		cur.Model[lang] = model.Localize(site, lang)
	}
	if len(site.Documents) > 0 {
		cur.Date = site.Documents[0].Date.Value
	}
	return append(out, cur), diags, nil
}

// Find returns the state with the version (or "current").
func Find(states []*State, version string) (*State, error) {
	for _, s := range states {
		if s.Version == version || (version != Current && s.Version != Current && release.CompareVersions(s.Version, version) == 0) {
			return s, nil
		}
	}
	var names []string
	for _, s := range states {
		names = append(names, s.Version)
	}
	return nil, fmt.Errorf("no release %q: give %s", version, listOr(names))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// listOr writes a list as "a, b or c".
func listOr(list []string) string {
	switch len(list) {
	case 0:
		return "none"
	case 1:
		return list[0]
	}
	s := ""
	for i, x := range list[:len(list)-1] {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s + " or " + list[len(list)-1]
}

// writeVersions sets the version of documents in site.yaml, keeping every
// other byte: it replaces the value of each document's version: line.
func writeVersions(path string, versions map[string]string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := setVersions(data, versions)
	if err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, out, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// setVersions replaces the version of the documents in site.yaml's bytes.
func setVersions(data []byte, versions map[string]string) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("site.yaml is not a mapping")
	}
	lines := strings.SplitAfter(string(data), "\n")
	done := map[string]bool{}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "documents" {
			continue
		}
		for _, doc := range top.Content[i+1].Content {
			var id string
			var ver *yaml.Node
			for k := 0; k+1 < len(doc.Content); k += 2 {
				switch doc.Content[k].Value {
				case "id":
					id = doc.Content[k+1].Value
				case "version":
					ver = doc.Content[k+1]
				}
			}
			v, ok := versions[id]
			if !ok || ver == nil || ver.Line < 1 || ver.Line > len(lines) {
				continue
			}
			line := lines[ver.Line-1]
			col := ver.Column - 1
			old := ver.Value
			if ver.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				old = line[col : col+len(old)+2]
			}
			if col+len(old) > len(line) || line[col:col+len(old)] != old {
				return nil, fmt.Errorf("site.yaml:%d: cannot find the version of document %s", ver.Line, id)
			}
			lines[ver.Line-1] = line[:col] + strconv.Quote(v) + line[col+len(old):]
			done[id] = true
		}
	}
	for id := range versions {
		if !done[id] {
			return nil, fmt.Errorf("site.yaml has no version: line for document %s", id)
		}
	}
	return []byte(strings.Join(lines, "")), nil
}

// DraftDocuments says per document of the content whether it differs from
// its last release (Drafts).
func DraftDocuments(content, themeDir string) (map[string]bool, *diag.List, error) {
	site, _, rels, diags := checkEdition(content, audience.Widest, newStopwatch(), &Timings{}, nil)
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	th, err := theme.Open(themeDir)
	if err != nil {
		return nil, diags, err
	}
	states := releaseStates(rels)
	_, changed, err := currentDocuments(site, th, priorDocs(states))
	if err != nil {
		return nil, diags, err
	}
	return Drafts(site, changed, states), diags, nil
}

// Compare gives the change notice from version old to version new (or
// Current) in lang ("" is the site's source language), the content and
// releases loaded once.
func Compare(content, themeDir, old, new, lang string) (*notice.Notice, *theme.Theme, *diag.List, error) {
	states, diags, err := States(content, themeDir)
	if err != nil {
		return nil, nil, diags, err
	}
	o, err := Find(states, old)
	if err != nil {
		return nil, nil, diags, err
	}
	n, err := Find(states, new)
	if err != nil {
		return nil, nil, diags, err
	}
	if lang == "" {
		lang = stateLangs(states[len(states)-1])[0]
	}
	th, err := theme.Open(themeDir)
	if err != nil {
		return nil, nil, diags, err
	}
	if o.Model[lang] == nil || n.Model[lang] == nil {
		return nil, nil, diags, fmt.Errorf("no %q text in release %s or %s: use --lang %s", lang, o.Version, n.Version, listOr(stateLangs(n)))
	}
	nt, err := notice.New(th, o, n, lang)
	return nt, th, diags, err
}
