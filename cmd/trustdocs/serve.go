package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/signal"
	"syscall"

	"trustdocs/generator/serve"
)

var serveCommand = &command{
	name:     "serve",
	synopsis: "Builds the site into a temporary directory and serves it, rebuilding a moment\nafter the content or theme changes and reloading open pages. A build with\nerrors keeps the last good site, with the errors shown on every page.",
	shared:   []flagSpec{{name: "content"}, {name: "theme"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		addr := fs.String("addr", "127.0.0.1:1313", "`address` to listen on (loopback unless given otherwise)")
		aud := fs.String("audience", "", "serve the edition for this `audience` of site.yaml (default: everything, as the most trusted edition)")
		return func() error {
			s, err := serve.New(c.content, c.theme, c.stderr)
			if err != nil {
				return err
			}
			defer s.Close()
			s.Audience = *aud
			ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer cancel()
			var listen *serve.ListenError
			if err = s.Listen(ctx, *addr, c.stdout); !errors.As(err, &listen) {
				return err
			}
			return usageErr("%v", err)
		}
	},
}
