package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"trustdocs/generator/integrity"
)

var verifyCommand = &command{
	name:     "verify DIR",
	synopsis: "Checks a published output directory: every file that SHA256SUMS lists has\nthat checksum, every file is listed (none added), and with --pub-key SHA256SUMS.sig is a\nvalid Ed25519 signature of SHA256SUMS. Prints each problem with the file at\nfault and exits 1 on any.",
	nargs:    1,
	argsHint: "give one directory, e.g. trustdocs verify output (see 'trustdocs verify --help')",
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		pubFile := fs.String("pub-key", "", "public key `file` (PEM) to check SHA256SUMS.sig with; without it the signature is not checked")
		timeout := fs.Duration("timeout", 10*time.Minute, "give up after this `duration` (a directory on a hung network share must not hang a script)")
		return func() error {
			dir := c.args[0]
			var pub ed25519.PublicKey
			if *pubFile != "" {
				var err error
				if pub, err = integrity.ReadPublicKey(*pubFile); err != nil {
					return usageErr("--pub-key %v", err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), *timeout)
			defer cancel()
			rep, err := integrity.VerifyDir(ctx, dir, pub)
			if errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("%s: not verified within --timeout %v", dir, *timeout)
			} else if err != nil {
				return err
			}
			for _, p := range rep.Problems {
				fmt.Fprintf(c.stderr, "%s/%s\n", strings.TrimSuffix(dir, "/"), p)
			}
			if !rep.OK() {
				return failed("%s: %d problem(s): do not trust these files", dir, len(rep.Problems))
			}
			fmt.Fprintf(c.stdout, "%s: %d files match SHA256SUMS; %s\n", dir, rep.Checked, rep.Signature())
			return nil
		}
	},
}

var keygenCommand = &command{
	name:     "keygen",
	synopsis: "Makes an Ed25519 key pair for signing SHA256SUMS (build --sign-key): the\nprivate key (PKCS #8 PEM, readable by you only) into --out, the public key\n(PKIX PEM) into --out with .pub appended; customers verify with the public\nkey. Same as: openssl genpkey -algorithm ed25519 -out FILE",
	shared:   []flagSpec{{name: "out", usage: "`file` for the private key; the public key goes to FILE.pub"}},
	flags: func(fs *flag.FlagSet, c *cli) func() error {
		return func() error {
			if c.out == "" {
				return usageErr("give --out FILE, e.g. --out signing.key")
			}
			key, err := integrity.GenerateKey(rand.Reader)
			if err != nil {
				return err
			}
			pubFile, err := integrity.WriteKeyPair(c.out, key)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "wrote the private key to %s (keep it secret: a CI secret, not the repository) and the public key to %s (publish it to customers)\n", c.out, pubFile)
			return nil
		}
	},
}
