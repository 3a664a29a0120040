package site_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"trustdocs/generator/build"
	"trustdocs/generator/build/buildtest"
	"trustdocs/generator/diag"
	"trustdocs/generator/output"
	"trustdocs/generator/pdf"
	"trustdocs/generator/render"
	"trustdocs/generator/site"
	"trustdocs/generator/theme"
)

// The site of a copy of ../../content with the example release history
// (buildtest.History), built once by the whole pipeline (build.Build, real
// PDFs) into a directory that TestMain removes.
var shared struct {
	once  sync.Once
	files output.Files
	docs  []*render.Text
	dir   string
	err   error
	cache *build.Cache // its PDFs, for another build of the same documents
}

var fonts struct {
	once sync.Once
	f    *pdf.Fonts
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	buildtest.Cleanup()
	os.Exit(code)
}

// contentSite returns the files of the site of content/ and the directory
// they are written to.
func contentSite(t *testing.T) (output.Files, string) {
	t.Helper()
	shared.once.Do(func() {
		content, err := buildtest.History()
		if err != nil {
			shared.err = err
			return
		}
		if shared.dir, shared.err = os.MkdirTemp("", "trustdocs-site-"); shared.err != nil {
			return
		}
		fonts.once.Do(func() { fonts.f, fonts.err = pdf.LoadFonts() })
		if shared.err = fonts.err; shared.err != nil {
			return
		}
		shared.cache = build.NewCache()
		_, diags, err := build.Build(build.Options{Content: content, Out: shared.dir, Fonts: fonts.f, Cache: shared.cache})
		if err != nil {
			shared.err = fmt.Errorf("%v\n%v", err, diags.Items())
			return
		}
		shared.files, shared.err = readFiles(shared.dir)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.files, shared.dir
}

// buildSite runs the pipeline up to the site: check, render, PDFs (real
// ones, or small fake ones where only links matter), site.Build.
func buildSite(content, themeDir string, realPDFs bool) (output.Files, []*render.Text, error) {
	return buildSiteAllowing(content, themeDir, realPDFs, "")
}

// buildSiteAllowing is buildSite with check errors that contain allow
// ignored: to see what the renderer does with content check refuses.
func buildSiteAllowing(content, themeDir string, realPDFs bool, allow string) (output.Files, []*render.Text, error) {
	s, _, diags := build.Check(content)
	for _, d := range diags.Items() {
		allowed := false
		for _, a := range strings.Split(allow, "|") { // several: "a|b"
			allowed = allowed || a != "" && strings.Contains(d.Msg, a)
		}
		if d.Severity == diag.Error && !allowed {
			return nil, nil, diags.Err()
		}
	}
	th, err := theme.Open(themeDir)
	if err != nil {
		return nil, nil, err
	}
	docs, err := render.Documents(s, th)
	if err != nil {
		return nil, nil, err
	}
	pdfs := map[string][]byte{}
	for _, d := range docs {
		if !realPDFs {
			pdfs[site.PDFPath(d)] = []byte("%PDF-1.4 fake " + d.Lang + " " + d.ID + "\n")
			continue
		}
		fonts.once.Do(func() { fonts.f, fonts.err = pdf.LoadFonts() })
		if fonts.err != nil {
			return nil, nil, fonts.err
		}
		data, _, err := pdf.Render(d.Markdown, pdf.Meta{
			Title: d.Doc.Title, Subtitle: d.Doc.Subtitle, Organisation: d.Site.Organisation.Name,
			Version: d.UI.Version, Date: d.UI.AsOf, Lang: d.Lang, Header: d.Doc.Title,
			PageOf: d.UI.PageOf, ContentsTitle: d.UI.Contents,
		}, fonts.f)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", site.PDFPath(d), err)
		}
		pdfs[site.PDFPath(d)] = data
	}
	files, err := site.Build(site.Input{Site: s, Docs: docs, PDFs: pdfs, Theme: th})
	return files, docs, err
}

// readFiles reads the site a build wrote, but for what build.Build adds to
// the site (model.json, the output marker).
func readFiles(dir string) (output.Files, error) {
	files := output.Files{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if path.Base(rel) == "model.json" || strings.HasPrefix(path.Base(rel), ".") {
			return nil
		}
		data, err := os.ReadFile(p)
		files[rel] = data
		return err
	})
	return files, err
}

func writeFiles(dir string, files output.Files) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// pages returns the HTML files of a site, sorted.
func pages(files output.Files) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func parseHTML(t *testing.T, name string, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// elements returns every element of the tree in document order.
func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// tool returns the path of a command the tests need, failing with how to
// get it when it is missing (never skipping).
func tool(t *testing.T, what, debPackage string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Fatalf("%s not found (looked for %s): `make test` installs it (apt-get install -y %s)", what, strings.Join(names, ", "), debPackage)
	return ""
}
