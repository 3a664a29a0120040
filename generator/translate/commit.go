package translate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"trustdocs/generator/diag"
	"trustdocs/generator/durable"
	"trustdocs/generator/interrupt"
)

// edit is a change to one unit: its new translation (nil: keep it) and the
// source hash to record next to it.
type edit struct {
	unit  *Unit
	value *string
	hash  string
}

// Change is the new content of one file.
type Change struct {
	Path string
	Data []byte
	Old  []byte // the content the change was made from; nil for a new file
}

// buildChanges turns edits into new file contents, one Change per file, in
// the order the files first appear. Problems are reported at their place.
func buildChanges(edits []edit, errs *diag.List) []Change {
	var order []string
	byFile := map[string][]edit{}
	for _, e := range edits {
		f := e.unit.File
		if _, ok := byFile[f]; !ok {
			order = append(order, f)
		}
		byFile[f] = append(byFile[f], e)
	}
	var out []Change
	for _, file := range order {
		es := byFile[file]
		var c *Change
		var err error
		if es[0].unit.page != nil {
			c, err = pageChange(file, es)
		} else {
			c, err = yamlChange(file, es)
		}
		if err != nil {
			var ee *EditError
			if errors.As(err, &ee) {
				errs.Errorf(ee.Pos, "%s", ee.Msg)
			} else {
				errs.Errorf(diag.At(file), "%s", strings.TrimPrefix(err.Error(), file+": "))
			}
			continue
		}
		if c != nil {
			out = append(out, *c)
		}
	}
	return out
}

func yamlChange(file string, es []edit) (*Change, error) {
	old, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	d, err := parseYAMLDoc(file, old)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		t := e.unit.text
		m := d.mappingAt(t.Pos.Line, t.Pos.Col)
		if m == nil {
			return nil, d.errAt(t.Pos.Line, t.Pos.Col, "%s is no longer here: the file changed while trustdocs ran; run it again", e.unit.What)
		}
		if err := d.set(m, e.unit.Lang, e.value, e.unit.Lang+"@", e.hash); err != nil {
			return nil, err
		}
	}
	data, err := d.result()
	if err != nil {
		return nil, err
	}
	return &Change{Path: file, Data: data, Old: old}, nil
}

func pageChange(file string, es []edit) (*Change, error) {
	var title, body *string
	hash := ""
	for _, e := range es {
		if e.value != nil {
			if e.unit.page.field == "title" {
				title = e.value
			} else {
				body = e.value
			}
		}
		hash = e.hash
	}
	var old []byte
	if es[0].unit.page.target != nil {
		var err error
		if old, err = os.ReadFile(file); err != nil {
			return nil, err
		}
	}
	data, err := editPage(file, old, title, body, hash)
	if err != nil {
		return nil, err
	}
	return &Change{Path: file, Data: data, Old: old}, nil
}

// Commit writes the changes: all of them or, if any cannot be written,
// none. A file that changed since it was read is not overwritten.
func Commit(changes []Change) error { return commit(changes, os.Rename) }

func commit(changes []Change, rename func(from, to string) error) error {
	type staged struct {
		c    Change
		tmp  string
		mode fs.FileMode
	}
	var st []staged
	var mu sync.Mutex // st, between the import and an interruption's clean-up
	cleanup := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range st {
			os.Remove(s.tmp)
		}
		st = nil
	}
	// Interrupted (SIGINT, SIGTERM), the import removes its staged files;
	// the renames that put them in place are not cut (all or none).
	defer interrupt.OnInterrupt(cleanup)()
	for _, c := range changes {
		mode := fs.FileMode(0o644)
		fi, err := os.Lstat(c.Path)
		switch {
		case err == nil && c.Old == nil:
			cleanup()
			return fmt.Errorf("%s: the file appeared while trustdocs ran: nothing was written", c.Path)
		case err == nil:
			cur, rerr := os.ReadFile(c.Path)
			if !fi.Mode().IsRegular() || rerr != nil || !bytes.Equal(cur, c.Old) {
				cleanup()
				return fmt.Errorf("%s: the file changed while trustdocs ran: nothing was written; run it again", c.Path)
			}
			mode = fi.Mode().Perm()
		case c.Old != nil:
			cleanup()
			return fmt.Errorf("%s: the file disappeared while trustdocs ran: nothing was written", c.Path)
		}
		release := interrupt.Hold()
		f, err := os.CreateTemp(filepath.Dir(c.Path), "."+filepath.Base(c.Path)+".trustdocs-*")
		if err != nil {
			release()
			cleanup()
			return fmt.Errorf("%s: %v: nothing was written", c.Path, unwrap(err))
		}
		mu.Lock()
		st = append(st, staged{c: c, tmp: f.Name(), mode: mode})
		mu.Unlock()
		_, werr := f.Write(c.Data)
		if werr == nil {
			werr = f.Sync()
		}
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(f.Name(), mode)
		}
		release()
		if werr != nil {
			cleanup()
			return fmt.Errorf("%s: %v: nothing was written", c.Path, unwrap(werr))
		}
		interrupt.Pause("import-staged")
	}
	release := interrupt.Hold()
	defer release()
	mu.Lock()
	defer mu.Unlock()
	for i, s := range st {
		if err := rename(s.tmp, s.c.Path); err != nil {
			// Put back what was already replaced.
			for _, r := range st[:i] {
				if r.c.Old == nil {
					os.Remove(r.c.Path)
				} else {
					os.WriteFile(r.c.Path, r.c.Old, r.mode)
				}
			}
			for _, r := range st[i:] {
				os.Remove(r.tmp)
			}
			return fmt.Errorf("%s: %v: nothing was written", s.c.Path, unwrap(err))
		}
	}
	// The files are flushed before the renames; the renames themselves
	// are in the directories.
	dirs := map[string]bool{}
	for _, s := range st {
		if d := filepath.Dir(s.c.Path); !dirs[d] {
			dirs[d] = true
			durable.SyncDir(d)
		}
	}
	return nil
}
