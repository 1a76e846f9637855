//! Resolving a container path inside the rootfs by descriptor, never by a joined path: symlinks
//! (`/etc -> /host/etc`, `../../..`) are followed as if the rootfs were `/`, and what is found
//! is held open (`O_PATH`), so a symlink swapped in afterwards (a shared volume another
//! container writes to, the CVE-2021-30465 class) cannot redirect the mount that follows:
//! mounts are made on `/proc/self/fd/N` (see `mount_at`).
//!
//! `openat2(RESOLVE_IN_ROOT)` resolves what exists; a walk of one `openat(O_NOFOLLOW)` per
//! component, reading symlinks itself, resolves the rest and creates what is missing
//! (`mkdirat`/`openat(O_CREAT)` on the parent's descriptor), as runc's `MkdirAllInRoot` and
//! crun's `safe_openat` do. Used for every mount target, so neither an image nor a volume can
//! make rpod mount over a host path.

use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{openat, openat2, readlinkat, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstat, mkdirat, FileStat, Mode, SFlag};

const MAX_LINKS: usize = 40;
/// How often a component created meanwhile by someone else is looked up again.
const MAX_RETRIES: usize = 16;

const PATH_FLAGS: OFlag = OFlag::O_PATH
    .union(OFlag::O_NOFOLLOW)
    .union(OFlag::O_CLOEXEC);

/// What to do when the path (or part of it) does not exist.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Create {
    /// Fail with `ENOENT`.
    No,
    /// Create the missing directories, the last one included.
    Dir,
    /// Create the missing directories and an empty file as the last component.
    File,
}

/// What the fast path of [`Root::resolve`] found.
enum Fast {
    Found(InRoot),
    /// The kernel, following the root's symlinks itself, found no such path.
    Missing,
    /// Left to the walk: a symlink as the last component, or no `openat2`.
    Walk,
}

/// The container's root, held open.
pub struct Root {
    fd: OwnedFd,
}

/// A path resolved inside a [`Root`]: its descriptor, and its parent's with its name there,
/// to look it up again once something is mounted on it ([`InRoot::reopen`]).
pub struct InRoot {
    pub fd: OwnedFd,
    parent: Option<(OwnedFd, OsString)>,
}

impl Root {
    /// Opens `path` (a path rpod made, not the container's) as the root.
    pub fn open(path: &Path) -> std::io::Result<Root> {
        let fd = nix::fcntl::open(
            path,
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?;
        Ok(Root { fd })
    }

    /// `path` resolved inside the root, `create`d where missing.
    pub fn resolve(&self, path: &Path, create: Create) -> std::io::Result<InRoot> {
        match self.resolve_existing(path) {
            Fast::Found(found) => Ok(found),
            // The kernel resolved everything but found nothing: the walk would only say so
            // again, one component at a time (most of Podman's masked paths are missing on a
            // given host, and each costs a walk otherwise).
            Fast::Missing if create == Create::No => Err(Errno::ENOENT.into()),
            Fast::Missing | Fast::Walk => self.walk(path, create),
        }
    }

    /// The fast path: the parent by `openat2(RESOLVE_IN_ROOT)` (the kernel follows symlinks
    /// within the root), then the last component without following it. [`Fast::Walk`] when
    /// the last component is a symlink, or the kernel lacks `openat2`.
    fn resolve_existing(&self, path: &Path) -> Fast {
        let mut names = components(path);
        let Some(name) = names.pop() else {
            return Fast::Walk;
        };
        if name == ".." {
            return Fast::Walk;
        }
        let parent = if names.is_empty() {
            match self.fd.try_clone() {
                Ok(fd) => fd,
                Err(_) => return Fast::Walk,
            }
        } else {
            let how = OpenHow::new()
                .flags(OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
                .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
            match openat2(&self.fd, &names.iter().collect::<PathBuf>(), how) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => return Fast::Missing,
                Err(_) => return Fast::Walk,
            }
        };
        let fd = match openat(&parent, name.as_os_str(), PATH_FLAGS, Mode::empty()) {
            Ok(fd) => fd,
            Err(Errno::ENOENT) => return Fast::Missing,
            Err(_) => return Fast::Walk,
        };
        match fstat(&fd) {
            Ok(st) if !is_symlink(&st) => Fast::Found(InRoot {
                fd,
                parent: Some((parent, name)),
            }),
            _ => Fast::Walk,
        }
    }

    /// One component at a time from the root, each opened `O_NOFOLLOW` relative to the
    /// previous one's descriptor; symlinks are read and their target resolved the same way
    /// (absolute ones from the root), `..` goes back up the walk and never above the root.
    fn walk(&self, path: &Path, create: Create) -> std::io::Result<InRoot> {
        let mut pending = components(path);
        pending.reverse();
        // The directories walked so far below the root, with their names.
        let mut stack: Vec<(OwnedFd, OsString)> = Vec::new();
        let (mut links, mut retries) = (0, 0);
        while let Some(name) = pending.pop() {
            if name == ".." {
                stack.pop();
                continue;
            }
            let dir = stack.last().map_or(&self.fd, |(fd, _)| fd);
            let last = pending.is_empty();
            let fd = match openat(dir, name.as_os_str(), PATH_FLAGS, Mode::empty()) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) if create != Create::No && retries < MAX_RETRIES => {
                    retries += 1;
                    make(dir, &name, last && create == Create::File)?;
                    pending.push(name);
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let st = fstat(&fd)?;
            if is_symlink(&st) {
                links += 1;
                if links > MAX_LINKS {
                    return Err(Errno::ELOOP.into());
                }
                let target = readlinkat(&fd, "")?;
                if target.as_bytes().starts_with(b"/") {
                    stack.clear();
                }
                pending.extend(components(Path::new(&target)).into_iter().rev());
                continue;
            }
            if !last && !is_dir(&st) {
                return Err(Errno::ENOTDIR.into());
            }
            stack.push((fd, name));
        }
        let Some((fd, name)) = stack.pop() else {
            return Ok(InRoot {
                fd: self.fd.try_clone()?,
                parent: None,
            });
        };
        let parent = match stack.pop() {
            Some((p, _)) => p,
            None => self.fd.try_clone()?,
        };
        Ok(InRoot {
            fd,
            parent: Some((parent, name)),
        })
    }

    /// The text of the container's file `path`, empty when it is missing or unreadable: how
    /// the image's `/etc/passwd` and `/etc/group` are read.
    pub fn read_or_empty(&self, path: &str) -> String {
        self.resolve(Path::new(path), Create::No)
            .and_then(|f| f.open(OFlag::O_RDONLY))
            .and_then(|f| std::io::read_to_string(std::fs::File::from(f)))
            .unwrap_or_default()
    }
}

impl InRoot {
    /// `/proc/self/fd/N`: what `mount(2)` and `open(2)` are given to act on this very file.
    pub fn proc_path(&self) -> PathBuf {
        proc_fd_path(&self.fd)
    }

    /// Whether this is the container's root itself.
    pub fn is_root(&self) -> bool {
        self.parent.is_none()
    }

    pub fn stat(&self) -> std::io::Result<FileStat> {
        Ok(fstat(&self.fd)?)
    }

    /// Looks the name up again in the parent, which crosses into what was just mounted on
    /// it (the descriptor itself keeps pointing beneath). A process of another mount
    /// namespace (another container sharing a volume) may have renamed things meanwhile:
    /// `mount_at::mounted` checks that what is found is the mount just made.
    pub fn reopen(&self) -> std::io::Result<InRoot> {
        let (parent, name) = self.parent.as_ref().ok_or(Errno::EINVAL)?;
        let fd = openat(parent, name.as_os_str(), PATH_FLAGS, Mode::empty())?;
        if is_symlink(&fstat(&fd)?) {
            return Err(Errno::ELOOP.into());
        }
        Ok(InRoot {
            fd,
            parent: Some((parent.try_clone()?, name.clone())),
        })
    }

    /// `name` right below this directory (not followed if a symlink: `ELOOP`), `create`d if
    /// missing.
    pub fn child(&self, name: &str, create: Create) -> std::io::Result<InRoot> {
        let open = || openat(&self.fd, name, PATH_FLAGS, Mode::empty());
        let fd = match open() {
            Err(Errno::ENOENT) if create != Create::No => {
                make(&self.fd, OsStr::new(name), create == Create::File)?;
                open()?
            }
            r => r?,
        };
        if is_symlink(&fstat(&fd)?) {
            return Err(Errno::ELOOP.into());
        }
        Ok(InRoot {
            fd,
            parent: Some((self.fd.try_clone()?, name.into())),
        })
    }

    /// Opens the file itself (read, write, a directory listing) through its descriptor.
    pub fn open(&self, flags: OFlag) -> std::io::Result<OwnedFd> {
        Ok(nix::fcntl::open(
            &self.proc_path(),
            flags | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?)
    }
}

/// `/proc/self/fd/N` for a descriptor of this process.
pub fn proc_fd_path(fd: &impl AsFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_fd().as_raw_fd()))
}

/// Creates `name` in `dir`: a directory, or an empty file; one made meanwhile is fine.
fn make(dir: &OwnedFd, name: &OsStr, file: bool) -> std::io::Result<()> {
    let r = if file {
        openat(
            dir,
            name,
            OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate(0o644),
        )
        .map(drop)
    } else {
        mkdirat(dir, name, Mode::from_bits_truncate(0o755))
    };
    match r {
        Ok(()) | Err(Errno::EEXIST) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

fn is_symlink(st: &FileStat) -> bool {
    SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFLNK
}

pub fn is_dir(st: &FileStat) -> bool {
    SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR
}

fn components(p: &Path) -> Vec<OsString> {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// Where the descriptor really points, relative to the root.
    fn located(root: &Path, p: &InRoot) -> PathBuf {
        let real = std::fs::read_link(p.proc_path()).unwrap();
        let root = root.canonicalize().unwrap();
        Path::new("/").join(real.strip_prefix(&root).unwrap())
    }

    fn resolve(root: &Path, path: &str, create: Create) -> std::io::Result<PathBuf> {
        let r = Root::open(root).unwrap();
        r.resolve(path.as_ref(), create).map(|p| located(root, &p))
    }

    #[test]
    fn symlinks_stay_inside() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        std::fs::create_dir_all(r.join("real/etc")).unwrap();
        std::fs::write(r.join("real/etc/hosts"), "h").unwrap();
        symlink("/real/etc", r.join("etc")).unwrap();
        symlink("../../../../outside", r.join("real/up")).unwrap();
        symlink("/../../../../outside", r.join("abs")).unwrap();
        let got = resolve(r, "/etc/hosts", Create::No).unwrap();
        assert_eq!(got, Path::new("/real/etc/hosts"));
        let got = resolve(r, "/real/up/x", Create::Dir).unwrap();
        assert_eq!(got, Path::new("/outside/x"));
        assert!(r.join("outside/x").is_dir());
        let got = resolve(r, "/abs/y", Create::File).unwrap();
        assert_eq!(got, Path::new("/outside/y"));
        assert!(r.join("outside/y").is_file());
        assert_eq!(
            resolve(r, "/../../x", Create::Dir).unwrap(),
            Path::new("/x")
        );
        // An absolute symlink below the top goes back to the root.
        symlink("/outside/deep", r.join("real/abs")).unwrap();
        let got = resolve(r, "/real/abs/z", Create::Dir).unwrap();
        assert_eq!(got, Path::new("/outside/deep/z"));
        // The walk alone (the fast path's openat2 resolves what exists): the same answers.
        let root = Root::open(r).unwrap();
        for (path, want) in [
            ("/etc/hosts", "/real/etc/hosts"),
            ("/real/up/x", "/outside/x"),
            ("/abs/y", "/outside/y"),
            ("/real/abs/z", "/outside/deep/z"),
            ("/real/../../etc/../etc/hosts", "/real/etc/hosts"),
        ] {
            let got = located(r, &root.walk(path.as_ref(), Create::No).unwrap());
            assert_eq!(got, Path::new(want), "walking {path}");
        }
        // A dangling symlink as the last component: its target is made, inside.
        symlink("/../../made/here", r.join("dangling")).unwrap();
        let got = resolve(r, "/dangling", Create::Dir).unwrap();
        assert_eq!(got, Path::new("/made/here"));
        assert!(!t.path().parent().unwrap().join("made").exists());
    }

    #[test]
    fn missing_loops_and_files_in_the_way() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        symlink("loop", r.join("loop")).unwrap();
        let err = |p: &str, c| resolve(r, p, c).unwrap_err().raw_os_error();
        assert_eq!(err("/loop", Create::Dir), Some(libc::ELOOP));
        assert_eq!(err("/nope/x", Create::No), Some(libc::ENOENT));
        std::fs::write(r.join("file"), "").unwrap();
        assert_eq!(err("/file/x", Create::Dir), Some(libc::ENOTDIR));
        let root = Root::open(r).unwrap();
        assert!(root.resolve("/".as_ref(), Create::No).unwrap().is_root());
        assert!(root.resolve("/..".as_ref(), Create::Dir).unwrap().is_root());
    }

    #[test]
    fn reads_through_the_root() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        std::fs::create_dir(r.join("etc")).unwrap();
        std::fs::write(r.join("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
        symlink("/etc/passwd", r.join("link")).unwrap();
        let root = Root::open(r).unwrap();
        assert!(root.read_or_empty("/link").starts_with("root:"));
        assert_eq!(root.read_or_empty("/etc/group"), "");
    }
}
