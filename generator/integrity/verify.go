package integrity

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"syscall"
)

// Problem is one thing wrong with a published directory.
type Problem struct {
	File string // slash path relative to the directory: "de/toms.pdf", "SHA256SUMS"
	Line int    // for a malformed line of SHA256SUMS; 0 otherwise
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return p.File + ": " + p.Msg
}

// Report is what VerifyDir found.
type Report struct {
	Checked  int  // files whose checksum matched
	Signed   bool // SHA256SUMS.sig exists
	Verified bool // … and its signature was checked against the public key
	Problems []Problem
}

// Signature says what became of the signature: valid, not signed, or not
// checked (no public key).
func (r *Report) Signature() string {
	switch {
	case r.Verified:
		return "signature of SHA256SUMS valid"
	case !r.Signed:
		return "not signed"
	}
	return "signature not checked (no --pub-key)"
}

// OK reports whether nothing was wrong.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(file, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{File: file, Msg: fmt.Sprintf(format, args...)})
}

// maxSums bounds the SHA256SUMS file read (a line per download, ~100 bytes).
const maxSums = 16 << 20

// VerifyDir checks a published output directory: every file SHA256SUMS
// lists exists with that checksum, every other file in the directory is
// reported as not listed, and — when pub is given — SHA256SUMS.sig is a
// valid signature of SHA256SUMS by pub. Files are opened through an
// os.Root, so a tampered SHA256SUMS cannot make it read outside dir; only
// regular files are read (a FIFO, a device or a link named like a listed
// file is a problem, never opened for reading). When ctx ends, VerifyDir
// stops and returns its error. The error is for a directory that cannot
// be read at all, or the end of ctx; everything else is a Problem.
func VerifyDir(ctx context.Context, dir string, pub ed25519.PublicKey) (*Report, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	rep := &Report{}
	sums, err := readAll(ctx, root, SumsFile, maxSums)
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.Is(err, fs.ErrNotExist):
			rep.add(SumsFile, "missing: the directory has no checksum file (is it a trustdocs output?)")
		default:
			rep.add(SumsFile, "cannot read: %v", err)
		}
		return rep, nil
	}
	sig, err := readAll(ctx, root, SigFile, 4<<10)
	switch {
	case err == nil:
		rep.Signed = true
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case !errors.Is(err, fs.ErrNotExist):
		rep.add(SigFile, "cannot read: %v", err)
	case pub != nil:
		rep.add(SigFile, "missing: the output is not signed, but a public key was given (build with --sign-key)")
	}
	if pub != nil && rep.Signed {
		switch {
		case len(sig) != ed25519.SignatureSize:
			rep.add(SigFile, "is %d bytes, not an Ed25519 signature (%d bytes)", len(sig), ed25519.SignatureSize)
		case !ed25519.Verify(pub, sums, sig):
			rep.add(SigFile, "the signature does not match: %s was changed after signing, or it was signed with another key than the one given", SumsFile)
		default:
			rep.Verified = true
		}
	}
	entries, err := ParseSums(sums)
	if err != nil {
		var le *LineError
		if errors.As(err, &le) {
			rep.Problems = append(rep.Problems, Problem{File: SumsFile, Line: le.Line, Msg: le.Msg})
		} else {
			rep.add(SumsFile, "%v", err)
		}
		return rep, nil
	}
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Name] = true
		sum, err := hashFile(ctx, root, e.Name)
		if err != nil {
			switch {
			case ctx.Err() != nil:
				return nil, ctx.Err()
			case errors.Is(err, fs.ErrNotExist):
				rep.add(e.Name, "missing: %s lists it (line %d)", SumsFile, e.Line)
			default:
				rep.add(e.Name, "cannot read: %v", err)
			}
			continue
		}
		if sum != e.Sum {
			rep.add(e.Name, "checksum mismatch: the file is not the one published (%s line %d says %s…, the file has %s…)", SumsFile, e.Line, short(e.Sum), short(sum))
			continue
		}
		rep.Checked++
	}
	var unlisted []string
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.IsDir() && Published(p) && !listed[p] {
			unlisted = append(unlisted, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(unlisted)
	for _, p := range unlisted {
		rep.add(p, "not listed in %s: a file nobody can check (added after publishing?)", SumsFile)
	}
	return rep, nil
}

func short(sum [sha256.Size]byte) string { return hex.EncodeToString(sum[:6]) }

// openRegular opens name for reading only if it is a regular file. The open
// does not block (a FIFO would wait for a writer) and does not follow a
// final symbolic link; what was opened is checked, not what was looked at.
func openRegular(root *os.Root, name string) (*os.File, error) {
	fi, err := root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("is not a regular file (%s)", kind(fi.Mode()))
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, errors.New("is not a regular file")
	}
	return f, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// ctxReader stops a copy when ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

func readAll(ctx context.Context, root *os.Root, name string, limit int64) ([]byte, error) {
	f, err := openRegular(root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(ctxReader{ctx, f}, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}

func hashFile(ctx context.Context, root *os.Root, name string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := openRegular(root, name)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, ctxReader{ctx, f}); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}
