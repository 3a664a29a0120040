package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// snapshotTree reads every file under dir.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(path)
			out[path] = string(data)
		}
		return nil
	})
	return out
}

func sameTree(a, b map[string]string) bool {
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

func freshTree(t *testing.T) string {
	t.Helper()
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, tree)
	return tree
}

// The acceptance test of the translator exchange: a German text changes,
// check --strict fails naming the stale English field; export, translate,
// import; check --strict passes.
func TestTranslateWorkflow(t *testing.T) {
	tree := freshTree(t)
	code, stdout, stderr := runCLI("translate", "mark", "--lang", "en", "--content", tree)
	if code != exitOK || !strings.Contains(stdout, "recorded the source hash of 33 en translation(s) in 9 file(s)") {
		t.Fatalf("mark: exit %d\n%s%s", code, stdout, stderr)
	}
	edit(t, filepath.Join(tree, "subsystems", "01-hosting.yaml"), "Virtuelle Maschinen bei Hoster.", "Virtuelle Maschinen und Speicher bei Hoster.")
	code, _, stderr = runCLI("check", "--strict", "--content", tree)
	if code != exitContent || !strings.Contains(stderr, "subsystems/01-hosting.yaml:5:69: stale translation (en): source text changed: the description of subsystem \"hosting\"") {
		t.Fatalf("check --strict: exit %d\n%s", code, stderr)
	}

	xlf := filepath.Join(t.TempDir(), "en.xlf")
	code, stdout, stderr = runCLI("translate", "export", "--lang", "en", "--out", xlf, "--content", tree)
	if code != exitOK || !strings.Contains(stdout, "1 en units (1 stale) from 1 files") {
		t.Fatalf("export: exit %d\n%s%s", code, stdout, stderr)
	}
	data, _ := os.ReadFile(xlf)
	x := strings.Replace(string(data), `<segment state="initial">`, `<segment state="translated">`, 1)
	x = strings.Replace(x, ">Virtual machines at Hoster.</target>", ">Virtual machines and storage at Hoster.</target>", 1)
	os.WriteFile(xlf, []byte(x), 0o644)
	before := snapshotTree(t, tree)
	code, stdout, stderr = runCLI("translate", "import", xlf, "--content", tree)
	if code != exitOK || !strings.Contains(stdout, "imported 1 en translations into 1 files") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	after := snapshotTree(t, tree)
	hosting := filepath.Join(tree, "subsystems", "01-hosting.yaml")
	for path := range after {
		if path != hosting && after[path] != before[path] {
			t.Errorf("%s changed", path)
		}
	}
	want := strings.Replace(before[hosting], "en: Virtual machines at Hoster., en@: ", "en: Virtual machines and storage at Hoster., en@: ", 1)
	if i := strings.Index(want, "and storage at Hoster., en@: "); i >= 0 {
		j := i + len("and storage at Hoster., en@: ")
		want = want[:j] + after[hosting][j:j+8] + want[j+8:]
	}
	if after[hosting] != want {
		t.Errorf("01-hosting.yaml:\n%s\nwant:\n%s", after[hosting], want)
	}
	if code, stdout, stderr := runCLI("check", "--strict", "--content", tree); code != exitOK {
		t.Errorf("check --strict after the import: exit %d\n%s%s", code, stdout, stderr)
	}
	// Nothing left: export says so and writes nothing.
	os.Remove(xlf)
	if code, stdout, _ := runCLI("translate", "export", "--lang", "en", "--out", xlf, "--content", tree); code != exitOK || !strings.Contains(stdout, "nothing to translate") {
		t.Errorf("export of a current tree: %s", stdout)
	}
	if _, err := os.Stat(xlf); err == nil {
		t.Error("an empty export wrote a file")
	}
}

// A file made for other content exits 1 and changes nothing.
func TestTranslateImportForeign(t *testing.T) {
	tree := freshTree(t)
	xlf := filepath.Join(t.TempDir(), "en.xlf")
	if code, _, stderr := runCLI("translate", "export", "--lang", "en", "--all", "--out", xlf, "--content", tree); code != exitOK {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(xlf)
	os.WriteFile(xlf, []byte(strings.ReplaceAll(string(data), `state="initial"`, `state="final"`)), 0o644)
	other := "../../examples/meetyoo"
	before := snapshotTree(t, other)
	code, stdout, stderr := runCLI("translate", "import", xlf, "--content", other)
	if code != exitContent || !strings.Contains(stderr, `this file was not made for the content in ../../examples/meetyoo (meetyoo conferencing GmbH): it was made for the content of "Beispiel GmbH"`) || !strings.Contains(stderr, "nothing imported") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !sameTree(before, snapshotTree(t, other)) {
		t.Error("a foreign import changed examples/meetyoo")
	}
	// Not XLIFF at all.
	os.WriteFile(xlf, []byte("<html></html>"), 0o644)
	if code, _, stderr := runCLI("translate", "import", xlf, "--content", tree); code != exitContent || !strings.Contains(stderr, "en.xlf:1:1: not an XLIFF 2.0 file") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestTranslateUsage(t *testing.T) {
	for _, args := range [][]string{
		{"translate"},
		{"translate", "frobnicate"},
		{"translate", "export", "--lang", "en", "--content", minimal},
		{"translate", "export", "--lang", "de", "--out", "-", "--content", minimal},
		{"translate", "export", "--lang", "fr", "--out", "-", "--content", minimal},
		{"translate", "mark", "--content", minimal},
		{"translate", "import", "--content", minimal},
		{"translate", "import", "a.xlf", "b.xlf"},
	} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	for _, args := range [][]string{{"translate", "--help"}, {"translate", "export", "--help"}, {"translate", "import", "-h"}, {"translate", "mark", "--help"}} {
		if code, out, _ := runCLI(args...); code != exitOK || !strings.Contains(out, "Usage") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	// Export to standard output.
	code, out, stderr := runCLI("translate", "export", "--lang", "en", "--all", "--out", "-", "--content", minimal)
	if code != exitOK || !strings.HasPrefix(out, "<?xml") || !strings.Contains(stderr, "wrote standard output: 35 en units (35 unrecorded)") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// 'trustdocs new' for each kind: check then lists what is left to write.
func TestNew(t *testing.T) {
	tree := freshTree(t)
	for _, kind := range []string{"subsystem", "vendor", "measure", "site"} {
		code, stdout, stderr := runCLI("new", kind, "new-"+kind, "--content", tree)
		if code != exitOK || !strings.HasPrefix(stdout, "wrote "+tree) {
			t.Errorf("new %s: exit %d\n%s%s", kind, code, stdout, stderr)
		}
	}
	code, _, stderr := runCLI("check", "--content", tree)
	if code != exitContent || !strings.Contains(stderr, `subsystems/03-new-subsystem.yaml:6:6: missing text of the title of subsystem "new-subsystem" in de, the source language: add de: …`) {
		t.Errorf("check after new: exit %d\n%s", code, stderr)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"new", "vendor", "hoster", "--content", tree}, exitContent},
		{[]string{"new", "subsystem", "new-subsystem", "--content", tree}, exitContent},
		{[]string{"new", "document", "x", "--content", tree}, exitUsage},
		{[]string{"new", "vendor", "Not An ID", "--content", tree}, exitUsage},
		{[]string{"new", "vendor"}, exitUsage},
	} {
		if code, _, _ := runCLI(c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
	}
}

// translate import checks what it would write with the loader's own rules
// before writing anything: a control character, an oversized text, an
// unclosed comment or a line break in a title in a target is an error at
// the content file, and no file changes.
func TestTranslateImportValidates(t *testing.T) {
	tree := freshTree(t)
	xlf := filepath.Join(t.TempDir(), "en.xlf")
	if code, _, stderr := runCLI("translate", "export", "--lang", "en", "--all", "--out", xlf, "--content", tree); code != exitOK {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(xlf)
	x := strings.ReplaceAll(string(data), `state="initial"`, `state="translated"`)
	for old, new := range map[string]string{
		">Security Concept Beispiel</target>":              ">Security Concept&#x85;Beispiel</target>",
		">Technical faults, outages</target>":              ">Technical faults\n\n# Injected chapter</target>",
		">Incidents are handled in three phases.</target>": ">Incidents are handled in three phases.\n\n&lt;!-- never closed</target>",
		">Virtual machines at Hoster.</target>":            ">" + strings.Repeat("Virtual machines. ", 70000) + "</target>",
	} {
		if !strings.Contains(x, old) {
			t.Fatalf("the export has no %q", old)
		}
		x = strings.Replace(x, old, new, 1)
	}
	os.WriteFile(xlf, []byte(x), 0o644)
	before := snapshotTree(t, tree)
	code, stdout, stderr := runCLI("translate", "import", xlf, "--content", tree)
	stderr = strings.ReplaceAll(stderr, tree+string(filepath.Separator), "")
	if code != exitContent || !strings.Contains(stderr, "nothing imported") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"site.yaml:", "contains the control character U+0085",
		"catalogue.yaml:", "the title of threat \"technical-faults\" (en) is one line of plain text but has a line break",
		"pages/incident-management.en.md:7:1: page \"incident-management\" (en) opens raw HTML \"<!-- never closed\" that is never closed",
		"subsystems/01-hosting.yaml:", "is too long (1231 KiB; at most 1024 KiB)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("no %q in:\n%s", want, stderr)
		}
	}
	if !sameTree(before, snapshotTree(t, tree)) {
		t.Error("an import that makes errors changed the content")
	}
}

// A file made for other content says so once, with the count and the next
// places, not once per <file> or unit (it said it 23 times for meetyoo's).
func TestTranslateImportForeignOnce(t *testing.T) {
	xlf := filepath.Join(t.TempDir(), "en.xlf")
	if code, _, stderr := runCLI("translate", "export", "--lang", "en", "--all", "--out", xlf, "--content", "../../examples/meetyoo"); code != exitOK {
		t.Fatal(stderr)
	}
	tree := freshTree(t)
	code, _, stderr := runCLI("translate", "import", xlf, "--content", tree)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := regexp.MustCompile(`^.*en\.xlf:3:3: this file was not made for the content in .* \(Beispiel GmbH\): it was made for the content of "meetyoo conferencing GmbH" \(and 22 more <file> elements made for it, at lines \d+, \d+, \d+ and 19 more\)$`)
	if code != exitContent || len(lines) != 2 || !want.MatchString(lines[0]) || !strings.HasSuffix(lines[1], "en.xlf: 1 error; nothing imported") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	// The same organisation, but units this content lacks: one message too.
	data, _ := os.ReadFile(xlf)
	os.WriteFile(xlf, []byte(strings.ReplaceAll(string(data), "meetyoo conferencing GmbH", "Beispiel GmbH")), 0o644)
	code, _, stderr = runCLI("translate", "import", xlf, "--content", tree)
	lines = strings.Split(strings.TrimSpace(stderr), "\n")
	want = regexp.MustCompile(`^.*en\.xlf:\d+:\d+: unit "[^"]+" does not exist in this content: this file was not made for the content in .*, or was the id renamed since the export\? \(and \d+ more units this content does not have, at lines \d+, \d+, \d+ and \d+ more\)$`)
	if code != exitContent || strings.Count(stderr, "does not exist") != 1 || !want.MatchString(lines[0]) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}
