//! `wait`: blocks until the container reaches a state (by default, until it is no longer
//! running: exited or stopped, as Podman's default `--condition stopped` does) and returns
//! its exit code. A running container is waited for through a pidfd of its PID 1; the
//! record its monitor writes after is polled for briefly.

use std::time::Duration;

use super::LifecycleError;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::state::Status;
use crate::util::pidfd;

/// What `--condition` may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Not running: `stopped` and `exited` (Podman's default).
    NotRunning,
    Is(Status),
}

impl Condition {
    pub fn parse(s: &str) -> Option<Condition> {
        Some(match s {
            "stopped" | "exited" => Condition::NotRunning,
            "created" | "configured" => Condition::Is(Status::Created),
            "running" => Condition::Is(Status::Running),
            "stopping" => Condition::Is(Status::Stopping),
            _ => return None,
        })
    }

    fn holds(self, status: Status) -> bool {
        match self {
            Condition::NotRunning => !status.is_running() && status != Status::Created,
            Condition::Is(s) => s == status,
        }
    }
}

/// Waits for `condition`; returns the exit code then (-1 when unknown, as Podman prints it).
/// A container removed meanwhile (`--rm`) ends the wait with the last code seen.
pub fn wait(dir: &ContainerDir, condition: Condition) -> Result<i32, LifecycleError> {
    let mut last_code = -1;
    loop {
        let state = match dir.read_state() {
            Ok(s) => s,
            Err(_) if !dir.dir.exists() => return Ok(last_code),
            Err(e) => return Err(e.into()),
        };
        if let Some(code) = state.exit_code {
            last_code = code;
        }
        if condition.holds(state.status) {
            return Ok(state.exit_code.unwrap_or(-1));
        }
        match state.running.as_ref().and_then(|r| pidfd::open(r.pid)) {
            Some(fd) if condition == Condition::NotRunning => {
                pidfd::wait_exit(&fd, None);
                std::thread::sleep(Duration::from_millis(2));
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}
