//! `rm`: a container that does not run (or, with force, once stopped) removed with its
//! directories, its name and its run-time record. Runs in rpod's user namespace: the
//! container's upper layer holds files of subordinate owners.

use std::time::Duration;

use super::{stop, LifecycleError};
use crate::engine::container::dir::ContainerDir;
use crate::util::pidfd;

/// Removes the container in `dir`. `force` stops a running one first, waiting `timeout`
/// seconds (its `--stop-timeout` if `None`) before SIGKILL.
pub fn remove(dir: ContainerDir, force: bool, timeout: Option<u64>) -> Result<(), LifecycleError> {
    let state = dir.read_state()?;
    if state.status.is_running() {
        if !force {
            return Err(LifecycleError::RemoveRunning(state.id));
        }
        stop::stop(&dir, timeout)?;
    }
    // A monitor still finishing (removing a `--rm` container itself) goes first.
    if let Some(running) = crate::engine::container::state::read_running(&dir.monitor_dir) {
        if running.monitor_alive() {
            if let Some(m) = pidfd::open(running.monitor_pid) {
                pidfd::wait_exit(&m, Some(Duration::from_secs(10)));
            }
        }
    }
    let lock = dir.lock()?;
    if !dir.dir.is_dir() {
        return Ok(());
    }
    let state = dir.read_state()?;
    if state.status.is_running() {
        // Started again meanwhile.
        return Err(LifecycleError::RemoveRunning(state.id));
    }
    drop(lock);
    Ok(dir.remove()?)
}

/// `rm -v`: the container removed as [`remove`] does, then its anonymous volumes that no
/// other container uses (its named volumes always stay).
pub fn remove_with_volumes(
    root: &std::path::Path,
    dir: ContainerDir,
    force: bool,
    timeout: Option<u64>,
) -> Result<(), LifecycleError> {
    let volumes = volume_names(&dir);
    remove(dir, force, timeout)?;
    crate::engine::volume::remove::remove_anonymous(root, &volumes)?;
    Ok(())
}

/// The names of the volumes the container's saved spec mounts.
pub fn volume_names(dir: &ContainerDir) -> Vec<String> {
    crate::engine::container::config::read_config(&dir.dir)
        .map(|spec| {
            spec.mounts
                .iter()
                .filter_map(|m| m.volume_name().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
