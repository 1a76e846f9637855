//! The last steps of a process that is about to become a container's workload, inside the
//! container's namespaces and root: the seccomp filter, capabilities, the user's credentials,
//! `no_new_privs`, the descriptor sweep, the working directory, then `execve`.
//!
//! The container's PID 1 ends here after its set-up (see `child`); `rpod exec` will end here
//! too, after joining a running container's namespaces. The order matters:
//! - the seccomp filter first, while the process still holds `CAP_SYS_ADMIN` in its user
//!   namespace (no `no_new_privs` needed to install it); nothing the filter denies is called
//!   after it;
//! - the bounding set before the credentials change (dropping needs `CAP_SETPCAP`), the
//!   effective/permitted/inheritable sets after (`setuid` to non-root clears them anyway);
//! - the descriptors before the working directory: a leaked directory descriptor is closed
//!   by the time `chdir` could follow `/proc/self/fd/N` to it (see `fds`, `workdir`).

use std::os::fd::RawFd;

use nix::sys::signal::{SigSet, Signal};
use nix::unistd::{setresgid, setresuid, Gid, Uid};

use crate::spec::caps::CapSet;
use crate::spec::seccomp::Profile;
use crate::spec::user::ExecUser;

use crate::runtime::process::exec::{self, ExecError};
use crate::runtime::process::{fds, init, signals, workdir};
use crate::runtime::security::{capabilities, seccomp};
use crate::runtime::{Ctx, SysError};

/// The process part of a container's spec, with the user already resolved in its
/// `/etc/passwd`.
pub struct Workload<'a> {
    pub args: &'a [String],
    /// The complete environment (see [`environment`]).
    pub env: Vec<String>,
    pub cwd: &'a str,
    pub user: &'a ExecUser,
    pub caps: CapSet,
    pub seccomp: Option<&'a Profile>,
    pub no_new_privileges: bool,
    /// `--init`: exec catatonit, which runs `args` (see `init`).
    pub init: bool,
    /// Dies (SIGKILL) when its parent does: PID 1 with rpod's process or the monitor, an
    /// `exec` with its joiner. Not for `exec -d`, whose joiner leaves at once: the kernel
    /// would kill the workload whenever the joiner happened to exit after this was set.
    pub parent_death: bool,
}

/// Why the workload did not start: its set-up failed (125), or its exec (126/127).
#[derive(Debug, thiserror::Error)]
pub enum StartFailure {
    #[error("{0}")]
    Setup(String),
    #[error(transparent)]
    Exec(#[from] ExecError),
}

impl StartFailure {
    /// Podman's exit code for it.
    pub fn status(&self) -> u8 {
        match self {
            StartFailure::Setup(_) => 125,
            StartFailure::Exec(e) => e.status(),
        }
    }
}

impl From<SysError> for StartFailure {
    fn from(e: SysError) -> Self {
        StartFailure::Setup(e.to_string())
    }
}

/// Becomes `w`: returns only if that failed. `keep` is the one descriptor above 2 to keep
/// open through the sweep (a close-on-exec channel whose closing tells the caller the exec
/// happened); `mask` is the signal mask the workload starts with.
pub fn become_workload(w: &Workload, keep: RawFd, mask: &SigSet) -> StartFailure {
    match credentials_and_exec(w, keep, mask) {
        Ok(never) => match never {},
        Err(e) => e,
    }
}

enum Never {}

fn credentials_and_exec(w: &Workload, keep: RawFd, mask: &SigSet) -> Result<Never, StartFailure> {
    if let Some(profile) = w.seccomp {
        seccomp::install(profile, w.caps)?;
    }
    capabilities::drop_bounding(w.caps)?;
    let groups: Vec<Gid> = w.user.groups.iter().map(|&g| Gid::from_raw(g)).collect();
    set_groups(&groups)?;
    let (uid, gid) = (Uid::from_raw(w.user.uid), Gid::from_raw(w.user.gid));
    setresgid(gid, gid, gid).ctx(|| format!("setgid {}", w.user.gid))?;
    setresuid(uid, uid, uid).ctx(|| format!("setuid {}", w.user.uid))?;
    if w.user.uid == 0 {
        capabilities::set(w.caps)?;
    }
    capabilities::clear_ambient()?;
    // Changing credentials cleared it.
    if w.parent_death {
        nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).ctx(|| "prctl".into())?;
    }
    if w.no_new_privileges {
        nix::sys::prctl::set_no_new_privs().ctx(|| "setting no_new_privs".into())?;
    }
    // From here to the exec nothing opens a descriptor: the sweep covers the workload's exec
    // and, with --init, PID 1's too.
    fds::close_all_but(&[keep])?;
    workdir::enter(w.cwd).map_err(|e| StartFailure::Setup(e.to_string()))?;
    signals::reset_for_exec(mask).ctx(|| "restoring the signal mask".into())?;
    Err(StartFailure::Exec(match w.init {
        true => init::exec(w.args, &w.env),
        false => exec::exec(w.args, &w.env),
    }))
}

/// Sets the supplementary groups — except in a single-id namespace (no subordinate ids), where
/// the kernel denies `setgroups` (rpod had to, to map its own gid) and only root exists anyway.
fn set_groups(groups: &[Gid]) -> Result<(), SysError> {
    match nix::unistd::setgroups(groups) {
        Err(nix::errno::Errno::EPERM)
            if std::fs::read_to_string("/proc/self/setgroups")
                .is_ok_and(|s| s.trim() == "deny") =>
        {
            Ok(())
        }
        r => r.ctx(|| "setgroups".into()),
    }
}

/// `env` plus what Podman adds when missing: `HOME` (the user's), `HOSTNAME`, and `TERM` with
/// a terminal.
pub fn environment(env: &[String], user: &ExecUser, hostname: &str, tty: bool) -> Vec<String> {
    let mut env = env.to_vec();
    let has = |env: &[String], k: &str| env.iter().any(|e| e.split('=').next() == Some(k));
    if !has(&env, "HOME") {
        env.push(format!("HOME={}", user.home));
    }
    if !has(&env, "HOSTNAME") {
        env.push(format!("HOSTNAME={hostname}"));
    }
    if tty && !has(&env, "TERM") {
        env.push("TERM=xterm".into());
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> ExecUser {
        ExecUser {
            uid: 1000,
            gid: 1000,
            groups: vec![],
            home: "/home/u".into(),
        }
    }

    #[test]
    fn podmans_additions_only_when_missing() {
        let env = environment(&["PATH=/bin".into()], &user(), "box", true);
        assert_eq!(
            env,
            ["PATH=/bin", "HOME=/home/u", "HOSTNAME=box", "TERM=xterm"]
        );
        let given = ["HOME=/h".into(), "HOSTNAME=x".into(), "TERM=vt100".into()];
        assert_eq!(environment(&given, &user(), "box", true), given);
        assert_eq!(
            environment(&[], &user(), "box", false),
            ["HOME=/home/u", "HOSTNAME=box"]
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(StartFailure::Setup("x".into()).status(), 125);
        let e = StartFailure::Exec(ExecError::NotInPath("x".into()));
        assert_eq!(
            (e.status(), e.to_string().as_str()),
            (
                127,
                "executable file `x` not found in $PATH: No such file or directory"
            )
        );
    }
}
