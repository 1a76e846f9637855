//! `-v SRC:DST:U`: the mounted tree given to the container's user (its uid and gid in rpod's
//! user namespace), as Podman does, by the container's PID 1 before it starts the workload.
//!
//! The walk goes by descriptor (`openat` with `O_NOFOLLOW`, `fchownat` with
//! `AT_SYMLINK_NOFOLLOW`): a symbolic link in the tree is given to the user itself and never
//! followed, so a link another container planted never leads the change of owner out of the
//! volume.

use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;

use nix::fcntl::{open, openat, AtFlags, OFlag};
use nix::sys::stat::Mode;
use nix::unistd::{fchownat, Gid, Uid};

use crate::runtime::{Ctx, SysError};

/// Gives `top` and everything below it to `uid:gid`.
pub fn chown_tree(top: &Path, uid: u32, gid: u32) -> Result<(), SysError> {
    let flags = OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    let what = || {
        format!(
            "giving {} to {uid}:{gid} (the U volume option)",
            top.display()
        )
    };
    let fd = open(top, flags | OFlag::O_PATH, Mode::empty()).ctx(what)?;
    let kind = nix::sys::stat::fstat(&fd).ctx(what)?.st_mode & libc::S_IFMT;
    if kind == libc::S_IFLNK {
        return Err(nix::errno::Errno::ELOOP).ctx(what);
    }
    let ids = (Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)));
    fchownat(&fd, "", ids.0, ids.1, AtFlags::AT_EMPTY_PATH).ctx(what)?;
    if kind != libc::S_IFDIR {
        return Ok(());
    }
    let dir = open(top, flags | OFlag::O_DIRECTORY, Mode::empty()).ctx(what)?;
    walk(dir, ids).ctx(what)
}

/// Every entry of `dir`, directories depth first.
fn walk(dir: OwnedFd, ids: (Option<Uid>, Option<Gid>)) -> nix::Result<()> {
    let mut listing =
        nix::dir::Dir::from_fd(dir.try_clone().map_err(|_| nix::errno::Errno::EMFILE)?)?;
    let mut subdirs = Vec::new();
    for entry in listing.iter() {
        let entry = entry?;
        let name = entry.file_name();
        if matches!(name.to_bytes(), b"." | b"..") {
            continue;
        }
        fchownat(&dir, name, ids.0, ids.1, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        if entry.file_type() == Some(nix::dir::Type::Directory) {
            subdirs.push(name.to_owned());
        }
    }
    for name in subdirs {
        let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
        // Replaced by something else meanwhile: not followed (ELOOP, ENOTDIR), left alone.
        match openat(dir.as_fd(), name.as_c_str(), flags, Mode::empty()) {
            Ok(sub) => walk(sub, ids)?,
            Err(nix::errno::Errno::ELOOP | nix::errno::Errno::ENOTDIR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn the_whole_tree_and_no_link_target() {
        // Unprivileged: give everything to our own ids, and see that a link's target outside
        // is not touched (its owner would not change either way: check the walk reaches
        // every entry and does not fail on links).
        let t = tempfile::tempdir().unwrap();
        let top = t.path().join("vol");
        std::fs::create_dir_all(top.join("a/b")).unwrap();
        std::fs::write(top.join("a/b/f"), "x").unwrap();
        std::os::unix::fs::symlink("/etc", top.join("a/out")).unwrap();
        std::os::unix::fs::symlink("/nonexistent", top.join("dangling")).unwrap();
        let (uid, gid) = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        chown_tree(&top, uid, gid).unwrap();
        let m = std::fs::metadata(top.join("a/b/f")).unwrap();
        assert_eq!((m.uid(), m.gid()), (uid, gid));
        // A file as the top works too; a link as the top is refused (never followed).
        chown_tree(&top.join("a/b/f"), uid, gid).unwrap();
        assert!(chown_tree(&top.join("a/out"), uid, gid).is_err());
    }
}
