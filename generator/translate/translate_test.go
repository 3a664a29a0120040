package translate

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/ from the current output")

const minimal = "../../testdata/minimal"

// copyTree copies the files of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tree makes a content tree: testdata/minimal with the given overlays.
func tree(t *testing.T, overlays ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, dir)
	for _, o := range overlays {
		copyTree(t, o, dir)
	}
	return dir
}

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return out
}

func loadSite(t *testing.T, dir string) *model.Site {
	t.Helper()
	site, errs := load.Load(dir)
	if errs.HasErrors() {
		t.Fatalf("load %s:\n%v", dir, errs.Err())
	}
	return site
}

// strict checks dir as `check --strict` does (without lints) and returns
// the errors.
func strict(t *testing.T, dir string) []diag.Diagnostic {
	t.Helper()
	site, errs := load.Load(dir)
	report, verrs := validate.Check(site)
	errs.Add(verrs)
	errs.Add(validate.Freshness(site, validate.Options{Strict: true}, report))
	var out []diag.Diagnostic
	for _, d := range errs.Items() {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

func mark(t *testing.T, dir string, opts MarkOptions) *MarkResult {
	t.Helper()
	res, errs := Mark(loadSite(t, dir), opts)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	if err := Commit(res.Changes); err != nil {
		t.Fatal(err)
	}
	return res
}

func export(t *testing.T, dir string, opts ExportOptions) []byte {
	t.Helper()
	doc, _, err := Export(loadSite(t, dir), opts)
	if err != nil || doc == nil {
		t.Fatalf("export: doc %v, err %v", doc, err)
	}
	var b bytes.Buffer
	if err := WriteXLIFF(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importXLIFF imports data into dir and commits; it returns the result
// and the diagnostics.
func importXLIFF(t *testing.T, dir string, data []byte, opts ImportOptions) (*ImportResult, *diag.List) {
	t.Helper()
	doc, errs := ParseXLIFF("en.xlf", data)
	if doc == nil {
		t.Fatalf("parse XLIFF: %v", errs.Err())
	}
	res, errs := Import(loadSite(t, dir), doc, opts)
	if !errs.HasErrors() {
		if err := Commit(res.Changes); err != nil {
			t.Fatal(err)
		}
	}
	return res, errs
}

// translateUnit sets the target of unit id in an XLIFF text and marks its
// segment translated.
func translateUnit(t *testing.T, xliff []byte, id, target string) []byte {
	t.Helper()
	s := string(xliff)
	start := strings.Index(s, `<unit id="`+id+`">`)
	if start < 0 {
		t.Fatalf("no unit %s in\n%s", id, s)
	}
	end := start + strings.Index(s[start:], "</unit>")
	unit := s[start:end]
	unit = strings.Replace(unit, `<segment state="initial">`, `<segment state="translated">`, 1)
	esc := text(target)
	if i := strings.Index(unit, "<target"); i >= 0 {
		j := strings.Index(unit, "</target>")
		unit = unit[:i] + `<target xml:space="preserve">` + esc + unit[j:]
	} else {
		j := strings.Index(unit, "</source>") + len("</source>")
		unit = unit[:j] + "\n        <target xml:space=\"preserve\">" + esc + "</target>" + unit[j:]
	}
	return []byte(s[:start] + unit + s[end:])
}

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it, then read it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// The whole workflow: the German text changes, check --strict names the
// stale English field; export, translate, import; check --strict passes,
// and only the translated values and their hashes changed.
func TestRoundTrip(t *testing.T) {
	dir := tree(t)
	mark(t, dir, MarkOptions{Lang: "en"})
	if errs := strict(t, dir); len(errs) > 0 {
		t.Fatalf("a marked tree fails check --strict: %v", errs)
	}
	marked := snapshot(t, dir)
	for _, name := range []string{"measures/general.yaml", "catalogue.yaml", "pages/introduction.en.md"} {
		golden(t, "roundtrip/marked/"+name, []byte(marked[name]))
	}

	edit := func(name, old, new string) {
		p := filepath.Join(dir, name)
		data, _ := os.ReadFile(p)
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
	}
	edit("measures/general.yaml", "Alle Verbindungen sind verschlüsselt (TLS 1.3).", "Alle Verbindungen sind mit TLS 1.3 verschlüsselt.\n      Zertifikate werden automatisch erneuert.")
	edit("catalogue.yaml", "title: {de: Benutzerverhalten,", "title: {de: Verhalten der Benutzer,")
	edit("pages/introduction.de.md", "betreibt einen Dienst.", "betreibt einen Videodienst.")
	errs := strict(t, dir)
	var stale []string
	for _, d := range errs {
		if strings.Contains(d.Msg, "stale translation (en): source text changed") {
			stale = append(stale, filepath.ToSlash(strings.TrimPrefix(d.Pos.String(), dir+string(filepath.Separator)))+": "+d.Msg)
		}
	}
	sort.Strings(stale)
	want := []string{
		`catalogue.yaml:10:45: stale translation (en): source text changed: the title of threat "user-behaviour"`,
		`measures/general.yaml:12:9: stale translation (en): source text changed: the text of measure "tls"`,
		`pages/introduction.en.md:3:9: stale translation (en): source text changed: page "introduction"`,
	}
	if len(stale) != len(want) || len(errs) != len(want) {
		t.Fatalf("check --strict errors:\n%v\nwant the three stale translations", errs)
	}
	for i := range want {
		if !strings.HasPrefix(stale[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", stale[i], want[i])
		}
	}

	xliff := export(t, dir, ExportOptions{Lang: "en"})
	golden(t, "roundtrip/export.xlf", xliff)
	xliff = translateUnit(t, xliff, "measure.tls.text", "All connections are encrypted with TLS 1.3.\nCertificates are renewed automatically.")
	xliff = translateUnit(t, xliff, "threat.user-behaviour.title", "Behaviour of users")
	xliff = translateUnit(t, xliff, "page.introduction.body", "Beispiel GmbH operates a video service.")
	before := snapshot(t, dir)
	res, ierrs := importXLIFF(t, dir, xliff, ImportOptions{})
	if ierrs.HasErrors() {
		t.Fatal(ierrs.Err())
	}
	if len(res.Imported) != 3 || len(res.Skipped) != 1 || len(res.NowStale) != 0 {
		t.Errorf("imported %d, skipped %v, now stale %d", len(res.Imported), res.Skipped, len(res.NowStale))
	}
	if errs := strict(t, dir); len(errs) > 0 {
		t.Fatalf("check --strict after the import: %v", errs)
	}
	after := snapshot(t, dir)
	for name := range after {
		if after[name] != before[name] {
			golden(t, "roundtrip/imported/"+name, []byte(after[name]))
		}
	}
	changed := 0
	for name := range after {
		if after[name] != before[name] {
			changed++
		}
	}
	if changed != 3 {
		t.Errorf("%d files changed, want 3", changed)
	}
	// Nothing but the en values and their hashes: dropping them from both
	// versions leaves the same lines.
	for name := range after {
		if keepOnly(after[name]) != keepOnly(before[name]) && !strings.HasSuffix(name, ".md") {
			t.Errorf("%s: the import changed more than the en texts:\n%s", name, after[name])
		}
	}
}

// keepOnly drops the en lines (values and hashes) and the continuation
// lines of block scalars, leaving what an import must not touch.
func keepOnly(s string) string {
	var out []string
	skipping := false
	for _, l := range strings.Split(s, "\n") {
		trim := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trim, "en:") || strings.HasPrefix(trim, "en@:"):
			skipping = strings.HasSuffix(trim, "|") || strings.HasSuffix(trim, "|-")
			continue
		case skipping && strings.HasPrefix(l, "      "):
			continue
		}
		skipping = false
		out = append(out, regexp.MustCompile(`,? en@?: ("[^"]*"|[^,}]*)`).ReplaceAllString(l, ""))
	}
	return strings.Join(out, "\n")
}

// The editor on every layout of tricky.yaml and eof.yaml, and on files
// with Windows line ends and a byte order mark.
func TestImportLayouts(t *testing.T) {
	dir := tree(t, "testdata/tricky")
	os.WriteFile(filepath.Join(dir, "measures", "crlf.yaml"), []byte("# Windows\r\nid: crlf\r\ntom: [encryption]\r\ntext:\r\n  de: |\r\n    Zeilen\r\n    mit CRLF.\r\n  en: Old\r\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "measures", "bom.yaml"), []byte("\xEF\xBB\xBFid: bom\ntom: [encryption]\ntext: {de: Mit BOM}\n"), 0o644)
	before := snapshot(t, dir)
	xliff := export(t, dir, ExportOptions{Lang: "en", All: true, IDs: []string{"measure"}})
	targets := map[string]string{
		"measure.block-literal.text":     "Line one.\n\nLine two.",
		"measure.block-missing-en.text":  "Only German: no more.",
		"measure.flow-missing.text":      "Two\nlines in a flow mapping",
		"measure.flow-present.text":      "Flat, with a comma",
		"measure.null-with-comment.text": "Something.\n\nA second paragraph with „quotes“ and 😀.",
		"measure.tilde.text":             "true",
		"measure.quoted.text":            "It's #1 — or is it?",
		"measure.plain-multiline.text":   "A long sentence, now on one line.",
		"measure.keep.text":              "Keep this.",
		"measure.last-in-list.text":      "  - indented first line\nsecond line",
		"measure.eof.text":               "The end.",
		"measure.crlf.text":              "Lines\nwith CRLF.",
		"measure.bom.text":               "- starts with a dash",
		"measure.tls.text":               `Back\slash and "quotes" and <tags> & ampersands`,
	}
	for id, target := range targets {
		xliff = translateUnit(t, xliff, id, target)
	}
	res, errs := importXLIFF(t, dir, xliff, ImportOptions{})
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	if len(res.Imported) != len(targets) {
		t.Errorf("imported %d units, want %d (skipped: %v)", len(res.Imported), len(targets), res.Skipped)
	}
	after := snapshot(t, dir)
	for _, name := range []string{"measures/tricky.yaml", "measures/eof.yaml", "measures/crlf.yaml", "measures/bom.yaml", "measures/general.yaml"} {
		golden(t, "tricky.golden/"+name, []byte(after[name]))
	}
	if !strings.Contains(after["measures/crlf.yaml"], "\r\n  en@: ") || strings.Count(after["measures/crlf.yaml"], "\n") != strings.Count(after["measures/crlf.yaml"], "\r\n") {
		t.Error("crlf.yaml lost its Windows line ends")
	}
	if !strings.HasPrefix(after["measures/bom.yaml"], "\xEF\xBB\xBF") {
		t.Error("bom.yaml lost its byte order mark")
	}
	for name, data := range before {
		if !strings.HasPrefix(name, "measures/") && after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
	// Every value reads back as translated, with the hash of its source.
	site := loadSite(t, dir)
	for _, f := range model.Texts(site) {
		want, ok := targets[f.Unit]
		if !ok {
			continue
		}
		got := f.Text.Values["en"]
		if trimText(got) != trimText(want) {
			t.Errorf("%s: en reads back as %q, want %q", f.Unit, got, want)
		}
		if h := f.Text.Hashes["en"]; h != model.SourceHash(f.Text.Values["de"]) {
			t.Errorf("%s: hash %q, want that of %q", f.Unit, h, f.Text.Values["de"])
		}
		if strings.HasSuffix(f.Text.Values["de"], "\n") != strings.HasSuffix(got, "\n") {
			t.Errorf("%s: en %q does not end like de %q", f.Unit, got, f.Text.Values["de"])
		}
	}
}

// A file made for other content changes nothing.
func TestImportForeignFile(t *testing.T) {
	dir := tree(t)
	xliff := export(t, dir, ExportOptions{Lang: "en", All: true})
	xliff = translateUnit(t, xliff, "measure.tls.text", "Encrypted.")
	other := tree(t)
	site := filepath.Join(other, "site.yaml")
	data, _ := os.ReadFile(site)
	os.WriteFile(site, bytes.Replace(data, []byte("name: Beispiel GmbH"), []byte("name: Andere AG"), 1), 0o644)
	before := snapshot(t, other)
	_, errs := importXLIFF(t, other, xliff, ImportOptions{Force: true})
	if !errs.HasErrors() || !strings.Contains(errs.Err().Error(), `it was made for the content of "Beispiel GmbH"`) {
		t.Fatalf("importing a foreign file: %v", errs.Err())
	}
	if !equalSnapshots(before, snapshot(t, other)) {
		t.Error("a foreign import changed the content")
	}

	// Units the content does not have: also foreign.
	os.WriteFile(site, data, 0o644)
	before = snapshot(t, other)
	bad := bytes.Replace(xliff, []byte(`<unit id="measure.tls.text">`), []byte(`<unit id="measure.no-such-measure.text">`), 1)
	_, errs = importXLIFF(t, other, bad, ImportOptions{})
	if !errs.HasErrors() || !strings.Contains(errs.Err().Error(), `en.xlf:`) || !strings.Contains(errs.Err().Error(), `unit "measure.no-such-measure.text" does not exist in this content`) {
		t.Fatalf("unknown unit: %v", errs.Err())
	}
	if !equalSnapshots(before, snapshot(t, other)) {
		t.Error("a failed import changed the content")
	}
}

func equalSnapshots(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A translation changed in the content after the export is not silently
// overwritten.
func TestImportConflict(t *testing.T) {
	dir := tree(t)
	xliff := export(t, dir, ExportOptions{Lang: "en", All: true})
	xliff = translateUnit(t, xliff, "measure.tls.text", "From the translator.")
	p := filepath.Join(dir, "measures", "general.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("All connections are encrypted (TLS 1.3)."), []byte("Fixed by hand."), 1), 0o644)
	before := snapshot(t, dir)
	_, errs := importXLIFF(t, dir, xliff, ImportOptions{})
	if !errs.HasErrors() || !strings.Contains(errs.Err().Error(), "was changed in the content since this file was exported") {
		t.Fatalf("conflict not reported: %v", errs.Err())
	}
	if !equalSnapshots(before, snapshot(t, dir)) {
		t.Error("a failed import changed the content")
	}
	if _, errs := importXLIFF(t, dir, xliff, ImportOptions{Force: true}); errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	if got, _ := os.ReadFile(p); !bytes.Contains(got, []byte("en: From the translator.")) {
		t.Errorf("--force did not import:\n%s", got)
	}
}

// A translation made from a source that changed after the export is
// imported with the old hash: check calls it stale.
func TestImportAfterSourceChanged(t *testing.T) {
	dir := tree(t)
	xliff := export(t, dir, ExportOptions{Lang: "en", All: true})
	xliff = translateUnit(t, xliff, "measure.tls.text", "Encrypted, translated.")
	p := filepath.Join(dir, "measures", "general.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("verschlüsselt (TLS 1.3)"), []byte("verschlüsselt (TLS 1.2 und 1.3)"), 1), 0o644)
	res, errs := importXLIFF(t, dir, xliff, ImportOptions{})
	if errs.HasErrors() || len(res.NowStale) != 1 {
		t.Fatalf("errors %v, now stale %d", errs.Err(), len(res.NowStale))
	}
	found := false
	for _, d := range strict(t, dir) {
		found = found || strings.Contains(d.Msg, `stale translation (en): source text changed: the text of measure "tls"`)
	}
	if !found {
		t.Error("check does not report the import as stale")
	}
}

// Units left in state initial with their target unchanged are skipped; a
// new page needs title and body.
func TestImportSkipsUntranslated(t *testing.T) {
	dir := tree(t)
	os.Remove(filepath.Join(dir, "pages", "introduction.en.md"))
	xliff := export(t, dir, ExportOptions{Lang: "en", All: true})
	res, errs := importXLIFF(t, dir, xliff, ImportOptions{})
	if errs.HasErrors() || len(res.Imported) != 0 || len(res.Changes) != 0 {
		t.Fatalf("an untouched export imported %d units (%v)", len(res.Imported), errs.Err())
	}
	half := translateUnit(t, xliff, "page.introduction.body", "Beispiel GmbH operates a service.")
	if _, errs := importXLIFF(t, dir, half, ImportOptions{}); !errs.HasErrors() || !strings.Contains(errs.Err().Error(), "translate its title and its body") {
		t.Fatalf("a page without title was created: %v", errs.Err())
	}
	full := translateUnit(t, half, "page.introduction.title", "Introduction")
	if _, errs := importXLIFF(t, dir, full, ImportOptions{}); errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	got, _ := os.ReadFile(filepath.Join(dir, "pages", "introduction.en.md"))
	golden(t, "newpage.golden/introduction.en.md", got)
	loadSite(t, dir)
}

func TestMark(t *testing.T) {
	dir := tree(t)
	res := mark(t, dir, MarkOptions{Lang: "en", IDs: []string{"measure.tls", "page.introduction"}})
	if len(res.Marked) != 2 {
		t.Fatalf("marked %d units, want 2", len(res.Marked))
	}
	p := filepath.Join(dir, "measures", "general.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("(TLS 1.3)"), []byte("(TLS 1.2+)"), 1), 0o644)
	res = mark(t, dir, MarkOptions{Lang: "en"})
	if res.Stale != 1 {
		t.Errorf("a stale translation was marked without --stale (%d left)", res.Stale)
	}
	if errs := strict(t, dir); len(errs) != 1 {
		t.Errorf("want the one stale error, got %v", errs)
	}
	mark(t, dir, MarkOptions{Lang: "en", Stale: true, IDs: []string{"measure.tls.text"}})
	if errs := strict(t, dir); len(errs) != 0 {
		t.Errorf("after mark --stale: %v", errs)
	}
	if _, errs := Mark(loadSite(t, dir), MarkOptions{Lang: "en", IDs: []string{"measure.nope"}}); !errs.HasErrors() {
		t.Error("an unknown unit was accepted")
	}
	if _, errs := Mark(loadSite(t, dir), MarkOptions{Lang: "de"}); !errs.HasErrors() {
		t.Error("marking the source language was accepted")
	}
}

// Commit writes all files or none.
func TestCommitAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	os.WriteFile(a, []byte("a: 1\n"), 0o600)
	os.WriteFile(b, []byte("b: 1\n"), 0o644)
	changes := []Change{
		{Path: a, Data: []byte("a: 2\n"), Old: []byte("a: 1\n")},
		{Path: b, Data: []byte("b: 2\n"), Old: []byte("b: 1\n")},
		{Path: filepath.Join(dir, "c.md"), Data: []byte("new\n")},
	}
	calls := 0
	err := commit(changes, func(from, to string) error {
		calls++
		if calls == 3 {
			return errors.New("disk full")
		}
		return os.Rename(from, to)
	})
	if err == nil {
		t.Fatal("a failed rename was not reported")
	}
	for path, want := range map[string]string{a: "a: 1\n", b: "b: 1\n"} {
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("%s = %q after a failed commit, want %q", path, got, want)
		}
	}
	if fi, _ := os.Stat(a); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode of a.yaml is %v", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
	// A file changed meanwhile stops the commit before anything is written.
	os.WriteFile(b, []byte("b: changed\n"), 0o644)
	if err := Commit(changes); err == nil || !strings.Contains(err.Error(), "changed while trustdocs ran") {
		t.Errorf("commit over a changed file: %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "a: 1\n" {
		t.Error("a.yaml was written although the commit failed")
	}
	changes[1].Old = []byte("b: changed\n")
	if err := Commit(changes); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "c.md")); string(got) != "new\n" {
		t.Error("the new file was not written")
	}
}

func TestParseXLIFFErrors(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"empty", "", "x.xlf:1:1: not an XLIFF file: it has no <xliff> element"},
		{"not-xml", "hello <", "x.xlf:1:1: XML syntax error"},
		{"other-root", `<html/>`, `x.xlf:1:1: not an XLIFF 2.0 file: the root element is <html>`},
		{"version", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="1.2" srcLang="de" trgLang="en"></xliff>`, `XLIFF version "1.2" is not supported`},
		{"unclosed", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"de\" trgLang=\"en\">\n<file id=\"f1\">\n", "x.xlf:3:"},
		{"inline", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><unit id="u">` + "\n" + `<segment><source>a</source><target>b <ph id="1"/></target></segment></unit></file></xliff>`, "x.xlf:2:"},
		{"no-segment", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><unit id="u"></unit></file></xliff>`, `unit "u" has no <segment>`},
		{"deep", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">` + strings.Repeat("<a>", 100), "nested more than"},
	} {
		doc, errs := ParseXLIFF("x.xlf", []byte(c.data))
		if doc != nil || errs.Err() == nil || !strings.Contains(errs.Err().Error(), c.want) {
			t.Errorf("%s: doc %v, errors %v; want %q", c.name, doc != nil, errs.Err(), c.want)
		}
	}
}

// What a translation tool may do to a file: resegment a unit, add notes,
// groups, annotations (mrk) and characters as <cp/>.
func TestParseXLIFFFromTools(t *testing.T) {
	data := `<?xml version="1.0"?>
<!-- written by some tool -->
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:x="urn:example" version="2.1" srcLang="de" trgLang="en">
 <file id="f1" original="measures/general.yaml">
  <mda:metadata><mda:metaGroup category="trustdocs"><mda:meta type="organisation">Beispiel GmbH</mda:meta></mda:metaGroup></mda:metadata>
  <x:tool-data>ignored</x:tool-data>
  <group id="g">
   <unit id="measure.tls.text">
    <mda:metadata><mda:metaGroup category="trustdocs"><mda:meta type="source-hash">0123abcd</mda:meta></mda:metaGroup></mda:metadata>
    <notes><note>added by the translator</note></notes>
    <segment state="reviewed"><source>Eins.</source><target>One.</target></segment>
    <ignorable><source> </source></ignorable>
    <segment state="final"><source>Zwei.</source><target><mrk id="m1" translate="no">Two</mrk>.<cp hex="0007"/></target></segment>
   </unit>
  </group>
 </file>
</xliff>`
	doc, errs := ParseXLIFF("x.xlf", []byte(data))
	if doc == nil {
		t.Fatal(errs.Err())
	}
	u := doc.Files[0].Units[0]
	if u.Source != "Eins. Zwei." || u.Target != "One. Two.\a" || !u.HasTarget || u.SegState != "reviewed" || !u.Translated() || u.SourceHash != "0123abcd" || doc.Files[0].Organisation != "Beispiel GmbH" {
		t.Errorf("read %+v", u)
	}
}

// Tools write language tags with a region; the language is what counts.
func TestImportRegionTags(t *testing.T) {
	dir := tree(t)
	xliff := export(t, dir, ExportOptions{Lang: "en", All: true})
	xliff = bytes.Replace(xliff, []byte(`srcLang="de" trgLang="en"`), []byte(`srcLang="de-DE" trgLang="en-GB"`), 1)
	xliff = translateUnit(t, xliff, "measure.tls.text", "Encrypted throughout.")
	res, errs := importXLIFF(t, dir, xliff, ImportOptions{})
	if errs.HasErrors() || len(res.Imported) != 1 || res.Lang != "en" {
		t.Fatalf("imported %d (%v)", len(res.Imported), errs.Err())
	}
	xliff = bytes.Replace(xliff, []byte(`trgLang="en-GB"`), []byte(`trgLang="fr"`), 1)
	if _, errs := importXLIFF(t, dir, xliff, ImportOptions{}); !errs.HasErrors() || !strings.Contains(errs.Err().Error(), `it translates into "fr"`) {
		t.Errorf("a file into French: %v", errs.Err())
	}
}
