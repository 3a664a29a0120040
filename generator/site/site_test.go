package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"trustdocs/generator/build"
	"trustdocs/generator/integrity"
	"trustdocs/generator/output"
	"trustdocs/generator/pdf/pdfcheck"
)

// Every page of content/ links only to files of the site (relatively) or to
// the web, every #anchor exists on its page, and everything is reachable
// from the root page.
func TestLinksResolve(t *testing.T) {
	t.Parallel()
	files, _ := contentSite(t)
	ids := map[string]map[string]bool{}
	trees := map[string]*html.Node{}
	for _, name := range pages(files) {
		doc := parseHTML(t, name, files[name])
		trees[name] = doc
		ids[name] = map[string]bool{}
		for _, e := range elements(doc) {
			if id, ok := attr(e, "id"); ok {
				ids[name][id] = true
			}
		}
	}
	links := map[string][]string{} // page → files it links to
	for _, name := range pages(files) {
		for _, e := range elements(trees[name]) {
			for _, a := range e.Attr {
				if a.Key != "href" && a.Key != "src" && a.Key != "action" && a.Key != "srcset" {
					continue
				}
				target, ok := resolve(t, name, e.Data, a.Val, files, ids)
				if ok {
					links[name] = append(links[name], target)
				}
			}
		}
	}

	// Everything is reachable from the root page.
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, l := range links[p] {
			if !seen[l] {
				seen[l] = true
				queue = append(queue, l)
			}
		}
	}
	// What is not linked on purpose: the standard files search engines and
	// security researchers look for, and the old addresses of renamed
	// documents (a redirect page, a copy of the PDF).
	unlinked := map[string]bool{"sitemap.xml": true, "robots.txt": true, ".well-known/security.txt": true}
	for _, name := range pages(files) {
		if strings.Contains(string(files[name]), `http-equiv="refresh"`) {
			unlinked[name], unlinked[strings.TrimSuffix(name, ".html")+".pdf"] = true, true
		}
	}
	for name := range files {
		if !seen[name] && !unlinked[name] {
			t.Errorf("%s is not reachable from index.html", name)
		}
	}
	// The English security concept has an English address (its slug).
	renamed := map[string]string{"en/sicherheitskonzept.html": "en/security-concept.html"}
	for old, cur := range renamed {
		if !unlinked[old] || files[cur] == nil {
			t.Errorf("%s is not a redirect to %s", old, cur)
		}
	}
	// Each page names itself in every language (hreflang), the same page.
	for _, name := range pages(files) {
		if unlinked[name] {
			continue
		}
		alternates := map[string]string{}
		for _, e := range elements(trees[name]) {
			if rel, _ := attr(e, "rel"); e.Data == "link" && rel == "alternate" {
				lang, _ := attr(e, "hreflang")
				href, _ := attr(e, "href")
				alternates[lang] = path.Join(path.Dir(name), href)
			}
		}
		for _, lang := range []string{"de", "en"} {
			want := lang + "/index.html"
			if _, inLang, ok := strings.Cut(name, "/"); ok {
				want = lang + "/" + inLang // the same page in the other language
				if inLang == "security-concept.html" {
					want = lang + "/sicherheitskonzept.html"
				}
				if r, ok := renamed[want]; ok {
					want = r
				}
			}
			if alternates[lang] != want {
				t.Errorf("%s: hreflang %s points to %q, want %q", name, lang, alternates[lang], want)
			}
		}
		if alternates["x-default"] != "index.html" {
			t.Errorf("%s: hreflang x-default points to %q, want the root page", name, alternates["x-default"])
		}
	}
	// The subprocessor list, every release and its change report are one
	// click from each landing page; the feeds are linked from every page.
	for _, lang := range []string{"de", "en"} {
		for _, want := range []string{lang + "/subprocessors.html", lang + "/releases/1.0/index.html", lang + "/releases/1.1/changes.html", lang + "/releases/2.0/changes.html", lang + "/feed.xml", "feed.xml"} {
			if !contains(links[lang+"/index.html"], want) {
				t.Errorf("%s/index.html does not link %s", lang, want)
			}
		}
	}
	for _, name := range pages(files) {
		if !contains(links[name], "feed.xml") {
			t.Errorf("%s does not link feed.xml", name)
		}
	}
	// The archive, in both languages.
	for _, lang := range []string{"de", "en"} {
		for _, v := range []string{"1.0", "1.1", "2.0"} {
			for _, d := range []string{"index", "sicherheitskonzept", "toms", "subprocessors"} {
				if _, ok := files[lang+"/releases/"+v+"/"+d+".html"]; !ok {
					t.Errorf("%s/releases/%s/%s.html is missing", lang, v, d)
				}
			}
		}
	}
}

// resolve checks one URL of a page and returns the file it points to.
func resolve(t *testing.T, page, elem, raw string, files output.Files, ids map[string]map[string]bool) (string, bool) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Errorf("%s: <%s> has an invalid URL %q: %v", page, elem, raw, err)
		return "", false
	}
	switch {
	case u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "mailto" || u.Scheme == "tel":
		if elem != "a" {
			t.Errorf("%s: <%s> loads %q from outside the site", page, elem, raw)
		}
		return "", false
	case u.Scheme != "" || u.Host != "":
		t.Errorf("%s: <%s> links %q: only relative links and http(s)/mailto/tel links are allowed", page, elem, raw)
		return "", false
	case strings.HasPrefix(u.Path, "/"):
		t.Errorf("%s: <%s> links %q with an absolute path: it breaks under a sub-path and from file://", page, elem, raw)
		return "", false
	}
	target := page
	if u.Path != "" {
		target = path.Join(path.Dir(page), u.Path)
		if strings.HasSuffix(u.Path, "/") || target == "." {
			t.Errorf("%s: <%s> links the directory %q: from file:// a directory is no page; link index.html", page, elem, raw)
			return "", false
		}
	}
	if _, ok := files[target]; !ok {
		t.Errorf("%s: <%s> links %q: %s does not exist", page, elem, raw, target)
		return "", false
	}
	if u.Fragment != "" {
		if !strings.HasSuffix(target, ".html") {
			t.Errorf("%s: <%s> links %q: an anchor in a file that is no page", page, elem, raw)
		} else if !ids[target][u.Fragment] {
			t.Errorf("%s: <%s> links %q: %s has no element with id %q", page, elem, raw, target, u.Fragment)
		}
	}
	return target, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Every page is well-formed HTML5 with the language set, the landmarks,
// one h1, unique IDs, no script and no inline style, and the CSP.
func TestPagesAreValidHTML(t *testing.T) {
	t.Parallel()
	files, _ := contentSite(t)
	for _, name := range pages(files) {
		data := files[name]
		if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>\n<html lang=\"")) {
			t.Errorf("%s: does not start with <!DOCTYPE html> and <html lang>", name)
		}
		checkBalanced(t, name, data)
		doc := parseHTML(t, name, data)
		count := map[string]int{}
		idSeen := map[string]bool{}
		lastLevel := 0
		for _, e := range elements(doc) {
			if e.Namespace == "" { // SVG has its own <title>s
				count[e.Data]++
			}
			for _, a := range e.Attr {
				switch {
				case a.Key == "style":
					t.Errorf("%s: <%s> has a style attribute", name, e.Data)
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s> has an event handler %s", name, e.Data, a.Key)
				case a.Key == "id":
					if idSeen[a.Val] {
						t.Errorf("%s: id %q is used twice", name, a.Val)
					}
					idSeen[a.Val] = true
				}
			}
			if len(e.Data) == 2 && e.Data[0] == 'h' && e.Data[1] >= '1' && e.Data[1] <= '6' {
				level := int(e.Data[1] - '0')
				if level > lastLevel+1 {
					t.Errorf("%s: <%s> %q follows a h%d: heading levels skip", name, e.Data, textOf(e), lastLevel)
				}
				lastLevel = level
			}
			if e.Data == "a" {
				if href, ok := attr(e, "href"); !ok || href == "" {
					t.Errorf("%s: <a> %q without href", name, textOf(e))
				}
			}
			if e.Data == "html" {
				want := "de" // the root page is in the source language
				if lang, _, ok := strings.Cut(name, "/"); ok {
					want = lang
				}
				if lang, _ := attr(e, "lang"); lang != want {
					t.Errorf("%s: <html lang=%q>, want %q", name, lang, want)
				}
			}
			if e.Data == "meta" {
				if v, _ := attr(e, "http-equiv"); strings.EqualFold(v, "Content-Security-Policy") {
					csp, _ := attr(e, "content")
					if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
						t.Errorf("%s: weak Content-Security-Policy %q", name, csp)
					}
					count["csp"]++
				}
			}
		}
		for _, el := range []string{"script", "style", "iframe", "object", "embed", "form", "base"} {
			if count[el] > 0 {
				t.Errorf("%s: has %d <%s>", name, count[el], el)
			}
		}
		for el, want := range map[string]int{"h1": 1, "main": 1, "title": 1, "csp": 1} {
			if count[el] != want {
				t.Errorf("%s: %d <%s>, want %d", name, count[el], el, want)
			}
		}
		for _, el := range []string{"header", "nav", "footer"} {
			if count[el] == 0 {
				t.Errorf("%s: no <%s>", name, el)
			}
		}
	}
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// checkBalanced checks that every element is closed explicitly and in
// order: stricter than HTML5, but what the layouts and renderer write.
func checkBalanced(t *testing.T, name string, data []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Errorf("%s: %v", name, z.Err())
			}
			if len(stack) > 0 {
				t.Errorf("%s: unclosed elements %v", name, stack)
			}
			return
		case html.StartTagToken:
			tn, _ := z.TagName()
			if !voidElements[string(tn)] {
				stack = append(stack, string(tn))
			}
		case html.SelfClosingTagToken:
			// HTML elements close only if void; SVG's (foreign) may close
			// themselves.
			tn, _ := z.TagName()
			if !voidElements[string(tn)] && !slices.Contains(stack, "svg") {
				t.Errorf("%s: self-closing <%s/>", name, tn)
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(tn) {
				t.Errorf("%s: </%s> closes %v", name, tn, stack)
				return
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// The headings of the HTML carry the numbers the PDF prints.
func TestHeadingNumbersMatchPDF(t *testing.T) {
	t.Parallel()
	pdftotext := tool(t, "pdftotext", "poppler-utils", "pdftotext")
	files, dir := contentSite(t)
	checked := 0
	for _, name := range pages(files) {
		pdfName := strings.TrimSuffix(name, ".html") + ".pdf"
		if _, ok := files[pdfName]; !ok {
			continue
		}
		cmd, done, err := pdfcheck.TextCommand(pdftotext, filepath.Join(dir, pdfName), "-") // a copy without output intent
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.Output()
		done()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdfName, err)
		}
		pdfText := strings.Join(strings.Fields(string(out)), " ")
		for _, e := range elements(parseHTML(t, name, files[name])) {
			if e.Data != "span" || !hasClass(e, "secnum") || e.Parent.Data == "a" {
				continue
			}
			heading := textOf(e.Parent) // "2.3 Sicherheitsteilsystem im Detail: …"
			if !strings.Contains(pdfText, heading) {
				t.Errorf("%s: heading %q is not in %s", name, heading, pdfName)
			}
			checked++
		}
	}
	if checked < 40 {
		t.Errorf("only %d numbered headings compared", checked)
	}
}

// Raw HTML and script URLs in content reach no page as markup.
func TestUnsafeContentIsNeutralised(t *testing.T) {
	t.Parallel()
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	evil := `
- id: evil
  tom: [encryption]
  text:
    de: |
      Vorsicht <script>alert(1)</script> und [Klick](javascript:alert(1)) und [Daten](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) und [VB](vbscript:msgbox(1)) und <img src=x onerror=alert(1)> und [Entität](java&#x73;cript:alert(1)) und <javascript:alert(1)> Ende.

      <script>alert(2)</script>
    en: |
      Careful <script>alert(1)</script> and [click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and [VB](vbscript:msgbox(1)) and <img src=x onerror=alert(1)> and [entity](java&#x73;cript:alert(1)) and <javascript:alert(1)> end.

      <script>alert(2)</script>
`
	f, err := os.OpenFile(filepath.Join(content, "measures", "general.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(evil); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// check refuses the raw HTML, each at its place; the renderer must
	// neutralise it all the same.
	_, _, diags := build.Check(content)
	if n := strings.Count(diags.Err().Error(), "holds raw HTML"); n != 8 {
		t.Errorf("check reports %d raw HTML, want 8:\n%v", n, diags.Err())
	}
	if n := strings.Count(diags.Err().Error(), "which no document makes clickable"); n != 10 {
		t.Errorf("check reports %d links that are not clickable, want 10:\n%v", n, diags.Err())
	}
	files, docs, err := buildSiteAllowing(content, "", false, "holds raw HTML|which no document makes clickable")
	if err != nil {
		t.Fatal(err)
	}
	inMarkdown := 0
	for _, d := range docs {
		if bytes.Contains(d.Markdown, []byte("<script>alert(1)</script>")) && bytes.Contains(d.Markdown, []byte("](javascript:alert(1))")) {
			inMarkdown++
		}
	}
	if inMarkdown == 0 {
		t.Fatal("the measure does not reach any document: the test tests nothing")
	}
	badURL := regexp.MustCompile(`(?i)^\s*(javascript|vbscript|data|file):`)
	shown := 0
	for _, name := range pages(files) {
		data := files[name]
		for _, s := range []string{"<script", "<img", "onerror", "javascript:alert(1)\""} {
			if bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(s))) {
				t.Errorf("%s contains %q", name, s)
			}
		}
		for _, e := range elements(parseHTML(t, name, data)) {
			if e.Data == "script" || e.Data == "img" {
				t.Errorf("%s: has <%s>", name, e.Data)
			}
			for _, a := range e.Attr {
				if (a.Key == "href" || a.Key == "src") && badURL.MatchString(a.Val) {
					t.Errorf("%s: <%s %s=%q>", name, e.Data, a.Key, a.Val)
				}
			}
		}
		if bytes.Contains(data, []byte("Vorsicht")) || bytes.Contains(data, []byte("Careful")) {
			shown++
			// The link texts stay, as plain text.
			for _, s := range []string{"Klick", "click"} {
				if bytes.Contains(data, []byte(">"+s+"<")) {
					t.Errorf("%s: the link text %q is still inside an element of its own", name, s)
				}
			}
		}
	}
	if shown == 0 {
		t.Error("the measure's text is on no page")
	}
}

// The same content gives byte-identical files.
func TestReproducible(t *testing.T) {
	t.Parallel()
	a, _, err := buildSite("../../content", "", false)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := buildSite("../../content", "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// SHA256SUMS covers every file (pages, PDFs, model.json, feeds, CSS), in sha256sum's format, and checks.
func TestChecksums(t *testing.T) {
	t.Parallel()
	files, dir := contentSite(t)
	sums := string(files["SHA256SUMS"])
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(sums, "\n"), "\n") {
		hash, name, ok := strings.Cut(line, "  ")
		if !ok || len(hash) != 64 {
			t.Fatalf("SHA256SUMS: bad line %q", line)
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != hash {
			t.Errorf("SHA256SUMS: wrong hash for %s", name)
		}
		listed[name] = true
	}
	kinds := map[string]bool{}
	for _, name := range append(slices.Collect(maps.Keys(files)), "de/model.json", "en/model.json") {
		if integrity.Published(name) && !listed[name] {
			t.Errorf("SHA256SUMS does not list %s", name)
		}
		kinds[path.Ext(name)] = true
	}
	for _, ext := range []string{".html", ".pdf", ".json", ".xml", ".css"} {
		if !kinds[ext] {
			t.Errorf("the output has no %s file, so SHA256SUMS cannot be seen to list it", ext)
		}
	}
	// 6 current documents, 3 releases of 6, 2 change reports in 2 languages
	if len(listed) < 6+18+4 {
		t.Errorf("SHA256SUMS lists %d files, want at least the 28 PDFs of the example history", len(listed))
	}
	sha256sum := tool(t, "sha256sum", "coreutils", "sha256sum")
	cmd := exec.Command(sha256sum, "--check", "--strict", "SHA256SUMS")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum --check: %v\n%s", err, out)
	}
	// The landing page shows each PDF's size and checksum.
	landing := string(files["de/index.html"])
	for _, name := range []string{"de/sicherheitskonzept.pdf", "de/toms.pdf", "de/subprocessors.pdf"} {
		sum := sha256.Sum256(files[name])
		if !strings.Contains(landing, hex.EncodeToString(sum[:])) {
			t.Errorf("de/index.html does not show the SHA-256 of %s", name)
		}
	}
	if !regexp.MustCompile(`\d+ KB`).MatchString(landing) {
		t.Error("de/index.html shows no file size in KB")
	}
}

// A theme directory shadows the default layouts and adds static files.
func TestThemeOverride(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"layouts/root.html": `{{define "title"}}Eigen{{end}}{{define "main"}}<h1>Eigene Startseite {{.Org.Name}}</h1>{{end}}`,
		"static/extra.css":  "body { color: black; }\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, _, err := buildSite("../../testdata/minimal", dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(files["index.html"], []byte("<h1>Eigene Startseite Beispiel GmbH</h1>")) {
		t.Errorf("the theme's root.html is not used:\n%s", files["index.html"])
	}
	if string(files["static/extra.css"]) != "body { color: black; }\n" || files["static/site.css"] == nil {
		t.Error("static files of theme and default theme are not both in the site")
	}
	if !bytes.Contains(files["de/toms.html"], []byte(`href="../static/site.css"`)) {
		t.Error("the default layouts no longer apply to the other pages")
	}
}
