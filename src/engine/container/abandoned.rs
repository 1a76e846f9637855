//! Container directories a killed rpod left behind. A foreground `run --rm` writes no state
//! for its container (see `engine::run`); killed (SIGKILL) before its cleaner was forked, it
//! leaves `<root>/containers/<id>/` without `state.json`, perhaps with a name reserved for
//! it — a container no command lists, whose name cannot be used again. (`create` killed
//! before the first state of its container was written leaves the same.)
//!
//! Such a directory is certainly abandoned when it has no `state.json` and nobody holds its
//! lock: its creator takes the lock before it reserves the name and keeps it until the state
//! is written, or, for a foreground `--rm` container, until the directory has gone to the
//! trash (see `ContainerDir::create` and `ContainerDir::hold`); the kernel drops it with the
//! creator, SIGKILL or not. Taking the lock ourselves settles it for good: whoever made the
//! directory is gone, and one that is making it again sees that it lost it.
//!
//! `container prune` and `system prune` remove every abandoned directory ([`sweep`]), `rm`
//! the one its name or ID names ([`remove_named`]), and `create` the one that holds the name
//! it is given; all run in rpod's user namespace, as the directory's upper layer may hold
//! files of subordinate owners. `ps` only reads: it never shows them.

use std::path::Path;

use super::dir::{ContainerDir, LOCK_FILE};
use super::error::StorageError;
use super::layout::containers_dir;
use super::state::STATE_FILE;
use crate::util::fs::lock::FileLock;
use crate::util::fs::staging::move_to_trash;

/// Removes every abandoned container directory of the store; returns their IDs.
pub fn sweep(root: &Path, runroot: &Path) -> Result<Vec<String>, StorageError> {
    let containers = containers_dir(root);
    let Ok(entries) = std::fs::read_dir(&containers) else {
        return Ok(Vec::new());
    };
    let mut removed = Vec::new();
    for id in entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
    {
        if is_id(&id) && remove_if_abandoned(root, runroot, &id)? {
            removed.push(id);
        }
    }
    Ok(removed)
}

/// `rm NAME` (or ID) for a container whose directory was abandoned: removes it and frees
/// the name. False when `name_or_id` names no abandoned directory.
pub fn remove_named(root: &Path, runroot: &Path, name_or_id: &str) -> Result<bool, StorageError> {
    let id = if is_id(name_or_id) {
        name_or_id.to_ascii_lowercase()
    } else if name_or_id.contains('/') || name_or_id.starts_with('.') {
        return Ok(false);
    } else {
        let link = containers_dir(root).join("by-name").join(name_or_id);
        match std::fs::read_link(link)
            .ok()
            .and_then(|t| t.file_name()?.to_str().map(str::to_string))
        {
            Some(id) if is_id(&id) => id,
            _ => return Ok(false),
        }
    };
    remove_if_abandoned(root, runroot, &id)
}

fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Removes the directory of container `id` with the names reserved for it, if it is
/// abandoned (see the module doc); whether it was.
fn remove_if_abandoned(root: &Path, runroot: &Path, id: &str) -> Result<bool, StorageError> {
    let containers = containers_dir(root);
    let dir = containers.join(id);
    if dir.join(STATE_FILE).exists() || !dir.is_dir() {
        return Ok(false);
    }
    let path = dir.join(LOCK_FILE);
    let _lock = match FileLock::try_exclusive(&path) {
        Ok(Some(lock)) if lock.is_at(&path) => lock,
        // Held (its creator runs), or gone meanwhile.
        Ok(_) => return Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StorageError::Io(path, e)),
    };
    // Its creator may have written the state and let go just before.
    if dir.join(STATE_FILE).exists() {
        return Ok(false);
    }
    log::info!(
        "removing the abandoned container directory {}",
        dir.display()
    );
    release_names(&containers, id);
    ContainerDir::open(root, runroot, id, None).clear_running();
    // Gone at once (a `--rm` cleaner whose rpod died may be moving it too: one of us does).
    let trash = match move_to_trash(&root.join("tmp"), &dir) {
        Ok(trash) => trash,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(StorageError::Io(dir, e)),
    };
    let path = trash.path.clone();
    trash.delete().map_err(|e| StorageError::Io(path, e))?;
    Ok(true)
}

/// Removes the names reserved for container `id` (`by-name/<name>` → `../<id>`).
fn release_names(containers: &Path, id: &str) {
    let by_name = containers.join("by-name");
    let Ok(entries) = std::fs::read_dir(&by_name) else {
        return;
    };
    for e in entries.flatten() {
        let target = std::fs::read_link(e.path()).ok();
        if target.is_some_and(|t| t == Path::new("..").join(id)) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::new_id;
    use super::*;

    /// What a run killed before its cleaner forked leaves: the directories and the name.
    fn abandoned(root: &Path, name: &str) -> String {
        let id = new_id();
        let containers = containers_dir(root);
        std::fs::create_dir_all(containers.join(&id).join("upper")).unwrap();
        std::fs::create_dir_all(containers.join("by-name")).unwrap();
        std::os::unix::fs::symlink(
            Path::new("..").join(&id),
            containers.join("by-name").join(name),
        )
        .unwrap();
        id
    }

    #[test]
    fn an_abandoned_directory_goes_with_its_name() {
        let root = tempfile::tempdir().unwrap();
        let run = tempfile::tempdir().unwrap();
        let id = abandoned(root.path(), "k9");
        let other = abandoned(root.path(), "k8");
        assert!(!remove_named(root.path(), run.path(), "nope").unwrap());
        assert!(remove_named(root.path(), run.path(), "k9").unwrap());
        let containers = containers_dir(root.path());
        assert!(!containers.join(&id).exists());
        assert!(!containers.join("by-name/k9").exists());
        assert!(containers.join(&other).exists());
        assert_eq!(sweep(root.path(), run.path()).unwrap(), [other.as_str()]);
        assert!(!containers.join("by-name/k8").exists());
        assert!(!containers.join(&other).exists());
    }

    /// A directory whose lock is held (a container being made, or a foreground `--rm` one
    /// running), or that has its state, is not abandoned.
    #[test]
    fn held_or_kept_directories_stay() {
        let root = tempfile::tempdir().unwrap();
        let run = tempfile::tempdir().unwrap();
        let (made, lock) =
            ContainerDir::create(root.path(), run.path(), &new_id(), Some("live")).unwrap();
        assert!(sweep(root.path(), run.path()).unwrap().is_empty());
        assert!(!remove_named(root.path(), run.path(), "live").unwrap());
        assert!(made.dir.is_dir());
        std::fs::write(made.dir.join(STATE_FILE), "{}").unwrap();
        drop(lock);
        assert!(sweep(root.path(), run.path()).unwrap().is_empty());
        assert!(made.dir.is_dir());
    }
}
