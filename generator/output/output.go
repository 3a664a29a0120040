// Package output writes a build's files into the output directory atomically:
// everything is written into a fresh directory beside it, which then replaces
// the old output by rename. A build that fails leaves the previous output as
// it was.
//
// It takes a set of files (slash-separated relative path → bytes) and gives
// the directory written, or an error that says why nothing was changed.
package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Marker is the file by which trustdocs recognises an output directory it
// made itself; it never replaces a non-empty directory without it.
const Marker = ".trustdocs-output"

// Files maps slash-separated relative paths to their content.
type Files map[string][]byte

// Guard lists directories the output must never be, nor lie inside of
// (content, theme), for the safety checks.
type Guard struct {
	Protected []string
}

// Write replaces dir with exactly files.
func Write(dir string, files Files, g Guard) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := checkTarget(abs, g); err != nil {
		return err
	}
	for name := range files {
		if !safeRel(name) {
			return fmt.Errorf("refusing to write %q: output paths must stay inside the output directory", name)
		}
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte("This directory is written by trustdocs build; it is replaced as a whole on every build.\n"), 0o644); err != nil {
		return err
	}
	if err := swap(tmp, abs); err != nil {
		return err
	}
	ok = true
	return nil
}

// swap moves the old output aside, the new one in, then deletes the old.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".old-")
		if err != nil {
			return err
		}
		os.Remove(o) // we only want the unique name
		if err := os.Rename(dir, o); err != nil {
			return err
		}
		old = o
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir) // put the previous output back
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// checkTarget refuses directories whose replacement would lose data.
func checkTarget(abs string, g Guard) error {
	if abs == filepath.Dir(abs) {
		return errors.New("refusing to use the root directory as output: give --out a directory of its own, e.g. output")
	}
	if home, err := os.UserHomeDir(); err == nil && sameDir(abs, home) {
		return errors.New("refusing to use the home directory as output: give --out a directory of its own, e.g. output")
	}
	if wd, err := os.Getwd(); err == nil && (sameDir(abs, wd) || within(wd, abs)) {
		return fmt.Errorf("refusing to use %s as output: it holds the working directory; give --out a directory of its own, e.g. output", abs)
	}
	for _, p := range g.Protected {
		pa, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if sameDir(abs, pa) || within(abs, pa) || within(pa, abs) {
			return fmt.Errorf("refusing to use %s as output: it overlaps %s, which holds sources", abs, pa)
		}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by trustdocs (no %s file); empty it or choose another --out", abs, Marker)
	}
	return nil
}

func sameDir(a, b string) bool { return filepath.Clean(a) == filepath.Clean(b) }

// within reports whether child lies strictly inside parent.
func within(child, parent string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

func safeRel(name string) bool {
	if name == "" || strings.Contains(name, "\\") || path.IsAbs(name) {
		return false
	}
	clean := path.Clean(name)
	return clean == name && clean != "." && !strings.HasPrefix(clean, "../") && clean != ".." && clean != Marker
}
