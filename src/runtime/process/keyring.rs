//! Each container joins a fresh anonymous session keyring before its workload runs, as crun
//! does and Podman's default (`keyring = true` in containers.conf) asks.
//!
//! A forked process keeps its parent's session keyring: without this the container could
//! read, use and revoke the user's keys (Kerberos caches, tokens) with `keyctl`. The new
//! keyring belongs to the credentials the container has when it joins (keys are charged to
//! the kernel uid, whichever user namespace names it), and the workload possesses it whatever
//! user it becomes afterwards, so it may use it as its own.
//!
//! Joined before the seccomp filter is installed, which may deny `keyctl`.

use nix::errno::Errno;

use crate::runtime::{Ctx, SysError};

const KEYCTL_JOIN_SESSION_KEYRING: libc::c_long = 1;

/// Replaces the session keyring of the calling process by a new, empty, anonymous one.
///
/// ENOSYS (a kernel without keys) and EPERM (a seccomp filter around rpod denying
/// `keyctl`) are not errors: the workload inherits that, so no keyring is reachable either.
pub fn join_new_session() -> Result<(), SysError> {
    // SAFETY: keyctl(JOIN_SESSION_KEYRING, NULL) takes no pointer but the null name.
    let r = unsafe {
        libc::syscall(
            libc::SYS_keyctl,
            KEYCTL_JOIN_SESSION_KEYRING,
            std::ptr::null::<libc::c_char>(),
        )
    };
    match Errno::result(r) {
        Ok(_) | Err(Errno::ENOSYS | Errno::EPERM) => Ok(()),
        Err(e) => Err(e).ctx(|| "joining a new session keyring".into()),
    }
}
