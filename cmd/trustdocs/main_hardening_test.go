package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// buildBinary builds the trustdocs command into a temporary directory of
// the test, for the tests that run it as a process: killing it, giving it
// another environment, measuring its memory. (The go build cache makes all
// but the first a link step.)
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "trustdocs")
	if out, err := exec.Command("go", "build", "-trimpath", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
	peakKB         int64 // peak resident memory in KiB, where the system tells (Linux)
}

// runBinary runs the binary bin in dir with env added to the environment.
func runBinary(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("trustdocs %v: %v", args, err)
	}
	done := make(chan struct{})
	peak := watchPeak(cmd.Process.Pid, done)
	err := cmd.Wait()
	close(done)
	r := result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start), peakKB: <-peak}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("trustdocs %v: %v", args, err)
		}
	}
	r.code = cmd.ProcessState.ExitCode()
	if strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("trustdocs %v panicked:\n%s", args, r.stderr)
	}
	return r
}

// readOutput gives every file under dir (relative slash path → bytes).
func readOutput(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// treeDiff says how two trees differ, or "" if they hold the same bytes.
func treeDiff(a, b map[string][]byte) string {
	var diffs []string
	for n, x := range a {
		if y, ok := b[n]; !ok {
			diffs = append(diffs, "only in the first: "+n)
		} else if !bytes.Equal(x, y) {
			diffs = append(diffs, "differs: "+n)
		}
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			diffs = append(diffs, "only in the second: "+n)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("… %d more", len(diffs)-10))
	}
	return strings.Join(diffs, "\n")
}

// SOURCE_DATE_EPOCH past the year 9999 is refused (it wrote a PDF date of
// the year 1000); the last second of 9999 is accepted.
func TestSourceDateEpochRange(t *testing.T) {
	for v, ok := range map[string]bool{"253402300800": false, "99999999999999": false, "-1": false, "x": false, "253402300799": true, "0": true, "": true} {
		t.Setenv("SOURCE_DATE_EPOCH", v)
		got, err := sourceDateEpoch()
		if (err == nil) != ok {
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v, want ok=%v", v, err, ok)
		}
		if err == nil && v != "" && got.Year() > 9999 {
			t.Errorf("SOURCE_DATE_EPOCH=%q gives the year %d", v, got.Year())
		}
	}
}
