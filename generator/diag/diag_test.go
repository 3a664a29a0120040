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
