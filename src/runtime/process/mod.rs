//! The fork chain of `rpod run`, already inside rpod's user namespace:
//!
//! ```text
//! rpod ── spawn: clone(NEWPID) ───────────────▶ container PID 1 (see `child`)
//!    │ finishes its user namespace, says          │ unshare(NEWNS|NEWUTS|NEWIPC|NEWCGROUP),
//!    │ "mapped"; answers over the channel         │ hostname, rootfs, pty, user lookup,
//!    │ (-t: the pty master, window size, "go";    │ pivot_root, session, stdio, keyring;
//!    │ keep-id: the nested maps) until EOF        │ `become_workload`: seccomp, capabilities,
//!    │                                            │ user, descriptors, cwd (checked)
//!    │ supervise: relays signals / the terminal   │
//!    ▼ until it exits; returns the exit code      ▼ execve (--init: of catatonit, which runs the
//!                                                   workload) — closes its end of the channel
//! ```
//!
//! [`spawn`] ends when the workload runs, with what supervision needs in [`Started`] (owned
//! values only: a monitor may supervise in another process than the one that spawned);
//! [`supervise`] waits for the exit. [`launch`] is the two in a row, for `rpod run`.

pub mod become_workload;
pub mod channel;
pub mod child;
pub mod exec;
pub mod fds;
pub mod init;
pub mod join;
pub mod keyring;
pub mod message;
pub mod pid_ns;
pub mod session;
pub mod signals;
pub mod tty;
pub mod workdir;

use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;

use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid};

use crate::spec::container::ContainerSpec;

use crate::runtime::bundle::Bundle;
use crate::runtime::process::channel::{FromChild, SupervisorEnd, ToChild};
use crate::runtime::process::child::Tree;
use crate::runtime::rootfs::fuse_overlay::{FuseOverlay, FUSE_OVERLAYFS};
use crate::runtime::rootfs::overlay::{self, Layers};
use crate::runtime::userns::nested::{self, NestedMaps};
use crate::runtime::userns::Entering;
use crate::runtime::{Ctx, SysError};

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error(transparent)]
    Sys(#[from] SysError),
    #[error(transparent)]
    Userns(#[from] crate::runtime::userns::UsernsError),
    /// The container process failed before its workload ran; `status` is Podman's exit code.
    #[error("{message}")]
    Start { status: u8, message: String },
}

/// Starts the container and supervises it until it exits; returns its exit code.
/// `started` is called with the container's pid once the workload is running. `outlive`
/// gathers what only a process that outlives rpod should close (see `userns::Exiting::reap`);
/// `started` gets it too.
pub fn launch(
    spec: &ContainerSpec,
    bundle: &Bundle,
    userns: Option<Entering>,
    outlive: &mut Vec<OwnedFd>,
    started: &mut dyn FnMut(Pid, &mut Vec<OwnedFd>),
) -> Result<i32, LaunchError> {
    let running = spawn(spec, bundle, userns, outlive)?;
    started(running.pid, outlive);
    supervise(running)
}

/// A container whose workload runs: what [`supervise`] needs, all owned.
pub struct Started {
    /// The container's PID 1, a child of the process that spawned it.
    pub pid: Pid,
    /// `-t`: the pty master, for the relay.
    master: Option<OwnedFd>,
    /// `-t -i`: rpod's terminal in raw mode, restored on drop.
    raw: Option<tty::RawTerminal>,
    /// Unmounted once the container is gone.
    fuse: Option<FuseOverlay>,
    /// The mask from before the relayed signals were blocked, restored at the end.
    old_mask: SigSet,
    /// `-i`: stdin is relayed to the pty.
    interactive: bool,
}

impl Started {
    /// `-t`: the pty master, for a supervisor of its own (the monitor's log).
    pub fn take_master(&mut self) -> Option<OwnedFd> {
        self.master.take()
    }

    /// After the container: rpod's terminal back to its mode, fuse-overlayfs unmounted, the
    /// signal mask restored, in that order.
    pub fn end(mut self) {
        drop(self.raw.take());
        drop(self.fuse.take());
        let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&self.old_mask), None);
    }
}

/// Forks the container's PID 1 and returns once its workload runs (exec'd).
///
/// `userns`, when rpod's id maps may still be in the writing, is finished here after the
/// fork: meanwhile the child already creates its namespaces, then waits for the word that
/// the maps are there before it touches files.
pub fn spawn(
    spec: &ContainerSpec,
    bundle: &Bundle,
    mut userns: Option<Entering>,
    outlive: &mut Vec<OwnedFd>,
) -> Result<Started, LaunchError> {
    let maps = spec.keep_id.as_ref().map(NestedMaps::new);
    let fuse = mount_fuse_if_needed(spec, bundle, maps.as_ref(), &mut userns, outlive)?;
    let old_mask = signals::block().ctx(|| "blocking signals".into())?;
    let (ours, theirs) = channel::pair().ctx(|| "creating the container's channel".into())?;
    // SAFETY: rpod is single-threaded on this path (see the module doc of `runtime`), and the
    // child neither raises signals at itself nor aborts before it execs.
    match unsafe { pid_ns::fork_into_new_pid_ns() }
        .ctx(|| "creating the container's pid namespace".into())?
    {
        ForkResult::Child => {
            drop(ours);
            let tree = Tree {
                bundle,
                mounted: fuse.as_ref().map(FuseOverlay::merged),
                shift: maps.as_ref(),
                await_maps: userns.is_some(),
            };
            child::container_main(spec, &tree, theirs, &old_mask)
        }
        ForkResult::Parent { child } => {
            // The workload's exec closes the last copy of the child's end: EOF (see `channel`).
            drop(theirs);
            if let Some(userns) = userns {
                match userns.finish_early() {
                    Ok((_, exiting)) => {
                        let _ = ours.send(&ToChild::Mapped);
                        // While the child mounts its root.
                        outlive.extend(exiting.reap());
                    }
                    Err(e) => {
                        drop(ours); // the child sees EOF and gives up
                        let _ = waitpid(child, None);
                        return Err(e.into());
                    }
                }
            }
            let mut started = Started {
                pid: child,
                master: None,
                raw: None,
                fuse,
                old_mask,
                interactive: spec.interactive,
            };
            match answer(&ours, &mut started, maps.as_ref()) {
                Ok(()) => Ok(started),
                Err(e) => {
                    started.end();
                    Err(e)
                }
            }
        }
    }
}

/// rpod's side of the channel until EOF: the child's requests answered, its failure
/// reported.
fn answer(
    channel: &SupervisorEnd,
    started: &mut Started,
    maps: Option<&NestedMaps>,
) -> Result<(), LaunchError> {
    let child = started.pid;
    loop {
        let msg = channel
            .recv()
            .ctx(|| "reading the container's messages".into())?;
        match msg {
            None => return Ok(()),
            Some(FromChild::Pty(master)) => {
                tty::copy_winsize(master.as_fd());
                if started.interactive {
                    started.raw = tty::RawTerminal::enter();
                }
                // The child may already have failed; its report comes next.
                let _ = channel.send(&ToChild::Go);
                started.master = Some(master);
            }
            Some(FromChild::NestedUnshared) => {
                let written = match maps {
                    Some(maps) => nested::write_maps(child, maps),
                    None => Err(std::io::Error::other("no keep-id maps to write")),
                };
                let told = written.and_then(|()| {
                    channel
                        .send(&ToChild::NestedMapped)
                        .map_err(std::io::Error::from)
                });
                if let Err(e) = told {
                    let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
                    let _ = waitpid(child, None);
                    return Err(LaunchError::Start {
                        status: 125,
                        message: format!(
                            "writing the id maps of the container's user namespace: {e}"
                        ),
                    });
                }
            }
            Some(FromChild::Failed { status, message }) => {
                let _ = waitpid(child, None);
                return Err(LaunchError::Start { status, message });
            }
        }
    }
}

/// Relays signals (or, with `-t`, the terminal) to the container until it exits; returns its
/// exit code. Runs in the container's parent: the process that spawned it, or, once that has
/// forked it off and exited, a monitor it was reparented to as subreaper (a fork keeps the
/// blocked signals that the relay collects).
pub fn supervise(mut started: Started) -> Result<i32, LaunchError> {
    let child = started.pid;
    let result = match started.master.take() {
        Some(master) => tty::relay(master, child, started.interactive),
        None => signals::supervise(child).ctx(|| "waiting for the container".into()),
    };
    started.end();
    Ok(result?)
}

/// fuse-overlayfs when `storage.conf` asks for a mount program, or where the kernel's overlay
/// cannot do (see `fuse_overlay`), mounted in rpod's mount namespace before the container's is
/// copied from it. It reads the layers as root of rpod's namespace, so the id maps must be
/// written first (no overlap with the mappers then).
fn mount_fuse_if_needed(
    spec: &ContainerSpec,
    bundle: &Bundle,
    shift: Option<&NestedMaps>,
    userns: &mut Option<Entering>,
    outlive: &mut Vec<OwnedFd>,
) -> Result<Option<FuseOverlay>, LaunchError> {
    let program = match &spec.mount_program {
        Some(p) => p.clone(),
        None if spec.keep_id.is_none() && overlay::native_in_userns() => return Ok(None),
        None => PathBuf::from(FUSE_OVERLAYFS),
    };
    if let Some(entering) = userns.take() {
        outlive.extend(entering.finish()?.1);
    }
    let l = Layers {
        lower: &bundle.layers,
        upper: &bundle.upper,
        work: &bundle.work,
        volatile: false,
        shift,
    };
    Ok(FuseOverlay::mount(&program, &l, &bundle.merged))
}
