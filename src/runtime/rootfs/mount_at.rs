//! Mounting onto a target held open ([`InRoot`], from `secure_path`): the mount is made on
//! `/proc/self/fd/N`, so it lands on the very directory or file that was resolved inside the
//! root, whatever has been renamed or swapped for a symlink since.

use std::path::Path;

use nix::errno::Errno;
use nix::mount::{mount, MsFlags};
use nix::sys::stat::FileStat;

use crate::runtime::rootfs::secure_path::InRoot;

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

/// What the root of a mount just made is, to check that looking it up again found it.
#[derive(Clone, Copy)]
pub enum Expect<'a> {
    /// A bind: its root is the source (same device and inode).
    Source(&'a FileStat),
    /// A new file system: another device than what lies beneath.
    NewFs,
}

/// The mount just made on `target`, held open (its root, not what lies beneath). Looking the
/// name up again is how to reach it; should someone have renamed things in between (a shared
/// volume), what is found is not the mount just made, and this fails rather than act on it.
pub fn mounted(target: &InRoot, expect: Expect) -> nix::Result<InRoot> {
    let errno = |e: std::io::Error| Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO));
    let top = target.reopen().map_err(errno)?;
    let st = top.stat().map_err(errno)?;
    let same = match expect {
        Expect::Source(src) => (st.st_dev, st.st_ino) == (src.st_dev, src.st_ino),
        Expect::NewFs => st.st_dev != target.stat().map_err(errno)?.st_dev,
    };
    if !same {
        return Err(Errno::ESTALE);
    }
    Ok(top)
}

/// Makes the mount just made on `target` read-only, keeping `keep` flags (the ones a user
/// namespace may not clear must be kept).
pub fn remount_ro(target: &InRoot, expect: Expect, keep: MsFlags) -> nix::Result<()> {
    let top = mounted(target, expect)?;
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
