package build_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/build/buildtest"
	"trustdocs/generator/pdf"
	"trustdocs/generator/pdf/pdfcheck"
	"trustdocs/generator/release"
)

func TestMain(m *testing.M) {
	code := m.Run()
	buildtest.Cleanup()
	if history.dir != "" {
		os.RemoveAll(history.dir)
	}
	os.Exit(code)
}

// The site of the example history (buildtest.History), built once.
var history struct {
	once sync.Once
	dir  string // temporary directory: out/ is the site
	err  error
}

var fonts struct {
	once sync.Once
	f    *pdf.Fonts
	err  error
}

func sharedFonts(t *testing.T) *pdf.Fonts {
	t.Helper()
	fonts.once.Do(func() { fonts.f, fonts.err = pdf.LoadFonts() })
	if fonts.err != nil {
		t.Fatal(fonts.err)
	}
	return fonts.f
}

func historySite(t *testing.T) string {
	t.Helper()
	f := sharedFonts(t)
	history.once.Do(func() {
		content, err := buildtest.History()
		if err != nil {
			history.err = err
			return
		}
		if history.dir, history.err = os.MkdirTemp("", "trustdocs-archive-test-"); history.err != nil {
			return
		}
		history.err = buildInto(content, filepath.Join(history.dir, "out"), f)
	})
	if history.err != nil {
		t.Fatal(history.err)
	}
	return filepath.Join(history.dir, "out")
}

func buildInto(content, out string, f *pdf.Fonts) error {
	_, diags, err := build.Build(build.Options{Content: content, Out: out, Fonts: f})
	if err != nil {
		return fmt.Errorf("%v\n%v", err, diags.Items())
	}
	return nil
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed: run the tests with 'make test', which installs poppler-utils and qpdf", name)
	}
	cmd, done, err := pdfcheck.TextCommand(name, args...) // poppler's text tools read a copy without output intent
	defer done()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil
}

// releasesOf lists the versions of the history content, oldest first: 1.0,
// 1.1, 2.0 (and one more if content/ has changed since its last release).
func releasesOf(t *testing.T) []string {
	t.Helper()
	content, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	rels, errs := release.Load(content)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rels {
		out = append(out, r.Info.Version)
	}
	if len(out) < 3 || out[0] != "1.0" || out[1] != "1.1" || out[2] != "2.0" {
		t.Fatalf("the example history has the releases %v, want 1.0, 1.1, 2.0 first", out)
	}
	return out
}

var (
	docIDs    = []string{"sicherheitskonzept", "toms", "subprocessors"}
	reportPDF = map[string]string{"de": "aenderungsmitteilung.pdf", "en": "change-notice.pdf"}
)

// Every release is archived in both languages: its page, its documents
// (HTML and PDF), and from the second release on its change report.
func TestArchiveHasEveryRelease(t *testing.T) {
	dir := historySite(t)
	versions := releasesOf(t)
	latest := versions[len(versions)-1]
	for _, lang := range []string{"de", "en"} {
		landing := read(t, dir, lang+"/index.html")
		for i, v := range versions {
			rd := lang + "/releases/" + v + "/"
			if !exists(dir, rd+"index.html") {
				t.Errorf("%sindex.html is missing", rd)
			}
			if !strings.Contains(landing, `href="releases/`+v+`/index.html"`) {
				t.Errorf("%s/index.html does not link release %s", lang, v)
			}
			for _, d := range docIDs {
				for _, ext := range []string{".html", ".pdf"} {
					if !exists(dir, rd+d+ext) {
						t.Errorf("%s%s%s is missing", rd, d, ext)
					}
				}
			}
			hasReport := exists(dir, rd+"changes.html") && exists(dir, rd+reportPDF[lang])
			if hasReport != (i > 0) {
				t.Errorf("release %s (%s): change report present %v, want %v", v, lang, hasReport, i > 0)
			}
			if i > 0 && !strings.Contains(landing, `href="releases/`+v+`/changes.html"`) {
				t.Errorf("%s/index.html does not link the change report of %s", lang, v)
			}
		}
	}
	// The archive holds the text as released, not as it is now (the site
	// ties "12 Monaten" with a no-break space).
	old := strings.ReplaceAll(read(t, dir, "de/releases/1.0/toms.html"), "\u00a0", " ")
	cur := strings.ReplaceAll(read(t, dir, "de/toms.html"), "\u00a0", " ")
	if !strings.Contains(old, "spätestens nach 12 Monaten") || strings.Contains(old, "spätestens nach 6 Monaten") {
		t.Error("de/releases/1.0/toms.html does not hold the text of release 1.0 (12 months)")
	}
	if !strings.Contains(cur, "spätestens nach 6 Monaten") {
		t.Error("de/toms.html does not hold the current text (6 months)")
	}
	// Archived pages say which release is current and link it.
	for name, want := range map[string]string{
		"de/releases/1.0/toms.html":            `href="../` + latest + `/toms.html"`,
		"de/releases/1.1/index.html":           `href="../` + latest + `/index.html"`,
		"en/releases/" + latest + "/toms.html": `href="../../toms.html"`,
	} {
		page := read(t, dir, name)
		if !strings.Contains(page, `class="banner banner-`) || !strings.Contains(page, want) {
			t.Errorf("%s: no banner linking %s", name, want)
		}
	}
	if page := read(t, dir, "de/releases/1.0/toms.html"); !strings.Contains(page, "Aktuell gültig ist Version "+latest) {
		t.Errorf("de/releases/1.0/toms.html does not say that %s is current", latest)
	}
}

// The change report PDFs are valid and show both the removed and the
// inserted words; the pages mark them as <del> and <ins>.
func TestChangeReports(t *testing.T) {
	dir := historySite(t)
	for _, lang := range []string{"de", "en"} {
		for _, v := range releasesOf(t)[1:] {
			tool(t, "qpdf", "--check", filepath.Join(dir, lang, "releases", v, reportPDF[lang]))
		}
	}
	for _, c := range []struct{ lang, removed, inserted string }{
		{"de", "12 Monaten", "6 Monaten"},
		{"en", "twelve", "six months"},
	} {
		text := strings.Join(strings.Fields(tool(t, "pdftotext", filepath.Join(dir, c.lang, "releases", "2.0", reportPDF[c.lang]), "-")), " ")
		for _, w := range []string{c.removed, c.inserted} {
			if !strings.Contains(text, w) {
				t.Errorf("%s change report 2.0 (PDF) lacks %q", c.lang, w)
			}
		}
		page := read(t, dir, c.lang+"/releases/2.0/changes.html")
		if !regexp.MustCompile(`<del>` + strings.Fields(c.removed)[0] + `</del>\s*<ins>` + strings.Fields(c.inserted)[0] + `</ins> ` + strings.Fields(c.inserted)[1]).MatchString(page) {
			t.Errorf("%s/releases/2.0/changes.html does not mark %s → %s with <del> and <ins>", c.lang, c.removed, c.inserted)
		}
	}
	// Subprocessors first, with effective date, objection deadline and
	// where to object.
	page := strings.ReplaceAll(read(t, dir, "de/releases/1.1/changes.html"), "\u00ad", "") // the table's soft hyphens
	for _, want := range []string{"Unterauftragsverarbeiter", "DATASIX Rechenzentrumsbetriebs GmbH", "noris network AG", "Gilt ab: 01.01.2026", "Widerspruch bis: 31.12.2025", "datenschutz@connect4video.com"} {
		if !strings.Contains(page, want) {
			t.Errorf("de/releases/1.1/changes.html lacks %q", want)
		}
	}
	if i, j := strings.Index(page, `id="notice-vendor-changes"`), strings.Index(page, `id="notice-sicherheitskonzept"`); i < 0 || j < 0 || i > j {
		t.Error("de/releases/1.1/changes.html does not list the subprocessors first")
	}
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Links   []atomLink `xml:"link"`
		Summary string     `xml:"summary"`
	} `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

// The feeds are Atom: one entry per release and language, with stable
// IDs, dates without a clock, and links to the change reports.
func TestFeeds(t *testing.T) {
	dir := historySite(t)
	n := len(releasesOf(t))
	date := regexp.MustCompile(`^\d{4}-\d\d-\d\dT00:00:00Z$`)
	for feedName, want := range map[string]int{"feed.xml": 2 * n, "de/feed.xml": n, "en/feed.xml": n} {
		data := read(t, dir, feedName)
		var f atomFeed
		dec := xml.NewDecoder(strings.NewReader(data))
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("%s: %v", feedName, err)
		}
		if f.ID == "" || f.Title == "" || !date.MatchString(f.Updated) || f.Author.Name == "" {
			t.Errorf("%s: feed lacks id, title, updated or author: %+v", feedName, f)
		}
		if len(f.Entries) != want {
			t.Errorf("%s: %d entries, want %d", feedName, len(f.Entries), want)
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			if !strings.HasPrefix(e.ID, "tag:") || ids[e.ID] {
				t.Errorf("%s: entry id %q is no tag: URI or not unique", feedName, e.ID)
			}
			ids[e.ID] = true
			if !date.MatchString(e.Updated) || e.Title == "" || e.Summary == "" || e.Lang == "" {
				t.Errorf("%s: entry %s incomplete: %+v", feedName, e.ID, e)
			}
			if len(e.Links) != 1 {
				t.Fatalf("%s: entry %s has %d links", feedName, e.ID, len(e.Links))
			}
			u, err := url.Parse(e.Links[0].Href)
			if err != nil || u.IsAbs() {
				t.Fatalf("%s: entry link %q is not relative (no base_url)", feedName, e.Links[0].Href)
			}
			target := path.Join(path.Dir(feedName), u.Path)
			if !exists(dir, target) {
				t.Errorf("%s: entry %s links %s, which does not exist", feedName, e.ID, target)
			}
			if !strings.HasSuffix(e.ID, "/release/1.0") && !strings.HasSuffix(target, "/changes.html") {
				t.Errorf("%s: entry %s links %s, not a change report", feedName, e.ID, target)
			}
		}
	}
	var de atomFeed
	if err := xml.Unmarshal([]byte(read(t, dir, "de/feed.xml")), &de); err != nil {
		t.Fatal(err)
	}
	for _, e := range de.Entries {
		if strings.HasSuffix(e.ID, "/release/1.1") {
			for _, want := range []string{"neu: DATASIX Rechenzentrumsbetriebs GmbH", "entfällt: noris network AG", "Gilt ab: 01.01.2026"} {
				if !strings.Contains(e.Summary, want) {
					t.Errorf("de/feed.xml: the entry of 1.1 lacks %q:\n%s", want, e.Summary)
				}
			}
		}
	}
	// Every page links the feeds.
	for _, name := range []string{"index.html", "de/index.html", "de/toms.html", "en/releases/1.1/changes.html"} {
		if !strings.Contains(read(t, dir, name), `type="application/atom+xml"`) {
			t.Errorf("%s does not link a feed", name)
		}
	}
}

// With a base_url, the feed links absolutely.
func TestFeedBaseURL(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(content, "site.yaml")
	b, _ := os.ReadFile(site)
	b = regexp.MustCompile(`(?m)^base_url:.*$`).ReplaceAll(b, []byte("base_url: https://trust.example.com/docs/"))
	if err := os.WriteFile(site, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, v := range []string{"1.0", "1.1"} {
		if i == 1 { // a change, so that 1.1 has a change report
			m := filepath.Join(content, "measures", "general.yaml")
			b, _ := os.ReadFile(m)
			os.WriteFile(m, []byte(strings.Replace(string(b), "TLS 1.3", "TLS 1.2", -1)), 0o644)
		}
		if _, _, err := build.Release(releaseOptions(content, v, "2026-0"+fmt.Sprint(3+i)+"-01")); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := buildInto(content, out, sharedFonts(t)); err != nil {
		t.Fatal(err)
	}
	feed := read(t, out, "de/feed.xml")
	for _, want := range []string{
		`href="https://trust.example.com/docs/de/feed.xml"`,
		`href="https://trust.example.com/docs/de/releases/1.1/changes.html"`,
		`<id>tag:trust.example.com,2026-03-01:trustdocs/de/release/1.1</id>`,
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("de/feed.xml lacks %s:\n%s", want, feed)
		}
	}
}

// Rebuilding the history gives byte-identical output.
func TestHistoryRebuildIsByteIdentical(t *testing.T) {
	first := historySite(t)
	content, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(t.TempDir(), "out")
	if err := buildInto(content, second, sharedFonts(t)); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = filepath.Walk(first, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(first, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(second, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 70 {
		t.Errorf("only %d files compared", n)
	}
}

// Content equal to the last release is no draft; content that differs is:
// a banner on the pages, the word in the PDFs.
func TestDraft(t *testing.T) {
	clean := historySite(t)
	for _, name := range []string{"de/index.html", "de/toms.html", "en/subprocessors.html"} {
		if strings.Contains(read(t, clean, name), "banner-draft") {
			t.Errorf("%s: a draft banner, but the content equals the last release", name)
		}
	}
	if text := tool(t, "pdftotext", filepath.Join(clean, "de", "toms.pdf"), "-"); strings.Contains(text, "ENTWURF") {
		t.Error("de/toms.pdf is marked as a draft, but the content equals the last release")
	}

	content := filepath.Join(t.TempDir(), "content")
	if err := buildtest.Copy(content); err != nil {
		t.Fatal(err)
	}
	changed := 0
	files, _ := filepath.Glob(filepath.Join(content, "measures", "*.yaml"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		s := strings.ReplaceAll(string(b), "spätestens nach 6 Monaten", "spätestens nach 3 Monaten")
		if s != string(b) {
			changed++
			os.WriteFile(f, []byte(s), 0o644)
		}
	}
	if changed == 0 {
		t.Fatal("no measure mentions the log retention: the test changes nothing")
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := buildInto(content, out, sharedFonts(t)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"de/index.html", "de/toms.html", "en/subprocessors.html"} {
		page := read(t, out, name)
		if !strings.Contains(page, "banner-draft") {
			t.Errorf("%s: no draft banner", name)
		}
	}
	if page := read(t, out, "de/releases/2.0/toms.html"); strings.Contains(page, "banner-draft") {
		t.Error("an archived page is marked as a draft")
	}
	for _, c := range []struct{ file, word string }{{"de/toms.pdf", "ENTWURF"}, {"en/sicherheitskonzept.pdf", "DRAFT"}} {
		if text := tool(t, "pdftotext", filepath.Join(out, c.file), "-"); !strings.Contains(text, c.word) {
			t.Errorf("%s does not say %s", c.file, c.word)
		}
	}
	if text := tool(t, "pdftotext", filepath.Join(out, "de", "releases", "2.0", "toms.pdf"), "-"); strings.Contains(text, "ENTWURF") {
		t.Error("de/releases/2.0/toms.pdf, a released document, says ENTWURF")
	}
}

// The current documents' PDFs end with their own revision history: only
// the releases that changed them, with the date each took effect. A stored
// PDF has the history as it was published.
func TestRevisionHistoryInPDF(t *testing.T) {
	dir := historySite(t)
	// -layout: a history row split from its header by a page break keeps
	// its cells in order.
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", filepath.Join(dir, "de", "subprocessors.pdf"), "-")), " ")
	for _, want := range []string{"Änderungshistorie", "1.1 01.01.2026 DATASIX (Wien) ersetzt", "1.0 02.06.2025 Erste veröffentlichte Fassung."} {
		if !strings.Contains(text, want) {
			t.Errorf("de/subprocessors.pdf lacks %q", want)
		}
	}
	if strings.Contains(text, "Systemlogs werden") || strings.Contains(text, "Übersichtsplan ergänzt") {
		t.Error("de/subprocessors.pdf lists releases 2.0 or 2.1, which did not change it")
	}
	text = strings.Join(strings.Fields(tool(t, "pdftotext", filepath.Join(dir, "de", "toms.pdf"), "-")), " ")
	if !strings.Contains(text, "2.0 01.12.2026 Systemlogs werden") || strings.Contains(text, "Übersichtsplan ergänzt") {
		t.Error("de/toms.pdf: the history should list 2.0 (effective 01.12.2026) and not 2.1")
	}
	text = strings.Join(strings.Fields(tool(t, "pdftotext", filepath.Join(dir, "de", "releases", "1.1", "toms.pdf"), "-")), " ")
	if !strings.Contains(text, "1.1 01.01.2026 DATASIX") || strings.Contains(text, "Systemlogs werden") {
		t.Error("de/releases/1.1/toms.pdf should have the history as published in 1.1")
	}
	page := read(t, dir, "de/toms.html")
	for _, want := range []string{`href="releases/1.1/toms.html"`, `href="releases/2.0/changes.html"`} {
		if !strings.Contains(page, want) {
			t.Errorf("de/toms.html: the revision history lacks %s", want)
		}
	}
	if page := read(t, dir, "de/subprocessors.html"); strings.Contains(page, `href="releases/2.0/changes.html"`) {
		t.Error("de/subprocessors.html: the history lists release 2.0, which did not change it")
	}
}

func releaseOptions(content, version, date string) build.ReleaseOptions {
	return build.ReleaseOptions{Content: content, Version: version, Date: date, Notes: map[string]string{"de": "Fassung " + version, "en": "Version " + version}, Bump: true}
}

// A site without releases has no archive, no draft and empty feeds.
func TestNoReleases(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := buildInto("../../testdata/minimal", out, sharedFonts(t)); err != nil {
		t.Fatal(err)
	}
	landing := read(t, out, "de/index.html")
	if strings.Contains(landing, "banner-draft") || !strings.Contains(landing, "Es wurde noch keine Version freigegeben.") {
		t.Error("de/index.html: a draft banner, or no word that nothing was released yet")
	}
	if exists(out, "de/releases") {
		t.Error("an archive without releases")
	}
	var f atomFeed
	if err := xml.Unmarshal([]byte(read(t, out, "feed.xml")), &f); err != nil || len(f.Entries) != 0 || f.ID == "" {
		t.Errorf("feed.xml without releases: %v, %d entries, id %q", err, len(f.Entries), f.ID)
	}
}

// BenchmarkBuildHistory measures a full build of content/ with the example
// history: the current documents, three releases archived (18 PDFs) and
// two change reports per language.
func BenchmarkBuildHistory(b *testing.B) {
	content, err := buildtest.History()
	if err != nil {
		b.Fatal(err)
	}
	f, err := pdf.LoadFonts()
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out")
	pages := 0
	for b.Loop() {
		res, _, err := build.Build(build.Options{Content: content, Out: out, Fonts: f})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
}

// A theme change never alters a released PDF: with a theme override that
// changes a colour and a word of the revision history, every PDF of the
// archive has the same bytes as with the default theme, and the current
// documents' PDFs differ.
func TestThemeChangeKeepsReleasedPDFs(t *testing.T) {
	plain := historySite(t)
	content, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	root, err := buildtest.Root()
	if err != nil {
		t.Fatal(err)
	}
	theme := t.TempDir()
	for _, f := range []struct{ name, old, new string }{
		{"static/site.css", "#", "#c00000; --x: #"},
		{"i18n/site.de.yaml", "SiteHistory: Änderungshistorie", "SiteHistory: Versionsgeschichte"},
	} {
		b, err := os.ReadFile(filepath.Join(root, "themes", "default", f.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(f.old)) {
			t.Fatalf("%s has no %q", f.name, f.old)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(theme, f.name)), 0o755)
		os.WriteFile(filepath.Join(theme, f.name), bytes.Replace(b, []byte(f.old), []byte(f.new), 1), 0o644)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, diags, err := build.Build(build.Options{Content: content, Theme: theme, Out: out, Fonts: sharedFonts(t)}); err != nil {
		t.Fatal(err, diags.Items())
	}
	released, current := 0, 0
	pdfs, _ := filepath.Glob(filepath.Join(out, "*", "releases", "*", "*.pdf"))
	for _, p := range pdfs {
		rel, _ := filepath.Rel(out, p)
		if read(t, out, rel) != read(t, plain, rel) {
			t.Errorf("%s changed with the theme", rel)
		}
		released++
	}
	for _, name := range []string{"de/toms.pdf", "de/subprocessors.pdf", "de/sicherheitskonzept.pdf"} {
		if read(t, out, name) == read(t, plain, name) {
			t.Errorf("%s is the same with the changed theme", name)
		}
		current++
	}
	if released < 20 {
		t.Errorf("only %d released PDFs compared", released)
	}
	if text := tool(t, "pdftotext", filepath.Join(out, "de", "toms.pdf"), "-"); !strings.Contains(text, "Versionsgeschichte") {
		t.Error("de/toms.pdf does not have the theme's word")
	}
}

// On a build day between a release's date and its effective date, the
// landing page says first that it is announced, with its objection
// deadline; the release list marks it, and the one before is in force.
func TestAnnouncedRelease(t *testing.T) {
	content, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, diags, err := build.Build(build.Options{Content: content, Out: out, Fonts: sharedFonts(t), Today: "2025-12-15"}); err != nil {
		t.Fatal(err, diags.Items())
	}
	page := read(t, out, "de/index.html")
	a, d := strings.Index(page, `class="announcement"`), strings.Index(page, `class="documents"`)
	if a < 0 || a > d {
		t.Fatal("de/index.html: no announcement above the documents on 15.12.2025")
	}
	for _, want := range []string{"Angekündigt: Freigabe 1.1 gilt ab dem 01.01.2026", "Widerspruch gegen neue Unterauftragsverarbeiter bis zum 31.12.2025"} {
		if !strings.Contains(page[a:d], want) {
			t.Errorf("de/index.html: the announcement lacks %q", want)
		}
	}
	if !regexp.MustCompile(`Version 1.0</a> <span class="badge">aktuell gültig`).MatchString(page) {
		t.Error("de/index.html: release 1.0 is not marked as in force on 15.12.2025")
	}
	if strings.Contains(read(t, historySite(t), "de/index.html"), `class="announcement"`) {
		t.Error("de/index.html announces a release though all are in force")
	}
}

// With each change notice comes the e-mail text, and per language a
// calendar of the effective dates and deadlines; both are in SHA256SUMS
// and linked from the site.
func TestEmailAndCalendar(t *testing.T) {
	dir := historySite(t)
	mail := read(t, dir, "de/releases/1.1/email.txt")
	for _, want := range []string{"Betreff: Änderungsmitteilung: Connect4Video GmbH, Freigabe 1.1 gilt ab dem 01.01.2026", "bis zum 31.12.2025 in Textform Widerspruch", "datenschutz@connect4video.com", "- Unterauftragsverarbeiter: Version 1.0 → 1.1"} {
		if !strings.Contains(mail, want) {
			t.Errorf("de/releases/1.1/email.txt lacks %q:\n%s", want, mail)
		}
	}
	if mail := read(t, dir, "en/releases/2.1/email.txt"); strings.Contains(mail, "object") || strings.Contains(mail, "Subprocessors:") {
		t.Errorf("en/releases/2.1/email.txt: an objection or the unchanged subprocessor list in a release without subprocessor change:\n%s", mail)
	}
	ics := read(t, dir, "de/releases.ics")
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "DTSTART;VALUE=DATE:20260101\r\n", "UID:1.1-deadline-de@trustdocs\r\nDTSTAMP:20251201T000000Z\r\nDTSTART;VALUE=DATE:20251231\r\n", "END:VCALENDAR\r\n"} {
		if !strings.Contains(ics, want) {
			t.Errorf("de/releases.ics lacks %q", want)
		}
	}
	// Every release in effect (four, and the draft cut as 3.0 when content/
	// differs from its last release), and one deadline.
	content, err := buildtest.History()
	if err != nil {
		t.Fatal(err)
	}
	rels, _ := filepath.Glob(filepath.Join(content, release.Dir, "*", "release.yaml"))
	if want := len(rels) + 1; strings.Count(ics, "BEGIN:VEVENT") != want || len(rels) < 4 {
		t.Errorf("de/releases.ics has %d events, want %d", strings.Count(ics, "BEGIN:VEVENT"), want)
	}
	sums := read(t, dir, "SHA256SUMS")
	for _, f := range []string{"de/releases.ics", "de/releases/1.1/email.txt", "en/releases/2.1/email.txt"} {
		if !strings.Contains(sums, "  "+f+"\n") {
			t.Errorf("SHA256SUMS does not list %s", f)
		}
	}
	if !strings.Contains(read(t, dir, "de/index.html"), `href="releases.ics"`) || !strings.Contains(read(t, dir, "de/releases/1.1/index.html"), `href="email.txt"`) {
		t.Error("the site does not link the calendar or the e-mail text")
	}
}

// The full redline of each changed document is one click from the notice's
// page; an unchanged document has none.
func TestFullRedlinePages(t *testing.T) {
	dir := historySite(t)
	page := read(t, dir, "de/releases/1.1/changes.html")
	if !strings.Contains(page, `href="toms-changes.html"`) {
		t.Error("de/releases/1.1/changes.html does not link the full redline of the TOMs")
	}
	full := read(t, dir, "de/releases/1.1/toms-changes.html")
	if !regexp.MustCompile(`<del>[^<]*noris network`).MatchString(full) || !strings.Contains(full, "<ins>") {
		t.Error("de/releases/1.1/toms-changes.html does not strike noris network and insert the new text")
	}
	if exists(dir, "de/releases/2.1/toms-changes.html") || !exists(dir, "de/releases/2.1/sicherheitskonzept-changes.html") {
		t.Error("release 2.1 changed only the security concept: its full redline only")
	}
}
