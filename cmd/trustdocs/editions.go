package main

import (
	"trustdocs/generator/build"
	"trustdocs/generator/diag"
)

// buildEditions builds the one edition of --audience into the output
// directory, or, without it, every edition into OUT/<audience>/ with the
// leak check between them.
func buildEditions(o build.Options) (*build.Result, *diag.List, error) {
	if o.Audience != "" {
		return build.Build(o)
	}
	res, diags, err := build.BuildEditions(o)
	if res == nil {
		return nil, diags, err
	}
	return &res.Result, diags, err
}
