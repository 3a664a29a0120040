package translate

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/interrupt"
)

// Trial checks what an import would write before anything is written: it
// lays changes over a copy of the content tree dir (in a temporary
// directory outside it) and runs check, the loader's own rules, on the
// copy. It gives the errors the copy has and dir has not (a control
// character or an oversized text in a target, an unclosed block),
// positioned in dir's files; the temporary copy is removed.
func Trial(dir string, changes []Change, check func(dir string) *diag.List) (*diag.List, error) {
	tmp, err := os.MkdirTemp("", "trustdocs-import-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	defer interrupt.OnInterrupt(func() { os.RemoveAll(tmp) })()
	copyDir := filepath.Join(tmp, "content")
	if err := copyContent(dir, copyDir); err != nil {
		return nil, err
	}
	for _, c := range changes {
		rel, err := filepath.Rel(dir, c.Path)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s: the import would write outside the content directory %s", c.Path, dir)
		}
		p := filepath.Join(copyDir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, c.Data, 0o644); err != nil {
			return nil, err
		}
	}
	interrupt.Pause("import-trial")
	before := map[string]bool{}
	for _, d := range check(dir).Items() {
		before[d.Pos.File+"\x00"+d.Msg] = true
	}
	out := &diag.List{}
	for _, d := range check(copyDir).Items() {
		if d.Severity != diag.Error {
			continue
		}
		if rel, err := filepath.Rel(copyDir, d.Pos.File); err == nil && !strings.HasPrefix(rel, "..") {
			d.Pos.File = filepath.Join(dir, rel)
		}
		d.Msg = strings.ReplaceAll(d.Msg, copyDir, dir)
		if before[d.Pos.File+"\x00"+d.Msg] {
			continue
		}
		out.Errorf(d.Pos, "%s", d.Msg)
	}
	return out, nil
}

// copyContent copies the files and folders of a content tree but its
// release snapshots (which an import never writes), as regular files.
func copyContent(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
			if rel == "releases" {
				return filepath.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			return nil // the loader refused it already
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
