package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A build killed (SIGKILL) at any moment leaves the output as it was
// before, complete and byte for byte, or complete and new; never missing,
// never mixed. The next build cleans up whatever the killed ones left
// beside the output. Twenty kills at moments drawn from a seeded random
// source over the length of a build: sixteen of a small tree, then four of
// the full content/.
func TestKilledBuildKeepsOutput(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and kills the binary 20 times")
	}
	bin := buildBinary(t)
	work := t.TempDir()
	out := filepath.Join(work, "out")
	// Two versions of each tree, with different outputs.
	trees := map[string]string{}
	for _, c := range []struct{ name, src string }{{"small", minimal}, {"full", "../../content"}} {
		for _, v := range []string{"a", "b"} {
			dir := filepath.Join(work, c.name+"-"+v)
			copyTree(t, c.src, dir)
			if v == "b" {
				changeName(t, dir)
			}
			trees[c.name+"-"+v] = dir
		}
	}
	// A build of one tree: content/ as its public edition only, a third of
	// the work of all three, written by the same output.Write (the kill
	// lands anywhere in a build of either size).
	buildArgs := func(tree string) []string {
		args := []string{"build", "--content", trees[tree]}
		if strings.HasPrefix(tree, "full") {
			args = append(args, "--audience", "public")
		}
		return args
	}
	// The output each tree gives, and how long its build takes.
	refs := map[string]map[string][]byte{}
	took := map[string]time.Duration{}
	for name := range trees {
		ref := filepath.Join(work, "ref-"+name)
		r := runBinary(t, bin, work, nil, append(buildArgs(name), "--out", ref)...)
		if r.code != 0 {
			t.Fatalf("reference build of %s: %s", name, r.stderr)
		}
		refs[name], took[name] = readOutput(t, ref), r.elapsed
	}

	rng := rand.New(rand.NewPCG(7, 2026))
	kept, replaced, leftovers := 0, 0, 0
	current := ""
	for i := 0; i < 20; i++ {
		size := "small"
		if i >= 16 {
			size = "full"
		}
		// Start from a known output of this size, then kill a build of
		// the other version.
		if !strings.HasPrefix(current, size) {
			if r := runBinary(t, bin, work, nil, append(buildArgs(size+"-a"), "--out", out)...); r.code != 0 {
				t.Fatal(r.stderr)
			}
			current = size + "-a"
		}
		next := size + "-b"
		if current == next {
			next = size + "-a"
		}
		delay := time.Duration(rng.Float64() * 1.1 * float64(took[next]))
		cmd := exec.Command(bin, append(buildArgs(next), "--out", out)...)
		cmd.Dir = work
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill() // SIGKILL; fails harmlessly if it finished
		cmd.Wait()
		if l, _ := filepath.Glob(filepath.Join(work, ".out.*")); len(l) > 0 {
			leftovers++
		}
		got := readOutput(t, out)
		switch {
		case treeDiff(got, refs[current]) == "":
			kept++
		case treeDiff(got, refs[next]) == "":
			replaced++
			current = next
		default:
			t.Fatalf("kill %d after %v (build of %s takes %v): the output is neither the previous nor the new one:\n%s", i, delay, next, took[next], treeDiff(got, refs[current]))
		}
	}
	t.Logf("20 kills: %d left the previous output, %d came after the new one was in place; %d left a directory beside the output (each removed by the next build)", kept, replaced, leftovers)

	left, _ := filepath.Glob(filepath.Join(work, ".out.*"))
	r := runBinary(t, bin, work, nil, "build", "--content", trees["small-a"], "--out", out)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	if d := treeDiff(readOutput(t, out), refs["small-a"]); d != "" {
		t.Errorf("the build after the kills is wrong:\n%s", d)
	}
	// Nothing is left beside the output after a complete build: an empty
	// directory of a build killed between making it and writing its marker
	// is ours by its name and removed at once.
	if after, _ := filepath.Glob(filepath.Join(work, ".out.*")); len(after) > 0 {
		t.Errorf("left beside the output after a complete build: %v", after)
	}
	t.Logf("the last kill left %d directories beside the output; the next build removed them", len(left))
}

// changeName appends to the organisation's name in a tree's site.yaml,
// which changes every document.
func changeName(t *testing.T, tree string) {
	t.Helper()
	f := filepath.Join(tree, "site.yaml")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n  name: ")
	if i < 0 {
		t.Fatalf("%s: no organisation name", f)
	}
	j := i + 1 + strings.IndexByte(s[i+1:], '\n')
	s = s[:j] + " Zwei" + s[j:]
	if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
