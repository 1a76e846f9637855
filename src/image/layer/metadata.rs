//! What an entry says about owner, mode, time and xattrs, and applying it in the order that
//! keeps it: owner first (chown clears setuid/setgid and file capabilities), then mode, then
//! xattrs, then times (anything else would bump mtime again). Directory times are applied
//! last of all, deepest first, because creating children changes them.
//!
//! Xattr policy: `user.*` and `security.capability` from `SCHILY.xattr.*` PAX records are
//! applied; `user.overlay.*` is dropped (it would forge overlayfs state in `userxattr` mode —
//! opaque directories are expressed only by `.wh..wh..opq`), as is everything else
//! (`trusted.*`, `security.selinux`, ...). A file system that cannot store xattrs
//! (ENOTSUP) is not an error; for `security.capability`, EPERM/EINVAL are not either (a user
//! namespace may be unable to express a capability's root id). Any other failure is an error.
//! Xattrs are applied to regular files and directories only: the kernel refuses `user.*` on
//! symlinks and special files.

use super::error::LayerError;
use super::path::{clean, Root};
use nix::errno::Errno;
use nix::sys::stat::{fchmod, futimens, utimensat, Mode, UtimensatFlags};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchown, fchownat, Gid, Uid};
use std::collections::HashMap;
use std::ffi::CString;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};

/// Owner, permission bits, modification time and xattrs of one entry.
pub(super) struct Meta {
    pub uid: u32,
    pub gid: u32,
    /// Permission bits including setuid, setgid and sticky.
    pub mode: u32,
    pub mtime: TimeSpec,
    pub xattrs: Vec<(CString, Vec<u8>)>,
}

impl Meta {
    /// Reads the header fields and PAX records (`mtime` with sub-second precision, xattrs).
    /// The tar crate has already applied PAX `uid`/`gid`/`size`/`path`/`linkpath`.
    pub(super) fn read<R: Read>(
        entry: &mut tar::Entry<R>,
        path: &[u8],
    ) -> Result<Meta, LayerError> {
        let h = entry.header();
        let bad = |field: &str, e: std::io::Error| {
            LayerError::invalid(path, format!("bad {field} field: {e}"))
        };
        let uid = h.uid().map_err(|e| bad("uid", e))?;
        let gid = h.gid().map_err(|e| bad("gid", e))?;
        let mode = h.mode().map_err(|e| bad("mode", e))? & 0o7777;
        let secs = h.mtime().map_err(|e| bad("mtime", e))?;
        let (Ok(uid), Ok(gid)) = (u32::try_from(uid), u32::try_from(gid)) else {
            return Err(LayerError::invalid(
                path,
                format!("owner {uid}:{gid} out of range"),
            ));
        };
        let mut meta = Meta {
            uid,
            gid,
            mode,
            mtime: TimeSpec::new(i64::try_from(secs).unwrap_or(i64::MAX), 0),
            xattrs: Vec::new(),
        };
        let exts = entry
            .pax_extensions()
            .map_err(|e| LayerError::invalid(path, format!("bad PAX records: {e}")))?;
        for ext in exts.into_iter().flatten() {
            let ext = ext.map_err(|e| LayerError::invalid(path, format!("bad PAX record: {e}")))?;
            let key = ext.key_bytes();
            if key == b"mtime" {
                if let Some(t) = parse_pax_time(ext.value_bytes()) {
                    meta.mtime = t;
                }
            } else if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
                if wanted_xattr(name) {
                    let name = CString::new(name)
                        .map_err(|_| LayerError::invalid(path, "xattr name contains NUL"))?;
                    meta.xattrs.push((name, ext.value_bytes().to_vec()));
                }
            }
        }
        Ok(meta)
    }

    /// Owner (if `chown`), mode and xattrs of an open regular file or directory.
    ///
    /// Only what differs is changed: most entries are root's and were created with their
    /// mode, and every `chown`/`chmod` is a journalled inode update — thousands of them are
    /// most of what unpacking a layer of small files costs.
    pub(super) fn apply_fd(
        &self,
        fd: BorrowedFd,
        chown: bool,
        path: &[u8],
    ) -> Result<(), LayerError> {
        let st = nix::sys::stat::fstat(fd).map_err(|e| LayerError::io(path, "stat", e))?;
        let owned = chown && (st.st_uid, st.st_gid) != (self.uid, self.gid);
        if owned {
            fchown(
                fd,
                Some(Uid::from_raw(self.uid)),
                Some(Gid::from_raw(self.gid)),
            )
            .map_err(|e| self.chown_error(path, e))?;
        }
        // chown clears setuid/setgid: set the mode again after it when they are wanted.
        if st.st_mode & 0o7777 != self.mode || (owned && self.mode & 0o6000 != 0) {
            fchmod(fd, Mode::from_bits_retain(self.mode))
                .map_err(|e| LayerError::io(path, "setting mode", e))?;
        }
        for (name, value) in &self.xattrs {
            set_xattr(fd, name, value).map_err(|e| LayerError::io(path, "setting xattr", e))?;
        }
        Ok(())
    }

    /// The mtime (and atime) of an open regular file.
    pub(super) fn apply_times_fd(&self, fd: BorrowedFd, path: &[u8]) -> Result<(), LayerError> {
        futimens(fd, &self.mtime, &self.mtime).map_err(|e| LayerError::io(path, "setting mtime", e))
    }

    /// Owner of `name` in `dir` without following a symlink.
    pub(super) fn chown_at(
        &self,
        dir: BorrowedFd,
        name: &[u8],
        path: &[u8],
    ) -> Result<(), LayerError> {
        fchownat(
            dir,
            name,
            Some(Uid::from_raw(self.uid)),
            Some(Gid::from_raw(self.gid)),
            nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
        )
        .map_err(|e| self.chown_error(path, e))
    }

    /// The mtime (and atime) of `name` in `dir` without following a symlink.
    pub(super) fn times_at(
        &self,
        dir: BorrowedFd,
        name: &[u8],
        path: &[u8],
    ) -> Result<(), LayerError> {
        utimensat(
            dir,
            name,
            &self.mtime,
            &self.mtime,
            UtimensatFlags::NoFollowSymlink,
        )
        .map_err(|e| LayerError::io(path, "setting mtime", e))
    }

    fn chown_error(&self, path: &[u8], e: Errno) -> LayerError {
        LayerError::Chown {
            path: super::error::lossy(path),
            uid: self.uid,
            gid: self.gid,
            source: e.into(),
        }
    }
}

fn wanted_xattr(name: &[u8]) -> bool {
    (name.starts_with(b"user.") && !name.starts_with(b"user.overlay."))
        || name == b"security.capability"
}

/// Sets one xattr on an fd, applying the tolerance policy of the module doc.
pub(super) fn set_xattr(fd: BorrowedFd, name: &CString, value: &[u8]) -> nix::Result<()> {
    // SAFETY: fd is open, name is NUL-terminated, value points to value.len() bytes.
    let r = unsafe {
        libc::fsetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    match Errno::result(r) {
        Ok(_) => Ok(()),
        Err(Errno::EOPNOTSUPP) => Ok(()),
        Err(Errno::EPERM | Errno::EINVAL) if name.as_bytes() == b"security.capability" => Ok(()),
        Err(e) => Err(e),
    }
}

/// A PAX time, `SECONDS[.FRACTION]`, possibly negative; `None` if malformed.
fn parse_pax_time(v: &[u8]) -> Option<TimeSpec> {
    let s = std::str::from_utf8(v).ok()?;
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let secs: i64 = int.parse().ok()?;
    let mut nanos: i64 = 0;
    for (i, b) in frac.bytes().take(9).enumerate() {
        nanos += i64::from(b - b'0') * 10i64.pow(8 - i as u32);
    }
    Some(if !neg {
        TimeSpec::new(secs, nanos)
    } else if nanos == 0 {
        TimeSpec::new(-secs, 0)
    } else {
        TimeSpec::new(-secs - 1, 1_000_000_000 - nanos)
    })
}

/// Directory mtimes to apply once every entry is in place, keyed by cleaned path.
#[derive(Default)]
pub(super) struct DirTimes {
    times: HashMap<Vec<u8>, TimeSpec>,
}

impl DirTimes {
    pub(super) fn set(&mut self, cleaned: Vec<u8>, t: TimeSpec) {
        self.times.insert(cleaned, t);
    }

    /// A non-directory now lives at `cleaned`.
    pub(super) fn forget(&mut self, cleaned: &[u8]) {
        if !self.times.is_empty() {
            self.times.remove(cleaned);
        }
    }

    /// Applies all recorded times, deepest first. Paths that are gone (a later entry removed
    /// the directory) are skipped.
    pub(super) fn apply(self, root: &Root) -> Result<(), LayerError> {
        let mut all: Vec<_> = self.times.into_iter().collect();
        all.sort_by_key(|(p, _)| {
            std::cmp::Reverse(p.iter().filter(|&&b| b == b'/').count() + usize::from(!p.is_empty()))
        });
        for (path, t) in all {
            let comps = clean(&path);
            let r = match comps.split_last() {
                None => root
                    .resolve(
                        b".",
                        nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_DIRECTORY,
                    )
                    .and_then(|fd| futimens(fd.as_fd(), &t, &t)),
                Some((name, parent)) => root.existing_dir(parent).and_then(|dir| {
                    utimensat(dir.as_fd(), *name, &t, &t, UtimensatFlags::NoFollowSymlink)
                }),
            };
            match r {
                Ok(()) | Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => {}
                Err(e) => return Err(LayerError::io(&path, "setting directory mtime", e)),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_times() {
        assert_eq!(
            parse_pax_time(b"1700000000"),
            Some(TimeSpec::new(1_700_000_000, 0))
        );
        assert_eq!(
            parse_pax_time(b"1700000000.5"),
            Some(TimeSpec::new(1_700_000_000, 500_000_000))
        );
        assert_eq!(
            parse_pax_time(b"1.123456789123"),
            Some(TimeSpec::new(1, 123_456_789))
        );
        assert_eq!(
            parse_pax_time(b"-1.25"),
            Some(TimeSpec::new(-2, 750_000_000))
        );
        assert_eq!(parse_pax_time(b""), None);
        assert_eq!(parse_pax_time(b"1e9"), None);
        assert_eq!(parse_pax_time(b"99999999999999999999999"), None);
    }

    #[test]
    fn xattr_filter() {
        assert!(wanted_xattr(b"user.testenv"));
        assert!(wanted_xattr(b"security.capability"));
        assert!(!wanted_xattr(b"user.overlay.opaque"));
        assert!(!wanted_xattr(b"trusted.overlay.opaque"));
        assert!(!wanted_xattr(b"security.selinux"));
    }
}
