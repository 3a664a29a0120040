package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check and build report the same warnings for the same content and theme,
// and the lints use the --theme's rules (issue 18: build printed none of
// check's warnings, and check had no --theme).
func TestBuildAndCheckWarnTheSame(t *testing.T) {
	t.Parallel()
	tree := freshTree(t)
	// A measure citing law that only the theme below marks as superseded.
	f, err := os.OpenFile(filepath.Join(tree, "measures", "general.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`- id: old-law
  tom: [encryption]
  text:
    de: Die Verschlüsselung folgt der Altverordnung 7.
    en: Encryption follows the Old Regulation 7.
`)
	f.Close()
	themeDir := filepath.Join(t.TempDir(), "theme")
	os.MkdirAll(filepath.Join(themeDir, "lint"), 0o755)
	os.WriteFile(filepath.Join(themeDir, "lint", "superseded-law.yaml"), []byte(`- pattern: 'Altverordnung 7|Old Regulation 7'
  old: Altverordnung 7
  new: Neuverordnung 8
`), 0o644)

	warning := func(out string) []string {
		var ws []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, ": warning: ") {
				ws = append(ws, strings.ReplaceAll(l, tree+string(filepath.Separator), ""))
			}
		}
		return ws
	}
	code, _, checkErr := runCLI("check", "--content", tree, "--theme", themeDir)
	if code != exitOK {
		t.Fatalf("check: exit %d\n%s", code, checkErr)
	}
	checkWarns := warning(checkErr)
	if !strings.Contains(strings.Join(checkWarns, "\n"), "Neuverordnung 8") {
		t.Fatalf("check --theme did not use the theme's lint rules:\n%s", checkErr)
	}
	code, _, buildErr := runCLI("build", "--content", tree, "--theme", themeDir, "--out", filepath.Join(t.TempDir(), "out"))
	if code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, buildErr)
	}
	buildWarns := warning(buildErr)
	if strings.Join(buildWarns, "\n") != strings.Join(checkWarns, "\n") {
		t.Errorf("build warned\n%s\ncheck warned\n%s", strings.Join(buildWarns, "\n"), strings.Join(checkWarns, "\n"))
	}
	// Without the theme the rule is not there: the test can tell.
	_, _, plain := runCLI("check", "--content", tree)
	if strings.Contains(plain, "Neuverordnung 8") {
		t.Error("the default theme knows the test's rule: the test proves nothing")
	}
}
