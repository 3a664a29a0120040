package build

import (
	"os"
	"runtime/pprof"

	"trustdocs/generator/diag"
)

// BuildAll builds what `trustdocs build` writes: the one edition of
// o.Audience into o.Out, or, without it, every edition into OUT/<audience>/
// with the leak check between them. Content that names no audiences and
// marks nothing has one edition, built into o.Out as before.
func BuildAll(o Options) (*Result, *diag.List, error) {
	if o.Audience != "" || Editions(o.Content) == nil {
		return Build(o)
	}
	res, diags, err := BuildEditions(o)
	if res == nil {
		return nil, diags, err
	}
	return &res.Result, diags, err
}

// StartCPUProfile profiles the process into file until the function it
// gives is called (build --cpuprofile).
func StartCPUProfile(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
