// Package output writes a build's files into the output directory atomically:
// everything is written into a fresh directory beside it, which then replaces
// the old output by rename. A build that fails, or is killed at any moment,
// leaves the previous output complete and unchanged.
//
// It takes a set of files (slash-separated relative path → bytes) and gives
// the directory written, or an error that says why nothing was changed.
//
// Beside the output directory OUT it uses, in OUT's parent:
//
//	.OUT.new-*   a build in progress (locked by its process), or the
//	             remains of one that was killed, or of a replaced output
//	.OUT.old-*   only where the system cannot exchange two directories in
//	             one rename: the complete previous output, moved aside for
//	             the instant between two renames
//
// Each holds the marker file from the moment it is made. The next build
// removes those nobody holds (and restores an .old-* if OUT itself is
// missing); it deletes nothing else.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"trustdocs/generator/interrupt"
)

// Marker is the file by which trustdocs recognises an output directory it
// made itself; it never replaces a non-empty directory without it.
const Marker = ".trustdocs-output"

const markerText = "This directory is written by trustdocs build; it is replaced as a whole on every build.\n"

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
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	cleanStale(parent, base)

	tmp, lock, err := makeTemp(parent, base)
	if err != nil {
		return err
	}
	ok := false
	// Interrupted (SIGINT, SIGTERM), the build removes what it began.
	cancel := interrupt.OnInterrupt(func() { removeOwned(tmp) })
	defer func() {
		if !ok {
			removeOwned(tmp)
		}
		cancel()
		lock.unlock()
	}()
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	half := "" // where a test may pause the build (interrupt.Pause)
	if len(names) > 0 {
		half = names[len(names)/2]
	}
	err = eachFile(names, func(n string) error {
		if n == half {
			interrupt.Pause("output-write")
		}
		return writeOne(tmp, abs, n, files[n])
	})
	if err != nil {
		return err
	}
	// The files must be complete before anyone can see them under dir: a
	// kill is harmless (the page cache survives it), a power cut is not.
	if err := syncTree(tmp, names); err != nil {
		return err
	}
	// The builds of other processes must not see this one's changes as
	// stale remains while it swaps.
	if err := recheckTarget(abs); err != nil {
		return err
	}
	release := interrupt.Hold() // the swap is not cut: old or new output, nothing between
	defer release()
	if err := swap(tmp, abs); err != nil {
		return err
	}
	ok = true
	return nil
}

// writeOne writes the file name into tmp, as one step an interruption
// waits for (it never leaves a directory the clean-up has just removed
// made again).
func writeOne(tmp, prev, name string, data []byte) error {
	release := interrupt.Hold()
	defer release()
	p := filepath.Join(tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	keepModTime(p, filepath.Join(prev, filepath.FromSlash(name)), data)
	return nil
}

// makeTemp makes and locks a fresh .OUT.new-* directory. Its name says
// whose it is: a cleaner removes such a directory when it is empty and
// nobody holds it, without waiting, so a kill between the mkdir and the
// marker leaves nothing for long. The price is a race with a cleaner
// between mkdir and lock, which is detected (the directory locked is not
// the one under the name) and answered by trying again.
func makeTemp(parent, base string) (string, *dirLock, error) {
	for try := 0; ; try++ {
		tmp, err := os.MkdirTemp(parent, newPrefix(base))
		if err != nil {
			return "", nil, err
		}
		lock, err := lockDir(tmp)
		if err == nil && lock.is(tmp) {
			return tmp, lock, nil
		}
		lock.unlock()
		if try == 10 {
			if err == nil {
				err = fmt.Errorf("%s was removed while it was being made; is another build cleaning up beside %s?", tmp, base)
			}
			return "", nil, err
		}
	}
}

func newPrefix(base string) string { return "." + base + ".new-" }
func oldPrefix(base string) string { return "." + base + ".old-" }

// swap puts tmp in place of dir. Where the system can, the two are
// exchanged in one step (renameat2 RENAME_EXCHANGE), so that dir is at
// every instant either the complete old or the complete new output;
// elsewhere the old output is renamed aside first, and restored by the next
// build if the process dies between the two renames.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); err != nil {
		if !os.IsNotExist(err) {
			return err
		}
		return os.Rename(tmp, dir)
	}
	if err := exchangeDirs(tmp, dir); err == nil {
		removeOwned(tmp) // now the old output
		return nil
	} else if !errors.Is(err, errNoExchange) {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	old, err := os.MkdirTemp(parent, oldPrefix(base))
	if err != nil {
		return err
	}
	os.Remove(old) // we only want the unique name
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir) // put the previous output back
		return err
	}
	// From here on the old output is garbage: give it a .new- name before
	// deleting it, so that a kill during the deletion leaves nothing the
	// next build would take for a complete previous output.
	garbage, err := os.MkdirTemp(parent, newPrefix(base))
	if err != nil {
		return nil // the build succeeded; the next one cleans up
	}
	os.Remove(garbage)
	if os.Rename(old, garbage) == nil {
		removeOwned(garbage)
	}
	return nil
}

// cleanStale removes what killed or interrupted builds left beside the
// output: directories named like ours, holding the marker (or, .new-*,
// empty), and not locked by a running build. If the output
// itself is missing but a previous output was moved aside (.old-*), that is
// put back first.
func cleanStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	target := filepath.Join(parent, base)
	_, statErr := os.Lstat(target)
	missing := os.IsNotExist(statErr)
	for _, e := range entries {
		name := e.Name()
		isNew, isOld := strings.HasPrefix(name, newPrefix(base)), strings.HasPrefix(name, oldPrefix(base))
		if !isNew && !isOld || !e.IsDir() || e.Type()&os.ModeSymlink != 0 {
			continue
		}
		p := filepath.Join(parent, name)
		l, err := tryLockDir(p)
		if err != nil {
			continue // a running build holds it, or it is gone
		}
		switch {
		case hasMarker(p) && isOld && missing:
			if os.Rename(p, target) == nil {
				missing = false
			}
		case hasMarker(p):
			removeOwned(p)
		case isNew && isEmpty(p):
			os.Remove(p)
		}
		l.unlock()
	}
}

func hasMarker(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && fi.Mode().IsRegular()
}

// isEmpty reports whether dir holds nothing: a build killed between making
// its directory and writing the marker.
func isEmpty(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// removeOwned deletes a directory trustdocs made: everything but the marker
// first, then the marker, then the directory, so that a deletion cut short
// leaves a directory still recognisable as ours. Errors are ignored: what
// remains is removed by the next build.
func removeOwned(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() != Marker {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(filepath.Join(dir, Marker))
	os.Remove(dir)
}

// syncTree flushes the written files and their directories to disk.
func syncTree(dir string, names []string) error {
	dirs := map[string]bool{dir: true}
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		for d := filepath.Dir(p); len(d) > len(dir); d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	if err := eachFile(names, func(n string) error { return syncPath(filepath.Join(dir, filepath.FromSlash(n))) }); err != nil {
		return err
	}
	for d := range dirs {
		syncPath(d) // not every system can sync a directory
	}
	return nil
}

// writers is how many files are written or flushed at once: the time of
// a write is mostly waiting for the disk, so more than the cores.
const writers = 8

// eachFile calls f for every name on a few goroutines and gives the error
// of the first name (in the order given) that failed.
func eachFile(names []string, f func(string) error) error {
	errs := make([]error, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(writers, len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(names[i])
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// checkTarget refuses output directories whose replacement would lose
// data: the root, the home directory, the working directory or any folder
// holding it, a repository's root, a directory that overlaps a protected
// one (content, theme), anything that is not a plain directory, and a
// non-empty directory without the marker.
func checkTarget(abs string, g Guard) error {
	abs = filepath.Clean(abs)
	real := realPath(abs)
	if abs == filepath.Dir(abs) || real == filepath.Dir(real) {
		return errors.New("refusing to use the root directory as output: give --out a directory of its own, e.g. output")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && sameDir(real, realPath(home)) {
		return errors.New("refusing to use the home directory as output: give --out a directory of its own, e.g. output")
	}
	if wd, err := os.Getwd(); err == nil {
		rwd := realPath(wd)
		if repo := repoRoot(rwd); repo != "" && sameDir(real, repo) {
			return fmt.Errorf("refusing to use %s as output: it is the root of the repository; give --out a directory of its own, e.g. output", abs)
		}
		if sameDir(real, rwd) || within(rwd, real) {
			return fmt.Errorf("refusing to use %s as output: it holds the working directory; give --out a directory of its own, e.g. output", abs)
		}
	}
	for _, p := range g.Protected {
		pa, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		rp := realPath(pa)
		if sameDir(real, rp) || within(real, rp) || within(rp, real) {
			return fmt.Errorf("refusing to use %s as output: it overlaps %s, which holds sources", abs, pa)
		}
	}
	fi, err := os.Lstat(abs)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("refusing to replace %s: it is a symbolic link; give --out the directory it points to, or another one", abs)
	case !fi.IsDir():
		return fmt.Errorf("refusing to replace %s: it is a file, not a directory; choose another --out", abs)
	}
	for _, name := range []string{".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(abs, name)); err == nil {
			return fmt.Errorf("refusing to use %s as output: it is the root of a repository (it holds %s); give --out a directory of its own, e.g. output", abs, name)
		}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if !hasMarker(abs) {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by trustdocs (no %s file); empty it or choose another --out", abs, Marker)
	}
	return nil
}

// recheckTarget repeats the checks that could have changed while the
// files were written: the target must still be ours (or absent).
func recheckTarget(abs string) error {
	fi, err := os.Lstat(abs)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("refusing to replace %s: it is no longer a directory", abs)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) > 0 && !hasMarker(abs) {
		return fmt.Errorf("refusing to replace %s: while building, something else wrote into it (no %s file)", abs, Marker)
	}
	return nil
}

// repoRoot is the nearest directory at or above dir that holds .git or
// go.mod, or "".
func repoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		for _, name := range []string{".git", "go.mod"} {
			if _, err := os.Lstat(filepath.Join(d, name)); err == nil {
				return d
			}
		}
		if d == filepath.Dir(d) {
			return ""
		}
	}
}

// realPath resolves the symbolic links of p's longest existing prefix, so
// that an output given through a link is compared by what it is.
func realPath(p string) string {
	p = filepath.Clean(p)
	var rest []string
	for d := p; ; d = filepath.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r
		}
		if d == filepath.Dir(d) {
			return p
		}
		rest = append(rest, filepath.Base(d))
	}
}

func sameDir(a, b string) bool { return filepath.Clean(a) == filepath.Clean(b) }

// within reports whether child lies strictly inside parent.
func within(child, parent string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func safeRel(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.IsAbs(name) {
		return false
	}
	clean := path.Clean(name)
	return clean == name && clean != "." && !strings.HasPrefix(clean, "../") && clean != ".." && clean != Marker
}

// keepModTime gives the file p just written the modification time of the
// previous output's file prev if that held the same bytes, so that
// unchanged files keep their times (rsync deploys stay small, caches stay
// valid). Only regular files are compared; errors leave the new time.
func keepModTime(p, prev string, data []byte) {
	fi, err := os.Lstat(prev)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return
	}
	old, err := os.ReadFile(prev)
	if err != nil || !bytes.Equal(old, data) {
		return
	}
	os.Chtimes(p, fi.ModTime(), fi.ModTime())
}
