//! Image archives, for `rpod save` and `rpod load`, in the two formats Podman and skopeo
//! exchange: docker-archive (`docker save`: `manifest.json`, the config, uncompressed layer
//! tars) and oci-archive (a tarred OCI image layout).
//!
//! Loading never extracts the archive: [`tar_index`] records where each member is and the
//! blobs are streamed from there through the same verify-and-unpack path as a pull
//! ([`crate::image::ingest`]); nothing is named before everything is stored. Saving writes a
//! temporary file beside the target and renames it at the end.
//!
//! Files: [`load`] and [`save`] (the two verbs), [`docker`] and [`oci`] (each format, both
//! directions), [`legacy`] (the pre-manifest.json metadata `docker save` still writes),
//! [`source`] (where a stored layer's bytes are), [`tar_index`] and [`tar_out`] (tar access).

mod docker;
mod legacy;
pub mod load;
mod oci;
pub mod save;
mod source;
mod tar_index;
mod tar_out;

use super::ingest::IngestError;
use super::manifest::ManifestError;
use super::store::StoreError;
use std::io;
use std::path::PathBuf;

pub use load::{load, LoadOptions};
pub use save::{save, SaveOptions};

/// The archive formats, named as Podman's `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DockerArchive,
    OciArchive,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: io::Error },
    #[error("payload does not match any of the supported image formats (oci-archive, docker-archive): {0}")]
    NotAnArchive(String),
    #[error("archive has no member {0}")]
    Missing(String),
    #[error("archive member {member}: {err}")]
    BadJson {
        member: String,
        err: serde_json::Error,
    },
    #[error("invalid archive: {0}")]
    Invalid(String),
    #[error("{member}: {err}")]
    Manifest { member: String, err: ManifestError },
    #[error(transparent)]
    Policy(#[from] crate::config::policy::PolicyError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}: image not known")]
    UnknownImage(String),
    #[error("image store is damaged: {0}")]
    StoreDamaged(String),
    #[error("reading from the store: {0}")]
    Read(io::Error),
    #[error("writing the archive: {0}")]
    Write(io::Error),
}

/// Parses a JSON member of the archive.
fn parse_json<T: serde::de::DeserializeOwned>(
    member: &str,
    bytes: &[u8],
) -> Result<T, ArchiveError> {
    serde_json::from_slice(bytes).map_err(|err| ArchiveError::BadJson {
        member: member.to_string(),
        err,
    })
}
