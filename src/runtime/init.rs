//! `--init`: a minimal reaper as the container's PID 1.
//!
//! It is a fork of rpod's own container process, made right before the workload's exec, not
//! a separate binary: no extra `execve`, nothing to bind-mount into the container, and the
//! same credentials and capabilities as the workload (set up once, before the fork). PID 1
//! keeps the supervised signals blocked and takes them with `sigwait`: it forwards each one to
//! the workload, reaps every orphan on `SIGCHLD`, and exits with the workload's status (or
//! 128 + its signal), which ends the pid namespace.

use std::os::fd::OwnedFd;

use nix::sys::signal::{kill, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};

use super::signals::{exit_code, supervised_set};

/// Forks the workload. Returns in the workload (which then execs); never returns in PID 1.
/// `status_fd` is PID 1's copy of the status pipe, closed so only the workload's exec
/// closes the last one.
pub fn spawn_reaper(status_fd: OwnedFd) -> nix::Result<OwnedFd> {
    // SAFETY: this process is single-threaded.
    match unsafe { fork() }? {
        ForkResult::Child => Ok(status_fd),
        ForkResult::Parent { child } => {
            drop(status_fd);
            reap(child)
        }
    }
}

fn reap(workload: Pid) -> ! {
    let set = supervised_set();
    loop {
        if let Ok(sig) = set.wait() {
            if sig != Signal::SIGCHLD {
                let _ = kill(workload, sig);
                continue;
            }
        }
        loop {
            match waitpid(None::<Pid>, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) | Err(_) => break,
                Ok(st) if st.pid() == Some(workload) => {
                    let code = exit_code(st).unwrap_or(1);
                    // SAFETY: ends PID 1, and with it the namespace.
                    unsafe { libc::_exit(code) }
                }
                Ok(_) => {}
            }
        }
    }
}
