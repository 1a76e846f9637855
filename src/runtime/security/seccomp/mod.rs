//! Installs the container's seccomp filter: its profile (Podman's default unless
//! `--security-opt seccomp=FILE` named another, see `spec::seccomp`) compiled to BPF for
//! the capabilities the container holds ([`bpf`]). The default profile is a static table, so
//! this costs a loop over it and no file or JSON; `--security-opt seccomp=unconfined` and
//! `--privileged` install nothing.

pub mod bpf;
#[cfg(test)]
mod emulator;
#[cfg(test)]
mod tests;

use crate::spec::caps::CapSet;
use crate::spec::seccomp::Profile;

use crate::runtime::{Ctx, SysError};

/// The running kernel's (major, minor), read only when a rule depends on it.
fn kernel_version() -> (u32, u32) {
    // SAFETY: uname fills the zeroed struct; its fields are NUL-terminated.
    let release = unsafe {
        let mut u: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut u) != 0 {
            return (0, 0);
        }
        std::ffi::CStr::from_ptr(u.release.as_ptr())
            .to_string_lossy()
            .into_owned()
    };
    let mut it = release
        .split(['.', '-'])
        .map(|s| s.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

/// The BPF program for a container holding `caps`.
pub fn program(profile: &Profile, caps: CapSet) -> Vec<bpf::Insn> {
    let needs_kernel = profile
        .rules
        .iter()
        .any(|r| r.min_kernel.is_some() || r.max_kernel.is_some());
    let kernel = if needs_kernel {
        kernel_version()
    } else {
        (0, 0)
    };
    bpf::compile(profile, caps.0, kernel)
}

/// Installs the filter on the calling process (inherited by everything it execs).
pub fn install(profile: &Profile, caps: CapSet) -> Result<(), SysError> {
    let filter = program(profile, caps);
    let prog = libc::sock_fprog {
        len: u16::try_from(filter.len()).unwrap_or(u16::MAX),
        filter: filter.as_ptr() as *mut _,
    };
    // SAFETY: `prog` points at `filter`, alive for the call; the kernel copies the program.
    let r = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER as libc::c_ulong,
            &prog as *const libc::sock_fprog,
            0,
            0,
        )
    };
    nix::errno::Errno::result(r).map(drop).ctx(|| {
        format!(
            "installing the seccomp filter ({} instructions)",
            filter.len()
        )
    })
}
