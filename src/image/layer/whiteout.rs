//! AUFS-style whiteout markers in the tar → overlayfs form on disk.
//!
//! `.wh.NAME` becomes a 0:0 character device `NAME` (what overlayfs reads as "deleted";
//! unprivileged `mknod` of exactly this device is allowed since Linux 5.8) and
//! `.wh..wh..opq` sets `user.overlay.opaque=y` on its directory (the `userxattr` spelling of
//! the opaque flag, read by overlayfs mounted in a user namespace). The directory's other
//! entries in the same layer are kept: the marker hides only lower layers. Other
//! `.wh..wh.*` names are AUFS bookkeeping (`.wh..wh.plnk`, ...) and are ignored. A `.wh.*`
//! file is never created. If `NAME` already exists in this layer the whiteout is skipped:
//! per the OCI spec a whiteout never hides an entry of its own layer.

use nix::errno::Errno;
use nix::sys::stat::{makedev, mknodat, Mode, SFlag};
use std::os::fd::{AsRawFd, BorrowedFd};

const PREFIX: &[u8] = b".wh.";
const OPAQUE: &[u8] = b".wh..wh..opq";
const OPAQUE_XATTR: &std::ffi::CStr = c"user.overlay.opaque";

/// What an entry's final name means in whiteout terms.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Marker<'a> {
    /// An ordinary name.
    None,
    /// The directory holding it is opaque.
    Opaque,
    /// AUFS metadata with no meaning for overlayfs.
    Ignored,
    /// `NAME` is deleted.
    Whiteout(&'a [u8]),
}

/// Classifies a final name component; `Err` for a whiteout of an impossible name.
pub(super) fn classify(name: &[u8]) -> Result<Marker<'_>, &'static str> {
    let Some(target) = name.strip_prefix(PREFIX) else {
        return Ok(Marker::None);
    };
    if name == OPAQUE {
        return Ok(Marker::Opaque);
    }
    if target.starts_with(PREFIX) {
        return Ok(Marker::Ignored);
    }
    match target {
        b"" | b"." | b".." => Err("whiteout of an invalid name"),
        t => Ok(Marker::Whiteout(t)),
    }
}

/// Whether a (non-final) component is a whiteout name, which may never become a directory.
pub(super) fn is_marker(name: &[u8]) -> bool {
    name.starts_with(PREFIX)
}

/// Creates the overlay whiteout `name` in `dir`. Returns false when something already has
/// that name (see the module doc).
pub(super) fn make_whiteout(dir: BorrowedFd, name: &[u8]) -> nix::Result<bool> {
    match mknodat(dir, name, SFlag::S_IFCHR, Mode::empty(), makedev(0, 0)) {
        Ok(()) => Ok(true),
        Err(Errno::EEXIST) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Marks the directory open as `dir` (not `O_PATH`) opaque.
pub(super) fn set_opaque(dir: BorrowedFd) -> nix::Result<()> {
    // SAFETY: fd is open; name is NUL-terminated; the value is one byte.
    let r = unsafe {
        libc::fsetxattr(
            dir.as_raw_fd(),
            OPAQUE_XATTR.as_ptr(),
            b"y".as_ptr().cast(),
            1,
            0,
        )
    };
    Errno::result(r).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert_eq!(classify(b"file"), Ok(Marker::None));
        assert_eq!(classify(b".wh.file"), Ok(Marker::Whiteout(b"file")));
        assert_eq!(classify(b".wh..hidden"), Ok(Marker::Whiteout(b".hidden")));
        assert_eq!(classify(b".wh..wh..opq"), Ok(Marker::Opaque));
        assert_eq!(classify(b".wh..wh.plnk"), Ok(Marker::Ignored));
        assert!(classify(b".wh.").is_err());
        assert!(classify(b".wh...").is_err());
        assert!(classify(b".wh..").is_err());
    }
}
