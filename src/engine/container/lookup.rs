//! Finding containers as Podman's users name them: by name, by full ID or by a unique prefix
//! of the ID ([`find`]); and every container of the store ([`all`]). Reads only directory
//! entries and symbolic links: no lock, no user namespace (`ps` and `inspect` must stay cheap
//! as containers and parallel invocations grow).

use std::path::Path;

use super::dir::ContainerDir;
use super::error::{io_at, StorageError};
use super::layout::containers_dir;
use super::state::STATE_FILE;

#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// Podman's wording, which scripts match on.
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    #[error("more than one result for container ID {0:?}: give more of the ID, or the name")]
    Ambiguous(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Whether `s` could be (a prefix of) a container ID.
fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `name` is the directory of a kept container (not `by-name`, `.spare`,
/// `init-layer`, and one with its state written).
fn is_container_dir(containers: &Path, name: &str) -> bool {
    name.len() == 64 && is_hex(name) && containers.join(name).join(STATE_FILE).is_file()
}

/// The container named `name_or_id`, or whose ID is or starts with it. A name wins over an
/// ID prefix, as in Podman.
pub fn find(root: &Path, runroot: &Path, name_or_id: &str) -> Result<ContainerDir, LookupError> {
    let containers = containers_dir(root);
    let not_found = || LookupError::NotFound(name_or_id.to_string());
    if name_or_id.is_empty() || name_or_id.contains('/') || name_or_id.starts_with('.') {
        return Err(not_found());
    }
    if let Ok(target) = std::fs::read_link(containers.join("by-name").join(name_or_id)) {
        if let Some(id) = target.file_name().and_then(|n| n.to_str()) {
            if is_container_dir(&containers, id) {
                return Ok(ContainerDir::open(root, runroot, id, Some(name_or_id)));
            }
        }
    }
    if !is_hex(name_or_id) {
        return Err(not_found());
    }
    let wanted = name_or_id.to_ascii_lowercase();
    if wanted.len() == 64 {
        return match is_container_dir(&containers, &wanted) {
            true => Ok(with_name(root, runroot, &wanted)),
            false => Err(not_found()),
        };
    }
    let mut found = None;
    for id in ids(&containers)? {
        if id.starts_with(&wanted) {
            if found.is_some() {
                return Err(LookupError::Ambiguous(name_or_id.to_string()));
            }
            found = Some(id);
        }
    }
    match found {
        Some(id) => Ok(with_name(root, runroot, &id)),
        None => Err(not_found()),
    }
}

/// Every kept container of the store, in no particular order.
pub fn all(root: &Path, runroot: &Path) -> Result<Vec<ContainerDir>, StorageError> {
    Ok(ids(&containers_dir(root))?
        .iter()
        .map(|id| with_name(root, runroot, id))
        .collect())
}

/// The IDs of the containers in `containers` (a missing directory holds none).
fn ids(containers: &Path) -> Result<Vec<String>, StorageError> {
    let entries = match std::fs::read_dir(containers) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_at(containers)(e)),
    };
    Ok(entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_container_dir(containers, n))
        .collect())
}

/// The container `id` with its name read from its state (so that removing it frees the
/// name).
fn with_name(root: &Path, runroot: &Path, id: &str) -> ContainerDir {
    let dir = ContainerDir::open(root, runroot, id, None);
    match super::state::read_state_file(&dir.dir) {
        Ok(st) => ContainerDir::open(root, runroot, id, Some(&st.name)),
        Err(_) => dir,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make(root: &Path, id: &str, name: &str) {
        let c = containers_dir(root);
        std::fs::create_dir_all(c.join(id)).unwrap();
        std::fs::create_dir_all(c.join("by-name")).unwrap();
        std::os::unix::fs::symlink(Path::new("..").join(id), c.join("by-name").join(name)).unwrap();
        let st = format!(
            r#"{{"id":"{id}","name":"{name}","image":"i","command":[],"created":"x","status":"created"}}"#
        );
        std::fs::write(c.join(id).join(STATE_FILE), st).unwrap();
    }

    #[test]
    fn by_name_id_and_prefix() {
        let root = tempfile::tempdir().unwrap();
        let run = Path::new("/nonexistent-run");
        let (a, b) = (
            format!("ab{}", "0".repeat(62)),
            format!("ac{}", "1".repeat(62)),
        );
        make(root.path(), &a, "web");
        make(root.path(), &b, "db");
        let id = |r: Result<ContainerDir, LookupError>| r.unwrap().id().to_string();
        assert_eq!(id(find(root.path(), run, "web")), a);
        assert_eq!(id(find(root.path(), run, &b)), b);
        assert_eq!(id(find(root.path(), run, "ab")), a);
        assert_eq!(id(find(root.path(), run, "AC1")), b);
        assert!(matches!(
            find(root.path(), run, "a"),
            Err(LookupError::Ambiguous(_))
        ));
        for missing in ["nope", "ad", "", "../x", ".spare"] {
            let err = find(root.path(), run, missing).unwrap_err();
            assert!(matches!(err, LookupError::NotFound(_)), "{missing}: {err}");
        }
        assert_eq!(
            find(root.path(), run, "x").unwrap_err().to_string(),
            "no container with name or ID \"x\" found: no such container"
        );
        let mut ids: Vec<_> = all(root.path(), run)
            .unwrap()
            .iter()
            .map(|d| d.id().to_string())
            .collect();
        ids.sort();
        assert_eq!(ids, [a, b]);
    }

    #[test]
    fn a_name_wins_over_an_id_prefix() {
        let root = tempfile::tempdir().unwrap();
        let run = Path::new("/nonexistent-run");
        let (a, b) = (
            format!("be{}", "0".repeat(62)),
            format!("cd{}", "1".repeat(62)),
        );
        make(root.path(), &a, "x");
        make(root.path(), &b, "be");
        assert_eq!(find(root.path(), run, "be").unwrap().id(), b);
    }

    #[test]
    fn no_store_no_containers() {
        let root = tempfile::tempdir().unwrap();
        assert!(all(&root.path().join("none"), Path::new("/r"))
            .unwrap()
            .is_empty());
    }
}
