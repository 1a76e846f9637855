//! Mounting onto a target held open ([`InRoot`], from `secure_path`): the mount is made on
//! `/proc/self/fd/N`, so it lands on the very directory or file that was resolved inside the
//! root, whatever has been renamed or swapped for a symlink since.

use std::path::Path;

use nix::mount::{mount, MsFlags};

use super::secure_path::InRoot;

/// Binds `source` (a host path, or a `/proc/self/fd/N`) on `target`.
pub fn bind(source: &Path, target: &InRoot, recursive: bool) -> nix::Result<()> {
    let rec = if recursive {
        MsFlags::MS_REC
    } else {
        MsFlags::empty()
    };
    mount(
        Some(source),
        &target.proc_path(),
        None::<&str>,
        MsFlags::MS_BIND | rec,
        None::<&str>,
    )
}

/// Mounts a new file system of type `fstype` on `target`.
pub fn filesystem(
    fstype: &str,
    target: &InRoot,
    flags: MsFlags,
    data: Option<&str>,
) -> nix::Result<()> {
    mount(Some(fstype), &target.proc_path(), Some(fstype), flags, data)
}

/// The mount just made on `target`, held open (its root, not what lies beneath).
pub fn mounted(target: &InRoot) -> nix::Result<InRoot> {
    target
        .reopen()
        .map_err(|e| nix::errno::Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))
}

/// Makes the mount just made on `target` read-only, keeping `keep` flags (the ones a user
/// namespace may not clear must be kept).
pub fn remount_ro(target: &InRoot, keep: MsFlags) -> nix::Result<()> {
    let top = mounted(target)?;
    remount_ro_path(&top.proc_path(), keep)
}

/// Bind-remounts the mount whose root is `path` read-only, keeping `keep` flags.
pub fn remount_ro_path(path: &Path, keep: MsFlags) -> nix::Result<()> {
    mount(
        None::<&str>,
        path,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | keep,
        None::<&str>,
    )
}
