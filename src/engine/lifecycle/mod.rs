//! The container state machine and its verbs, one file each (youki's `container/`, libpod's
//! `container_api.go`):
//!
//! ```text
//!  create ──▶ created ── start ──▶ running ── (exits) ──▶ exited ── rm ──▶ removed
//!                ▲                  │  stop/kill ▲          │ start
//!                │                  ▼            │          ▼
//!                │               stopping ───────┘       running ...
//!                └─ a start that failed before the workload ran
//! ```
//!
//! A state is read from the store and checked against the kernel (see
//! `container::state`); a transition is a read-modify-write of `state.json` under the
//! container's own lock (`ContainerDir::update_state`), never a store-wide one, so commands on
//! different containers never wait for each other. A running container's end is recorded by
//! its parent: the monitor of a detached one (see [`start`]), or the `rpod run` that runs it
//! in the foreground.

pub mod attach;
pub mod cp;
pub mod cp_tar;
pub mod create;
pub mod diff;
pub mod exec;
pub mod kill;
pub mod list;
pub mod logs;
pub mod pause;
pub mod prune;
pub mod remove;
pub mod rename;
pub mod start;
pub mod stop;
pub mod top;
pub mod wait;

use crate::engine::container::error::StorageError;
use crate::engine::container::lookup::LookupError;
use crate::engine::run::RunError;

#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Run(#[from] RunError),
    #[error(transparent)]
    Volume(#[from] crate::engine::volume::VolumeError),
    /// Podman's wording.
    #[error("cannot remove container {0} as it is running - running or paused containers cannot be removed without force: container state improper")]
    RemoveRunning(String),
    #[error("container {0} is already running: stop it first, or use another name")]
    AlreadyRunning(String),
    #[error(
        "can only {verb} running containers: {id} is in state {state}: container state improper"
    )]
    NotRunning {
        verb: &'static str,
        id: String,
        state: &'static str,
    },
    #[error("sending signal {signal} to container {id}: {err}")]
    Signal {
        signal: i32,
        id: String,
        err: std::io::Error,
    },
    #[error("the container {0} did not stop, even after SIGKILL")]
    DidNotStop(String),
    #[error("the monitor of container {0} did not record its end in time")]
    MonitorSlow(String),
    /// A running container without an attach socket: `rpod run` runs it in the foreground.
    #[error("cannot attach to container {0}: it runs in the foreground of the rpod run that started it, whose terminal has its output (run it with -d, or with -it on a terminal, to attach later)")]
    NoMonitor(String),
    #[error("attaching to container {id}: {err}")]
    Attach { id: String, err: String },
    #[error("invalid container name {0:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-]* is allowed")]
    InvalidName(String),
    /// No cgroup freezer without a cgroup of the container's own.
    #[error("cannot {0} the container: pausing needs a cgroup of the container's own (cgroup v2 with its controllers delegated to your user), and rpod runs containers without one on this host")]
    NoFreezer(&'static str),
}

/// RFC 3339 with nanoseconds, as the state records times.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}
