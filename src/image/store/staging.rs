//! Staging directories (`tmp/<name>/`), where layers are downloaded and unpacked before they
//! are renamed into place. Each is guarded by a lock file held while its owner works, so a
//! staging directory whose lock is free belongs to a dead rpod and is swept away.

use super::lock::FileLock;
use std::io;
use std::path::{Path, PathBuf};

pub struct Staging {
    pub dir: PathBuf,
    lock_path: PathBuf,
    _lock: FileLock,
}

impl Staging {
    pub fn create(tmp_root: &Path) -> io::Result<Staging> {
        std::fs::create_dir_all(tmp_root)?;
        let name = format!("{}-{:016x}", std::process::id(), random_u64());
        let lock_path = tmp_root.join(format!("{name}.lock"));
        let lock = FileLock::exclusive(&lock_path)?;
        let dir = tmp_root.join(&name);
        std::fs::create_dir(&dir)?;
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

/// Removes staging directories left by rpod processes that died (their locks are free).
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
        }
    }
}

/// `remove_dir_all` that tolerates a missing directory and first makes directories writable
/// and searchable (layers contain 0500 and 0000 directories; inside the user namespace root may
/// override that, but a single-id mapping or a host-side cleanup may not).
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

/// A random number from the kernel, for unique names (no RNG crate needed for that).
pub fn random_u64() -> u64 {
    let mut buf = [0u8; 8];
    if getrandom(&mut buf).is_err() {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        return t.as_nanos() as u64 ^ u64::from(std::process::id());
    }
    u64::from_ne_bytes(buf)
}

fn getrandom(buf: &mut [u8]) -> io::Result<()> {
    // SAFETY: buf is a valid writable buffer of buf.len() bytes.
    let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n as usize == buf.len() {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
