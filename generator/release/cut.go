package release

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/durable"
)

// Cut writes a new release of files (the snapshot, and the artefacts:
// every .pdf) into contentDir/releases/<version>, records the artefacts'
// hashes and the checksum, and signs it with key if given. It refuses an
// existing version, a version or date lower than the last release's,
// dates out of order, and a snapshot identical to the last one; nothing is
// written unless everything is. The last releases are passed in (Load).
func Cut(contentDir string, info Info, files map[string][]byte, existing []*Release, key ed25519.PrivateKey) error {
	if !ValidVersion(info.Version) {
		return fmt.Errorf("%q is not a version: write it like 1.0, 2.1 or 2.1.3", info.Version)
	}
	for _, d := range []struct{ name, value string }{{"date", info.Date}, {"effective date", info.Effective}, {"objection deadline", info.ObjectionUntil}, {"approval date", info.Approved}} {
		if d.value == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.value); err != nil {
			return fmt.Errorf("invalid %s %q: write YYYY-MM-DD, e.g. 2026-12-01", d.name, d.value)
		}
	}
	if info.Date == "" {
		return fmt.Errorf("a release needs a date (--date YYYY-MM-DD)")
	}
	if info.Effective != "" && info.Effective < info.Date {
		return fmt.Errorf("the effective date %s is before the release date %s", info.Effective, info.Date)
	}
	if d := info.ObjectionUntil; d != "" && (d < info.Date || info.Effective == "" || d >= info.Effective) {
		return fmt.Errorf("the objection deadline %s must lie between the release date %s and the day before the effective date %s", d, info.Date, info.Effective)
	}
	for _, r := range existing {
		if CompareVersions(r.Info.Version, info.Version) == 0 {
			return fmt.Errorf("release %s exists already (%s): releases are immutable; choose a new version", r.Info.Version, r.Dir)
		}
	}
	if n := len(existing); n > 0 {
		last := existing[n-1]
		if CompareVersions(info.Version, last.Info.Version) < 0 {
			return fmt.Errorf("version %s is lower than the last release %s: choose a higher version", info.Version, last.Info.Version)
		}
		if info.Date < last.Info.Date {
			return fmt.Errorf("date %s is before the last release %s (%s): dates must not go back", info.Date, last.Info.Version, last.Info.Date)
		}
		if Equal(snapshotOf(files), last.Snapshot()) {
			return fmt.Errorf("nothing changed since release %s: there is nothing to release", last.Info.Version)
		}
	}
	for n, b := range files {
		if len(b) > MaxFileSize {
			return fmt.Errorf("the snapshot file %s would be %d MiB; a release holds files of at most %d MiB: shorten the content", n, len(b)>>20, MaxFileSize>>20)
		}
	}
	info.Artefacts = nil
	for n, b := range files {
		if IsArtefact(n) {
			if info.Artefacts == nil {
				info.Artefacts = map[string]string{}
			}
			info.Artefacts[n] = FileSum(b)
		}
	}
	var err error
	if info.Checksum, err = Seal(info, files); err != nil {
		return err
	}
	info.Signature = ""
	if key != nil {
		info.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, []byte(info.Checksum)))
	}

	root := filepath.Join(contentDir, Dir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	final := filepath.Join(root, info.Version)
	if _, err := os.Lstat(final); err == nil {
		return fmt.Errorf("%s exists already: releases are immutable; choose a new version", final)
	}
	tmp, err := os.MkdirTemp(root, ".new-"+info.Version+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone after the rename; cleans up on failure
	head, err := marshal(info)
	if err != nil {
		return err
	}
	all := map[string][]byte{InfoFile: head}
	for n, b := range files {
		all[n] = b
	}
	for n, b := range all {
		p := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeNew(p, b); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// A release must survive a crash right after it was cut: its files,
	// its directories and its name are flushed to disk.
	return durable.RenameDir(tmp, final)
}

// writeNew writes a file that must not exist yet.
func writeNew(p string, b []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func snapshotOf(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for n, b := range files {
		if !IsArtefact(n) {
			out[n] = b
		}
	}
	return out
}

// Verify checks every release's signature against pub, the public key
// site.yaml names: a release without a signature, or whose signature does
// not match its checksum, is an error at its release.yaml. (Load has
// already checked that the checksum matches the files, so an edit with a
// recomputed checksum fails here, and so does a release made by hand.)
func Verify(rels []*Release, pub ed25519.PublicKey) *diag.List {
	errs := &diag.List{}
	for _, r := range rels {
		at := diag.At(filepath.Join(r.Dir, InfoFile))
		sig, err := base64.StdEncoding.DecodeString(r.Info.Signature)
		switch {
		case r.Info.Signature == "":
			errs.Errorf(at, "release %s is not signed, but site.yaml names a release key: a release is made by trustdocs release --sign-key; restore it from version control", r.Info.Version)
		case err != nil || !ed25519.Verify(pub, []byte(r.Info.Checksum), sig):
			errs.Errorf(at, "the signature of release %s does not verify with the release key of site.yaml: the release was changed or made without the key; restore it from version control", r.Info.Version)
		}
	}
	return errs
}
