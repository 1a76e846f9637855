//! Signal forwarding without handlers or threads: the signals rpod relays are blocked before
//! the fork and collected synchronously (`sigwait`, or a signalfd in the `-t` poll loop), so
//! none is lost between the fork and the supervision loop.

use nix::sys::signal::{kill, SigSet, SigmaskHow, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

/// The signals relayed to the container (Podman's sig-proxy set, minus the job-control ones).
pub const FORWARDED: [Signal; 11] = [
    Signal::SIGHUP,
    Signal::SIGINT,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
    Signal::SIGTERM,
    Signal::SIGALRM,
    Signal::SIGWINCH,
    Signal::SIGCONT,
    Signal::SIGPWR,
    Signal::SIGVTALRM,
];

/// The forwarded signals plus `SIGCHLD`.
pub fn supervised_set() -> SigSet {
    let mut s = SigSet::empty();
    for sig in FORWARDED {
        s.add(sig);
    }
    s.add(Signal::SIGCHLD);
    s
}

/// Blocks the supervised set; returns the previous mask, to be restored in the workload.
pub fn block() -> nix::Result<SigSet> {
    let mut old = SigSet::empty();
    nix::sys::signal::sigprocmask(
        SigmaskHow::SIG_BLOCK,
        Some(&supervised_set()),
        Some(&mut old),
    )?;
    Ok(old)
}

/// Unblocks the supervised set (and `SIGWINCH`, part of it): for a process forked while an
/// attached client had them blocked (see `runtime::attach::client::Signals`).
pub fn unblock_relayed() -> nix::Result<()> {
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&supervised_set()), None)
}

/// Restores `mask` and the default disposition of `SIGPIPE` (Rust's runtime ignores it, and
/// an ignored disposition survives `execve`).
pub fn reset_for_exec(mask: &SigSet) -> nix::Result<()> {
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(mask), None)?;
    // SAFETY: SIG_DFL installs no Rust code as a handler.
    unsafe { nix::sys::signal::signal(Signal::SIGPIPE, nix::sys::signal::SigHandler::SigDfl) }?;
    Ok(())
}

/// The shell's convention: the exit code, or 128 + the signal number.
pub fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, code) => Some(code),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}

/// Relays signals to `child` until it exits; returns its exit code.
pub fn supervise(child: Pid) -> nix::Result<i32> {
    let set = supervised_set();
    loop {
        if let Some(code) = exit_code(waitpid(child, Some(WaitPidFlag::WNOHANG))?) {
            return Ok(code);
        }
        let sig = set.wait()?;
        if sig != Signal::SIGCHLD {
            let _ = kill(child, sig);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let p = Pid::from_raw(1);
        assert_eq!(exit_code(WaitStatus::Exited(p, 32)), Some(32));
        assert_eq!(
            exit_code(WaitStatus::Signaled(p, Signal::SIGKILL, false)),
            Some(137)
        );
        assert_eq!(exit_code(WaitStatus::StillAlive), None);
    }
}
