//! `attach`: the user's terminal connected to a running container through its monitor's
//! attach socket (see `runtime::attach`), until the workload exits or the user types the
//! detach keys. `start -a` and a foreground `run` that can be detached from end in the same
//! relay ([`Client`]), over a socket pair handed to the monitor at its fork.
//!
//! It reads files only and connects to a socket the user owns: no user namespace, no lock.

use std::os::fd::OwnedFd;

use super::LifecycleError;
use crate::config::paths::Paths;
use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::lookup;
use crate::runtime::attach::client::{self, AttachEnd, ClientOptions, Signals};
use crate::runtime::attach::socket;
use crate::spec::container::ContainerSpec;

pub use crate::runtime::attach::detach_keys::{DetachKeys, DetachKeysError};

/// The socket's name in the container's monitor directory.
pub const SOCKET: &str = "attach";

/// What the user's side relays (the command line's choice).
#[derive(Clone, Debug)]
pub struct AttachStreams {
    /// The user's stdin goes to the container's, if the container keeps one open (`-i`).
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub detach_keys: DetachKeys,
    /// `--sig-proxy`: signals rpod gets go to the container.
    pub sig_proxy: bool,
    /// The end of the user's stdin closes the container's (`run -i`, `start -a -i`: the
    /// client that started the container owns its stdin, Docker's `StdinOnce`). `attach`
    /// leaves it open for the next client.
    pub close_stdin_at_eof: bool,
}

/// How an attached command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attached {
    /// The workload exited with this status.
    Exited(i32),
    /// The user detached: the container runs on.
    Detached,
}

/// `attach NAME`: relays until the container's workload exits or the user detaches.
pub fn attach(
    paths: &Paths,
    name_or_id: &str,
    streams: &AttachStreams,
) -> Result<Attached, LifecycleError> {
    let dir = lookup::find(&paths.root, &paths.runroot, name_or_id)?;
    let state = dir.read_state()?;
    if !state.status.is_running() {
        return Err(LifecycleError::NotRunning {
            verb: "attach to",
            id: state.id,
            state: state.status.as_str(),
        });
    }
    let spec = read_config(&dir.dir)?;
    let sock = socket::connect_to(&dir.monitor_dir.join(SOCKET))
        .map_err(|_| LifecycleError::NoMonitor(name_or_id.to_string()))?;
    Client::prepare(&spec, streams)?.relay(&dir, sock)
}

/// An attached client about to relay: what it relays, and its signals blocked already (a
/// client that starts the container prepares before it does: see `client::Signals`).
pub struct Client {
    id: String,
    opts: ClientOptions,
    signals: Signals,
}

impl Client {
    pub fn prepare(
        spec: &ContainerSpec,
        streams: &AttachStreams,
    ) -> Result<Client, LifecycleError> {
        let opts = ClientOptions {
            stdin: streams.stdin && spec.interactive,
            stdout: streams.stdout,
            stderr: streams.stderr,
            tty: spec.tty,
            detach_keys: streams.detach_keys.clone(),
            sig_proxy: streams.sig_proxy,
            close_stdin_at_eof: streams.close_stdin_at_eof,
        };
        let signals = Signals::block(&opts).map_err(|e| LifecycleError::Attach {
            id: spec.id.clone(),
            err: e.to_string(),
        })?;
        Ok(Client {
            id: spec.id.clone(),
            opts,
            signals,
        })
    }

    /// Relays over `sock` until the end; the exit status comes from the monitor, or, if it
    /// went without saying, from the container's recorded state.
    pub fn relay(self, dir: &ContainerDir, sock: OwnedFd) -> Result<Attached, LifecycleError> {
        let Client { id, opts, signals } = self;
        let failed = |err: String| LifecycleError::Attach {
            id: id.clone(),
            err,
        };
        match client::relay(sock, &opts, signals).map_err(|e| failed(e.to_string()))? {
            AttachEnd::Exited(code) => Ok(Attached::Exited(code)),
            AttachEnd::Detached => Ok(Attached::Detached),
            AttachEnd::Lost => match dir.read_state().ok().and_then(|s| s.exit_code) {
                Some(code) => Ok(Attached::Exited(code)),
                None => Err(failed(
                    "its monitor went away without its exit status (see rpod ps -a)".into(),
                )),
            },
        }
    }
}
