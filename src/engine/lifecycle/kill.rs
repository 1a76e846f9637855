//! `kill`: a signal to the container's PID 1, through a pidfd opened and then checked
//! against the recorded start time, so that a pid the kernel gave to another process is never
//! signalled. The invoking user may signal every process of the container: they run in a user
//! namespace the user owns. Marks the container stopped by the user, so that its restart
//! policy leaves it be, as Podman's `kill` does.

use std::os::fd::OwnedFd;

use super::LifecycleError;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::state::{Running, State};
use crate::util::pidfd;

/// Sends `signal` to the running container in `dir`; returns its state as it was.
pub fn kill(dir: &ContainerDir, signal: i32) -> Result<State, LifecycleError> {
    let state = dir.read_state()?;
    let not_running = || LifecycleError::NotRunning {
        verb: "kill",
        id: state.id.clone(),
        state: state.status.as_str(),
    };
    let running = state.running.as_ref().ok_or_else(not_running)?;
    let fd = open_checked(running).ok_or_else(not_running)?;
    dir.update_state(|s| s.stopped_by_user = true)?;
    signal_fd(&fd, signal, &state.id)?;
    Ok(state)
}

/// A pidfd for the PID 1 of `running`, if it still is that process.
pub fn open_checked(running: &Running) -> Option<OwnedFd> {
    let fd = pidfd::open(running.pid)?;
    // Opened first, checked after: the pidfd pins the process the check saw.
    running.is_alive().then_some(fd)
}

/// Sends `signal` through `fd`; a process that is already gone is no error.
pub fn signal_fd(fd: &OwnedFd, signal: i32, id: &str) -> Result<(), LifecycleError> {
    match pidfd::send_signal(fd, signal) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Ok(()),
        Err(err) => Err(LifecycleError::Signal {
            signal,
            id: id.to_string(),
            err,
        }),
    }
}
