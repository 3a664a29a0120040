// Package outfile guards the files that commands write with --out (diff,
// translate export): never a file of the content tree, and never a file
// the command did not write itself unless the user says --force.
//
// It takes the path, the protected directories and a test that recognises
// the command's own files, and gives nil or an error that says what to do.
package outfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// headSize is how much of the beginning (and of the end) of an existing
// file ours sees.
const headSize = 64 << 10

// Guard says whether the command may write path. A path inside one of the
// protected directories (the content tree) is refused, --force or not. An
// existing file is overwritten only if ours recognises its beginning and end as
// the command's own output, or with force; a symbolic link, a directory
// or a special file never.
func Guard(path string, protected []string, force bool, ours func(head []byte) bool) error {
	abs, err := resolve(path)
	if err != nil {
		return err
	}
	for _, dir := range protected {
		if dir == "" {
			continue
		}
		d, err := resolve(dir)
		if err != nil {
			continue
		}
		if abs == d || strings.HasPrefix(abs, d+string(filepath.Separator)) {
			return fmt.Errorf("--out %s is inside the content directory %s: write it elsewhere", path, dir)
		}
	}
	fi, err := os.Lstat(path)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("--out %s is a symbolic link: give the file itself", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("--out %s exists and is not a regular file: give another file", path)
	case force:
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, headSize))
	if err != nil {
		return err
	}
	if fi.Size() > headSize { // and its end, where a PDF names its producer
		tail := make([]byte, min(headSize, fi.Size()-headSize))
		if _, err := f.ReadAt(tail, fi.Size()-int64(len(tail))); err != nil {
			return err
		}
		head = append(head, tail...)
	}
	if ours != nil && ours(head) {
		return nil
	}
	return fmt.Errorf("--out %s exists and was not written by this command: give another file, or --force to overwrite it", path)
}

// resolve makes path absolute with the links of its directory resolved,
// so that a path through a link into the content tree is seen as inside.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir, base := filepath.Dir(abs), filepath.Base(abs)
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, base), nil
		}
		// A directory that does not exist yet: resolve its parent.
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		base = filepath.Join(filepath.Base(dir), base)
		dir = parent
	}
}
