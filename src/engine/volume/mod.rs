//! Named volumes, kept as Podman keeps them: `<root>/volumes/<name>/_data` is what containers
//! see, and beside it `volume.json` records what `volume inspect` shows (Podman keeps that in
//! its database; a file per volume lets commands on different volumes never wait for each
//! other). A volume appears with one rename of a directory made aside, so a reader sees it
//! whole or not at all ([`create`]); it goes the same way ([`remove`]). Which containers use
//! one is read from their saved specs ([`users`]); a new volume gets the image's files at its
//! mount point ([`copy_up`]).

pub mod copy_up;
pub mod create;
pub mod remove;
pub mod users;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file beside `_data` that describes the volume.
const RECORD: &str = "volume.json";

#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    /// Podman's wording.
    #[error("volume with name {0} already exists: volume already exists")]
    Exists(String),
    /// Podman's wording (scripts match on "no such volume").
    #[error("no volume with name {0:?} found: no such volume")]
    NotFound(String),
    /// Podman's wording.
    #[error("volume {name} is being used by the following container(s): {}: volume is being used", .users.join(", "))]
    InUse { name: String, users: Vec<String> },
    #[error("invalid volume name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    Name(String),
    #[error("volume option {0:?} is not supported: rpod's volumes are plain directories of the store (give no --opt)")]
    Option(String),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Corrupt(PathBuf, serde_json::Error),
    #[error("removing the containers that use volume {0}: {1}")]
    RemoveUser(String, String),
}

pub(crate) fn io_at(p: &Path) -> impl FnOnce(std::io::Error) -> VolumeError + '_ {
    move |e| VolumeError::Io(p.to_path_buf(), e)
}

/// A volume as `volume inspect` prints it (Podman's field names and order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    pub name: String,
    pub driver: String,
    /// Filled in from the store's path when read (the store may have moved).
    #[serde(default)]
    pub mountpoint: PathBuf,
    pub created_at: String,
    pub labels: BTreeMap<String, String>,
    pub scope: String,
    pub options: BTreeMap<String, String>,
    /// Made for an image's `VOLUME` or a `-v /path` without a name: `rm -v` removes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// How many running containers use it; counted when read.
    #[serde(default)]
    pub mount_count: u32,
    /// The image's content at the mount point is still to be copied in (on first use).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_copy_up: bool,
    /// Podman's flag for giving an empty volume the owner of the image's directory; kept
    /// with the copy-up, which copies owners.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_chown: bool,
}

/// `<root>/volumes`.
pub fn volumes_dir(root: &Path) -> PathBuf {
    root.join("volumes")
}

/// `<root>/volumes/<name>/_data`: what containers see.
pub fn data_dir(root: &Path, name: &str) -> PathBuf {
    volumes_dir(root).join(name).join("_data")
}

/// Podman's rule for volume names (as for container names).
pub use crate::spec::mounts::valid_volume_name as valid_name;

/// The volume `name`, or [`VolumeError::NotFound`]. `MountCount` is left 0 (see
/// [`users::mount_count`]).
pub fn read(root: &Path, name: &str) -> Result<Volume, VolumeError> {
    if !valid_name(name) {
        return Err(VolumeError::NotFound(name.to_string()));
    }
    let path = volumes_dir(root).join(name).join(RECORD);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(VolumeError::NotFound(name.to_string()))
        }
        Err(e) => return Err(VolumeError::Io(path, e)),
    };
    let mut v: Volume =
        serde_json::from_slice(&bytes).map_err(|e| VolumeError::Corrupt(path.clone(), e))?;
    v.mountpoint = data_dir(root, name);
    Ok(v)
}

/// Rewrites the record of `v` (under the volume's lock, see [`lock`]).
pub(crate) fn write(root: &Path, v: &Volume) -> Result<(), VolumeError> {
    write_in(&volumes_dir(root).join(&v.name), v)
}

fn write_in(dir: &Path, v: &Volume) -> Result<(), VolumeError> {
    let path = dir.join(RECORD);
    let bytes = serde_json::to_vec_pretty(v).map_err(|e| VolumeError::Corrupt(path.clone(), e))?;
    crate::util::fs::replace::write(&path, &bytes, 0o600, crate::util::fs::replace::Sync::None)
        .map_err(io_at(&path))
}

/// The volume's own lock (`<root>/volumes/<name>/lock`): its copy-up and its removal take it.
pub(crate) fn lock(
    root: &Path,
    name: &str,
) -> Result<crate::util::fs::lock::FileLock, VolumeError> {
    let path = volumes_dir(root).join(name).join("lock");
    crate::util::fs::lock::FileLock::exclusive(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VolumeError::NotFound(name.to_string()),
        _ => VolumeError::Io(path.clone(), e),
    })
}

/// Every volume of the store, sorted by name.
pub fn all(root: &Path) -> Result<Vec<Volume>, VolumeError> {
    let dir = volumes_dir(root);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(VolumeError::Io(dir, e)),
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| valid_name(n))
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        match read(root, &n) {
            Ok(v) => out.push(v),
            // Removed meanwhile.
            Err(VolumeError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["a", "web_1", "x.y-z", "9"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "-a", ".a", "a/b", "a b", "_x", "a:b"] {
            assert!(!valid_name(bad), "{bad}");
        }
    }
}
