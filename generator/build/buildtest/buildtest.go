// Package buildtest gives tests a copy of content/ with the example release
// history (releases 1.0, 1.1 and 2.0, see scripts/example-history.sh), made
// once per test binary in a temporary directory.
//
// When content/ has releases already, the copy keeps them; otherwise the
// script makes them on the copy. Either way the copy's current content is
// then released, if it is not already, so that it is no draft: tests that
// want a draft change the copy. TRUSTDOCS_HISTORY_CONTENT names another
// content directory to start from.
package buildtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"trustdocs/generator/build"
	"trustdocs/generator/release"
)

var history struct {
	once sync.Once
	dir  string // the temporary directory holding content/
	err  error
}

// Root is the repository's root directory (where go.mod is).
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// History returns the content directory with the example history. Call
// Cleanup from TestMain to remove it.
func History() (string, error) {
	history.once.Do(func() {
		history.dir, history.err = os.MkdirTemp("", "trustdocs-history-")
		if history.err == nil {
			history.err = makeHistory(filepath.Join(history.dir, "content"))
		}
	})
	if history.err != nil {
		return "", history.err
	}
	return filepath.Join(history.dir, "content"), nil
}

// Cleanup removes what History made.
func Cleanup() {
	if history.dir != "" {
		os.RemoveAll(history.dir)
	}
}

// Copy copies the history content to dst, for a test that changes it.
func Copy(dst string) error {
	src, err := History()
	if err != nil {
		return err
	}
	return os.CopyFS(dst, os.DirFS(src))
}

func makeHistory(dst string) error {
	root, err := Root()
	if err != nil {
		return err
	}
	src := os.Getenv("TRUSTDOCS_HISTORY_CONTENT")
	if src == "" {
		src = filepath.Join(root, "content")
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dst, release.Dir)); os.IsNotExist(err) {
		site := filepath.Join(dst, "site.yaml")
		b, err := os.ReadFile(site)
		if err != nil {
			return err
		}
		if err := os.WriteFile(site, bytes.ReplaceAll(b, []byte(`version: "1.0"`), []byte(`version: "2.0"`)), 0o644); err != nil {
			return err
		}
		cmd := exec.Command("bash", filepath.Join(root, "scripts", "example-history.sh"), dst)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("scripts/example-history.sh: %v\n%s", err, out)
		}
	}
	return releaseCurrent(dst)
}

// releaseCurrent cuts a release of the content if it differs from its last
// release: a version one major step up, a day after.
func releaseCurrent(content string) error {
	rels, errs := release.Load(content)
	if err := errs.Err(); err != nil {
		return err
	}
	if len(rels) == 0 {
		return fmt.Errorf("%s has no releases", content)
	}
	site, _, diags := build.Check(content)
	if err := diags.Err(); err != nil {
		return err
	}
	drafts, _, err := build.DraftDocuments(content, "")
	if err != nil {
		return err
	}
	any := false
	for _, d := range drafts {
		any = any || d
	}
	if !any {
		return nil
	}
	last := rels[len(rels)-1].Info
	major := strings.SplitN(last.Version, ".", 2)[0]
	var n int
	fmt.Sscan(major, &n)
	notes := map[string]string{}
	for _, l := range site.LangIDs() {
		notes[l] = "Test release of the current content."
	}
	_, _, err = build.Release(build.ReleaseOptions{Content: content, Version: fmt.Sprintf("%d.0", n+1), Date: last.Date, Effective: last.Effective, Notes: notes, Bump: true})
	return err
}
