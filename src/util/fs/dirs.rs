//! Directories with the mode rpod means, whatever the umask: `mkdir` takes the umask off the
//! mode it is given, so a user's `umask 077` would make a container's `/` (its upper
//! directory) unreadable to the container's non-root users, and a narrowed owner part would
//! lock rpod out of its own store. Each directory rpod creates is set to its mode afterwards
//! (one `chmod`, only when it was just created).

use std::fs::{DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::Path;

/// Only its owner may enter, list or change it: the store, its parts, the run root.
pub const PRIVATE: u32 = 0o700;

/// Creates the directory `path` with exactly `mode`; fails if something is there.
pub fn create(path: &Path, mode: u32) -> io::Result<()> {
    DirBuilder::new().mode(mode).create(path)?;
    // We just created it: nothing else can be at the path in a directory of ours.
    std::fs::set_permissions(path, Permissions::from_mode(mode))
}

/// Creates `path` with exactly `mode` unless it exists (then it is left as it is: one `mkdir`
/// when it does), making missing parents private. What is there is not checked to be a
/// directory: using it as one fails soon enough.
pub fn ensure(path: &Path, mode: u32) -> io::Result<()> {
    match create(path, mode) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => ensure(parent, PRIVATE)?,
                _ => return Err(e),
            }
            match create(path, mode) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                other => other,
            }
        }
        other => other,
    }
}

/// `ensure(path, PRIVATE)`.
pub fn ensure_private(path: &Path) -> io::Result<()> {
    ensure(path, PRIVATE)
}

/// Whether a mode lets other users (group or others) in at all.
pub fn is_open(mode: u32) -> bool {
    mode & 0o077 != 0
}

/// Makes the existing directory `path` private if group or others have any access; returns
/// its former mode when it changed it. A missing `path` is left missing.
pub fn make_private(path: &Path) -> io::Result<Option<u32>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => m,
        Ok(_) => return Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mode = meta.mode() & 0o7777;
    if !is_open(mode) {
        return Ok(None);
    }
    std::fs::set_permissions(path, Permissions::from_mode(mode & 0o7700))?;
    Ok(Some(mode))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().mode() & 0o7777
    }

    #[test]
    fn modes_are_exact_whatever_the_umask() {
        // The umask is process-wide: this test sets none, it checks with the one it has and
        // with modes the umask usually narrows (0o777) or leaves (0o700).
        let t = tempfile::tempdir().unwrap();
        let a = t.path().join("a/b/c");
        ensure(&a, 0o755).unwrap();
        assert_eq!(mode(&a), 0o755);
        assert_eq!(mode(&t.path().join("a")), 0o700);
        assert_eq!(mode(&t.path().join("a/b")), 0o700);
        let open = t.path().join("open");
        create(&open, 0o777).unwrap();
        assert_eq!(mode(&open), 0o777);
        // Existing: left alone.
        ensure(&open, PRIVATE).unwrap();
        assert_eq!(mode(&open), 0o777);
        assert!(create(&open, PRIVATE).is_err());
    }

    #[test]
    fn make_private_changes_only_open_directories() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("d");
        create(&d, 0o755).unwrap();
        assert_eq!(make_private(&d).unwrap(), Some(0o755));
        assert_eq!(mode(&d), 0o700);
        assert_eq!(make_private(&d).unwrap(), None);
        assert_eq!(make_private(&t.path().join("missing")).unwrap(), None);
        let f = t.path().join("f");
        std::fs::write(&f, "").unwrap();
        std::os::unix::fs::symlink(&f, t.path().join("l")).unwrap();
        assert_eq!(make_private(&t.path().join("l")).unwrap(), None);
    }
}
