//! The store is its user's alone. Unpacked layers keep an image's files as the container's
//! root owns them, and on the host that is the user: a setuid-root program of the image is a
//! setuid program of the user there, and whatever an image keeps from its own users is the
//! user's to read. So, as containers/storage makes its graph root and driver directories, the
//! store's root and its parts are `0700`, whatever the umask, and other local users reach
//! nothing in it.
//!
//! An older rpod made them with the umask's mode (usually `0755`). Opening the store costs one
//! `stat` of the root, which rpod needs anyway; only when group or others have access to it:
//! - rpod's default root (`$XDG_DATA_HOME/rpod`) is made `0700`: one `chmod` closes everything
//!   below it;
//! - a root given with `--root` keeps the mode its user gave it, as Podman leaves an existing
//!   graph root; rpod's own directories in it ([`PARTS`], no walk) are made `0700` instead.
//!
//! Either prints a warning saying what it changed (once: afterwards the modes are right).

use super::{IoContext, Result};
pub use crate::config::paths::RootOrigin;
use crate::util::fs::dirs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// The directories rpod makes in the store's root (what a layer, a blob or a container's
/// files are in).
pub const PARTS: [&str; 5] = ["layers", "blobs", "containers", "tmp", "locks"];

/// Whether `root` is a directory (after making it private as the module doc says); creates it,
/// private, when `create` and it is missing.
pub fn prepare(root: &Path, origin: RootOrigin, create: bool) -> Result<bool> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {
            let mode = meta.mode() & 0o7777;
            if dirs::is_open(mode) {
                tighten(root, mode, origin);
            }
            Ok(true)
        }
        Ok(_) if create => Err(io::Error::from_raw_os_error(libc::ENOTDIR)).at(root),
        Ok(_) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
            dirs::ensure_private(root).at(root)?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).at(root),
    }
}

/// Best effort: a store rpod cannot tighten (not the user's) still works as before, and says so.
fn tighten(root: &Path, mode: u32, origin: RootOrigin) {
    match origin {
        RootOrigin::Default => match dirs::make_private(root) {
            Ok(_) => log::warn!(
                "the image store {} was open to other local users (mode {mode:04o}, \
                 made by an older rpod): made it 0700",
                root.display()
            ),
            Err(e) => warn_failed(root, &e),
        },
        RootOrigin::Given => {
            let mut changed = Vec::new();
            for part in PARTS {
                let path = root.join(part);
                match dirs::make_private(&path) {
                    Ok(Some(_)) => changed.push(part),
                    Ok(None) => {}
                    Err(e) => warn_failed(&path, &e),
                }
            }
            if !changed.is_empty() {
                log::warn!(
                    "{} in the image store {} (mode {mode:04o}) were open to other \
                     local users (made by an older rpod): made them 0700",
                    changed.join(", "),
                    root.display()
                );
            }
        }
    }
}

fn warn_failed(path: &Path, e: &io::Error) {
    log::warn!(
        "{} is open to other local users and rpod cannot make it private ({e}): \
         chmod 0700 it",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().mode() & 0o7777
    }

    fn open_store(t: &Path) -> std::path::PathBuf {
        let root = t.join("store");
        for d in ["", "layers", "blobs", "containers", "other"] {
            let p = root.join(d);
            std::fs::create_dir_all(&p).unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        root
    }

    #[test]
    fn creates_private_root() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("a/store");
        assert!(!prepare(&root, RootOrigin::Default, false).unwrap());
        assert!(!root.exists());
        assert!(prepare(&root, RootOrigin::Given, true).unwrap());
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&t.path().join("a")), 0o700);
    }

    #[test]
    fn default_root_is_closed_given_root_keeps_its_mode() {
        let t = tempfile::tempdir().unwrap();
        let root = open_store(t.path());
        assert!(prepare(&root, RootOrigin::Given, false).unwrap());
        assert_eq!(mode(&root), 0o755);
        for d in ["layers", "blobs", "containers"] {
            assert_eq!(mode(&root.join(d)), 0o700, "{d}");
        }
        assert_eq!(mode(&root.join("other")), 0o755);

        let t = tempfile::tempdir().unwrap();
        let root = open_store(t.path());
        assert!(prepare(&root, RootOrigin::Default, true).unwrap());
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&root.join("layers")), 0o755, "no walk");
    }
}
