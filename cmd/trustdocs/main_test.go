package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const minimal = "../../testdata/minimal"

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckSummary(t *testing.T) {
	code, out, errOut := runCLI("check", "--content", minimal)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"2 documents, 2 subsystems, 3 measures, 1 vendors, 1 sites, 2 pages",
		"2 protection goals, 2 threats, 2 requirements, 4 TOM categories",
		"translations: de 100 % (33/33), en 100 % (33/33)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"check", "--no-such-flag"},
		{"check", "stray-argument"},
		{"build", "--content"},
	} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("trustdocs %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"check", "--help"}, {"build", "-h"}, {"help", "build"}} {
		code, out, _ := runCLI(args...)
		if code != exitOK || !strings.Contains(out, "Usage") {
			t.Errorf("trustdocs %v: exit %d, output %q", args, code, out)
		}
	}
	code, out, _ := runCLI("version")
	if code != exitOK || !strings.HasPrefix(out, "trustdocs ") {
		t.Errorf("version: exit %d, output %q", code, out)
	}
}

// Flags may stand before or after positional arguments, as in git.
func TestFlagsAnywhere(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	a := fs.String("a", "", "")
	b := fs.Bool("b", false, "")
	pos, err := parse(fs, []string{"one", "-a", "x", "two", "-b", "--", "-c"}, &bytes.Buffer{})
	ok := err == nil
	if !ok || *a != "x" || !*b || !reflect.DeepEqual(pos, []string{"one", "two", "-c"}) {
		t.Errorf("got a=%q b=%v positional=%q ok=%v", *a, *b, pos, ok)
	}
}

func TestBuildWritesPerLanguageModel(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCLI("build", "--out", out, "--content", minimal)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "built ") || !strings.Contains(stdout, "4 PDF") {
		t.Errorf("stdout: %q", stdout)
	}
	for _, lang := range []string{"de", "en"} {
		data, err := os.ReadFile(filepath.Join(out, lang, "model.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(`"lang": "`+lang+`"`)) {
			t.Errorf("%s/model.json is not in %s", lang, lang)
		}
	}
}

// A failed build must leave the previous output exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCLI("build", "--content", minimal, "--out", out); code != exitOK {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "de", "model.json"))
	broken := filepath.Join(t.TempDir(), "content")
	copyTree(t, minimal, broken)
	os.WriteFile(filepath.Join(broken, "vendors", "hoster.yaml"), []byte("id: [\n"), 0o644)
	code, _, stderr := runCLI("build", "--content", broken, "--out", out)
	if code != exitContent || !strings.Contains(stderr, "left unchanged") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	after, err := os.ReadFile(filepath.Join(out, "de", "model.json"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("previous output changed (err %v)", err)
	}
}

func TestBuildRefusesForeignDirectory(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "precious.txt"), []byte("keep me"), 0o644)
	code, _, stderr := runCLI("build", "--content", minimal, "--out", out)
	if code != exitContent || !strings.Contains(stderr, "not written by trustdocs") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "precious.txt")); string(data) != "keep me" {
		t.Error("a foreign file was touched")
	}
	if code, _, _ := runCLI("build", "--content", minimal, "--out", minimal); code != exitContent {
		t.Error("building into the content directory was not refused")
	}
}
