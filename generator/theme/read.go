package theme

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing/fstest"

	"trustdocs/generator/diag"
)

// Limits on a theme directory, read like content: a theme is templates,
// message files, CSS, fonts and images.
const (
	MaxFileSize  = 16 << 20 // one file
	MaxTotalSize = 64 << 20 // all files
	MaxFiles     = 10000
)

// readDir reads every file of a theme directory into memory, once, with
// the checks content files get: regular files only (a symbolic link could
// publish the signing key as static/k.css, a FIFO would hang the build),
// size limits, names without control characters. It reports every problem
// at once, each at its file.
func readDir(dir string) (fstest.MapFS, error) {
	errs := &diag.List{}
	files := fstest.MapFS{}
	total, count := int64(0), 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Errorf(diag.At(path), "cannot read the theme: %v", err)
			return nil
		}
		if path == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		if strings.ContainsFunc(rel, func(r rune) bool { return r < 0x20 || r == 0x7F || r >= 0x80 && r <= 0x9F }) {
			errs.Errorf(diag.At(path), "the file name %q holds a control character: rename it", rel)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			errs.Errorf(diag.At(path), "symbolic links are not followed in a theme: replace the link with the file itself")
			return nil
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			errs.Errorf(diag.At(path), "not a regular file (a FIFO, socket or device): a theme holds plain files only; remove it")
			return nil
		}
		if count++; count > MaxFiles {
			errs.Errorf(diag.At(path), "the theme has more than %d files: remove what it does not need", MaxFiles)
			return filepath.SkipAll
		}
		data, err := readRegular(path)
		if err != nil {
			errs.Errorf(diag.At(path), "%v", err)
			return nil
		}
		if total += int64(len(data)); total > MaxTotalSize {
			errs.Errorf(diag.At(path), "the theme's files are larger than %d MiB together: remove what it does not need", MaxTotalSize>>20)
			return filepath.SkipAll
		}
		files[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o444}
		return nil
	})
	if err != nil {
		errs.Errorf(diag.At(dir), "cannot read the theme: %v", err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return files, nil
}

// readRegular reads a file that must be regular and at most MaxFileSize
// bytes; the open neither blocks nor follows a link, and what was opened
// is checked.
func readRegular(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrap(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file: a theme holds plain files only; remove it")
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is too large (%d MiB; at most %d MiB): a theme file is a template, a message file, CSS, a font or an image", fi.Size()>>20, MaxFileSize>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrap(err))
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is too large (at most %d MiB)", MaxFileSize>>20)
	}
	return data, nil
}

func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
