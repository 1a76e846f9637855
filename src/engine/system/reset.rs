//! `system reset`: rpod as a fresh install finds it. Every container is removed as `rm -f`
//! removes it — stopped first (SIGKILL after its stop timeout), its monitor waited for — so
//! that no workload or monitor outlives the files it runs from; then the store's root and the
//! run root are deleted whole, as Podman deletes its graph root and run root: images, layers,
//! volumes, names, everything. The next command makes them again. Runs in rpod's user
//! namespace: layers, writable layers and volumes hold files of subordinate owners.

use super::SystemError;
use crate::config::paths::Paths;
use crate::engine::container::lookup;
use crate::engine::lifecycle::remove::remove;
use crate::util::fs::staging::remove_tree;

/// Removes every container, then the store and the run root of `paths`.
pub fn reset(paths: &Paths) -> Result<(), SystemError> {
    for dir in lookup::all(&paths.root, &paths.runroot)? {
        let path = dir.dir.clone();
        match remove(dir, true, None) {
            Ok(()) => {}
            // Removed meanwhile (by its own `--rm`, or another rpod).
            Err(_) if !path.exists() => {}
            Err(e) => return Err(e.into()),
        }
    }
    for path in [&paths.root, &paths.runroot] {
        remove_tree(path).map_err(|e| SystemError::Remove(path.clone(), e))?;
    }
    Ok(())
}
