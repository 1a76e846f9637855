//! `rpod exec`'s process chain: a process that joins a running container's namespaces and
//! becomes a second workload in it, with PID 1's restrictions.
//!
//! ```text
//! rpod ── fork ──▶ joiner: non-dumpable; setns user (the invoking user owns it: no mapper),
//!   │               then mnt, uts, ipc, net, cgroup, pid ── fork ──▶ workload, in the pid ns:
//!   │               relays signals to it until it exits,            pty (-t), user, session,
//!   │               exits with its status                           keyring; `become_workload`
//!   ▼ answers the channel (pty, failure), relays signals / the terminal to the joiner
//! ```
//!
//! The joiner is not dumpable from before it joins until the workload's `execve` resets it:
//! while it is still rpod's image, no process of the container may open its `/proc/<pid>/exe`
//! (the host's rpod binary), its memory or its descriptors, nor ptrace it (runc's
//! CVE-2019-5736). The namespaces are opened first and the PID 1's start time checked after,
//! so a pid the kernel gave to another process is never joined.

use std::os::fd::{AsFd, OwnedFd};

use nix::sched::{setns, CloneFlags};
use nix::sys::signal::SigSet;
use nix::unistd::{ForkResult, Pid};

use super::become_workload::{become_workload, environment, StartFailure, Workload};
use super::channel::{self, ChildEnd, FromChild, ToChild};
use super::{answer, keyring, session, signals, tty, LaunchError, Started};
use crate::runtime::rootfs::secure_path::Root;
use crate::runtime::{Ctx, SysError};
use crate::spec::caps::CapSet;
use crate::spec::seccomp::Seccomp;
use crate::spec::user;

/// What runs in the container.
pub struct ExecSpec {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    pub user: String,
    pub hostname: String,
    pub umask: u32,
    pub caps: CapSet,
    pub seccomp: Seccomp,
    pub no_new_privileges: bool,
    pub tty: bool,
    pub interactive: bool,
    /// `-d`: stdio is `/dev/null`, and nobody waits.
    pub detach: bool,
}

/// The namespaces joined, in this order (the user namespace first: it gives the rights to
/// join the others; the pid namespace last: it applies to the joiner's children).
const NAMESPACES: [(&str, CloneFlags); 7] = [
    ("user", CloneFlags::CLONE_NEWUSER),
    ("mnt", CloneFlags::CLONE_NEWNS),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("net", CloneFlags::CLONE_NEWNET),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("pid", CloneFlags::CLONE_NEWPID),
];

/// Starts `spec` in the namespaces of `pid` (a running PID 1, `still_it` checks it is the
/// container's); returns once the workload runs, with what supervising it needs.
pub fn exec_in(
    pid: i32,
    still_it: &dyn Fn() -> bool,
    spec: &ExecSpec,
) -> Result<Started, LaunchError> {
    let gone = || LaunchError::Start {
        status: 125,
        message: "the container is no longer running".into(),
    };
    let mut fds = Vec::new();
    for (name, flag) in NAMESPACES {
        let fd = std::fs::File::open(format!("/proc/{pid}/ns/{name}")).map_err(|_| gone())?;
        fds.push((OwnedFd::from(fd), flag));
    }
    if !still_it() {
        return Err(gone());
    }
    let old_mask = signals::block().ctx(|| "blocking signals".into())?;
    let (ours, theirs) = channel::pair().ctx(|| "creating the exec channel".into())?;
    // SAFETY: rpod is single-threaded (see `runtime`); the child ends in `_exit` or exec.
    match unsafe { nix::unistd::fork() }.ctx(|| "forking".into())? {
        ForkResult::Child => {
            drop(ours);
            joiner_main(fds, spec, theirs, &old_mask)
        }
        ForkResult::Parent { child } => {
            drop(theirs);
            drop(fds);
            let mut started = Started {
                pid: child,
                master: None,
                raw: None,
                fuse: None,
                old_mask,
                interactive: spec.interactive,
            };
            match answer(&ours, &mut started, None) {
                Ok(()) => Ok(started),
                Err(e) => {
                    started.end();
                    Err(e)
                }
            }
        }
    }
}

/// The joiner: joins, forks the workload, supervises it; never returns.
fn joiner_main(
    fds: Vec<(OwnedFd, CloneFlags)>,
    spec: &ExecSpec,
    channel: ChildEnd,
    mask: &SigSet,
) -> ! {
    let fail = |channel: ChildEnd, e: String| channel.fail(125, &e);
    if let Err(e) = nix::sys::prctl::set_dumpable(false) {
        fail(channel, format!("prctl: {e}"));
    }
    // The joiner dies with rpod; the workload with the joiner (its parent-death signal).
    let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
    for (fd, flag) in &fds {
        if let Err(e) = setns(fd.as_fd(), *flag) {
            fail(
                channel,
                format!("joining the container's namespaces ({flag:?}): {e}"),
            );
        }
    }
    drop(fds);
    // SAFETY: single-threaded; the child ends in exec or `fail`.
    match unsafe { nix::unistd::fork() } {
        Err(e) => fail(channel, format!("forking into the container: {e}")),
        Ok(ForkResult::Child) => {
            let failure = workload_main(spec, &channel, mask);
            let message = failure.to_string();
            channel.fail(failure.status(), &message)
        }
        Ok(ForkResult::Parent { child }) => {
            // The workload's exec (or failure) closes the channel; rpod waits for that.
            drop(channel);
            let code = match spec.detach {
                true => 0,
                false => signals::supervise(child).unwrap_or(125),
            };
            // SAFETY: leaves without rpod's exit handlers.
            unsafe { libc::_exit(code) }
        }
    }
}

/// The workload's set-up in the container, as PID 1's after its root is built: returns only
/// on failure.
fn workload_main(spec: &ExecSpec, channel: &ChildEnd, mask: &SigSet) -> StartFailure {
    match setup(spec, channel) {
        Ok(user) => {
            let workload = Workload {
                args: &spec.args,
                env: environment(&spec.env, &user, &spec.hostname, spec.tty),
                cwd: &spec.cwd,
                user: &user,
                caps: spec.caps,
                seccomp: spec.seccomp.profile(),
                no_new_privileges: spec.no_new_privileges,
                init: false,
                parent_death: !spec.detach,
            };
            become_workload(&workload, channel.raw_fd(), mask)
        }
        Err(e) => e,
    }
}

fn setup(spec: &ExecSpec, channel: &ChildEnd) -> Result<user::ExecUser, StartFailure> {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(spec.umask));
    // With -d the joiner exits at once and the workload lives on (reparented inside the
    // container's pid namespace), so it must not die with it.
    if !spec.detach {
        let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
    }
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let user = user::resolve(&spec.user, &read("/etc/passwd"), &read("/etc/group"))
        .map_err(|e| StartFailure::Setup(e.to_string()))?;
    let slave = match spec.tty {
        true => {
            let root = Root::open(std::path::Path::new("/"))
                .map_err(|e| StartFailure::Setup(format!("opening /: {e}")))?;
            let pty = tty::open_pty(&root)?;
            channel
                .send(&FromChild::Pty(pty.master))
                .ctx(|| "sending the pty".into())?;
            channel
                .expect(ToChild::Go)
                .ctx(|| "waiting for rpod".into())?;
            Some(pty.slave)
        }
        false => None,
    };
    session::start()?;
    match slave {
        Some(s) => tty::make_controlling(s)?,
        None if spec.detach => null_stdio(true)?,
        None if !spec.interactive => null_stdio(false)?,
        None => {}
    }
    keyring::join_new_session()?;
    Ok(user)
}

/// stdin (and with `all`, stdout and stderr) from `/dev/null`.
fn null_stdio(all: bool) -> Result<(), SysError> {
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .ctx(|| "/dev/null".into())?;
    use std::os::fd::AsRawFd;
    for fd in if all { 0..3 } else { 0..1 } {
        // SAFETY: dup2 onto a standard descriptor of this process.
        if unsafe { libc::dup2(null.as_raw_fd(), fd) } < 0 {
            return Err(SysError {
                what: "dup2".into(),
                source: nix::errno::Errno::last(),
            });
        }
    }
    Ok(())
}

/// Relays signals (or the terminal) to the joiner until it exits; returns the workload's
/// status.
pub fn supervise_exec(started: Started) -> Result<i32, LaunchError> {
    super::supervise(started)
}

/// For `-d`: the joiner runs on its own; nothing of the relay is needed.
pub fn detach(started: Started) -> Pid {
    let pid = started.pid;
    started.end();
    pid
}
