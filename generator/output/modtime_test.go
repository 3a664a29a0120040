package output

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file whose bytes did not change keeps its modification time across
// builds; a changed one gets a new time.
func TestUnchangedFilesKeepModTime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, Files{"a.txt": []byte("same"), "b/c.txt": []byte("old")}, Guard{}); err != nil {
		t.Fatal(err)
	}
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, n := range []string{"a.txt", "b/c.txt"} {
		if err := os.Chtimes(filepath.Join(dir, n), past, past); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(dir, Files{"a.txt": []byte("same"), "b/c.txt": []byte("new")}, Guard{}); err != nil {
		t.Fatal(err)
	}
	fa, err := os.Stat(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !fa.ModTime().Equal(past) {
		t.Errorf("unchanged a.txt: modification time %v, want %v", fa.ModTime(), past)
	}
	fc, err := os.Stat(filepath.Join(dir, "b/c.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if fc.ModTime().Equal(past) {
		t.Errorf("changed b/c.txt kept the old modification time")
	}
}
