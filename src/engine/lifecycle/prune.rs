//! `container prune`: every container that does not run, removed — and the directories
//! killed rpods abandoned (see `container::abandoned`), which no command lists.

use super::{remove, LifecycleError};
use crate::engine::container::{abandoned, lookup};
use std::path::Path;

/// Removes the containers of the store that do not run; returns their IDs (not those of
/// abandoned directories, which were never containers to the user).
pub fn prune(root: &Path, runroot: &Path) -> Result<Vec<String>, LifecycleError> {
    abandoned::sweep(root, runroot)?;
    let mut removed = Vec::new();
    for dir in lookup::all(root, runroot)? {
        let state = match dir.read_state() {
            Ok(s) => s,
            Err(_) => continue,
        };
        if state.status.is_running() {
            continue;
        }
        let id = dir.id().to_string();
        // One that started meanwhile is left alone.
        match remove::remove(dir, false, None) {
            Ok(()) => removed.push(id),
            Err(LifecycleError::RemoveRunning(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}
