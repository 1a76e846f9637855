//! `stop`: the container's stop signal (`--stop-signal`, the image's `StopSignal`, else
//! SIGTERM), SIGKILL after the timeout, and back only once its parent recorded the end —
//! so that a `start` or `rm` that follows finds it exited.

use std::time::Duration;

use super::kill::{open_checked, signal_fd};
use super::{now, LifecycleError};
use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::state::{read_state_file, State, Status};
use crate::util::pidfd;

/// How long the monitor may take to record the end once PID 1 is gone.
const RECORD_TIMEOUT: Duration = Duration::from_secs(10);

/// Stops the container in `dir` (a container that does not run is left as it is); `timeout`
/// overrides its `--stop-timeout`. Returns its state afterwards.
pub fn stop(dir: &ContainerDir, timeout: Option<u64>) -> Result<State, LifecycleError> {
    let state = dir.read_state()?;
    let Some(running) = state.running.clone() else {
        return Ok(state);
    };
    let spec = read_config(&dir.dir)?;
    let Some(fd) = open_checked(&running) else {
        return Ok(dir.read_state()?);
    };
    let monitor = pidfd::open(running.monitor_pid).filter(|_| running.monitor_alive());
    dir.update_state(|s| {
        s.stopped_by_user = true;
        if s.status == Status::Running {
            s.status = Status::Stopping;
        }
    })?;
    let timeout = Duration::from_secs(timeout.unwrap_or(spec.stop_timeout));
    if !timeout.is_zero() {
        signal_fd(&fd, spec.stop_signal, &state.id)?;
    }
    if !pidfd::wait_exit(&fd, Some(timeout)) {
        signal_fd(&fd, libc::SIGKILL, &state.id)?;
        if !pidfd::wait_exit(&fd, Some(Duration::from_secs(10))) {
            return Err(LifecycleError::DidNotStop(state.id.clone()));
        }
    }
    wait_recorded(dir, monitor.as_ref(), &state.id)
}

/// Waits until the container's parent has written how it ended; a parent that died without
/// writing it leaves the container `stopping`, which this writes as `exited` with no code.
fn wait_recorded(
    dir: &ContainerDir,
    monitor: Option<&std::os::fd::OwnedFd>,
    id: &str,
) -> Result<State, LifecycleError> {
    let deadline = std::time::Instant::now() + RECORD_TIMEOUT;
    loop {
        // As written: the kernel's view says "stopped" as soon as PID 1 is gone.
        let written = read_state_file(&dir.dir)?;
        if !written.status.is_running() {
            return Ok(dir.read_state()?);
        }
        let monitor_gone = monitor.is_none_or(|m| pidfd::wait_exit(m, Some(Duration::ZERO)));
        if monitor_gone {
            return Ok(dir.update_state(|s| {
                if s.status.is_running() {
                    s.status = Status::Exited;
                    s.exit_code = None;
                    s.finished = Some(now());
                }
            })?);
        }
        if std::time::Instant::now() > deadline {
            return Err(LifecycleError::MonitorSlow(id.to_string()));
        }
        if let Some(m) = monitor {
            pidfd::wait_exit(m, Some(Duration::from_millis(20)));
        }
    }
}
