package main

import (
	"context"
	"path"
	"path/filepath"
	"sort"
	"testing"

	"trustdocs/generator/integrity"
)

// The same commit builds the same bytes anywhere: content/ (with its
// release history) copied to two different places and built there, with
// relative paths, under different time zones (UTC; Chatham Islands,
// +12:45/+13:45), locales and GOMAXPROCS, gives identical output, the
// signature included.
func TestReproducibleAnywhere(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds content/ twice")
	}
	bin := buildBinary(t)
	key := filepath.Join(t.TempDir(), "signing.key")
	if r := runBinary(t, bin, ".", nil, "keygen", "--out", key); r.code != 0 {
		t.Fatal(r.stderr)
	}
	envs := [][]string{
		{"TZ=UTC", "LANG=C.UTF-8", "LC_ALL=C", "LANGUAGE=", "GOMAXPROCS=1", "SOURCE_DATE_EPOCH="},
		{"TZ=Pacific/Chatham", "LANG=de_DE.UTF-8", "LC_ALL=tr_TR.UTF-8", "LANGUAGE=fr", "GOMAXPROCS=2", "SOURCE_DATE_EPOCH="},
	}
	var trees [2]map[string][]byte
	for i, env := range envs {
		// Different depths, so that no relative path could coincide.
		work := filepath.Join(t.TempDir(), "checkout", "x")
		if i == 1 {
			work = t.TempDir()
		}
		copyTree(t, "../../content", filepath.Join(work, "content"))
		r := runBinary(t, bin, work, env, "build", "--content", "content", "--out", "site", "--sign-key", key)
		if r.code != 0 {
			t.Fatalf("build %d: %s", i, r.stderr)
		}
		trees[i] = readOutput(t, filepath.Join(work, "site"))
		if i == 1 {
			for _, dir := range sealedDirs(trees[i]) { // the site, or each of its editions
				rep, err := integrity.VerifyDir(context.Background(), filepath.Join(work, "site", dir), nil)
				if err != nil || !rep.OK() || !rep.Signed {
					t.Errorf("verify %s: %v %+v", dir, err, rep)
				}
			}
		}
		t.Logf("build %d (%v): %d files in %v", i, env, len(trees[i]), r.elapsed.Round(1e6))
	}
	if d := treeDiff(trees[0], trees[1]); d != "" {
		t.Errorf("two builds of the same content differ:\n%s", d)
	}
	if len(sealedDirs(trees[0])) == 0 {
		t.Error("no SHA256SUMS written")
	}
	for _, dir := range sealedDirs(trees[0]) {
		if _, ok := trees[0][path.Join(dir, integrity.SigFile)]; !ok {
			t.Errorf("no signature written in %q", dir)
		}
	}
	if len(trees[0]) < 20 {
		t.Errorf("only %d files built", len(trees[0]))
	}
}

// sealedDirs are the folders of an output holding a SHA256SUMS: "." for a
// site, each edition's folder when the content has editions.
func sealedDirs(tree map[string][]byte) []string {
	var out []string
	for name := range tree {
		if path.Base(name) == integrity.SumsFile {
			out = append(out, path.Dir(name))
		}
	}
	sort.Strings(out)
	return out
}
