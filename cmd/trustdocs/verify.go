package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"trustdocs/generator/integrity"
)

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify DIR", "Checks a published output directory: every file that SHA256SUMS lists has\nthat checksum, every file is listed (none added), and with --pub-key SHA256SUMS.sig is a\nvalid Ed25519 signature of SHA256SUMS. Prints each problem with the file at\nfault and exits 1 on any.", stdout, stderr)
	pubFile := fs.String("pub-key", "", "public key `file` (PEM) to check SHA256SUMS.sig with; without it the signature is not checked")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this `duration` (a directory on a hung network share must not hang a script)")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "trustdocs verify: give one directory, e.g. trustdocs verify output (see 'trustdocs verify --help')\n")
		return exitUsage
	}
	dir := pos[0]
	var pub ed25519.PublicKey
	if *pubFile != "" {
		k, err := integrity.ReadPublicKey(*pubFile)
		if err != nil {
			fmt.Fprintf(stderr, "trustdocs verify: --pub-key %v\n", err)
			return exitUsage
		}
		pub = k
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	rep, err := integrity.VerifyDir(ctx, dir, pub)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%s: not verified within --timeout %v", dir, *timeout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs verify: %v\n", err)
		return exitContent
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stderr, "%s/%s\n", strings.TrimSuffix(dir, "/"), p)
	}
	if !rep.OK() {
		fmt.Fprintf(stderr, "%s: %d problem(s): do not trust these files\n", dir, len(rep.Problems))
		return exitContent
	}
	sig := "signature not checked (no --pub-key)"
	switch {
	case rep.Verified:
		sig = "signature of SHA256SUMS valid"
	case !rep.Signed:
		sig = "not signed"
	}
	fmt.Fprintf(stdout, "%s: %d files match SHA256SUMS; %s\n", dir, rep.Checked, sig)
	return exitOK
}

func runKeygen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("keygen", "Makes an Ed25519 key pair for signing SHA256SUMS (build --sign-key): the\nprivate key (PKCS #8 PEM, readable by you only) into --out, the public key\n(PKIX PEM) into --out with .pub appended; customers verify with the public\nkey. Same as: openssl genpkey -algorithm ed25519 -out FILE", stdout, stderr)
	out := fs.String("out", "", "`file` for the private key; the public key goes to FILE.pub")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if !noArgs("keygen", pos, stderr) {
		return exitUsage
	}
	if *out == "" {
		fmt.Fprintf(stderr, "trustdocs keygen: give --out FILE, e.g. --out signing.key\n")
		return exitUsage
	}
	key, err := integrity.GenerateKey(rand.Reader)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs keygen: %v\n", err)
		return exitContent
	}
	pubFile, err := integrity.WriteKeyPair(*out, key)
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs keygen: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote the private key to %s (keep it secret: a CI secret, not the repository) and the public key to %s (publish it to customers)\n", *out, pubFile)
	return exitOK
}
