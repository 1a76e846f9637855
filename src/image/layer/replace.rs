//! Removing what is already at a name, so a later entry can replace an earlier one (a layer
//! may list a path twice; the last one wins) or a directory can replace a file.
//!
//! Directory trees are removed iteratively with a constant number of open descriptors: the
//! walk descends into the first subdirectory it finds and climbs back through `..`, so a
//! deeply nested tree (reachable through symlinks, beyond PATH_MAX) can neither overflow the
//! stack nor exhaust descriptors. `..` is safe here: the walk only climbs as many levels as
//! it descended, inside a destination nobody else writes to during extraction.
//!
//! Also here: creating a name over whatever is there (try, and on `EEXIST` remove and try once
//! more), for the entry loop and the file workers alike.

use super::metadata::Meta;
use nix::dir::{Dir, Type};
use nix::errno::Errno;
use nix::fcntl::{openat, AtFlags, OFlag};
use nix::sys::stat::{fstatat, Mode, SFlag};
use nix::unistd::{symlinkat, unlinkat, UnlinkatFlags};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

const DIR_FLAGS: OFlag = OFlag::O_RDONLY
    .union(OFlag::O_DIRECTORY)
    .union(OFlag::O_NOFOLLOW)
    .union(OFlag::O_CLOEXEC);

/// Removes `name` in `parent` whatever it is (never following a symlink); a directory is
/// removed with everything under it. A missing name is not an error.
pub(super) fn remove_existing(parent: BorrowedFd, name: &[u8]) -> nix::Result<()> {
    match unlinkat(parent, name, UnlinkatFlags::NoRemoveDir) {
        Ok(()) | Err(Errno::ENOENT) => Ok(()),
        Err(Errno::EISDIR) => remove_tree(parent, name),
        Err(e) => Err(e),
    }
}

/// Removes directory `name` in `parent` and its whole contents.
fn remove_tree(parent: BorrowedFd, name: &[u8]) -> nix::Result<()> {
    // Names from the top directory down to `cur`.
    let mut depth: Vec<Vec<u8>> = Vec::new();
    let mut cur = openat(parent, name, DIR_FLAGS, Mode::empty())?;
    loop {
        match clear_files(cur.as_fd())? {
            Some(sub) => {
                let next = openat(cur.as_fd(), sub.as_slice(), DIR_FLAGS, Mode::empty())?;
                depth.push(sub);
                cur = next;
            }
            None => match depth.pop() {
                Some(sub) => {
                    let up: OwnedFd = openat(cur.as_fd(), "..", DIR_FLAGS, Mode::empty())?;
                    unlinkat(up.as_fd(), sub.as_slice(), UnlinkatFlags::RemoveDir)?;
                    cur = up;
                }
                None => {
                    drop(cur);
                    return unlinkat(parent, name, UnlinkatFlags::RemoveDir);
                }
            },
        }
    }
}

/// Unlinks every non-directory in `dir`; returns the name of a subdirectory, if any is left.
fn clear_files(dir: BorrowedFd) -> nix::Result<Option<Vec<u8>>> {
    let mut names = Vec::new();
    let mut subdir = None;
    {
        let mut stream = Dir::openat(dir, ".", DIR_FLAGS, Mode::empty())?;
        for ent in stream.iter() {
            let ent = ent?;
            let name = ent.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let is_dir = match ent.file_type() {
                Some(t) => t == Type::Directory,
                None => {
                    let st = fstatat(dir, name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
                    SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits()) == SFlag::S_IFDIR
                }
            };
            if is_dir {
                subdir.get_or_insert_with(|| name.to_vec());
            } else {
                names.push(name.to_vec());
            }
        }
    }
    for n in names {
        match unlinkat(dir, n.as_slice(), UnlinkatFlags::NoRemoveDir) {
            Ok(()) | Err(Errno::ENOENT) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(subdir)
}

/// Whether `a` in `da` and `b` in `db` are the same inode (a hard link already in place).
pub(super) fn same_inode(da: BorrowedFd, a: &[u8], db: BorrowedFd, b: &[u8]) -> bool {
    let flags = AtFlags::AT_SYMLINK_NOFOLLOW;
    match (fstatat(da, a, flags), fstatat(db, b, flags)) {
        (Ok(x), Ok(y)) => x.st_dev == y.st_dev && x.st_ino == y.st_ino,
        _ => false,
    }
}

const NEW_FILE: OFlag = OFlag::O_WRONLY
    .union(OFlag::O_CREAT)
    .union(OFlag::O_EXCL)
    .union(OFlag::O_NOFOLLOW)
    .union(OFlag::O_CLOEXEC);

/// Runs `create`; if the name is taken, removes what is there and runs it once more.
pub(super) fn replacing(
    dir: BorrowedFd,
    name: &[u8],
    create: impl Fn() -> nix::Result<()>,
) -> nix::Result<()> {
    match create() {
        Err(Errno::EEXIST) => remove_existing(dir, name).and_then(|()| create()),
        r => r,
    }
}

/// Creates the regular file `name` (replacing what is there) with its permission bits (less
/// the umask), so that usually no chmod follows.
pub(super) fn create_file(dir: BorrowedFd, name: &[u8], meta: &Meta) -> nix::Result<OwnedFd> {
    replacing_fd(dir, name, || {
        openat(
            dir,
            name,
            NEW_FILE,
            Mode::from_bits_truncate(meta.mode & 0o777),
        )
    })
}

/// Creates the symlink `name` → `target` (replacing what is there).
pub(super) fn create_symlink(dir: BorrowedFd, name: &[u8], target: &[u8]) -> nix::Result<()> {
    replacing(dir, name, || symlinkat(target, dir, name))
}

fn replacing_fd<T>(
    dir: BorrowedFd,
    name: &[u8],
    create: impl Fn() -> nix::Result<T>,
) -> nix::Result<T> {
    match create() {
        Err(Errno::EEXIST) => remove_existing(dir, name).and_then(|()| create()),
        r => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn removes_deep_trees_and_files() {
        let tmp = tempfile::tempdir().unwrap();
        let mut p = tmp.path().join("top");
        for i in 0..300 {
            p.push(format!("d{i}"));
        }
        fs::create_dir_all(&p).unwrap();
        fs::write(p.join("f"), b"x").unwrap();
        std::os::unix::fs::symlink("/etc", tmp.path().join("top/d0/link")).unwrap();
        fs::write(tmp.path().join("file"), b"x").unwrap();
        let root = nix::fcntl::open(
            tmp.path(),
            OFlag::O_PATH | OFlag::O_DIRECTORY,
            Mode::empty(),
        )
        .unwrap();
        remove_existing(root.as_fd(), b"top").unwrap();
        remove_existing(root.as_fd(), b"file").unwrap();
        remove_existing(root.as_fd(), b"missing").unwrap();
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
        assert!(fs::metadata("/etc/passwd").is_ok());
    }
}
