package output

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestWriteReplaces(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		parent := t.TempDir()
		out := filepath.Join(parent, "out")
		if fallback {
			exchangeDirs = func(a, b string) error { return errNoExchange }
		}
		if err := Write(out, Files{"a.txt": []byte("1"), "d/b.txt": []byte("2")}, Guard{}); err != nil {
			t.Fatal(err)
		}
		if err := Write(out, Files{"c.txt": []byte("3")}, Guard{}); err != nil {
			t.Fatal(err)
		}
		exchangeDirs = exchange
		got := readTree(t, out)
		if len(got) != 2 || got["c.txt"] != "3" || got[Marker] != markerText {
			t.Errorf("fallback %v: output %v", fallback, got)
		}
		if s := siblings(t, parent); len(s) != 1 || s[0] != "out" {
			t.Errorf("fallback %v: left beside the output: %v", fallback, s)
		}
	}
}

func TestRefusals(t *testing.T) {
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home")
	os.MkdirAll(home, 0o755)
	t.Setenv("HOME", home)

	repo := filepath.Join(tmp, "repo")
	os.MkdirAll(filepath.Join(repo, "sub", "deeper"), 0o755)
	os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644)
	content := filepath.Join(repo, "content")
	os.MkdirAll(content, 0o755)
	theme := filepath.Join(tmp, "theme")
	os.MkdirAll(theme, 0o755)

	other := filepath.Join(tmp, "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	gitRepo := filepath.Join(tmp, "gitrepo")
	os.MkdirAll(filepath.Join(gitRepo, ".git"), 0o755)
	os.WriteFile(filepath.Join(gitRepo, Marker), nil, 0o644)
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	link := filepath.Join(tmp, "link")
	os.Symlink(other, link)
	linkHome := filepath.Join(tmp, "linkhome")
	os.Symlink(home, linkHome)

	t.Chdir(filepath.Join(repo, "sub", "deeper"))
	g := Guard{Protected: []string{content, theme}}
	for _, c := range []struct{ dir, want string }{
		{"/", "root directory"},
		{home, "home directory"},
		{filepath.Join(linkHome, "."), "home directory"},
		{repo, "root of the repository"},
		{".", "holds the working directory"},
		{"..", "holds the working directory"},
		{content, "overlaps"},
		{filepath.Join(content, "out"), "overlaps"},
		{theme, "overlaps"},
		{filepath.Join(theme, "static"), "overlaps"},
		{other, "not empty and was not written by trustdocs"},
		{gitRepo, "root of a repository"},
		{file, "is a file"},
		{link, "symbolic link"},
	} {
		err := Write(c.dir, Files{"a": []byte("a")}, g)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Write(%s): %v, want %q", c.dir, err, c.want)
		}
	}
	// A protected directory inside the output would be deleted with it.
	t.Chdir(tmp)
	if err := Write(filepath.Join(tmp), Files{"a": nil}, Guard{Protected: []string{content}}); err == nil {
		t.Error("output holding the content was accepted")
	}
	if got := readTree(t, other); len(got) != 1 || got["notes.txt"] != "mine" {
		t.Errorf("refused directory changed: %v", got)
	}
	for _, name := range []string{"../x", "/abs", "a/../../b", Marker, "", "a\\b"} {
		if err := Write(filepath.Join(tmp, "out"), Files{name: nil}, Guard{}); err == nil {
			t.Errorf("file name %q accepted", name)
		}
	}
}

// What a killed build leaves beside the output is removed by the next one;
// what is not ours, or is held by a running build, is left alone.
func TestStaleCleanup(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Write(out, Files{"a": []byte("old")}, Guard{}); err != nil {
		t.Fatal(err)
	}
	mk := func(name string, marker bool, files ...string) string {
		p := filepath.Join(parent, name)
		os.MkdirAll(p, 0o755)
		if marker {
			os.WriteFile(filepath.Join(p, Marker), []byte(markerText), 0o644)
		}
		for _, f := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(p, f)), 0o755)
			os.WriteFile(filepath.Join(p, f), []byte("x"), 0o644)
		}
		return p
	}
	mk(".out.new-1", true, "de/a.pdf", "index.html")   // killed while writing
	mk(".out.new-2", true)                             // killed while deleting
	foreign := mk(".out.new-3", false, "precious.txt") // not ours
	running := mk(".out.new-4", true, "x")             // a build in progress
	mk(".out.new-5", false)                            // killed before its marker
	old := mk(".out.new-6", false)                     // the same, long ago
	other := mk(".other.new-1", true, "x")             // another output's
	past := time.Now().Add(-time.Hour)
	os.Chtimes(old, past, past)
	l, err := lockDir(running)
	if err != nil {
		t.Fatal(err)
	}
	defer l.unlock()

	if err := Write(out, Files{"a": []byte("new")}, Guard{}); err != nil {
		t.Fatal(err)
	}
	got := siblings(t, parent)
	want := []string{filepath.Base(other), filepath.Base(foreign), filepath.Base(running), "out"}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("beside the output: %v, want %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a")); string(b) != "new" {
		t.Errorf("output a = %q", b)
	}
}

// A build's fresh directory that a cleaner removed between its making and
// its lock is noticed: the lock is on a directory no longer under the
// name, and makeTemp makes another.
func TestLockNoticesRemovedDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".out.new-1")
	os.Mkdir(dir, 0o755)
	l, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.unlock()
	if !l.is(dir) {
		t.Fatal("the lock is not on the directory it locked")
	}
	os.Remove(dir)
	if l.is(dir) {
		t.Error("the lock of a removed directory still counts")
	}
	os.Mkdir(dir, 0o755) // another directory under the same name
	if l.is(dir) {
		t.Error("the lock counts for a new directory of the same name")
	}
}

// Where directories cannot be exchanged, a build killed between its two
// renames leaves the previous output at .out.old-*: the next build puts it
// back before anything else, and a failing next build leaves it in place.
func TestRestoreMovedAside(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Write(out, Files{"a": []byte("previous")}, Guard{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(out, filepath.Join(parent, ".out.old-123")); err != nil {
		t.Fatal(err)
	}
	cleanStale(parent, "out")
	if b, err := os.ReadFile(filepath.Join(out, "a")); err != nil || string(b) != "previous" {
		t.Errorf("previous output not restored: %q, %v", b, err)
	}
	if s := siblings(t, parent); len(s) != 1 {
		t.Errorf("left: %v", s)
	}
}

// The exchange really is one step: a reader that opens the output at any
// time during many swaps finds it complete.
func TestSwapNeverMissing(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Write(out, Files{"a": []byte("0")}, Guard{}); err != nil {
		t.Fatal(err)
	}
	if err := exchange(out, out); err == errNoExchange {
		t.Skip("this filesystem cannot exchange directories")
	}
	done := make(chan struct{})
	missing := 0
	go func() {
		defer close(done)
		for i := 0; i < 200; i++ {
			if err := Write(out, Files{"a": bytes.Repeat([]byte{'x'}, i)}, Guard{}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for {
		select {
		case <-done:
			if missing > 0 {
				t.Errorf("the output was missing %d times during swaps", missing)
			}
			return
		default:
			if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
				missing++
			}
		}
	}
}

// A build's own directory is locked while it writes: the cleaner skips it.
func TestLockExcludes(t *testing.T) {
	dir := t.TempDir()
	l, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tryLockDir(dir); err == nil && runtime.GOOS != "windows" {
		t.Error("second lock granted")
	}
	l.unlock()
	l2, err := tryLockDir(dir)
	if err != nil {
		t.Errorf("lock not released: %v", err)
	}
	l2.unlock()
}
