//! `pause` and `unpause`: the cgroup freezer of the container's own cgroup. rpod gives a
//! container a cgroup of its own only where cgroup v2 controllers are delegated to the user
//! (the cgroup issue); until a container has one, both say what is missing rather than
//! pretend.

use super::LifecycleError;
use crate::engine::container::dir::ContainerDir;

/// Freezes (`freeze`) or thaws the running container in `dir`.
pub fn pause(dir: &ContainerDir, freeze: bool) -> Result<(), LifecycleError> {
    let verb = if freeze { "pause" } else { "unpause" };
    let state = dir.read_state()?;
    if !state.status.is_running() {
        return Err(LifecycleError::NotRunning {
            verb,
            id: state.id,
            state: state.status.as_str(),
        });
    }
    Err(LifecycleError::NoFreezer(verb))
}
