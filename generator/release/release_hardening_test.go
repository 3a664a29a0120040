package release

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// cutMinimal cuts release 1.0 of testdata/minimal into a new content tree.
func cutMinimal(t *testing.T) (content string, files map[string][]byte) {
	t.Helper()
	site, errs := load.Load("../../testdata/minimal")
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		t.Fatal(err)
	}
	if files, err = Snapshot(site, docs); err != nil {
		t.Fatal(err)
	}
	content = t.TempDir()
	if err := Cut(content, Info{Version: "1.0", Date: "2026-11-01"}, files, nil, nil); err != nil {
		t.Fatal(err)
	}
	return content, files
}

// forge replaces a snapshot file and fixes the recorded checksum, as
// anyone with write access to the repository can: the checksum finds
// accidents, not forgeries.
func forge(t *testing.T, content string, files map[string][]byte, name string, data []byte) {
	t.Helper()
	dir := filepath.Join(content, Dir, "1.0")
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	forged := map[string][]byte{}
	for n, b := range files {
		forged[n] = b
	}
	forged[name] = data
	info, err := os.ReadFile(filepath.Join(dir, InfoFile))
	if err != nil {
		t.Fatal(err)
	}
	s := string(info)
	i := strings.Index(s, "checksum: ")
	s = s[:i] + "checksum: " + Checksum(forged) + "\n"
	if err := os.WriteFile(filepath.Join(dir, InfoFile), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A snapshot with a YAML alias bomb and a correct checksum is refused
// before anything is expanded (it once made a build grow past 4 GB).
func TestSnapshotAliasBomb(t *testing.T) {
	content, files := cutMinimal(t)
	var b strings.Builder
	b.WriteString("lang: de\norganisation:\n  name: &n \"" + strings.Repeat("x ", 1<<19) + "\"\n  management:\n")
	for i := 0; i < 20_000; i++ {
		b.WriteString("    - *n\n")
	}
	forge(t, content, files, "de.yaml", []byte(b.String()))
	rels, errs := Load(content)
	if !strings.Contains(errs.Err().Error(), "de.yaml:1:1: snapshot does not parse: line 3: YAML anchors and aliases are not allowed in a release") {
		t.Errorf("errors: %v", errs.Err())
	}
	if len(rels) != 1 || rels[0].Model["de"] != nil {
		t.Errorf("the bomb was decoded")
	}
}

// Snapshot files over MaxFileSize are refused unread, and not cut.
func TestSnapshotTooLarge(t *testing.T) {
	content, files := cutMinimal(t)
	big := make([]byte, MaxFileSize+1)
	forge(t, content, files, "de/toms.md", big)
	_, errs := Load(content)
	if err := errs.Err(); err == nil || !strings.Contains(err.Error(), "file is too large (16 MiB; a snapshot file holds at most 16 MiB)") {
		t.Errorf("errors: %v", err)
	}
	files["de/toms.md"] = big
	err := Cut(content, Info{Version: "2.0", Date: "2026-12-01"}, files, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "de/toms.md would be 16 MiB") {
		t.Errorf("Cut: %v", err)
	}
}

// With a memo, an unchanged release is not parsed again; an edit after
// the first load is still found, and a forged snapshot (checksum updated)
// is parsed anew.
func TestLoadWithMemo(t *testing.T) {
	content, files := cutMinimal(t)
	memo := NewMemo()
	first, errs := LoadWith(content, memo)
	if errs.HasErrors() || len(first) != 1 {
		t.Fatalf("first load: %v", errs.Err())
	}
	memo.Sweep()
	second, errs := LoadWith(content, memo)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	if second[0].Model["de"] != first[0].Model["de"] {
		t.Error("an unchanged release was parsed again")
	}

	md := filepath.Join(content, Dir, "1.0", "de", "toms.md")
	if err := os.WriteFile(md, []byte("# Geändert\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs := LoadWith(content, memo); !strings.Contains(fmt.Sprint(errs.Err()), "was edited after it was made") {
		t.Errorf("an edit after the first load is not found: %v", errs.Err())
	}

	forge(t, content, files, "de.yaml", []byte("lang: [de\n"))
	if _, errs := LoadWith(content, memo); !strings.Contains(fmt.Sprint(errs.Err()), "snapshot does not parse") {
		t.Errorf("a forged snapshot was taken from the memo: %v", errs.Err())
	}
}
