//! `rpod load`: detect the archive's format, plan what it holds (names, config, manifest,
//! layer members), stream every layer through the pull's verify-and-unpack path, then name all
//! its images in one index update. Nothing is named unless everything verified.

use super::tar_index::TarIndex;
use super::{docker, oci, ArchiveError};
use crate::config::policy::{Policy, Source};
use crate::image::config_facts::ConfigFacts;
use crate::image::ingest::{self, Claim, Expected};
use crate::image::layer::UnpackOptions;
use crate::image::manifest::Descriptor;
use crate::image::pull::PullObserver;
use crate::image::store::index::{ImageRecord, LayerRef};
use crate::image::store::Store;
use crate::oci::digest::Digest;
use crate::util::fs::staging::{self, Staging};
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct LoadOptions {
    /// False with a single-id user namespace, where only our own id can own files.
    pub chown: bool,
    /// `--signature-policy`: replaces the policy.json lookup.
    pub signature_policy: Option<PathBuf>,
}

/// One image of an archive, as read from its metadata.
pub struct Plan {
    /// Fully qualified names to give it.
    pub names: Vec<String>,
    pub config_digest: Digest,
    pub config: Vec<u8>,
    pub facts: ConfigFacts,
    /// The image manifest (bytes, media type, digest); `None` for docker-archives, which
    /// have none: one is synthesized from the stored layers.
    pub manifest: Option<(Vec<u8>, String, Digest)>,
    /// Image indexes the manifest was chosen from: stored, and recorded as digests.
    pub extra_blobs: Vec<(Digest, Vec<u8>)>,
    pub layers: Vec<PlannedLayer>,
}

pub struct PlannedLayer {
    /// Archive member holding the blob.
    pub member: String,
    /// The blob digest, when the archive states one.
    pub blob: Option<Digest>,
    pub media_type: String,
    pub diff_id: Digest,
}

/// A loaded image.
pub struct Loaded {
    pub id: Digest,
    pub names: Vec<String>,
}

/// Loads the archive at `input` (stdin when `None`) into `store`.
pub fn load(
    store: &Store,
    input: Option<&Path>,
    opts: &LoadOptions,
    observer: &dyn PullObserver,
) -> Result<Vec<Loaded>, ArchiveError> {
    let policy = Policy::load(opts.signature_policy.as_deref())?;
    let _content = store.hold_content()?;
    staging::sweep(&store.tmp_dir());
    let mut _spool = None;
    let path: PathBuf = match input {
        Some(p) => p.to_path_buf(),
        None => {
            let (staging, path) = spool_stdin(store)?;
            _spool = Some(staging);
            path
        }
    };
    let tar = TarIndex::build(&path)?;
    // As Podman, the policy applies to the archive's transport: oci-archive scopes are the
    // file's path and its directories, docker-archive has only its "" scope.
    let check = |source: Source| policy.as_ref().map_or(Ok(()), |p| p.check(&source));
    let plans = if tar.contains(oci::LAYOUT) {
        check(Source::OciArchive(input))?;
        oci::plan(&tar)?
    } else if tar.contains(docker::MANIFEST) {
        check(Source::DockerArchive(input))?;
        docker::plan(&tar)?
    } else {
        return Err(ArchiveError::NotAnArchive(format!(
            "{}: neither {} nor {} in the archive",
            path.display(),
            oci::LAYOUT,
            docker::MANIFEST
        )));
    };
    let unpack = UnpackOptions { chown: opts.chown };
    let mut records = Vec::new();
    for plan in plans {
        let layers = store_layers(store, &tar, &plan.layers, &unpack, observer)?;
        records.push(store_image(store, plan, layers, observer)?);
    }
    let loaded = records
        .iter()
        .map(|r| Loaded {
            id: r.id.clone(),
            names: r.names.clone(),
        })
        .collect();
    store.update_index(|index| {
        for r in records {
            index.insert(r);
        }
        Ok(())
    })?;
    Ok(loaded)
}

/// Copies stdin into the store's staging area: the archive has to be seekable.
fn spool_stdin(store: &Store) -> Result<(Staging, PathBuf), ArchiveError> {
    let tmp = store.tmp_dir();
    let io_err = |err| ArchiveError::Io {
        path: tmp.clone(),
        err,
    };
    let staging = Staging::create(&tmp).map_err(io_err)?;
    let path = staging.dir.join("archive.tar");
    let mut file =
        crate::util::fs::replace::create_new(&path, crate::image::store::atomic::FILE_MODE)
            .map_err(io_err)?;
    std::io::copy(&mut std::io::stdin().lock(), &mut file).map_err(ArchiveError::Read)?;
    Ok((staging, path))
}

/// Stores the layers, one thread each (each reads its own member with its own file handle).
fn store_layers(
    store: &Store,
    tar: &TarIndex,
    layers: &[PlannedLayer],
    unpack: &UnpackOptions,
    observer: &dyn PullObserver,
) -> Result<Vec<LayerRef>, ArchiveError> {
    ingest::each_layer_in_parallel(layers, |l| store_layer(store, tar, l, unpack, observer))
        .into_iter()
        .collect()
}

fn store_layer(
    store: &Store,
    tar: &TarIndex,
    layer: &PlannedLayer,
    unpack: &UnpackOptions,
    observer: &dyn PullObserver,
) -> Result<LayerRef, ArchiveError> {
    let member = tar.open(&layer.member)?;
    let claim = ingest::claim_layer(store, &layer.diff_id)?;
    let shown = layer.blob.as_ref().unwrap_or(&layer.diff_id);
    if let (Claim::Present(size), Some(blob)) = (&claim, &layer.blob) {
        if store.blobs.contains(blob) {
            observer.blob_done(shown, true);
            return Ok(LayerRef {
                diff_id: layer.diff_id.clone(),
                blob: blob.clone(),
                media_type: layer.media_type.clone(),
                compressed_size: member.size,
                size: *size,
            });
        }
    }
    observer.blob_started(shown, member.size);
    let expected = Expected {
        blob: layer.blob.as_ref(),
        media_type: &layer.media_type,
        diff_id: &layer.diff_id,
    };
    // A present layer whose blob (in this compression) is missing: store just the blob.
    let unpack = match &claim {
        Claim::Missing(_) => Some(unpack),
        Claim::Present(_) => None,
    };
    let stored = ingest::store_layer(store, member.reader.take(member.size), &expected, unpack)?;
    drop(claim);
    observer.blob_done(shown, false);
    Ok(LayerRef {
        diff_id: layer.diff_id.clone(),
        blob: stored.blob,
        media_type: layer.media_type.clone(),
        compressed_size: stored.compressed_size,
        size: stored.size,
    })
}

/// Stores the config and manifest blobs and returns the image's index record.
fn store_image(
    store: &Store,
    plan: Plan,
    layers: Vec<LayerRef>,
    observer: &dyn PullObserver,
) -> Result<ImageRecord, ArchiveError> {
    observer.config(&plan.config_digest);
    store.blobs.put(&plan.config_digest, &plan.config)?;
    let (bytes, media_type, digest) = match plan.manifest {
        Some(m) => m,
        None => {
            let descriptors: Vec<Descriptor> = layers
                .iter()
                .map(|l| Descriptor {
                    media_type: l.media_type.clone(),
                    digest: l.blob.clone(),
                    size: l.compressed_size,
                    platform: None,
                    annotations: None,
                })
                .collect();
            let bytes = docker::synthesize_manifest(&plan.config, &descriptors);
            let digest = Digest::of(&bytes);
            let media_type = crate::image::manifest::DOCKER_MANIFEST.to_string();
            (bytes, media_type, digest)
        }
    };
    observer.writing_manifest();
    store.blobs.put(&digest, &bytes)?;
    let mut digests = Vec::new();
    for (d, b) in &plan.extra_blobs {
        store.blobs.put(d, b)?;
        digests.push(d.clone());
    }
    digests.push(digest.clone());
    Ok(ImageRecord {
        id: plan.config_digest,
        names: plan.names,
        digests,
        manifest: digest,
        manifest_media_type: media_type,
        layers,
        architecture: plan.facts.architecture,
        os: plan.facts.os,
        created: plan.facts.created,
        added: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
    })
}
