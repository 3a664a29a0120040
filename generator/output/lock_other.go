//go:build !unix

package output

import "os"

// dirLock is a no-op where flock is missing: there, a build's cleanup
// could remove the directory of a build running at the same time into the
// same output; run one build per output directory at a time.
type dirLock struct{}

func lockDir(dir string) (*dirLock, error) { return &dirLock{}, nil }

func tryLockDir(dir string) (*dirLock, error) {
	if _, err := os.Lstat(dir); err != nil {
		return nil, err
	}
	return &dirLock{}, nil
}

func (l *dirLock) unlock() {}

func (l *dirLock) is(dir string) bool {
	_, err := os.Lstat(dir)
	return err == nil
}
