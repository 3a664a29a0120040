package integrity

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// published writes a small signed output into a new directory.
func published(t *testing.T, key ed25519.PrivateKey) string {
	t.Helper()
	files := map[string][]byte{
		"de/toms.pdf":   []byte("%PDF-1.4 toms"),
		"en/toms.pdf":   []byte("%PDF-1.4 toms en"),
		"index.html":    []byte("<!doctype html>"),
		"de/model.json": []byte("{}"),
	}
	if err := Seal(files, key); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for n, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	k, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func pub(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

// problems runs VerifyDir and gives its problems as strings.
func problems(t *testing.T, dir string, key ed25519.PublicKey) []string {
	t.Helper()
	rep, err := VerifyDir(context.Background(), dir, key)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range rep.Problems {
		out = append(out, p.String())
	}
	return out
}

func wantProblem(t *testing.T, got []string, want string) {
	t.Helper()
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("problems %q, want one starting %q", got, want)
	}
}

func TestVerifyIntact(t *testing.T) {
	key := newKey(t)
	dir := published(t, key)
	rep, err := VerifyDir(context.Background(), dir, pub(key))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Checked != 4 || !rep.Signed || !rep.Verified {
		t.Errorf("report %+v, want 4 checked, signed, verified, no problems", rep)
	}
	// Without a public key the sums are still checked.
	if got := problems(t, dir, nil); len(got) != 0 {
		t.Errorf("without key: %q", got)
	}
}

func TestVerifyTamperedPDF(t *testing.T) {
	key := newKey(t)
	dir := published(t, key)
	if err := os.WriteFile(filepath.Join(dir, "de/toms.pdf"), []byte("%PDF-1.4 evil"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, problems(t, dir, pub(key)), "de/toms.pdf: checksum mismatch")
}

func TestVerifyTamperedSums(t *testing.T) {
	key := newKey(t)
	dir := published(t, key)
	// The attacker replaces a PDF and fixes SHA256SUMS to match: only the
	// signature notices.
	evil := []byte("%PDF-1.4 evil")
	if err := os.WriteFile(filepath.Join(dir, "de/toms.pdf"), evil, 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"de/toms.pdf": evil}
	for _, n := range []string{"en/toms.pdf", "index.html", "de/model.json"} {
		files[n], _ = os.ReadFile(filepath.Join(dir, n))
	}
	sums := Sums(files)
	if err := os.WriteFile(filepath.Join(dir, SumsFile), sums, 0o644); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, problems(t, dir, pub(key)), SigFile+": the signature does not match")
	if got := problems(t, dir, nil); len(got) != 0 {
		t.Errorf("without a key a consistent forgery passes the sums, got %q", got)
	}
}

func TestVerifyWrongKey(t *testing.T) {
	dir := published(t, newKey(t))
	wantProblem(t, problems(t, dir, pub(newKey(t))), SigFile+": the signature does not match")
}

func TestVerifyMissingSignature(t *testing.T) {
	key := newKey(t)
	dir := published(t, nil)
	wantProblem(t, problems(t, dir, pub(key)), SigFile+": missing")
}

func TestVerifyMissingAndUnlisted(t *testing.T) {
	dir := published(t, nil)
	if err := os.Remove(filepath.Join(dir, "en/toms.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "de/extra.pdf"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := problems(t, dir, nil)
	if len(got) != 2 || !strings.HasPrefix(got[0], "en/toms.pdf: missing") || !strings.HasPrefix(got[1], "de/extra.pdf: not listed") {
		t.Errorf("problems %q", got)
	}
	if err := os.Remove(filepath.Join(dir, SumsFile)); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, problems(t, dir, nil), SumsFile+": missing")
}

// A SHA256SUMS that names files outside the directory is refused, never
// read through.
func TestVerifySumsOutsideDir(t *testing.T) {
	for _, line := range []string{
		"0000000000000000000000000000000000000000000000000000000000000000  ../secret.pdf",
		"0000000000000000000000000000000000000000000000000000000000000000  /etc/passwd",
		"0000000000000000000000000000000000000000000000000000000000000000  de/../../x",
		"zz  de/toms.pdf",
		"not a line",
	} {
		dir := published(t, nil)
		if err := os.WriteFile(filepath.Join(dir, SumsFile), []byte(line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		wantProblem(t, problems(t, dir, nil), SumsFile+":1: ")
	}
	// A symbolic link inside the directory that leads out is not followed.
	dir := published(t, nil)
	outside := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(outside, []byte("x"), 0o644)
	os.Remove(filepath.Join(dir, "de/toms.pdf"))
	if err := os.Symlink(outside, filepath.Join(dir, "de/toms.pdf")); err != nil {
		t.Skip(err)
	}
	if got := problems(t, dir, nil); len(got) == 0 || !strings.HasPrefix(got[0], "de/toms.pdf: cannot read") {
		t.Errorf("symlink out of the directory: %q", got)
	}
}

// Seal lists every file of the output but the checksums, their signature
// and the output marker, whatever it is (a theme's static/brochure.pdf, a
// page, model.json), and replaces a SHA256SUMS someone put there.
func TestSealListsEveryFile(t *testing.T) {
	files := map[string][]byte{
		"de/a.pdf": []byte("a"), "de/index.html": []byte("<p>"), "static/brochure.pdf": []byte("b"),
		"de/model.json": []byte("{}"), "feed.xml": []byte("<feed/>"), ".trustdocs-output": []byte("m"),
		SumsFile: []byte("forged"), SigFile: []byte("forged"),
	}
	if err := Seal(files, nil); err != nil {
		t.Fatal(err)
	}
	want := Sums(map[string][]byte{"de/a.pdf": []byte("a"), "de/index.html": []byte("<p>"), "static/brochure.pdf": []byte("b"), "de/model.json": []byte("{}"), "feed.xml": []byte("<feed/>")})
	if string(files[SumsFile]) != string(want) {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", files[SumsFile], want)
	}
	if _, ok := files[SigFile]; ok {
		t.Error("an unsigned seal kept a signature")
	}
	files["de/evil\nname.pdf"] = nil
	if err := Seal(files, nil); err == nil {
		t.Error("Seal listed a file name with a line break")
	}
}

// An edited page, model.json or feed fails verify like an edited PDF; a
// file added after publishing is reported.
func TestVerifyEveryFile(t *testing.T) {
	for _, name := range []string{"index.html", "de/model.json"} {
		dir := published(t, nil)
		if err := os.WriteFile(filepath.Join(dir, name), []byte("evil"), 0o644); err != nil {
			t.Fatal(err)
		}
		wantProblem(t, problems(t, dir, nil), name+": checksum mismatch")
	}
	dir := published(t, nil)
	if err := os.WriteFile(filepath.Join(dir, "de/extra.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, problems(t, dir, nil), "de/extra.html: not listed")
}

// A FIFO named like a listed file (an archive can hold one) is reported,
// never opened for reading (which would wait for a writer forever); an
// unlisted FIFO is reported as not listed.
func TestVerifyFIFO(t *testing.T) {
	dir := published(t, nil)
	p := filepath.Join(dir, "de/toms.pdf")
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "de/other.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := VerifyDir(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.String())
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "de/toms.pdf: cannot read: is not a regular file (a FIFO)") || !strings.HasPrefix(got[1], "de/other.pdf: not listed") {
		t.Errorf("problems %q", got)
	}
}

// VerifyDir stops when its context ends.
func TestVerifyTimeout(t *testing.T) {
	dir := published(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := VerifyDir(ctx, dir, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("VerifyDir after its context ended: %v, want context.Canceled", err)
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "signing.key")
	key := newKey(t)
	pubFile, err := WriteKeyPair(file, key)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := WriteKeyPair(file, key); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("second keygen: %v", err)
	}
	k2, err := ReadPrivateKey(file)
	if err != nil || !k2.Equal(key) {
		t.Fatalf("read back: %v", err)
	}
	p2, err := ReadPublicKey(pubFile)
	if err != nil || !p2.Equal(pub(key)) {
		t.Fatalf("read back public: %v", err)
	}
	if _, err := ReadPublicKey(file); err == nil || !strings.Contains(err.Error(), "this is a private key") {
		t.Errorf("private key as public: %v", err)
	}
	if _, err := ReadPrivateKey(pubFile); err == nil || !strings.Contains(err.Error(), "this is a public key") {
		t.Errorf("public key as private: %v", err)
	}
	junk := filepath.Join(dir, "junk")
	os.WriteFile(junk, []byte("hello"), 0o644)
	if _, err := ReadPrivateKey(junk); err == nil || !strings.HasPrefix(err.Error(), junk+": not a PEM") {
		t.Errorf("junk: %v", err)
	}
}

// Keys and signatures interoperate with OpenSSL: its keys sign, and it
// verifies our signatures.
func TestOpenSSLInterop(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	keyFile, pubFile := filepath.Join(dir, "k.pem"), filepath.Join(dir, "k.pub")
	if out, err := exec.Command(openssl, "genpkey", "-algorithm", "ed25519", "-out", keyFile).CombinedOutput(); err != nil {
		t.Skipf("openssl genpkey: %v\n%s", err, out)
	}
	if out, err := exec.Command(openssl, "pkey", "-in", keyFile, "-pubout", "-out", pubFile).CombinedOutput(); err != nil {
		t.Fatalf("openssl pkey: %v\n%s", err, out)
	}
	key, err := ReadPrivateKey(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadPublicKey(pubFile); err != nil {
		t.Fatal(err)
	}
	out := published(t, key)
	cmd := exec.Command(openssl, "pkeyutl", "-verify", "-pubin", "-inkey", pubFile, "-rawin", "-in", SumsFile, "-sigfile", SigFile)
	cmd.Dir = out
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openssl pkeyutl -verify: %v\n%s", err, b)
	}
}
