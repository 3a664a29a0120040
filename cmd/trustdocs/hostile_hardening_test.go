package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostile is one piece of hostile content: a change to a copy of
// testdata/minimal (or the files of testdata/hostile/NAME laid over it),
// what trustdocs is run with, and what it must say.
type hostile struct {
	name  string
	setup func(t *testing.T, tree string)
	args  []string // after the command; TREE and OUT are replaced
	code  int
	want  []string // in stderr (errors) or, with code 0, checked by ok
	ok    func(t *testing.T, out string)
}

func billionLaughs() string {
	var b strings.Builder
	b.WriteString("- id: bomb\n  tom: [system-access]\n  text: {de: a, en: b}\n")
	b.WriteString("  laughs:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "  - &%c [%s]\n", 'a'+i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*%c, ", 'a'+i-1), 9), ", "))
	}
	b.WriteString("- id: bomb-two\n  tom: [system-access]\n  text: *j\n")
	return b.String()
}

// literal is s as a YAML literal block at the given indent.
func literal(s string, indent int) string {
	pad := strings.Repeat(" ", indent)
	return "|\n" + pad + strings.ReplaceAll(s, "\n", "\n"+pad) + "\n"
}

func write(t *testing.T, tree, name, data string) {
	t.Helper()
	p := filepath.Join(tree, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// measure writes measures/hostile.yaml with one measure whose German text
// is de.
func measure(de string) func(t *testing.T, tree string) {
	return func(t *testing.T, tree string) {
		write(t, tree, "measures/hostile.yaml", "- id: hostile\n  tom: [system-access]\n  text:\n    de: "+literal(de, 6)+"    en: English.\n")
	}
}

// page replaces the German introduction's body.
func page(body string) func(t *testing.T, tree string) {
	return func(t *testing.T, tree string) {
		write(t, tree, "pages/introduction.de.md", "---\ntitle: Einführung\n---\n"+body)
	}
}

// paragraphs is about n bytes of German prose in paragraphs.
func paragraphs(n int) string {
	const p = "Zugriffsberechtigungen auf Systeme werden dokumentiert und jährlich überprüft; Änderungen genehmigt die Leitung.\n\n"
	return strings.TrimSpace(strings.Repeat(p, n/len(p)))
}

// exotic is text in scripts and directions the fonts have (characters
// in no font are an error of check: emoji-cjk-refused).
const exotic = " עברית العربية \u202eRTL\u202c Ελληνικά Кириллица"

// everywhere appends exotic to every text of every language, to the page
// titles and bodies, and to the organisation's name and address.
func everywhere(t *testing.T, tree string) {
	t.Helper()
	lang := regexp.MustCompile(`(?m)^(\s*(?:- )?(?:de|en): )(.+)$`)
	err := filepath.Walk(tree, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		switch {
		case strings.HasSuffix(p, ".yaml"):
			s = lang.ReplaceAllStringFunc(s, func(m string) string {
				sub := lang.FindStringSubmatch(m)
				v := sub[2]
				switch {
				case strings.HasPrefix(v, "|") || strings.HasPrefix(v, ">"):
					return m // a block: its lines follow
				case strings.HasPrefix(v, `"`) && strings.HasSuffix(v, `"`):
					return sub[1] + strings.TrimSuffix(v, `"`) + exotic + `"`
				case strings.HasPrefix(v, "'") || strings.HasPrefix(v, "{") || strings.HasPrefix(v, "["):
					return m
				}
				return sub[1] + `"` + strings.ReplaceAll(v, `"`, `\"`) + exotic + `"`
			})
			s = strings.Replace(s, "name: Beispiel GmbH", "name: \"Beispiel GmbH"+exotic+"\"", 1)
			s = strings.Replace(s, "city: Berlin", "city: \"Berlin ברלין\"", 1) // CJK is in no font: an error (broken tree 97)
		case strings.HasSuffix(p, ".md"):
			s = strings.Replace(s, "\n---\n", exotic+"\n---\n", 1) + "\n" + exotic + "\n\n> " + exotic + "\n\n- " + exotic + "\n"
		}
		return os.WriteFile(p, []byte(s), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Hostile content gives a clear error at file:line:col, or a correct
// document, in bounded time and memory, and never a panic. Each case logs
// its time and peak memory (the largest are in the closing note of the
// hardening issue).
func TestHostileContent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary on large generated input")
	}
	bin := buildBinary(t)
	cases := []hostile{
		{name: "alias-bomb", setup: func(t *testing.T, tree string) { write(t, tree, "measures/bomb.yaml", billionLaughs()) },
			args: []string{"check"}, code: 1,
			want: []string{`measures/bomb.yaml:4:3: unknown field "laughs" in measure`, `measures/bomb.yaml:17:9: YAML aliases (*name) are not supported: write field "text" out in full`}},
		{name: "deep-yaml", setup: func(t *testing.T, tree string) {
			write(t, tree, "measures/deep.yaml", "- id: deep\n  text: "+strings.Repeat("[", 1_000_000)+strings.Repeat("]", 1_000_000)+"\n")
			write(t, tree, "vendors/deep.yaml", "id: deep\nstatement: "+strings.Repeat("{a: ", 9_000)+"b"+strings.Repeat("}", 9_000)+"\n")
		}, args: []string{"check"}, code: 1,
			want: []string{"measures/deep.yaml:2:1: YAML syntax error: exceeded max depth of 10000", `vendors/deep.yaml:2:13: "a" is not a language of this site`}},
		{name: "20mb-file", setup: func(t *testing.T, tree string) {
			write(t, tree, "measures/huge.yaml", "- id: huge\n  text:\n    de: "+literal(paragraphs(20<<20), 6))
			write(t, tree, "pages/huge.de.md", "---\ntitle: Groß\n---\n"+paragraphs(20<<20))
		}, args: []string{"check"}, code: 1,
			want: []string{"measures/huge.yaml:1:1: file is too large (", "pages/huge.de.md:1:1: file is too large (", "MiB; at most 8 MiB): split it into several files"}},
		{name: "5mb-markdown-field", setup: measure(paragraphs(5 << 20)), args: []string{"build"}, code: 1,
			want: []string{`measures/hostile.yaml:5:7: the text of measure "hostile" (de) is too long (5120 KiB; at most 1024 KiB): split it into several texts or pages`}},
		{name: "1mib-markdown-field-builds", setup: measure(paragraphs(1<<20 - 200)), args: []string{"build"}, code: 0,
			ok: func(t *testing.T, out string) {
				if b, err := os.ReadFile(filepath.Join(out, "de", "toms.pdf")); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 100<<10 {
					t.Errorf("de/toms.pdf: %d bytes, %v", len(b), err)
				}
			}},
		{name: "10000-deep-list-in-page", setup: page(strings.Repeat("- ", 10_000) + "x\n"), args: []string{"build"}, code: 1,
			want: []string{`pages/introduction.de.md:4:101: page "introduction" (de) has lists or block quotes nested deeper than 50 levels: flatten them`}},
		{name: "10000-deep-quote-in-measure", setup: measure("Vorweg.\n\n" + strings.Repeat(">", 10_000) + " x"), args: []string{"build"}, code: 1,
			want: []string{`measures/hostile.yaml:7:57: the text of measure "hostile" (de) has lists or block quotes nested deeper than 50 levels`}},
		{name: "deep-indented-list", setup: func(t *testing.T, tree string) {
			var b strings.Builder
			for i := 0; i < 2_000; i++ {
				fmt.Fprintf(&b, "%s- %d\n", strings.Repeat(" ", 2*min(i, 60)), i)
			}
			page(b.String())(t, tree)
		}, args: []string{"build"}, code: 1,
			want: []string{`pages/introduction.de.md:54:101: page "introduction" (de) has lists or block quotes nested deeper than 50 levels`}},
		{name: "50-deep-builds", setup: page(strings.Repeat("> ", 25) + strings.Repeat("- ", 25) + "tief\n"), args: []string{"build"}, code: 0},
		{name: "control-characters-raw", setup: func(t *testing.T, tree string) {
			write(t, tree, "measures/general.yaml", "- id: ctl\n  tom: [system-access]\n  text:\n    de: Text mit \x1b[31m Escape\n    en: x\n")
			write(t, tree, "pages/introduction.de.md", "---\ntitle: Einführung\n---\nZeile\u0085mit NEL\n")
		}, args: []string{"check"}, code: 1,
			want: []string{"measures/general.yaml:4:18: file contains the control character U+001B", "pages/introduction.de.md:4:6: file contains the control character U+0085"}},
		{name: "control-characters-escaped", setup: func(t *testing.T, tree string) {
			write(t, tree, "measures/hostile.yaml", "- id: ctl\n  tom: [system-access]\n  text:\n    de: \"Glocke \\a und \\x01\"\n    en: \"NEL \\N \\u0085\"\n")
		}, args: []string{"check"}, code: 1,
			want: []string{`measures/hostile.yaml:4:9: the de text of field "text" of measure contains the control character U+0007`, `measures/hostile.yaml:5:9: the en text of field "text" of measure contains the control character U+0085`}},
		{name: "emoji-cjk-refused", setup: measure("Ein 😀 und 中文字 und 𝔄 und 한국어."), args: []string{"build"}, code: 1,
			want: []string{`measures/hostile.yaml:5:11: the text of measure "hostile" (de) has the character U+1F600 '😀', which no font of the PDF has`,
				`measures/hostile.yaml:5:17: the text of measure "hostile" (de) has the character U+4E2D '中'`}},
		{name: "emoji-cjk-rtl-everywhere", setup: everywhere, args: []string{"build"}, code: 0,
			ok: func(t *testing.T, out string) {
				for _, f := range []string{"de/sicherheitskonzept.html", "en/toms.html", "de/model.json", "en/index.html"} {
					b, _ := os.ReadFile(filepath.Join(out, f))
					if !strings.Contains(string(b), strings.TrimSpace(exotic)) {
						t.Errorf("%s lacks the exotic text", f)
					}
				}
				// Hebrew is set right to left: the text extracts in visual order.
				pdfOK(t, filepath.Join(out, "de", "sicherheitskonzept.pdf"), "תירבע")
			}},
		{name: "symlinked-folder-out-of-tree", setup: func(t *testing.T, tree string) {
			outside := filepath.Join(filepath.Dir(tree), "outside")
			copyTree(t, filepath.Join(tree, "measures"), outside)
			write(t, filepath.Dir(tree), "outside/secret.yaml", "geheim: [\n")
			os.RemoveAll(filepath.Join(tree, "measures"))
			if err := os.Symlink(outside, filepath.Join(tree, "measures")); err != nil {
				t.Skip(err)
			}
		}, args: []string{"check"}, code: 1,
			want: []string{"measures:1:1: symbolic links are not followed: replace the link with the file or folder itself"}},
		{name: "path-traversal-ids", setup: func(t *testing.T, tree string) {
			write(t, tree, "measures/hostile.yaml", "- id: ../../../tmp/x\n  tom: [system-access]\n  text: {de: a, en: b}\n- id: \"x/../../y\"\n  tom: [system-access]\n  text: {de: a, en: b}\n")
			b, _ := os.ReadFile(filepath.Join(tree, "site.yaml"))
			write(t, tree, "site.yaml", strings.Replace(string(b), "id: toms", "id: ../toms", 1))
			write(t, tree, "pages/x..y.de.md", "---\ntitle: x\n---\nx\n")
		}, args: []string{"check"}, code: 1,
			want: []string{`measures/hostile.yaml:1:7: measure id "../../../tmp/x" is not a valid id`, `measures/hostile.yaml:4:7: measure id "x/../../y" is not a valid id`, `document id "../toms" is not a valid id`, `pages/x..y.de.md:1:1: page name "x..y" is not a valid id`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			tree := filepath.Join(work, "content")
			copyTree(t, minimal, tree)
			if fixed := filepath.Join("../../testdata/hostile", c.name); dirExists(fixed) {
				copyTree(t, fixed, tree)
			}
			c.setup(t, tree)
			out := filepath.Join(work, "out")
			args := append([]string{c.args[0], "--content", "content"}, c.args[1:]...)
			if c.args[0] == "build" {
				args = append(args, "--out", "out")
			}
			r := runBinary(t, bin, work, nil, args...)
			t.Logf("%s: exit %d in %v, peak memory %d MiB", c.name, r.code, r.elapsed.Round(1e6), r.peakKB>>10)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, c.code, clip(r.stderr))
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, clip(r.stderr))
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
				if line != "" && !strings.HasPrefix(line, "content: ") && !strings.HasPrefix(line, " ") && !positioned(line) && !strings.HasPrefix(line, "de/") && !strings.HasPrefix(line, "en/") {
					t.Errorf("message without file:line:col: %q", line)
				}
			}
			if c.ok != nil {
				c.ok(t, out)
			}
		})
	}
}

// Release versions given on the command line cannot name paths: nothing
// is written outside the releases folder.
func TestHostileReleaseVersions(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, tree)
	for _, v := range []string{"../x", "../../x", "1.0/../../x", "/tmp/x", "1.0/", ".", "..", "1..0", "1.0\x00", "１.０"} {
		code, _, stderr := runCLI("release", v, "--date", "2026-12-01", "--notes", "n", "--note", "en=n", "--content", tree)
		if code == exitOK {
			t.Errorf("release %q: accepted", v)
		} else if !strings.Contains(stderr, "is not a version") {
			t.Errorf("release %q: exit %d, %q", v, code, stderr)
		}
		code, _, stderr = runCLI("diff", v, "current", "--content", tree)
		if code == exitOK || strings.Contains(stderr, "panic") {
			t.Errorf("diff %q current: exit %d, %q", v, code, stderr)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(tree))
	if len(entries) != 1 {
		t.Errorf("something was written beside the content: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(tree, "releases")); err == nil {
		rels, _ := os.ReadDir(filepath.Join(tree, "releases"))
		if len(rels) > 0 {
			t.Errorf("releases written: %v", rels)
		}
	}
}

// A theme whose template or layout fails stops the build with a message
// naming the file, and leaves the previous output as it was.
func TestHostileTheme(t *testing.T) {
	work := t.TempDir()
	out := filepath.Join(work, "out")
	if code, _, stderr := runCLI("build", "--content", minimal, "--out", out); code != exitOK {
		t.Fatal(stderr)
	}
	before := readOutput(t, out)
	for _, c := range []struct{ file, text, want string }{
		{"templates/toms.md.tmpl", "{{ if }}", "toms.md.tmpl"},
		{"templates/toms.md.tmpl", "{{ .NoSuchField.Deeper }}", "toms.md.tmpl"},
		{"templates/security-concept.md.tmpl", "{{ template \"nowhere\" . }}", "security-concept.md.tmpl"},
		{"layouts/base.html", "{{ define \"base\" }}{{ .Nope.Nope }}{{ end }}", "base"},
		{"layouts/partials.html", "{{ end }}", "partials.html"},
	} {
		theme := filepath.Join(work, "theme-"+strings.NewReplacer("/", "-", ".", "-").Replace(c.file))
		write(t, theme, c.file, c.text)
		code, _, stderr := runCLI("build", "--content", minimal, "--theme", theme, "--out", out)
		if code != exitContent {
			t.Errorf("%s %q: exit %d, want %d; stderr %q", c.file, c.text, code, exitContent, stderr)
			continue
		}
		if !strings.Contains(stderr, c.want) || strings.Contains(stderr, "panic") {
			t.Errorf("%s %q: stderr %q does not name %s", c.file, c.text, stderr, c.want)
		}
		if d := treeDiff(before, readOutput(t, out)); d != "" {
			t.Errorf("%s: the previous output changed:\n%s", c.file, d)
		}
	}
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// pdfOK checks a PDF with qpdf (if installed) and that pdftotext finds
// want in it (if installed).
func pdfOK(t *testing.T, file, want string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s: not a PDF (%v)", file, err)
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check %s: %v\n%s", file, err, out)
		}
	}
	if p2t, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(p2t, file, "-").Output()
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("pdftotext %s: %v; %q not found", file, err, want)
		}
	}
}
