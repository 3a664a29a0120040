// Package durable writes files so that they survive a crash: written to a
// temporary file beside the target, flushed to disk, renamed over the
// target, and the directory flushed too. A reader sees the old file or the
// new one, never a part. Release snapshots, translation imports and the
// files of --out options use it; the regenerable output directory uses
// SyncTree after writing it.
package durable

import (
	"io/fs"
	"os"
	"path/filepath"

	"trustdocs/generator/interrupt"
)

// WriteFile replaces path with data (mode perm), or leaves it as it was.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer interrupt.OnInterrupt(func() { os.Remove(tmp) })() // Ctrl-C leaves no temporary file
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	SyncDir(dir)
	return nil
}

// RenameDir moves the directory tmp, written in full, to final so that it
// survives a crash: every file and directory in tmp is flushed, tmp is
// renamed, and final's parent is flushed.
func RenameDir(tmp, final string) error {
	if err := SyncTree(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	SyncDir(filepath.Dir(final))
	return nil
}

// SyncDir flushes a directory's entries (new names, renames) to disk. Not
// every system can sync a directory, so a failure is not reported.
func SyncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// SyncTree flushes every regular file and directory under root.
func SyncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() && !d.IsDir() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		serr := f.Sync()
		if d.IsDir() {
			serr = nil // see SyncDir
		}
		if cerr := f.Close(); serr == nil {
			serr = cerr
		}
		return serr
	})
}
