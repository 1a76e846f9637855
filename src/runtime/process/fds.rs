//! The workload gets only the descriptors it is meant to have: 0, 1 and 2.
//!
//! rpod opens its own descriptors close-on-exec, but a container must not depend on every
//! one being so: whatever rpod's process held when it forked (and whatever the caller's
//! shell left open for rpod: Podman does not pass those either, short of `--preserve-fds`)
//! would reach the workload, and a directory among them would let a working directory of
//! `/proc/self/fd/N` lead out of the container's root (the pattern of CVE-2024-21626). So the
//! container's PID 1 closes every descriptor above 2 before it enters the working directory
//! and execs, keeping only those it names (its end of the channel to rpod, close-on-exec
//! itself, whose closing by `execve` tells rpod the workload started).
//!
//! After this, descriptors that Rust values still own are closed under them: nothing may use
//! or drop them, which holds for the container's set-up, as it only execs or exits.

use std::os::fd::RawFd;

use nix::errno::Errno;

use crate::runtime::{Ctx, SysError};

/// Closes every descriptor from 3 up, except those in `keep`.
pub fn close_all_but(keep: &[RawFd]) -> Result<(), SysError> {
    let mut keep: Vec<u32> = keep
        .iter()
        .filter_map(|&fd| u32::try_from(fd).ok())
        .filter(|&fd| fd > 2)
        .collect();
    keep.sort_unstable();
    let mut from = 3u32;
    for fd in keep.iter().copied().chain([u32::MAX]) {
        if fd > from && close_range(from, fd - 1).is_err() {
            return close_listed(&keep);
        }
        from = fd.saturating_add(1);
    }
    Ok(())
}

/// `close_range(first, last, 0)` (Linux 5.9).
fn close_range(first: u32, last: u32) -> nix::Result<()> {
    // SAFETY: closes descriptors only; see the module doc for those Rust values own.
    let r = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0 as libc::c_uint) };
    Errno::result(r).map(drop)
}

/// Without `close_range` (an older kernel, a seccomp filter around rpod): closes what
/// `/proc/self/fd` lists.
fn close_listed(keep: &[u32]) -> Result<(), SysError> {
    let open: Vec<u32> = std::fs::read_dir("/proc/self/fd")
        .ctx(|| "listing the open descriptors".into())?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    // The listing's own descriptor is closed by now; closing it again fails harmlessly.
    for fd in open.into_iter().filter(|fd| *fd > 2 && !keep.contains(fd)) {
        // SAFETY: as for close_range.
        unsafe { libc::close(fd as RawFd) };
    }
    Ok(())
}
