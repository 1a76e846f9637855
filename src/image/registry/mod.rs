//! The registry protocol (OCI distribution spec, pull side): manifests and blobs over HTTP(S),
//! with Docker's Basic and token authentication, certs.d TLS trust and insecure-registry
//! fallback. Blocking on purpose: rpod enters its user namespace before any thread exists, and
//! the reqwest blocking client only starts its runtime thread when a [`Registry`] is created.
//!
//! Files: [`client`] (requests and responses), [`auth`] (challenges, tokens), [`transport`]
//! (TLS, scheme fallback, transport errors), [`proxy`] (`HTTP(S)_PROXY`/`NO_PROXY` as Podman
//! reads them), [`error`] (what the user sees).

pub mod auth;
mod client;
pub mod error;
mod proxy;
mod transport;

#[cfg(test)]
pub(crate) mod live_test_env;
#[cfg(test)]
mod tests;

pub use client::Registry;
pub use error::RegistryError;

use crate::config::auth::Credentials;
use crate::oci::digest::Digest;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;

pub const MEDIA_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const MEDIA_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const MEDIA_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const MEDIA_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";

/// What [`Registry::manifest`] accepts when the caller gives no list.
pub const DEFAULT_MANIFEST_ACCEPT: &[&str] = &[
    MEDIA_OCI_MANIFEST,
    MEDIA_OCI_INDEX,
    MEDIA_DOCKER_MANIFEST,
    MEDIA_DOCKER_LIST,
];

/// Per-command settings (`--tls-verify`, `--creds`, `--cert-dir`).
#[derive(Clone, Default)]
pub struct RegistryOptions {
    /// `--tls-verify`; `None`: verify unless the endpoint is `insecure` in registries.conf.
    /// `Some(false)` also allows plain HTTP, as in Podman.
    pub tls_verify: Option<bool>,
    /// `--creds`: wins over auth.json.
    pub creds: Option<Credentials>,
    /// `--cert-dir`: replaces the certs.d lookup.
    pub cert_dir: Option<PathBuf>,
    pub user_agent: String,
}

impl fmt::Debug for RegistryOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistryOptions")
            .field("tls_verify", &self.tls_verify)
            .field("creds", &self.creds)
            .field("cert_dir", &self.cert_dir)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

/// A manifest as served: the exact bytes, their media type and digest.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub media_type: String,
    pub digest: Digest,
}

/// A blob being downloaded. Read it to the end; verify the digest while reading.
pub struct Blob {
    /// `Content-Length`, when the server sent one.
    pub size: Option<u64>,
    body: Box<dyn Read + Send>,
}

impl Read for Blob {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.body.read(buf)
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Blob").field("size", &self.size).finish()
    }
}
