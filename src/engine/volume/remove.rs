//! `volume rm`, `volume prune` and the anonymous volumes `rm -v` takes with its container.
//! A volume goes with one rename into `<root>/volumes/.trash/` (gone at once for every
//! reader) and is deleted there; a trash left by a killed rpod is swept by the next removal.
//! Runs in rpod's user namespace: `_data` holds files of the container's subordinate owners.

use std::path::Path;

use super::users::{used_names, users};
use super::{all, io_at, lock, read, volumes_dir, VolumeError};
use crate::engine::container::lookup;
use crate::engine::lifecycle::remove::remove as remove_container;
use crate::util::fs::staging;

/// Removes volume `name`. One that a container uses is refused with Podman's error naming
/// the containers; `force` removes those containers first (stopping running ones), as
/// Podman's `volume rm -f` does.
pub fn remove(root: &Path, runroot: &Path, name: &str, force: bool) -> Result<(), VolumeError> {
    read(root, name)?;
    let using = users(root, name);
    if !using.is_empty() {
        if !force {
            return Err(VolumeError::InUse {
                name: name.to_string(),
                users: using,
            });
        }
        for id in &using {
            let removed = lookup::find(root, runroot, id)
                .map_err(|e| e.to_string())
                .and_then(|dir| remove_container(dir, true, None).map_err(|e| e.to_string()));
            removed.map_err(|e| VolumeError::RemoveUser(name.to_string(), e))?;
        }
    }
    remove_unused(root, name)
}

/// Deletes volume `name`'s directory under its lock, checking again that no container
/// has taken it meanwhile.
fn remove_unused(root: &Path, name: &str) -> Result<(), VolumeError> {
    let _lock = lock(root, name)?;
    let dir = volumes_dir(root).join(name);
    if !dir.is_dir() {
        return Err(VolumeError::NotFound(name.to_string()));
    }
    let using = users(root, name);
    if !using.is_empty() {
        return Err(VolumeError::InUse {
            name: name.to_string(),
            users: using,
        });
    }
    let trash_root = volumes_dir(root).join(".trash");
    staging::sweep(&trash_root);
    let trash = staging::move_to_trash(&trash_root, &dir).map_err(io_at(&dir))?;
    let path = trash.path.clone();
    trash.delete().map_err(io_at(&path))
}

/// `volume prune`: every volume no container uses, removed; returns their names.
pub fn prune(root: &Path) -> Result<Vec<String>, VolumeError> {
    let used = used_names(root);
    let mut removed = Vec::new();
    for v in all(root)? {
        if used.contains(&v.name) {
            continue;
        }
        match remove_unused(root, &v.name) {
            Ok(()) => removed.push(v.name),
            // Taken or removed meanwhile.
            Err(VolumeError::InUse { .. } | VolumeError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// The anonymous volumes among `names` that no container uses any more, removed (`rm -v`,
/// after the container that made them is gone). A named volume is never removed here.
pub fn remove_anonymous(root: &Path, names: &[String]) -> Result<(), VolumeError> {
    for name in names {
        match read(root, name) {
            Ok(v) if v.anonymous => match remove_unused(root, name) {
                Ok(()) | Err(VolumeError::InUse { .. } | VolumeError::NotFound(_)) => {}
                Err(e) => return Err(e),
            },
            Ok(_) | Err(VolumeError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
