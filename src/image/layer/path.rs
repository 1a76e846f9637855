//! Entry names → places inside the layer root, without ever leaving it.
//!
//! Two steps. [`clean`] is lexical: it drops empty and `.` components and resolves `..`
//! against the components before it, clamping at the root, so `/etc/x`, `../../etc/x` and
//! `./etc//x` all become `etc/x`. [`Root`] then asks the kernel to resolve the *parent*
//! directory with `openat2(RESOLVE_IN_ROOT)`: symlinks that the layer itself planted resolve
//! as if the layer root were `/` (as in Podman's chrooted extraction), so `a -> /etc` or
//! `a -> ../../..` lead back inside the root. Callers then act on the single final name
//! relative to the returned descriptor, never through a path.
//!
//! Missing parents are created (0755, owned by whoever runs the extraction — root, in the
//! user namespace). Policy for a component that exists but does not resolve to a directory
//! inside the root (a file, FIFO, whiteout, a dangling, looping or file-pointing symlink):
//! it is replaced by a new directory, as Podman ends up doing for most such layers. A symlink
//! that does resolve to a directory inside the root is followed.

use super::replace::remove_existing;
use nix::errno::Errno;
use nix::fcntl::{openat, openat2, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fchmodat, mkdirat, FchmodatFlags, Mode};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// The lexically cleaned components of an entry name; empty means the layer root itself.
pub(super) fn clean(raw: &[u8]) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = Vec::new();
    for comp in raw.split(|&b| b == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Components joined back with `/` (for the kernel; never re-cleaned).
pub(super) fn join(comps: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(comps.iter().map(|c| c.len() + 1).sum());
    for (i, c) in comps.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(c);
    }
    out
}

/// The layer root, opened once; all resolution starts here.
pub(super) struct Root {
    fd: OwnedFd,
}

/// A directory inside the root: the root itself (borrowed) or a resolved descendant.
pub(super) enum Dir<'r> {
    Root(BorrowedFd<'r>),
    Sub(OwnedFd),
}

impl AsFd for Dir<'_> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Dir::Root(fd) => *fd,
            Dir::Sub(fd) => fd.as_fd(),
        }
    }
}

const PATH_DIR: OFlag = OFlag::O_PATH
    .union(OFlag::O_DIRECTORY)
    .union(OFlag::O_CLOEXEC);

impl Root {
    pub(super) fn open(dest: &Path) -> nix::Result<Root> {
        let fd = nix::fcntl::open(dest, PATH_DIR, Mode::empty())?;
        Ok(Root { fd })
    }

    /// Opens `rel` (already cleaned, non-empty) with `flags`, resolving every symlink with the
    /// layer root as `/`. Retries the kernel's EAGAIN (a concurrent rename elsewhere).
    pub(super) fn resolve(&self, rel: &[u8], flags: OFlag) -> nix::Result<OwnedFd> {
        let how = OpenHow::new()
            .flags(flags | OFlag::O_CLOEXEC)
            .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
        let mut tries = 0;
        loop {
            match openat2(self.fd.as_fd(), rel, how) {
                Err(Errno::EAGAIN) if tries < 16 => tries += 1,
                r => return r,
            }
        }
    }

    /// The existing directory `comps` (an `O_PATH` descriptor), without creating anything.
    pub(super) fn existing_dir(&self, comps: &[&[u8]]) -> nix::Result<Dir<'_>> {
        if comps.is_empty() {
            return Ok(Dir::Root(self.fd.as_fd()));
        }
        self.resolve(&join(comps), PATH_DIR).map(Dir::Sub)
    }

    /// The directory `comps`, creating missing components and replacing components that are
    /// not directories (see the module policy). `flags` are the open flags of the result.
    pub(super) fn dir(&self, comps: &[&[u8]], flags: OFlag) -> nix::Result<Dir<'_>> {
        let flags = flags | OFlag::O_CLOEXEC;
        if comps.is_empty() && flags == PATH_DIR {
            return Ok(Dir::Root(self.fd.as_fd()));
        }
        let full = join(comps);
        let rel: &[u8] = if comps.is_empty() { b"." } else { &full };
        match self.resolve(rel, flags) {
            Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => {}
            r => return r.map(Dir::Sub),
        }
        // Slow path: walk down, making each component a directory.
        let mut parent = Dir::Root(self.fd.as_fd());
        for i in 0..comps.len() {
            let prefix = join(&comps[..=i]);
            parent = match self.resolve(&prefix, PATH_DIR) {
                Ok(fd) => Dir::Sub(fd),
                Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => {
                    make_dir(parent.as_fd(), comps[i])?;
                    let fd = openat(
                        parent.as_fd(),
                        comps[i],
                        PATH_DIR | OFlag::O_NOFOLLOW,
                        Mode::empty(),
                    )?;
                    Dir::Sub(fd)
                }
                Err(e) => return Err(e),
            };
        }
        self.resolve(rel, flags).map(Dir::Sub)
    }
}

/// Creates directory `name` in `parent` (0755), replacing a non-directory already there.
fn make_dir(parent: BorrowedFd, name: &[u8]) -> nix::Result<()> {
    let mode = Mode::from_bits_truncate(0o755);
    match mkdirat(parent, name, mode) {
        Err(Errno::EEXIST) => {
            remove_existing(parent, name)?;
            mkdirat(parent, name, mode)?;
        }
        r => r?,
    }
    // The umask may have narrowed it; we just created it, so this cannot follow a symlink.
    fchmodat(parent, name, mode, FchmodatFlags::FollowSymlink)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(raw: &str) -> Vec<String> {
        clean(raw.as_bytes())
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect()
    }

    #[test]
    fn cleaning() {
        assert_eq!(c("etc/passwd"), ["etc", "passwd"]);
        assert_eq!(c("./etc/passwd"), ["etc", "passwd"]);
        assert_eq!(c("/etc//passwd/"), ["etc", "passwd"]);
        assert_eq!(c("../../etc/passwd"), ["etc", "passwd"]);
        assert_eq!(c("a/../../b/./c/.."), ["b"]);
        assert_eq!(c("a/b/../../.."), Vec::<String>::new());
        assert!(c("./").is_empty());
        assert!(c("").is_empty());
        assert!(c("/").is_empty());
        assert_eq!(c("..."), ["..."]);
        assert_eq!(join(&clean(b"/x/./y/../z")), b"x/z");
    }
}
