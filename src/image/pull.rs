//! `rpod pull`: resolve a name, fetch and verify its manifest and config, fetch, verify and
//! unpack the missing layers in parallel while they stream, then name the image in the store.
//!
//! Nothing is named before everything is verified and in place (see `store`), so an error or a
//! kill at any point leaves no half-visible image. What a failed pull may leave is only what
//! was verified and stored on its own: each layer whose blob digest and diff_id both matched
//! (`layers/<diff_id>` and its blob, reused by the next pull, removed by `image prune`). The
//! index, manifest and config blobs are written only with the image itself.

use super::config_facts::ConfigFacts;
use super::ingest::{self, IngestError};
use super::manifest::{self, Document, Platform};
use super::registry::{Registry, RegistryError, RegistryOptions};
use super::store::index::ImageRecord;
use super::store::{Store, StoreError};
use crate::config::auth::AuthFile;
use crate::config::policy::{Policy, PolicyError, Source};
use crate::config::registries::RegistriesConf;
use crate::oci::digest::Digest;
use crate::oci::reference::{self, Parsed, Reference};
use layers::fetch_layers;
use std::io::Read;

mod layers;

/// What the caller sees of a pull in progress (progress bars, or plain lines).
pub trait PullObserver: Sync {
    fn trying(&self, _reference: &str) {}
    fn blob_started(&self, _digest: &Digest, _size: u64) {}
    fn blob_progress(&self, _digest: &Digest, _bytes: u64) {}
    fn blob_done(&self, _digest: &Digest, _already_present: bool) {}
    fn config(&self, _digest: &Digest) {}
    fn writing_manifest(&self) {}
}

/// Observes nothing (`-q`, and pulls made on behalf of other commands' scripts).
pub struct Quiet;
impl PullObserver for Quiet {}

pub struct PullOptions {
    pub platform: Option<Platform>,
    pub registry: RegistryOptions,
    pub authfile: Option<std::path::PathBuf>,
    /// `--signature-policy`: replaces the policy.json lookup.
    pub signature_policy: Option<std::path::PathBuf>,
    /// False with a single-id user namespace, where only our own id can own files.
    pub chown: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Reference(#[from] reference::ReferenceError),
    #[error(transparent)]
    Config(#[from] crate::config::registries::ConfigError),
    #[error(transparent)]
    Policy(#[from] PolicyError),
    #[error("{}", prefixed(reference, err))]
    Registry {
        reference: String,
        err: RegistryError,
    },
    #[error("{reference}: {err}")]
    Manifest {
        reference: String,
        err: manifest::ManifestError,
    },
    #[error("{0}")]
    AllFailed(String),
    #[error("{what} {expected} failed verification: content has digest {actual} (corrupt or tampered blob; nothing was stored)")]
    DigestMismatch {
        what: &'static str,
        expected: Digest,
        actual: Digest,
    },
    #[error("image config {0}: {1}")]
    BadConfig(Digest, String),
    #[error("layer {digest}: {err}")]
    Layer { digest: String, err: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `reference: error`, unless the registry's message already starts with the reference (when
/// no registries.conf rewrite happened), so no line says the same name twice.
fn prefixed(reference: &str, err: &RegistryError) -> String {
    let message = err.to_string();
    if message.starts_with(reference) {
        message
    } else {
        format!("{reference}: {message}")
    }
}

impl From<IngestError> for PullError {
    fn from(e: IngestError) -> PullError {
        match e {
            IngestError::DigestMismatch {
                what,
                expected,
                actual,
            } => PullError::DigestMismatch {
                what,
                expected,
                actual,
            },
            IngestError::Layer { digest, err } => PullError::Layer { digest, err },
            IngestError::Store(e) => PullError::Store(e),
        }
    }
}

/// The references `name` may mean: itself when qualified, else its short-name candidates.
fn candidates(conf: &RegistriesConf, name: &str) -> Result<Vec<Reference>, PullError> {
    Ok(match reference::parse(name)? {
        Parsed::Qualified(r) => vec![r],
        Parsed::Short {
            repository,
            tag,
            digest,
        } => conf.resolve_short(&repository, tag, digest)?,
    })
}

/// `--pull=newer`: whether the registry's manifest for `name` is none of those `local` was
/// pulled with. As Podman does, "newer" means "a different digest" (dates are unreliable).
/// Only the manifest is fetched; the first candidate and endpoint that answers decides.
pub fn registry_has_other_image(
    local: &ImageRecord,
    name: &str,
    opts: &PullOptions,
) -> Result<bool, PullError> {
    let conf = RegistriesConf::load()?;
    let auth = AuthFile::load(opts.authfile.as_deref()).map_err(PullError::Config)?;
    let mut errors = Vec::new();
    for candidate in candidates(&conf, name)? {
        for endpoint in conf.endpoints(&candidate)? {
            let top = Registry::new(&endpoint, &opts.registry, &auth)
                .and_then(|r| r.manifest(&candidate.manifest_ref(), manifest::ACCEPT));
            match top {
                Ok(top) => return Ok(!local.digests.contains(&top.digest)),
                Err(err) => errors.push(PullError::Registry {
                    reference: candidate.to_string(),
                    err,
                }),
            }
        }
    }
    Err(errors.pop().unwrap_or_else(|| {
        PullError::AllFailed(format!("{name}: no registry to ask for a newer image"))
    }))
}

/// Pulls `name` into `store` and returns the stored record.
pub fn pull(
    store: &Store,
    name: &str,
    opts: &PullOptions,
    observer: &dyn PullObserver,
) -> Result<ImageRecord, PullError> {
    let conf = RegistriesConf::load()?;
    let candidates = candidates(&conf, name)?;
    let policy = Policy::load(opts.signature_policy.as_deref())?;
    let auth = AuthFile::load(opts.authfile.as_deref()).map_err(PullError::Config)?;
    let _content = store.hold_content()?;
    crate::util::fs::staging::sweep(&store.tmp_dir());
    let mut errors = Vec::new();
    for candidate in &candidates {
        // Checked on the logical name before any request, as every requirement rpod can
        // evaluate needs no signature; a refused candidate leaves the next one its chance.
        if let Some(policy) = &policy {
            if let Err(e) = policy.check(&Source::Docker(candidate)) {
                errors.push(e.into());
                continue;
            }
        }
        observer.trying(&candidate.to_string());
        for endpoint in conf.endpoints(candidate)? {
            let attempt = Registry::new(&endpoint, &opts.registry, &auth)
                .map_err(|err| PullError::Registry {
                    reference: candidate.to_string(),
                    err,
                })
                .and_then(|registry| pull_from(store, candidate, &registry, opts, observer));
            match attempt {
                Ok(record) => return Ok(record),
                // A registry that answered with a verified-but-wrong blob is not retried elsewhere.
                Err(e @ (PullError::DigestMismatch { .. } | PullError::Store(_))) => return Err(e),
                Err(e) => errors.push(e),
            }
        }
    }
    match errors.len() {
        0 => Err(PullError::AllFailed(format!("{name}: no registry to pull from (check unqualified-search-registries in registries.conf)"))),
        1 => Err(errors.remove(0)),
        _ => Err(PullError::AllFailed(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        )),
    }
}

fn pull_from(
    store: &Store,
    reference: &Reference,
    registry: &Registry,
    opts: &PullOptions,
    observer: &dyn PullObserver,
) -> Result<ImageRecord, PullError> {
    let registry_err = |err| PullError::Registry {
        reference: reference.to_string(),
        err,
    };
    let manifest_err = |err| PullError::Manifest {
        reference: reference.to_string(),
        err,
    };
    let top = registry
        .manifest(&reference.manifest_ref(), manifest::ACCEPT)
        .map_err(registry_err)?;
    let mut digests = vec![top.digest.clone()];
    // The index a manifest was chosen from, stored with the image once all else is verified.
    let mut index_blob = None;
    let (manifest_bytes, manifest_type, manifest_digest) =
        match Document::parse(&top.bytes, &top.media_type).map_err(manifest_err)? {
            Document::Image(_) => (top.bytes, top.media_type, top.digest),
            Document::Index(index) => {
                let wanted = opts.platform.clone().unwrap_or_else(Platform::host);
                let chosen = index.select(&wanted).map_err(manifest_err)?;
                let inner = registry
                    .manifest(&chosen.digest.to_string(), manifest::ACCEPT)
                    .map_err(registry_err)?;
                let inner_type = manifest::served_type(&chosen.media_type, &inner.media_type)
                    .map_err(|err| PullError::Manifest {
                        reference: format!("{}@{}", reference.name(), chosen.digest),
                        err,
                    })?
                    .to_string();
                index_blob = Some((top.digest.clone(), top.bytes));
                digests.push(inner.digest.clone());
                (inner.bytes, inner_type, inner.digest)
            }
        };
    let inner_err = |err| PullError::Manifest {
        reference: format!("{}@{}", reference.name(), manifest_digest),
        err,
    };
    let Document::Image(manifest) =
        Document::parse(&manifest_bytes, &manifest_type).map_err(inner_err)?
    else {
        return Err(manifest_err(manifest::ManifestError::Unsupported(
            "nested index".into(),
        )));
    };

    let config_bytes = fetch_small_blob(registry, &manifest.config.digest).map_err(registry_err)?;
    verify(
        "config",
        &manifest.config.digest,
        &Digest::of(&config_bytes),
    )?;
    observer.config(&manifest.config.digest);
    let config = ConfigFacts::parse(&config_bytes)
        .map_err(|e| PullError::BadConfig(manifest.config.digest.clone(), e.to_string()))?;
    if config.diff_ids.len() != manifest.layers.len() {
        return Err(PullError::BadConfig(
            manifest.config.digest.clone(),
            format!(
                "{} layers but {} diff_ids",
                manifest.layers.len(),
                config.diff_ids.len()
            ),
        ));
    }

    let layers = fetch_layers(store, registry, &manifest, &config.diff_ids, opts, observer)?;

    observer.writing_manifest();
    if let Some((digest, bytes)) = &index_blob {
        store.blobs.put(digest, bytes)?;
    }
    store.blobs.put(&manifest.config.digest, &config_bytes)?;
    store.blobs.put(&manifest_digest, &manifest_bytes)?;
    let record = ImageRecord {
        id: manifest.config.digest.clone(),
        names: vec![stored_name(reference)],
        digests,
        manifest: manifest_digest,
        manifest_media_type: manifest_type.to_string(),
        layers,
        architecture: config.architecture,
        os: config.os,
        created: config.created,
        added: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
    };
    let id = record.id.clone();
    store.update_index(|index| {
        index.insert(record);
        Ok(())
    })?;
    Ok(store
        .index()?
        .find(id.hex())
        .cloned()
        .expect("the image was just stored"))
}

/// The name the store keeps: the reference as the user meant it (`docker.io/...`, not the
/// mirror or rewritten location it came from); digest-only pulls keep `repo@digest`.
fn stored_name(reference: &Reference) -> String {
    match (&reference.tag, &reference.digest) {
        (Some(tag), _) => format!("{}:{tag}", reference.name()),
        (None, Some(digest)) => format!("{}@{digest}", reference.name()),
        (None, None) => format!("{}:latest", reference.name()),
    }
}

fn verify(what: &'static str, expected: &Digest, actual: &Digest) -> Result<(), PullError> {
    Ok(ingest::verify(what, expected, actual)?)
}

/// Configs are small; anything over this is not an image config.
const MAX_CONFIG: u64 = 32 << 20;

fn fetch_small_blob(registry: &Registry, digest: &Digest) -> Result<Vec<u8>, RegistryError> {
    let blob = registry.blob(digest)?;
    let mut bytes = Vec::new();
    blob.take(MAX_CONFIG)
        .read_to_end(&mut bytes)
        .map_err(|source| RegistryError::Io {
            host: registry.host().to_string(),
            source,
        })?;
    Ok(bytes)
}
