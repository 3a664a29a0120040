package main

import (
	"bytes"
	"crypto/rand"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trustdocs/generator/integrity"
	"trustdocs/generator/release"
)

// contentCopy is a copy of content/ (with its releases) to change.
func contentCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tree reads every file under dir, to tell that nothing was written.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func editFile(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// docVersion sets the version of document id in site.yaml.
func docVersion(t *testing.T, dir, id, version string) {
	t.Helper()
	file := filepath.Join(dir, "site.yaml")
	b, _ := os.ReadFile(file)
	i := bytes.Index(b, []byte("- id: "+id+"\n"))
	re := regexp.MustCompile(`version: "[0-9.]+"`)
	loc := re.FindIndex(b[i:])
	if i < 0 || loc == nil {
		t.Fatalf("site.yaml: no version of %s", id)
	}
	out := string(b[:i+loc[0]]) + `version: "` + version + `"` + string(b[i+loc[1]:])
	os.WriteFile(file, []byte(out), 0o644)
}

var releaseArgs = []string{"release", "3.0", "--date", "2026-12-10", "--notes", "Testfassung", "--note", "en=Test edition"}

// refused runs release on dir and wants exit 1, each of want in the
// messages, and not one byte of the content changed.
func refused(t *testing.T, dir string, want []string, extra ...string) {
	t.Helper()
	before := tree(t, dir)
	code, _, stderr := runCLI(append(append(append([]string{}, releaseArgs...), "--content", dir), extra...)...)
	if code != exitContent {
		t.Fatalf("release: exit %d, want %d; stderr:\n%s", code, exitContent, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("release: the messages lack %q:\n%s", w, stderr)
		}
	}
	after := tree(t, dir)
	if len(after) != len(before) {
		t.Errorf("release wrote files though it refused: %d files, before %d", len(after), len(before))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("release changed %s though it refused", p)
		}
	}
}

// A changed document that keeps its version is refused at its place in
// site.yaml; --bump raises exactly the changed documents' minor version.
func TestReleaseChangedDocumentKeepsVersion(t *testing.T) {
	t.Parallel()
	dir := contentCopy(t)
	editFile(t, filepath.Join(dir, "measures", "13-staff.yaml"), "Homeoffice", "Home-Office")
	refused(t, dir, []string{"site.yaml:", "document toms changed since release 2.1 but keeps its version 2.0: raise its version in site.yaml (e.g. version: \"2.1\") or give --bump"})

	code, out, stderr := runCLI(append(append([]string{}, releaseArgs...), "--content", dir, "--bump")...)
	if code != exitOK {
		t.Fatalf("release --bump: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "toms 2.1 (changed)") || !strings.Contains(out, "subprocessors 1.1 (unchanged)") {
		t.Errorf("release --bump: %s", out)
	}
	site, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if !regexp.MustCompile(`id: toms\n(?s:.*?)version: "2.1"`).Match(site) {
		t.Error("site.yaml: the TOMs' version is not 2.1 after --bump")
	}
	// The unchanged subprocessor list keeps its bytes: the PDF of 2.1 (as
	// of 1.1) is stored again as it was.
	a, _ := os.ReadFile(filepath.Join(dir, "releases", "2.1", "de", "subprocessors.pdf"))
	b, _ := os.ReadFile(filepath.Join(dir, "releases", "3.0", "de", "subprocessors.pdf"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the unchanged de/subprocessors.pdf of release 3.0 differs from 2.1's")
	}
}

// A new version of an unchanged document is refused.
func TestReleaseUnchangedDocumentBumped(t *testing.T) {
	t.Parallel()
	dir := contentCopy(t)
	editFile(t, filepath.Join(dir, "measures", "13-staff.yaml"), "Homeoffice", "Home-Office")
	docVersion(t, dir, "toms", "2.1")
	docVersion(t, dir, "subprocessors", "1.2")
	refused(t, dir, []string{"document subprocessors did not change since release 2.1, but its version is 1.2 instead of 1.1: set it back to version: \"1.1\""})
}

// A release that adds a subprocessor takes effect a notice period after
// its date at the earliest; its objection deadline is the day before.
func TestReleaseNewSubprocessorNoticePeriod(t *testing.T) {
	t.Parallel()
	dir := contentCopy(t)
	b, _ := os.ReadFile(filepath.Join(dir, "vendors", "weclapp.yaml"))
	nv := strings.Replace(strings.Replace(string(b), "id: weclapp", "id: weclapp2", 1), "weclapp SE", "weclapp Zwei SE", -1)
	os.WriteFile(filepath.Join(dir, "vendors", "weclapp2.yaml"), []byte(nv), 0o644)
	refused(t, dir, []string{"subprocessors are added or replaced, so the release takes effect 30 days after its date at the earliest: give --effective 2027-01-09 or later"}, "--bump", "--effective", "2026-12-20")
	code, _, stderr := runCLI(append(append([]string{}, releaseArgs...), "--content", dir, "--bump")...)
	if code != exitOK {
		t.Fatalf("release: exit %d: %s", code, stderr)
	}
	rels, errs := release.Load(dir)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	got := rels[len(rels)-1].Info
	if got.Effective != "2027-01-09" || got.ObjectionUntil != "2027-01-08" {
		t.Errorf("release 3.0: effective %s, deadline %s; want 2027-01-09 and 2027-01-08", got.Effective, got.ObjectionUntil)
	}
	if rels[0].Info.ObjectionUntil != "" || rels[2].Info.ObjectionUntil != "" {
		t.Error("the first release or 2.0 (no subprocessor change) has an objection deadline")
	}
}

// check finds a stored PDF changed by one byte, and an edited release.yaml.
func TestCheckFindsEditedRelease(t *testing.T) {
	t.Parallel()
	dir := contentCopy(t)
	pdf := filepath.Join(dir, "releases", "2.1", "de", "toms.pdf")
	b, _ := os.ReadFile(pdf)
	b[len(b)/2] ^= 1
	os.WriteFile(pdf, b, 0o644)
	code, _, stderr := runCLI("check", "--content", dir)
	if code != exitContent || !strings.Contains(stderr, filepath.Join("releases", "2.1", "de", "toms.pdf")+":1:1: the stored file de/toms.pdf of release 2.1 was changed") {
		t.Errorf("check of a PDF changed by one byte: exit %d:\n%s", code, stderr)
	}

	dir = contentCopy(t)
	editFile(t, filepath.Join(dir, "releases", "2.1", "release.yaml"), `effective: "2026-11-23"`, `effective: "2020-01-01"`)
	code, _, stderr = runCLI("check", "--content", dir)
	if code != exitContent || !strings.Contains(stderr, filepath.Join("releases", "2.1", "release.yaml")+":1:1: release 2.1 was edited after it was made") {
		t.Errorf("check of an edited release.yaml: exit %d:\n%s", code, stderr)
	}
}

// With a release key in site.yaml, a snapshot edited with a recomputed
// checksum and a release directory made by hand are refused at their
// release.yaml; the signed release passes.
func TestSignedReleaseForgeries(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(minimal)); err != nil {
		t.Fatal(err)
	}
	key, err := integrity.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "release.key")
	pub, err := integrity.WriteKeyPair(keyFile, key)
	if err != nil {
		t.Fatal(err)
	}
	pubData, _ := os.ReadFile(pub)
	os.WriteFile(filepath.Join(dir, "release.pub"), pubData, 0o644)
	site, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	os.WriteFile(filepath.Join(dir, "site.yaml"), append([]byte("release_key: release.pub\n"), site...), 0o644)
	if code, _, stderr := runCLI("release", "1.0", "--content", dir, "--date", "2026-11-01", "--notes", "Erste", "--note", "en=First", "--sign-key", keyFile); code != exitOK {
		t.Fatalf("release: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI("check", "--content", dir); code != exitOK {
		t.Fatalf("check of the signed release: exit %d: %s", code, stderr)
	}
	rel := filepath.Join(dir, "releases", "1.0")

	// reseal recomputes a release's checksum, as a forger can.
	reseal := func(t *testing.T, relDir string) {
		t.Helper()
		rels, _ := release.Load(dir)
		for _, r := range rels {
			if r.Dir != relDir {
				continue
			}
			sum, err := release.Seal(r.Info, r.Files)
			if err != nil {
				t.Fatal(err)
			}
			info, _ := os.ReadFile(filepath.Join(relDir, "release.yaml"))
			out := regexp.MustCompile(`checksum: \S+`).ReplaceAll(info, []byte("checksum: "+sum))
			os.WriteFile(filepath.Join(relDir, "release.yaml"), out, 0o644)
		}
	}

	// A hand-made release: a copy of 1.0 as 9.0, its checksum recomputed.
	fake := filepath.Join(dir, "releases", "9.0")
	if err := os.CopyFS(fake, os.DirFS(rel)); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(fake, "release.yaml"), `version: "1.0"`, `version: "9.0"`)
	editFile(t, filepath.Join(fake, "release.yaml"), `date: "2026-11-01"`, `date: "2030-01-01"`)
	reseal(t, fake)
	code, _, stderr := runCLI("check", "--content", dir)
	if code != exitContent || !strings.Contains(stderr, filepath.Join("releases", "9.0", "release.yaml")+":1:1: the signature of release 9.0 does not verify") {
		t.Errorf("check of a hand-made release: exit %d:\n%s", code, stderr)
	}
	os.RemoveAll(fake)

	// An edited snapshot with a recomputed checksum.
	editFile(t, filepath.Join(rel, "de.yaml"), "Beispiel GmbH", "Muster GmbH")
	reseal(t, rel)
	code, _, stderr = runCLI("check", "--content", dir)
	if code != exitContent || !strings.Contains(stderr, filepath.Join("releases", "1.0", "release.yaml")+":1:1: the signature of release 1.0 does not verify") {
		t.Errorf("check of an edited, resealed snapshot: exit %d:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "was edited after") {
		t.Errorf("the resealed checksum should match (the signature finds the forgery):\n%s", stderr)
	}
}

// A field release.yaml does not know is an error, not ignored.
func TestReleaseYAMLIsStrict(t *testing.T) {
	t.Parallel()
	dir := contentCopy(t)
	editFile(t, filepath.Join(dir, "releases", "2.0", "release.yaml"), "notes:", "approved_by_lawyer: yes\nnotes:")
	code, _, stderr := runCLI("check", "--content", dir)
	if code != exitContent || !strings.Contains(stderr, "field approved_by_lawyer not found") {
		t.Errorf("check: exit %d:\n%s", code, stderr)
	}
}
