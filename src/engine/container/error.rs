//! What can go wrong in the container store: one error type for its layout, its directories,
//! the state and the saved spec.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("the container name {0:?} is already in use")]
    NameInUse(String),
    #[error("{0}: {1}")]
    Io(PathBuf, io::Error),
    #[error("writing container state: {0}")]
    State(serde_json::Error),
    #[error("writing container config: {0}")]
    Config(serde_json::Error),
    #[error("{0}: the container is in use by another rpod")]
    Locked(PathBuf),
    /// A `state.json` or `config.json` that does not parse.
    #[error("{0}: {1}")]
    Corrupt(PathBuf, serde_json::Error),
}

/// Maps an I/O error to [`StorageError::Io`] at `p`.
pub(super) fn io_at(p: &Path) -> impl FnOnce(io::Error) -> StorageError + '_ {
    move |e| StorageError::Io(p.to_path_buf(), e)
}
