package diag

import "testing"

func TestOr(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	} {
		if got := Or(c.in); got != c.want {
			t.Errorf("Or(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Or(Quoted([]string{"relevant", "not-relevant"})); got != `"relevant" or "not-relevant"` {
		t.Errorf("Or(Quoted) = %s", got)
	}
}

// A file name with a line break, a bidi override or another invisible
// character is printed quoted and escaped; an ordinary one as it is.
func TestQuotedFileNames(t *testing.T) {
	for file, want := range map[string]string{
		"content/pages/a.de.md":      "content/pages/a.de.md:3:1",
		"content/Größe ä.yaml":       "content/Größe ä.yaml:3:1",
		"content/x\n/y.yaml:1:1: ok": `"content/x\n/y.yaml:1:1: ok":3:1`,
		"content/evil\u202eldm.yaml": `"content/evil\u202eldm.yaml":3:1`,
		"content/a\x1b[2Kb.yaml":     `"content/a\x1b[2Kb.yaml":3:1`,
	} {
		if got := (Pos{File: file, Line: 3, Col: 1}).String(); got != want {
			t.Errorf("%q: %s, want %s", file, got, want)
		}
	}
}
