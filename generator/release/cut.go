package release

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Cut writes a new release of files into contentDir/releases/<version>. It
// refuses an existing version, a version or date lower than the last
// release's, and a snapshot identical to the last one; nothing is written
// unless everything is. The last releases are passed in (from Load).
func Cut(contentDir string, info Info, files map[string][]byte, existing []*Release) error {
	if !ValidVersion(info.Version) {
		return fmt.Errorf("%q is not a version: write it like 1.0, 2.1 or 2.1.3", info.Version)
	}
	for _, d := range []struct{ name, value string }{{"date", info.Date}, {"effective date", info.Effective}, {"objection deadline", info.ObjectionUntil}} {
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
		if Equal(files, last.Files) {
			return fmt.Errorf("nothing changed since release %s: there is nothing to release", last.Info.Version)
		}
	}
	for n, b := range files {
		if len(b) > MaxFileSize {
			return fmt.Errorf("the snapshot file %s would be %d MiB; a release holds files of at most %d MiB: shorten the content", n, len(b)>>20, MaxFileSize>>20)
		}
	}
	info.Checksum = Checksum(files)

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
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, final)
}
