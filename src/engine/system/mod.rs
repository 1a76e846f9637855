//! What `rpod info`, `rpod version` and `rpod system df` report (Podman's `libpod/info.go`
//! and `system df`): facts read from the host and the store, never changed (no lock, no user
//! namespace). Beside them the two commands that clear the store as a whole, in rpod's user
//! namespace: `system prune` ([`prune`]: what no container uses) and `system reset`
//! ([`reset`]: everything).

pub mod df;
pub mod host;
pub mod info;
pub mod prune;
pub mod reset;
pub mod version;

use std::path::PathBuf;

/// Why `system prune` or `system reset` stopped.
#[derive(Debug, thiserror::Error)]
pub enum SystemError {
    #[error(transparent)]
    Lifecycle(#[from] crate::engine::lifecycle::LifecycleError),
    #[error(transparent)]
    Storage(#[from] crate::engine::container::error::StorageError),
    #[error(transparent)]
    Volume(#[from] crate::engine::volume::VolumeError),
    #[error(transparent)]
    Image(#[from] crate::image::manage::ManageError),
    #[error("removing {0}: {1}")]
    Remove(PathBuf, std::io::Error),
}
