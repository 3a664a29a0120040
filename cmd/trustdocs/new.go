package main

import (
	"flag"
	"fmt"
	"strings"

	"trustdocs/generator/load"
	"trustdocs/generator/scaffold"
)

var newCommand = &command{
	name:     "new subsystem|vendor|measure|site ID",
	synopsis: "Writes a skeleton for a new subsystem, vendor, measure or site: every field, a\ncomment explaining each, and the texts left empty for you to write. 'trustdocs\ncheck' then lists exactly what is still missing. Refuses an ID that exists.",
	nargs:    2,
	argsHint: fmt.Sprintf("give a kind (%s) and an id, e.g. 'trustdocs new subsystem backup-server'", strings.Join(scaffold.Kinds, ", ")),
	shared:   []flagSpec{{name: "content"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		return func() error {
			kind, id := c.args[0], c.args[1]
			if err := scaffold.CheckArgs(kind, id); err != nil {
				return usageErr("%v", err)
			}
			// Errors elsewhere in the content (other skeletons not yet filled in)
			// do not stop a new skeleton; only the languages must be known.
			site, diags := load.Load(c.content)
			if len(site.Languages) == 0 {
				diags.Print(c.stderr)
				return failed("%s: site.yaml must load (with its languages) before 'trustdocs new'", c.content)
			}
			sk, err := scaffold.Make(site, kind, id)
			if err == nil {
				err = scaffold.Write(sk)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "wrote %s: fill in its fields and texts; 'trustdocs check --content %s' lists what is still missing\n", sk.Path, c.content)
			return nil
		}
	},
}
