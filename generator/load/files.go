package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
)

// MaxFileSize bounds what one content file may hold; content is hand-written
// text, so anything larger is a mistake (or an attack) and is refused unread.
const MaxFileSize = 8 << 20

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readFile reads a content file with the checks every file gets: a regular
// file inside the tree (no symlinks), not too large, not empty, valid UTF-8.
func readFile(path string, errs *diag.List) ([]byte, bool) {
	pos := diag.At(path)
	fi, err := os.Lstat(path)
	if err != nil {
		errs.Errorf(pos, "cannot read file: %v", unwrapPathErr(err))
		return nil, false
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		errs.Errorf(pos, "symbolic links are not followed: replace the link with the file itself")
		return nil, false
	}
	if !fi.Mode().IsRegular() {
		errs.Errorf(pos, "not a regular file: content files must be plain files")
		return nil, false
	}
	if fi.Size() > MaxFileSize {
		errs.Errorf(pos, "file is too large (%d MiB; at most %d MiB): split it into several files", fi.Size()>>20, MaxFileSize>>20)
		return nil, false
	}
	f, err := os.Open(path)
	if err != nil {
		errs.Errorf(pos, "cannot read file: %v", unwrapPathErr(err))
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		errs.Errorf(pos, "cannot read file: %v", unwrapPathErr(err))
		return nil, false
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Errorf(pos, "file is empty: write its content or delete it")
		return nil, false
	}
	if !utf8.Valid(data) {
		line, col := firstInvalidUTF8(data)
		errs.Errorf(diag.Pos{File: path, Line: line, Col: col}, "file is not valid UTF-8 (byte 0x%02X): save it as UTF-8", invalidByte(data))
		return nil, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		errs.Errorf(diag.Pos{File: path, Line: line, Col: col}, "file contains a NUL byte: is it a binary file?")
		return nil, false
	}
	if i, c := firstControl(string(data)); i >= 0 {
		line, col := lineCol(data, i)
		errs.Errorf(diag.Pos{File: path, Line: line, Col: col}, "file contains the control character %U: %s", c, controlAdvice)
		return nil, false
	}
	return data, true
}

const controlAdvice = "remove it (control characters are invisible, and HTML, XML and PDF cannot carry them)"

// firstControl finds the first character that no text may hold: a C0 or
// C1 control other than tab, line feed and carriage return, DEL, or the
// non-characters U+FFFE and U+FFFF. It gives its byte offset, or -1.
func firstControl(s string) (int, rune) {
	for i, c := range s {
		if isControl(c) {
			return i, c
		}
	}
	return -1, 0
}

func isControl(c rune) bool {
	switch {
	case c == '\t' || c == '\n' || c == '\r':
		return false
	case c < 0x20, c >= 0x7F && c <= 0x9F, c == 0xFFFE, c == 0xFFFF:
		return true
	}
	return false
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func firstInvalidUTF8(data []byte) (line, col int) {
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return lineCol(data, i)
}

func invalidByte(data []byte) byte {
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return data[i]
		}
		i += size
	}
	return 0
}

// lineCol converts a byte offset to a 1-based line and column (in runes).
func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses one YAML document into its root node (nil on error).
func parseYAML(path string, data []byte, errs *diag.List) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		reportYAMLError(path, data, err, errs)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		errs.Errorf(diag.Pos{File: path, Line: extra.Line, Col: extra.Column}, "a second YAML document (after ---) is not allowed: one file holds one document")
	} else if err != io.EOF {
		reportYAMLError(path, data, err, errs)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		errs.Errorf(diag.At(path), "file holds no YAML content")
		return nil
	}
	return doc.Content[0]
}

func reportYAMLError(path string, data []byte, err error, errs *diag.List) {
	msg := err.Error()
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		line, col, text := yamlHint(data, line, m[2])
		errs.Errorf(diag.Pos{File: path, Line: line, Col: col}, "YAML syntax error: %s", text)
		return
	}
	if te := (*yaml.TypeError)(nil); errors.As(err, &te) {
		for _, e := range te.Errors {
			errs.Errorf(diag.At(path), "YAML error: %s", e)
		}
		return
	}
	errs.Errorf(diag.At(path), "YAML syntax error: %s", strings.TrimPrefix(msg, "yaml: "))
}

// listDir returns the entries of dir sorted by name, skipping hidden files.
func listDir(dir string, errs *diag.List) []fs.DirEntry {
	entries, err := os.ReadDir(dir)
	if err != nil {
		errs.Errorf(diag.At(dir), "cannot read directory: %v", unwrapPathErr(err))
		return nil
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	out := entries[:0]
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		out = append(out, e)
	}
	return out
}

func isYAML(name string) bool {
	ext := filepath.Ext(name)
	return ext == ".yaml" || ext == ".yml"
}

func describe(path string) string { return fmt.Sprintf("%q", filepath.ToSlash(path)) }
