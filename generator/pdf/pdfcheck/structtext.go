package pdfcheck

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Poppler's text tools (pdftotext, pdfinfo -struct-text) build a colour
// transform (lcms) from the output intent's ICC profile for every page
// they read, and pdfinfo -struct-text for every marked-content lookup:
// 80 % of pdftotext's time and 85 % of pdfinfo's (30 s CPU for the
// security concept, 0.6 s without). Text does not depend on colour, so the
// tests hand them a copy whose catalogue names no output intent: the key
// /OutputIntents renamed to /OutputIntentX (same length, so every offset
// holds). The structure tree and the page contents are the same bytes; the
// output intent itself is checked by Check. Rendering tools (pdftoppm) get
// the file itself.

// TextCommand is exec.Command(name, args...); for pdftotext and pdfinfo
// with every argument that names an existing .pdf file replaced by such a
// copy. done removes the copies.
func TextCommand(name string, args ...string) (cmd *exec.Cmd, done func(), err error) {
	var dir string
	done = func() {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	if base := filepath.Base(name); base != "pdftotext" && base != "pdfinfo" {
		return exec.Command(name, args...), done, nil
	}
	args = append([]string(nil), args...)
	for i, a := range args {
		if !strings.HasSuffix(a, ".pdf") {
			continue
		}
		data, err := os.ReadFile(a)
		if err != nil {
			continue // not a file: an output name or an option's value
		}
		if dir == "" {
			if dir, err = os.MkdirTemp("", "pdfcheck-text-"); err != nil {
				return nil, done, err
			}
		}
		copyPath := filepath.Join(dir, fmt.Sprintf("%d-%s", i, filepath.Base(a)))
		if err := os.WriteFile(copyPath, WithoutOutputIntent(data), 0o644); err != nil {
			done()
			return nil, done, err
		}
		args[i] = copyPath
	}
	return exec.Command(name, args...), done, nil
}

// WithoutOutputIntent is the PDF with its catalogue's /OutputIntents key
// renamed (see TextCommand); the PDF itself if the key is not there once
// in plain text.
func WithoutOutputIntent(data []byte) []byte {
	key := []byte("/OutputIntents")
	if bytes.Count(data, key) != 1 {
		return data
	}
	return bytes.Replace(data, key, []byte("/OutputIntentX"), 1)
}

// StructText is `pdfinfo -struct-text` of the PDF at path: the structure
// tree with the text of each element, as poppler (a screen reader's
// library) reads it; on the copy TextCommand makes.
func StructText(path string) (string, error) {
	cmd, done, err := TextCommand("pdfinfo", "-struct-text", path)
	defer done()
	if err != nil {
		return "", err
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("pdfinfo -struct-text %s: %v\n%s", path, err, out)
	}
	return string(out), nil
}
