//! Advisory file locks (`flock`): the kernel drops them when their holder dies, even by
//! SIGKILL, so a crashed rpod never leaves the store locked.

use nix::fcntl::{Flock, FlockArg};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// An exclusive lock, held until dropped.
#[derive(Debug)]
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

    /// Whether `path` still names the file locked: a lock file whose directory another
    /// process moved away or deleted while this one waited for it guards nothing there.
    pub fn is_at(&self, path: &Path) -> bool {
        use std::ops::Deref;
        use std::os::unix::fs::MetadataExt;
        match (
            self._lock.deref().metadata(),
            std::fs::symlink_metadata(path),
        ) {
            (Ok(held), Ok(there)) => (held.dev(), held.ino()) == (there.dev(), there.ino()),
            _ => false,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_knows_whether_its_file_is_still_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let lock = FileLock::exclusive(&path).unwrap();
        assert!(lock.is_at(&path));
        std::fs::remove_file(&path).unwrap();
        assert!(!lock.is_at(&path));
        let _other = FileLock::exclusive(&path).unwrap();
        assert!(!lock.is_at(&path), "another file under the same name");
    }
}
