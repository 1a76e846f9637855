//! `$XDG_RUNTIME_DIR`'s stand-in when it is not set: `$TMPDIR/rpod-run-<uid>` (`/tmp` by
//! default), used only if it is the user's own directory with mode `0700`, as Podman checks
//! its `/tmp/storage-run-<uid>`. Anyone can create that name in `/tmp` first: a directory of
//! another user, or one others may enter, would let them read or replace rpod's run-time state
//! (a container's mount point, its generated `/etc/hosts`), and a symlink would send it
//! elsewhere. rpod creates it private when it is missing, and refuses anything else there.

use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error(
    "the run-time directory {path} (used because XDG_RUNTIME_DIR is not set) {problem}: \
     {remove}, or set XDG_RUNTIME_DIR to a directory of yours with mode 0700"
)]
pub struct RuntimeDirError {
    pub path: PathBuf,
    pub problem: String,
    /// How it goes: the user can remove their own; another user's, only its owner or root.
    pub remove: &'static str,
}

const REMOVE: &str = "remove it";

/// The fallback directory, checked (and created if missing).
pub fn fallback() -> Result<PathBuf, RuntimeDirError> {
    let uid = nix::unistd::getuid();
    let path = std::env::temp_dir().join(format!("rpod-run-{uid}"));
    check(&path, nix::unistd::geteuid().as_raw())?;
    Ok(path)
}

/// Checks that `path` is a directory (not a symlink) of `uid` with mode 0700, creating it so
/// when it is missing.
pub fn check(path: &Path, uid: u32) -> Result<(), RuntimeDirError> {
    let refuse = |problem: String| RuntimeDirError {
        path: path.to_path_buf(),
        problem,
        remove: REMOVE,
    };
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => match create(path) {
            Ok(()) => return Ok(()),
            // Made meanwhile: check what is there.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                std::fs::symlink_metadata(path)
                    .map_err(|e| refuse(format!("cannot be read ({e})")))?
            }
            Err(e) => return Err(refuse(format!("cannot be created ({e})"))),
        },
        Err(e) => return Err(refuse(format!("cannot be read ({e})"))),
        Ok(meta) => meta,
    };
    if meta.uid() != uid {
        return Err(RuntimeDirError {
            remove: "have its owner or an administrator remove it",
            ..refuse(format!(
                "belongs to uid {}, not to you (uid {uid})",
                meta.uid()
            ))
        });
    }
    if meta.file_type().is_symlink() {
        return Err(refuse("is a symbolic link".into()));
    }
    if !meta.is_dir() {
        return Err(refuse("is not a directory".into()));
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode != 0o700 {
        return Err(refuse(format!("has mode {mode:04o}, not 0700")));
    }
    Ok(())
}

fn create(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(0o700).create(path)?;
    // Ours now, in a sticky /tmp: nobody else can replace it before the chmod.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_private_or_refused() {
        let t = tempfile::tempdir().unwrap();
        let me = nix::unistd::geteuid().as_raw();
        let d = t.path().join("run");
        check(&d, me).unwrap();
        let meta = std::fs::symlink_metadata(&d).unwrap();
        assert!(meta.is_dir());
        assert_eq!(meta.permissions().mode() & 0o7777, 0o700);
        check(&d, me).unwrap();

        let e = check(&d, me + 1).unwrap_err().to_string();
        assert!(
            e.contains("belongs to uid") && e.contains(&d.display().to_string()),
            "{e}"
        );

        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        let e = check(&d, me).unwrap_err().to_string();
        assert!(e.contains("has mode 0755"), "{e}");

        let l = t.path().join("link");
        std::os::unix::fs::symlink(&d, &l).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700)).unwrap();
        let e = check(&l, me).unwrap_err().to_string();
        assert!(
            e.contains("symbolic link") && e.contains("XDG_RUNTIME_DIR"),
            "{e}"
        );
    }
}
