package theme

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A theme directory is read like content: a symbolic link (here to a
// signing key), a FIFO, a file over the size limit and a name with a
// control character are each an error at their file, all at once, and
// nothing is read from them (the FIFO would hang, the 2.5 GB file be read
// whole).
func TestHostileThemeDir(t *testing.T) {
	dir := t.TempDir()
	static := filepath.Join(dir, "static")
	if err := os.MkdirAll(static, 0o755); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(t.TempDir(), "signing.key")
	os.WriteFile(key, []byte("-----BEGIN PRIVATE KEY-----"), 0o600)
	if err := os.Symlink(key, filepath.Join(static, "k.css")); err != nil {
		t.Skip(err)
	}
	if err := syscall.Mkfifo(filepath.Join(static, "fifo.css"), 0o644); err != nil {
		t.Skip(err)
	}
	big, err := os.Create(filepath.Join(static, "big.woff2"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(2500 << 20) // sparse: no disk used
	big.Close()
	os.WriteFile(filepath.Join(static, "evil\u202e\nname.css"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(static, "fine.css"), []byte("body{}"), 0o644)

	_, err = Open(dir)
	if err == nil {
		t.Fatal("a hostile theme opened")
	}
	got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	for _, want := range []string{
		"static/big.woff2:1:1: file is too large (2500 MiB; at most 16 MiB)",
		"static/fifo.css:1:1: not a regular file",
		"static/k.css:1:1: symbolic links are not followed in a theme",
		`holds a control character`,
		`"static/evil\u202e\nname.css"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "PRIVATE KEY") || strings.Contains(got, "fine.css") {
		t.Errorf("the error shows more than the problems:\n%s", got)
	}
	// Without them, the theme opens and shadows the default.
	for _, name := range []string{"k.css", "fifo.css", "big.woff2", "evil\u202e\nname.css"} {
		os.Remove(filepath.Join(static, name))
	}
	th, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := th.ReadFile("static/fine.css"); err != nil || string(data) != "body{}" {
		t.Errorf("static/fine.css: %q, %v", data, err)
	}
	if _, err := th.ReadFile("static/site.css"); err != nil {
		t.Errorf("the default static/site.css is not shadowed but gone: %v", err)
	}
}
