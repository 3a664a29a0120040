package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"trustdocs/generator/interrupt"
)

// interrupted runs the binary until it reaches the pause point (the test
// hook of package interrupt), checks that it has begun its temporary
// files there (seen by glob), sends sig and gives its exit status.
func interrupted(t *testing.T, bin, dir, point, glob string, sig syscall.Signal, env []string, args ...string) int {
	t.Helper()
	ready := filepath.Join(t.TempDir(), "paused")
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), env...), interrupt.PauseEnv+"="+point+":"+ready)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the pause point: a wait, not a timed assertion (the
	// deadline only ends a test that would otherwise hang).
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("trustdocs %v never reached %s:\n%s", args, point, stderr.String())
		}
	}
	if l, _ := filepath.Glob(glob); len(l) == 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("at %s, trustdocs %v has no temporary file %s: the test would prove nothing", point, args, glob)
	}
	cmd.Process.Signal(sig)
	cmd.Wait()
	if strings.Contains(stderr.String(), "panic") {
		t.Fatalf("trustdocs %v panicked on %v:\n%s", args, sig, stderr.String())
	}
	return cmd.ProcessState.ExitCode()
}

// SIGINT or SIGTERM in the middle of writing the output removes the
// build's .out.new-* directory and exits 130 or 143; the previous output
// stays as it was.
func TestInterruptedBuildCleansUp(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		work := t.TempDir()
		tree := filepath.Join(work, "content")
		copyTree(t, minimal, tree)
		out := filepath.Join(work, "out")
		if r := runBinary(t, bin, work, nil, "build", "--content", tree, "--out", out); r.code != 0 {
			t.Fatal(r.stderr)
		}
		before := readOutput(t, out)
		changeName(t, tree)
		code := interrupted(t, bin, work, "output-write", filepath.Join(work, ".out.new-*"), sig, nil, "build", "--content", tree, "--out", out)
		if want := 128 + int(sig); code != want {
			t.Errorf("%v: exit %d, want %d", sig, code, want)
		}
		if left, _ := filepath.Glob(filepath.Join(work, ".out.*")); len(left) > 0 {
			t.Errorf("%v: left beside the output: %v", sig, left)
		}
		if d := treeDiff(readOutput(t, out), before); d != "" {
			t.Errorf("%v: the previous output changed:\n%s", sig, d)
		}
	}
}

// SIGINT or SIGTERM during translate import, while it checks the import on
// its copy of the content and after it has staged a file beside its
// target, removes those temporary files; the content is unchanged.
func TestInterruptedImportCleansUp(t *testing.T) {
	bin := buildBinary(t)
	tree := freshTree(t)
	xlf := filepath.Join(t.TempDir(), "en.xlf")
	if code, _, stderr := runCLI("translate", "export", "--lang", "en", "--all", "--out", xlf, "--content", tree); code != exitOK {
		t.Fatalf("export: %s", stderr)
	}
	data, _ := os.ReadFile(xlf)
	x := strings.Replace(string(data), ">Virtual machines at Hoster.</target>", ">Virtual machines and storage at Hoster.</target>", 1)
	if x == string(data) {
		t.Fatal("the export has no target to change")
	}
	os.WriteFile(xlf, []byte(x), 0o644)
	before := snapshotTree(t, tree)
	for _, c := range []struct {
		point, glob string
		sig         syscall.Signal
	}{
		{"import-trial", "trustdocs-import-*", syscall.SIGINT},
		{"import-staged", "content/subsystems/.*.trustdocs-*", syscall.SIGTERM},
	} {
		tmp := t.TempDir()
		glob := filepath.Join(tmp, c.glob)
		if strings.HasPrefix(c.glob, "content/") {
			glob = filepath.Join(tree, strings.TrimPrefix(c.glob, "content/"))
		}
		code := interrupted(t, bin, filepath.Dir(tree), c.point, glob, c.sig, []string{"TMPDIR=" + tmp}, "translate", "import", xlf, "--content", tree)
		if want := 128 + int(c.sig); code != want {
			t.Errorf("%s, %v: exit %d, want %d", c.point, c.sig, code, want)
		}
		if left, _ := filepath.Glob(glob); len(left) > 0 {
			t.Errorf("%s, %v: left %v", c.point, c.sig, left)
		}
		after := snapshotTree(t, tree)
		for p := range after {
			if after[p] != before[p] {
				t.Errorf("%s, %v: %s changed or appeared", c.point, c.sig, p)
			}
		}
		for p := range before {
			if _, ok := after[p]; !ok {
				t.Errorf("%s, %v: %s is gone", c.point, c.sig, p)
			}
		}
	}
}
