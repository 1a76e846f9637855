//! Advisory file locks (`flock`): the kernel drops them when their holder dies, even by
//! SIGKILL, so a crashed rpod never leaves the store locked.

use nix::fcntl::{Flock, FlockArg};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// An exclusive lock, held until dropped.
pub struct FileLock {
    _lock: Flock<File>,
}

impl std::os::fd::AsRawFd for FileLock {
    /// The lock's descriptor, for a process that must keep it across a fork (a monitor).
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        use std::ops::Deref;
        self._lock.deref().as_raw_fd()
    }
}

impl FileLock {
    /// Blocks until the lock at `path` (created if missing) is ours.
    pub fn exclusive(path: &Path) -> io::Result<FileLock> {
        Self::take(path, FlockArg::LockExclusive).map(|l| l.expect("blocking lock"))
    }

    /// Blocks until a shared hold on `path` is ours: many holders at once, no exclusive one.
    pub fn shared(path: &Path) -> io::Result<FileLock> {
        Self::take(path, FlockArg::LockShared).map(|l| l.expect("blocking lock"))
    }

    /// Takes the lock only if nobody holds it.
    pub fn try_exclusive(path: &Path) -> io::Result<Option<FileLock>> {
        Self::take(path, FlockArg::LockExclusiveNonblock)
    }

    fn take(path: &Path, arg: FlockArg) -> io::Result<Option<FileLock>> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)?;
        match Flock::lock(file, arg) {
            Ok(lock) => Ok(Some(FileLock { _lock: lock })),
            Err((_, nix::Error::EWOULDBLOCK)) => Ok(None),
            Err((_, e)) => Err(e.into()),
        }
    }
}
