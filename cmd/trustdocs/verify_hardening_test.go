package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// keygen, build --sign-key and verify --pub-key work together; verify
// exits 1 naming the file at fault for a tampered PDF, a tampered
// SHA256SUMS, a wrong key and a missing signature.
func TestSignAndVerify(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	key, other := filepath.Join(dir, "signing.key"), filepath.Join(dir, "other.key")
	for _, k := range []string{key, other} {
		if code, _, stderr := runCLI("keygen", "--out", k); code != exitOK {
			t.Fatal(stderr)
		}
	}
	if code, _, stderr := runCLI("keygen", "--out", key); code != exitContent || !strings.Contains(stderr, "exists already") {
		t.Errorf("keygen over an existing key: exit %d, %q", code, stderr)
	}
	signed, unsigned := filepath.Join(dir, "signed"), filepath.Join(dir, "unsigned")
	if code, _, stderr := runCLI("build", "--content", minimal, "--out", signed, "--sign-key", key); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCLI("build", "--content", minimal, "--out", unsigned); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := runCLI("verify", signed, "--pub-key", key+".pub")
	if code != exitOK || !strings.Contains(stdout, "signature of SHA256SUMS valid") {
		t.Fatalf("verify: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCLI("verify", unsigned); code != exitOK || !strings.Contains(stdout, "not signed") {
		t.Errorf("verify unsigned without key: exit %d, %q", code, stdout)
	}
	for _, c := range []struct {
		name   string
		dir    string
		key    string
		tamper func(dir string)
		want   string
	}{
		{"wrong key", signed, other + ".pub", nil, "/SHA256SUMS.sig: the signature does not match"},
		{"missing signature", unsigned, key + ".pub", nil, "/SHA256SUMS.sig: missing"},
		{"tampered PDF", signed, key + ".pub", func(d string) {
			f := filepath.Join(d, "de", "toms.pdf")
			b, _ := os.ReadFile(f)
			os.WriteFile(f, append(b, ' '), 0o644)
		}, "/de/toms.pdf: checksum mismatch"},
		{"tampered SHA256SUMS", signed, key + ".pub", func(d string) {
			f := filepath.Join(d, "SHA256SUMS")
			b, _ := os.ReadFile(f)
			os.WriteFile(f, []byte(strings.Replace(string(b), "de/", "./de/", 1)), 0o644)
		}, "/SHA256SUMS.sig: the signature does not match"},
	} {
		work := filepath.Join(t.TempDir(), "site")
		copyTree(t, c.dir, work)
		if c.tamper != nil {
			c.tamper(work)
		}
		code, stdout, stderr := runCLI("verify", work, "--pub-key", c.key)
		if code != exitContent || !strings.Contains(stderr, work+c.want) || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s", c.name, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{{"verify"}, {"verify", "a", "b"}, {"verify", signed, "--pub-key", key}, {"build", "--content", minimal, "--out", unsigned, "--sign-key", key + ".pub"}, {"keygen"}} {
		if code, _, stderr := runCLI(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
	}
}
