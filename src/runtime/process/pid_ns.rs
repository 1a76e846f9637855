//! Forking the container's PID 1 straight into a new pid namespace.
//!
//! `unshare(CLONE_NEWPID)` would do it too, but it changes the namespace of every later child
//! of rpod: once the container's PID 1 has exited, that namespace is dead and each further
//! `fork` fails with ENOMEM — rpod could no longer start the detached cleaner of `--rm`, nor,
//! later, a monitor. `clone` with `CLONE_NEWPID` puts only this one child there, as crun and
//! runc do.

use nix::errno::Errno;
use nix::unistd::{ForkResult, Pid};

/// Like `fork`, but the child is PID 1 of a new pid namespace.
///
/// # Safety
/// As for `fork`: the process must be single-threaded. In addition the child runs with
/// glibc's cached thread id still the parent's (only glibc's own `fork` updates it), so it must
/// not call `raise`/`abort`/`pthread_kill` before it execs or forks again; rpod's container
/// set-up does not.
pub unsafe fn fork_into_new_pid_ns() -> nix::Result<ForkResult> {
    let flags = (libc::CLONE_NEWPID | libc::SIGCHLD) as libc::c_ulong;
    // SAFETY: with a null stack, clone behaves like fork: the child continues on a copy of
    // the caller's stack. The remaining pointer arguments are unused without their flags.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_clone,
            flags,
            std::ptr::null_mut::<libc::c_void>(),
            std::ptr::null_mut::<libc::c_int>(),
            std::ptr::null_mut::<libc::c_int>(),
            0 as libc::c_ulong,
        )
    };
    match ret {
        -1 => Err(Errno::last()),
        0 => Ok(ForkResult::Child),
        pid => Ok(ForkResult::Parent {
            child: Pid::from_raw(pid as libc::pid_t),
        }),
    }
}
