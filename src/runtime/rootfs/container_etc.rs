//! Reading the container's `/etc/passwd` and `/etc/group` (for `-u` and keep-id) without
//! letting a hostile image choose what rpod reads.
//!
//! The files are the image's, so rpod reads them:
//! * before `/proc` and `/dev` are mounted in the root, and resolved by the kernel inside it
//!   (`openat2` with `RESOLVE_IN_ROOT`, no magic link, no mount crossed): a link to
//!   `/proc/self/environ` or `/dev/zero` finds nothing, instead of rpod's own environment
//!   (which keep-id would then write into the container's `/etc/passwd`) or an endless file;
//! * only when they are regular files (opened non-blocking, so a FIFO cannot hang rpod):
//!   anything else reads as empty, as a missing file does, which is what Podman and crun
//!   do with what the image lacks — numeric users still work, names are not found;
//! * at most [`MAX_SIZE`] bytes, else the container does not start.
//!
//! A volume over one of them (`-v ./passwd:/etc/passwd`) is the user's own file: it is read
//! from its host source, as Podman does, with the same checks.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{open, openat2, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstat, Mode, SFlag};

use crate::spec::mounts::MountSpec;

use crate::runtime::rootfs::secure_path::{self, Create};
use crate::runtime::SysError;

/// The most rpod reads of a passwd or group file: 4 MiB hold some 50 000 users — far
/// more than any image carries (local accounts; directories such as LDAP are not files)
/// — while keeping what an image can make rpod hold in memory, and what keep-id copies to
/// the container's scratch tmpfs, small.
pub const MAX_SIZE: u64 = 4 << 20;

/// Where a file's text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The image has no such entry.
    Absent,
    /// A regular file of the image.
    Regular,
    /// The image has something else there (a FIFO, device, directory, a link to nothing or to
    /// outside what rpod resolves): read as empty.
    Unreadable,
    /// A volume covers it.
    Volume,
}

/// One of the files, as rpod uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EtcFile {
    pub text: String,
    pub origin: Origin,
}

impl EtcFile {
    fn empty(origin: Origin) -> EtcFile {
        EtcFile {
            text: String::new(),
            origin,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EtcError {
    #[error(
        "reading the container's {0}, larger than the {max} MiB rpod reads of it (make it \
         smaller in the image, or mount a smaller one over it with -v)",
        max = MAX_SIZE >> 20
    )]
    TooLarge(String),
}

impl From<EtcError> for SysError {
    fn from(e: EtcError) -> SysError {
        SysError {
            what: e.to_string(),
            source: Errno::EFBIG,
        }
    }
}

/// The container's `/etc/passwd` and `/etc/group`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserFiles {
    pub passwd: EtcFile,
    pub group: EtcFile,
}

impl UserFiles {
    /// Reads both from the image mounted at `root` (before `/proc` and `/dev` are mounted
    /// there), or from the volume among `mounts` that covers them.
    pub fn read(root: &Path, mounts: &[MountSpec]) -> Result<UserFiles, EtcError> {
        Ok(UserFiles {
            passwd: read_container_file(root, mounts, "/etc/passwd")?,
            group: read_container_file(root, mounts, "/etc/group")?,
        })
    }
}

/// The container file `path` (absolute): from the last mount covering it, else the image.
pub fn read_container_file(
    root: &Path,
    mounts: &[MountSpec],
    path: &str,
) -> Result<EtcFile, EtcError> {
    let covering = mounts
        .iter()
        .rev()
        .find_map(|m| Some((m, Path::new(path).strip_prefix(m.target()).ok()?)));
    let file = match covering {
        None => read_in_root(root, path)?,
        Some((MountSpec::Tmpfs { .. }, _)) => EtcFile::empty(Origin::Absent),
        Some((MountSpec::Bind { source, .. } | MountSpec::Volume { source, .. }, rest))
            if rest.as_os_str().is_empty() =>
        {
            read_host_file(source, path)?
        }
        Some((MountSpec::Bind { source, .. } | MountSpec::Volume { source, .. }, rest)) => {
            read_in_root(source, &Path::new("/").join(rest).to_string_lossy())?
        }
    };
    Ok(match covering {
        Some(_) => EtcFile {
            origin: Origin::Volume,
            ..file
        },
        None => file,
    })
}

/// `path` resolved inside `root` as the kernel would if `root` were `/`.
fn read_in_root(root: &Path, path: &str) -> Result<EtcFile, EtcError> {
    let Ok(dir) = open(
        root,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    ) else {
        return Ok(EtcFile::empty(Origin::Absent));
    };
    let resolve = ResolveFlag::RESOLVE_IN_ROOT
        | ResolveFlag::RESOLVE_NO_MAGICLINKS
        | ResolveFlag::RESOLVE_NO_XDEV;
    let how = OpenHow::new().flags(read_flags()).resolve(resolve);
    match openat2(dir.as_fd(), path, how) {
        Ok(fd) => read_fd(fd, path),
        Err(Errno::ENOENT) => {
            // Nothing there, or a link to nothing: keep-id may create only the former.
            let link = OpenHow::new()
                .flags(OFlag::O_PATH | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC)
                .resolve(resolve);
            Ok(EtcFile::empty(match openat2(dir.as_fd(), path, link) {
                Ok(_) => Origin::Unreadable,
                Err(_) => Origin::Absent,
            }))
        }
        Err(Errno::ENOSYS) => read_resolved(root, path), // Linux before 5.6
        Err(_) => Ok(EtcFile::empty(Origin::Unreadable)),
    }
}

/// Without `openat2`: resolved inside the root by [`secure_path::Root`] (no process runs in
/// the container yet to change the tree meanwhile), then opened without following a last link.
fn read_resolved(root: &Path, path: &str) -> Result<EtcFile, EtcError> {
    let found = secure_path::Root::open(root).and_then(|r| r.resolve(Path::new(path), Create::No));
    let found = match found {
        Ok(found) => found,
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
            return Ok(EtcFile::empty(Origin::Absent))
        }
        Err(_) => return Ok(EtcFile::empty(Origin::Unreadable)),
    };
    match found.open(read_flags()) {
        Ok(fd) => read_fd(fd, path),
        Err(_) => Ok(EtcFile::empty(Origin::Unreadable)),
    }
}

/// A volume's source: the user's own host file, links followed as the bind mount does.
fn read_host_file(source: &PathBuf, path: &str) -> Result<EtcFile, EtcError> {
    match open(source, read_flags(), Mode::empty()) {
        Ok(fd) => read_fd(fd, path),
        Err(_) => Ok(EtcFile::empty(Origin::Unreadable)),
    }
}

/// Non-blocking, so that opening a FIFO returns at once.
fn read_flags() -> OFlag {
    OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NOCTTY | OFlag::O_NONBLOCK
}

fn read_fd(fd: OwnedFd, path: &str) -> Result<EtcFile, EtcError> {
    let Ok(st) = fstat(&fd) else {
        return Ok(EtcFile::empty(Origin::Unreadable));
    };
    if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT != SFlag::S_IFREG {
        return Ok(EtcFile::empty(Origin::Unreadable));
    }
    let too_large = || EtcError::TooLarge(path.to_string());
    if st.st_size as u64 > MAX_SIZE {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // The size may lie (a file of a kernel filesystem says 0): the read is capped as well.
    if File::from(fd)
        .take(MAX_SIZE + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return Ok(EtcFile::empty(Origin::Unreadable));
    }
    if bytes.len() as u64 > MAX_SIZE {
        return Err(too_large());
    }
    Ok(EtcFile {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        origin: Origin::Regular,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn image() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(t.path().join("etc")).unwrap();
        t
    }

    fn read(root: &Path, path: &str) -> EtcFile {
        read_container_file(root, &[], path).unwrap()
    }

    #[test]
    fn regular_files_are_read_and_links_stay_in_the_root() {
        let t = image();
        let r = t.path();
        std::fs::write(r.join("etc/real"), "root:x:0:0::/root:/bin/sh\n").unwrap();
        symlink("../../../../etc/real", r.join("etc/passwd")).unwrap();
        let f = read(r, "/etc/passwd");
        assert_eq!(
            (f.text.as_str(), f.origin),
            ("root:x:0:0::/root:/bin/sh\n", Origin::Regular)
        );
        // The host's files are out of reach.
        symlink("/etc/hostname", r.join("etc/group")).unwrap();
        assert_eq!(read(r, "/etc/group"), EtcFile::empty(Origin::Unreadable));
        assert_eq!(read(r, "/etc/shadow"), EtcFile::empty(Origin::Absent));
    }

    #[test]
    fn what_is_not_a_regular_file_reads_as_empty_without_blocking() {
        let t = image();
        let r = t.path();
        nix::unistd::mkfifo(&r.join("etc/passwd"), Mode::from_bits_truncate(0o644)).unwrap();
        std::fs::create_dir(r.join("etc/group")).unwrap();
        symlink("/dev/zero", r.join("etc/zero")).unwrap();
        for p in ["/etc/passwd", "/etc/group", "/etc/zero"] {
            assert_eq!(read(r, p), EtcFile::empty(Origin::Unreadable), "{p}");
        }
    }

    #[test]
    fn files_past_the_cap_are_refused() {
        let t = image();
        let r = t.path();
        let f = File::create(r.join("etc/passwd")).unwrap();
        f.set_len(MAX_SIZE + 1).unwrap();
        assert_eq!(
            read_container_file(r, &[], "/etc/passwd"),
            Err(EtcError::TooLarge("/etc/passwd".into()))
        );
        f.set_len(MAX_SIZE).unwrap();
        assert_eq!(read(r, "/etc/passwd").text.len() as u64, MAX_SIZE);
    }

    #[test]
    fn volumes_cover_the_image() {
        let t = image();
        let r = t.path();
        std::fs::write(r.join("etc/passwd"), "image\n").unwrap();
        let host = tempfile::tempdir().unwrap();
        std::fs::write(host.path().join("passwd"), "volume\n").unwrap();
        let bind = |source: PathBuf, target: &str| MountSpec::Bind {
            source,
            target: target.into(),
            readonly: true,
        };
        let file = [bind(host.path().join("passwd"), "/etc/passwd")];
        let dir = [bind(host.path().to_path_buf(), "/etc")];
        for mounts in [&file[..], &dir[..]] {
            let f = read_container_file(r, mounts, "/etc/passwd").unwrap();
            assert_eq!((f.text.as_str(), f.origin), ("volume\n", Origin::Volume));
        }
        let other = [bind(host.path().to_path_buf(), "/etc/other")];
        assert_eq!(
            read_container_file(r, &other, "/etc/passwd").unwrap().text,
            "image\n"
        );
    }
}
