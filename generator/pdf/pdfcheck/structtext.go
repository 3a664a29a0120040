package pdfcheck

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// StructText is `pdfinfo -struct-text` of the PDF at path: the structure
// tree with the text of each element, as poppler (a screen reader's
// library) reads it.
//
// It reads a copy whose catalogue names no output intent (the key
// /OutputIntents renamed to /OutputIntentX, same length, so every offset
// holds): poppler builds a colour transform (lcms) from the output intent's
// ICC profile for every marked-content lookup, which took 85 % of its time
// (30 s CPU for the security concept, 0.6 s without). The structure tree and
// the page contents are the same bytes; the output intent is checked by
// Check, not here.
func StructText(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	key := []byte("/OutputIntents")
	if n := bytes.Count(data, key); n > 1 {
		return "", fmt.Errorf("%s names /OutputIntents %d times in plain text", path, n)
	}
	data = bytes.Replace(data, key, []byte("/OutputIntentX"), 1)
	dir, err := os.MkdirTemp("", "pdfcheck-struct-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, filepath.Base(path))
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		return "", err
	}
	out, err := exec.Command("pdfinfo", "-struct-text", copyPath).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("pdfinfo -struct-text %s: %v\n%s", path, err, out)
	}
	return string(out), nil
}
