// Package theme opens a theme: the embedded default theme, shadowed file by
// file by an optional directory (--theme), like Hugo's lookup order. It gives
// the document templates and the UI messages (go-i18n) in every language.
package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"trustdocs/themes"
)

// Theme is an opened theme.
type Theme struct {
	FS     fs.FS
	bundle *i18n.Bundle
}

// Open returns the default theme, shadowed by the files of dir if dir is not
// "". The files of dir are read into memory at once (see readDir): a build
// sees the theme as it was when it began.
func Open(dir string) (*Theme, error) {
	var fsys fs.FS = themes.Default()
	if dir != "" {
		fi, err := os.Stat(dir)
		if err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("theme directory %s not found: give an existing directory with --theme", dir)
		}
		top, err := readDir(dir)
		if err != nil {
			return nil, err
		}
		fsys = overlay{top: top, base: fsys}
	}
	t := &Theme{FS: fsys, bundle: i18n.NewBundle(language.English)}
	t.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	// Message files merge per key, as in Hugo: the default theme's messages
	// are read first, then the override's, so a theme's i18n/de.yaml with one
	// key changes that key and keeps every other.
	layers := []fs.FS{fsys}
	if o, ok := fsys.(overlay); ok {
		layers = []fs.FS{o.base, o.top}
	}
	for _, layer := range layers {
		if err := t.addMessages(layer); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// addMessages adds the message files i18n/*.yaml of one layer; a message
// already added is replaced.
func (t *Theme) addMessages(layer fs.FS) error {
	files, err := fs.Glob(layer, "i18n/*.yaml")
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := fs.ReadFile(layer, f)
		if err != nil {
			return err
		}
		if _, err := t.bundle.ParseMessageFileBytes(data, f); err != nil {
			return fmt.Errorf("theme file %s: %v", f, err)
		}
	}
	return nil
}

// ReadFile reads a theme file.
func (t *Theme) ReadFile(name string) ([]byte, error) { return fs.ReadFile(t.FS, name) }

// Localizer gives the UI messages of one language.
type Localizer struct {
	lang string
	loc  *i18n.Localizer
}

// Localizer returns the messages of lang. A missing message is an error at
// use, not a silent fallback: UI words must exist in every language.
func (t *Theme) Localizer(lang string) *Localizer {
	return &Localizer{lang: lang, loc: i18n.NewLocalizer(t.bundle, lang)}
}

// CountKey is the data key of a counted message: T picks the message's
// plural form (one, other, … as the language's CLDR rules say) by its value,
// so "1 editorial change" and "2 editorial changes" are one message.
const CountKey = "Count"

// T returns the message id, filled with data (a map or struct, may be nil).
// A map with CountKey selects the plural form: the message must have one.
func (l *Localizer) T(id string, data any) (string, error) {
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if m, ok := data.(map[string]any); ok {
		if n, ok := m[CountKey]; ok {
			cfg.PluralCount = n
		}
	}
	msg, tag, err := l.loc.LocalizeWithTag(cfg)
	if err != nil {
		return "", fmt.Errorf("UI message %q (%s): %v", id, l.lang, err)
	}
	if base, _ := tag.Base(); base.String() != l.lang {
		return "", fmt.Errorf("UI message %q has no %s translation in the theme's i18n/%s.yaml", id, l.lang, l.lang)
	}
	return msg, nil
}

// overlay is a file system whose top layer shadows the base layer.
type overlay struct {
	top, base fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		if fi, err := f.Stat(); err == nil && !fi.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

// ReadDir merges both layers, so Glob sees files of either.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, layer := range []fs.FS{o.base, o.top} {
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && firstErr != nil {
		return nil, firstErr
	}
	if len(seen) == 0 {
		if _, err := fs.Stat(o.base, name); err != nil {
			if _, err2 := fs.Stat(o.top, name); err2 != nil {
				return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
			}
		}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
