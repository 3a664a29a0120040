package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trustdocs/generator/checkprint"
	"trustdocs/generator/term"
)

// One ::error line per error, with file, line and column: GitHub shows
// them inline in the pull request.
func TestCheckFormatGitHub(t *testing.T) {
	tree := overlay(t, minimal, "../../testdata/broken/90-several-defects")
	code, stdout, stderr := runCLI("check", "--content", tree, "--format", "github")
	if code != exitContent {
		t.Fatalf("exit %d", code)
	}
	re := regexp.MustCompile(`^::error file=([^,]+),line=(\d+),col=(\d+)::(.+)$`)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 5 {
		t.Fatalf("want 5 annotations, got:\n%s", stdout)
	}
	for _, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("not an annotation with file, line and col: %q", l)
			continue
		}
		if !strings.HasPrefix(m[1], tree) {
			t.Errorf("file %q is not in the tree", m[1])
		}
	}
	if !strings.Contains(stdout, "::error file="+tree+"/measures/general.yaml,line=9,col=5::missing translation (en) of the text of measure \"tls\": add en: …") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if !strings.HasSuffix(stderr, ": 5 errors\n") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestCheckFormatJSON(t *testing.T) {
	code, stdout, stderr := runCLI("check", "--content", minimal, "--format", "json", "--today", "2026-11-22")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var res checkprint.JSONResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	if !res.OK || res.Errors != 0 || res.Summary == nil || res.Summary.Measures != 3 || len(res.Summary.Translations) != 2 || res.Summary.Translations[1].Unrecorded != 33 {
		t.Errorf("%+v", res)
	}
	tree := overlay(t, minimal, "../../testdata/broken/90-several-defects")
	code, stdout, _ = runCLI("check", "--content", tree, "--format", "json")
	if code != exitContent {
		t.Fatalf("exit %d", code)
	}
	res = checkprint.JSONResult{}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.OK || res.Errors != 5 || len(res.Diagnostics) != 5 || res.Summary != nil {
		t.Errorf("%+v", res)
	}
	for _, d := range res.Diagnostics {
		if d.File == "" || d.Line == 0 || d.Col == 0 || d.Severity != "error" || d.Message == "" {
			t.Errorf("%+v", d)
		}
	}
}

func TestCheckFlags(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--content", minimal, "--format", "xml"},
		{"check", "--content", minimal, "--today", "22.11.2026"},
	} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// Colour only on a terminal, never with NO_COLOR.
func TestColour(t *testing.T) {
	code, _, stderr := runCLI("check", "--content", overlay(t, minimal, "../../testdata/broken/07-missing-translation"))
	if code != exitContent || strings.Contains(stderr, "\x1b[") {
		t.Errorf("colour into a pipe: %q", stderr)
	}
	t.Setenv("NO_COLOR", "1")
	if term.WantColour() {
		t.Error("NO_COLOR is not respected")
	}
	if term.Is(os.Stderr) && term.WantColour() {
		t.Error("unreachable")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "x"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if term.Is(f) {
		t.Error("a file is not a terminal")
	}
}

// Stale translations are warnings; --strict makes them errors that name
// the English field.
func TestCheckStrict(t *testing.T) {
	tree := overlay(t, minimal, "../../testdata/broken/07-missing-translation")
	copyTree(t, minimal, tree) // undo the defect
	if code, _, stderr := runCLI("translate", "mark", "--lang", "en", "--content", tree); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCLI("check", "--strict", "--content", tree); code != exitOK {
		t.Fatalf("a marked tree: exit %d\n%s", code, stderr)
	}
	edit(t, filepath.Join(tree, "measures", "general.yaml"), "Alle Verbindungen sind verschlüsselt", "Sämtliche Verbindungen sind verschlüsselt")
	code, stdout, stderr := runCLI("check", "--content", tree)
	if code != exitOK || !strings.Contains(stderr, "measures/general.yaml:11:9: warning: stale translation (en): source text changed: the text of measure \"tls\"") || !strings.Contains(stdout, "en: 1 stale") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI("check", "--strict", "--content", tree)
	if code != exitContent || stdout != "" || !strings.Contains(stderr, "measures/general.yaml:11:9: stale translation (en): source text changed: the text of measure \"tls\"") {
		t.Errorf("--strict: exit %d\n%s%s", code, stdout, stderr)
	}
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q (%v)", path, old, err)
	}
	os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
}

// Reviews are measured against --today; overdue ones fail --strict.
func TestCheckReviews(t *testing.T) {
	tree := overlay(t, minimal, "../../testdata/broken/07-missing-translation")
	copyTree(t, minimal, tree)
	edit(t, filepath.Join(tree, "site.yaml"), "    date: 2026-11-01\n", "    date: 2026-11-01\n    reviewed: 2025-12-01\n")
	code, stdout, stderr := runCLI("check", "--content", tree, "--today", "2026-11-22")
	if code != exitOK || !strings.Contains(stderr, `warning: review of document "sicherheitskonzept" is due on 2026-12-01, in 9 days`) || !strings.Contains(stdout, "reviews: next due on 2026-12-01") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI("check", "--content", tree, "--today", "2026-12-02", "--strict")
	if code != exitContent || !strings.Contains(stderr, `review of document "sicherheitskonzept" is overdue`) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

// content/ and the examples pass; the seed's citations of superseded law
// are true warnings in the German, and the English cites the law in force.
func TestShippedContentChecks(t *testing.T) {
	for _, dir := range []string{"../../content", "../../examples/meetyoo"} {
		code, stdout, stderr := runCLI("check", "--content", dir, "--today", "2026-11-22")
		if code != exitOK || !strings.Contains(stdout, "\nok") {
			t.Errorf("%s: exit %d\n%s%s", dir, code, stdout, stderr)
		}
	}
	_, _, stderr := runCLI("check", "--content", "../../content", "--today", "2026-11-22")
	german := []string{
		`pages/breach-notification.de.md:4:58: warning: "§109 (5) TKG" cites superseded law (§ 109(5) TKG 2004 (notification of security incidents)): cite § 168 TKG [superseded-law]`,
		`pages/introduction.de.md:8:24: warning: "§6 TKG" cites superseded law (§ 6 TKG 2004 (notification requirement)): cite § 5 TKG [superseded-law]`,
		`measures/13-staff.yaml:41:375: warning: "§88 TKG" cites superseded law (§ 88 TKG 2004 (secrecy of telecommunications)): cite § 3 TDDDG [superseded-law]`,
		`measures/02-zoom.yaml:16:20: warning: "SSAE16" cites superseded law (SSAE 16): cite SSAE 18`,
	}
	if n := strings.Count(stderr, "[superseded-law]"); n != len(german) {
		t.Errorf("%d citations of superseded law reported, want the %d of the German seed (the English cites the law in force):\n%s", n, len(german), stderr)
	}
	for _, want := range german {
		if !strings.Contains(stderr, want) {
			t.Errorf("the seed's citation is not reported: %s\n%s", want, stderr)
		}
	}
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, ".en.md:") || strings.Contains(line, "warning") && strings.Contains(line, "[terminology]") {
			t.Errorf("the English has a warning: %s", line)
		}
	}
}
