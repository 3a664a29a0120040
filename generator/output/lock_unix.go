//go:build unix

package output

import (
	"os"
	"syscall"
)

// dirLock is an advisory lock (flock) on a directory, held by a build on
// the directory it writes; the kernel releases it when the process dies,
// however it dies.
type dirLock struct{ f *os.File }

// lockDir locks dir, waiting for a cleaner inspecting it to let go.
func lockDir(dir string) (*dirLock, error) {
	return flockDir(dir, syscall.LOCK_EX)
}

// tryLockDir locks dir or fails at once if someone holds it.
func tryLockDir(dir string) (*dirLock, error) {
	return flockDir(dir, syscall.LOCK_EX|syscall.LOCK_NB)
}

func flockDir(dir string, how int) (*dirLock, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dirLock{f}, nil
}

func (l *dirLock) unlock() {
	if l != nil {
		l.f.Close() // closing releases the lock
	}
}

// is reports whether the locked directory is still the one named dir (a
// cleaner may have removed it between its making and the lock).
func (l *dirLock) is(dir string) bool {
	if l == nil {
		return false
	}
	held, err := l.f.Stat()
	if err != nil {
		return false
	}
	named, err := os.Lstat(dir)
	return err == nil && os.SameFile(held, named)
}
