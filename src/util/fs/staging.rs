//! Staging directories (`tmp/<name>/`), where layers are downloaded and unpacked before they
//! are renamed into place. Each is guarded by a lock file held while its owner works, so a
//! staging directory whose lock is free belongs to a dead rpod and is swept away.

use super::lock::FileLock;
use super::{dirs, random};
use nix::fcntl::{Flock, FlockArg};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

pub struct Staging {
    pub dir: PathBuf,
    lock_path: PathBuf,
    _lock: FileLock,
}

impl Staging {
    pub fn create(tmp_root: &Path) -> io::Result<Staging> {
        dirs::ensure_private(tmp_root)?;
        let name = format!("{}-{:016x}", std::process::id(), random::u64());
        let lock_path = tmp_root.join(format!("{name}.lock"));
        let lock = FileLock::exclusive(&lock_path)?;
        let dir = tmp_root.join(&name);
        dirs::create(&dir, dirs::PRIVATE)?;
        Ok(Staging {
            dir,
            lock_path,
            _lock: lock,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = remove_tree(&self.dir);
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Removes staging directories and trash left by rpod processes that died (their locks
/// are free).
pub fn sweep(tmp_root: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp_root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "lock") {
            if let Ok(Some(_lock)) = FileLock::try_exclusive(&path) {
                let _ = remove_tree(&path.with_extension(""));
                let _ = std::fs::remove_file(&path);
            }
        } else if path.extension().is_some_and(|e| e == "trash") {
            if let Ok(Some(_lock)) = lock_dir(&path, FlockArg::LockExclusiveNonblock) {
                let _ = remove_tree(&path);
            }
        }
    }
}

/// A directory on its way out, locked while its owner deletes it.
pub struct Trash {
    pub path: PathBuf,
    _lock: Flock<File>,
}

/// Moves `dir` into `tmp_root` as `<random>.trash` with one rename — it is gone from where it
/// was at once — holding a lock on it (a `flock` on the directory itself, which follows it
/// through the rename) so that `sweep` leaves it to its owner, or removes it if the owner
/// died. Deleting it is the caller's (see [`Trash::delete`]).
pub fn move_to_trash(tmp_root: &Path, dir: &Path) -> io::Result<Trash> {
    let lock = lock_dir(dir, FlockArg::LockExclusive)?.expect("blocking lock");
    let path = tmp_root.join(format!("{:016x}.trash", random::u64()));
    if let Err(e) = std::fs::rename(dir, &path) {
        if e.kind() != io::ErrorKind::NotFound {
            return Err(e);
        }
        dirs::ensure_private(tmp_root)?;
        std::fs::rename(dir, &path)?;
    }
    Ok(Trash { path, _lock: lock })
}

/// Takes the lock of trash that `move_to_trash`'s caller left to others, waiting while its
/// holder still has it.
pub fn lock_trash(path: &Path) -> io::Result<Trash> {
    let lock = lock_dir(path, FlockArg::LockExclusive)?.expect("blocking lock");
    Ok(Trash {
        path: path.to_path_buf(),
        _lock: lock,
    })
}

impl Trash {
    pub fn delete(self) -> io::Result<()> {
        remove_tree(&self.path)
    }
}

fn lock_dir(dir: &Path, arg: FlockArg) -> io::Result<Option<Flock<File>>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY)
        .open(dir)?;
    match Flock::lock(file, arg) {
        Ok(lock) => Ok(Some(lock)),
        Err((_, nix::Error::EWOULDBLOCK)) => Ok(None),
        Err((_, e)) => Err(e.into()),
    }
}

/// `remove_dir_all` that tolerates a missing directory and first makes directories writable
/// and searchable (layers contain 0500 and 0000 directories; inside the user namespace root may
/// override that, but a single-id mapping or a host-side cleanup may not). rpod's one answer to
/// overlayfs's mode-000 `work/work` too.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            make_writable(path);
            std::fs::remove_dir_all(path)
        }
        other => other,
    }
}

fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
        if let Ok(entries) = std::fs::read_dir(path) {
            for e in entries.flatten() {
                make_writable(&e.path());
            }
        }
    }
}
