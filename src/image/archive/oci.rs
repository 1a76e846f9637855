//! oci-archive: a tarred OCI image layout (`oci-layout`, `index.json`, `blobs/<alg>/<hex>`).
//! Saved with the blobs as stored (no recompression) and an OCI manifest: the stored one when
//! it is OCI, else a conversion (same config bytes, so the image ID stays); the image's name
//! goes into the `org.opencontainers.image.ref.name` annotation, as Podman writes it.

use super::load::{Plan, PlannedLayer};
use super::save::SaveItem;
use super::source::LayerSource;
use super::tar_index::TarIndex;
use super::tar_out::TarOut;
use super::{parse_json, ArchiveError};
use crate::image::config_facts::ConfigFacts;
use crate::image::ingest;
use crate::image::layer::Compression;
use crate::image::manage::qualify_local;
use crate::image::manifest::{self, Descriptor, Document, Index, Manifest, Platform};
use crate::image::store::Store;
use crate::oci::digest::Digest;
use std::collections::HashSet;
use std::io::Write;

pub const LAYOUT: &str = "oci-layout";
const INDEX: &str = "index.json";
const REF_NAME: &str = "org.opencontainers.image.ref.name";
/// BuildKit and containerd name images with this one; Podman prefers it.
const CONTAINERD_NAME: &str = "io.containerd.image.name";

fn blob_path(digest: &Digest) -> String {
    format!("blobs/sha256/{}", digest.hex())
}

/// Writes `images` as an OCI layout in a tar.
pub fn write<W: Write>(store: &Store, images: &[SaveItem], out: W) -> Result<W, ArchiveError> {
    let mut tar = TarOut::new(out);
    tar.dir("blobs/")?;
    tar.dir("blobs/sha256/")?;
    let mut written = HashSet::new();
    let mut entries = Vec::new();
    for image in images {
        for src in &image.sources {
            if written.insert(src.blob.clone()) {
                tar.stream(
                    &blob_path(&src.blob),
                    src.blob_size,
                    &src.blob,
                    src.open_blob(store)?,
                )?;
            }
        }
        if written.insert(image.record.id.clone()) {
            tar.bytes(&blob_path(&image.record.id), &image.config)?;
        }
        let manifest = oci_manifest(store, image)?;
        let digest = Digest::of(&manifest);
        if written.insert(digest.clone()) {
            tar.bytes(&blob_path(&digest), &manifest)?;
        }
        let names: Vec<Option<&String>> = match image.tags.is_empty() {
            true => vec![None],
            false => image.tags.iter().map(Some).collect(),
        };
        for name in names {
            entries.push(Descriptor {
                media_type: manifest::OCI_MANIFEST.to_string(),
                digest: digest.clone(),
                size: manifest.len() as u64,
                platform: None,
                annotations: name.map(|n| {
                    let mut a = serde_json::Map::new();
                    a.insert(REF_NAME.to_string(), n.clone().into());
                    a
                }),
            });
        }
    }
    let index = Index {
        schema_version: 2,
        media_type: String::new(),
        manifests: entries,
    };
    tar.bytes(
        INDEX,
        &serde_json::to_vec(&index).expect("an index serialises"),
    )?;
    tar.bytes(LAYOUT, br#"{"imageLayoutVersion": "1.0.0"}"#)?;
    tar.finish()
}

/// The stored manifest when it is OCI and names exactly the blobs being written, else an OCI
/// manifest built from the config and the layer blobs.
fn oci_manifest(store: &Store, image: &SaveItem) -> Result<Vec<u8>, ArchiveError> {
    let record = &image.record;
    if record.manifest_media_type == manifest::OCI_MANIFEST
        && image.sources.iter().all(|s| s.own)
        && store.blobs.contains(&record.manifest)
    {
        return Ok(store.blobs.read(&record.manifest)?);
    }
    let layers = image
        .sources
        .iter()
        .map(|src| {
            Ok(Descriptor {
                media_type: oci_layer_type(store, src)?,
                digest: src.blob.clone(),
                size: src.blob_size,
                platform: None,
                annotations: None,
            })
        })
        .collect::<Result<_, ArchiveError>>()?;
    let m = Manifest {
        schema_version: 2,
        media_type: manifest::OCI_MANIFEST.to_string(),
        config: Descriptor {
            media_type: manifest::OCI_CONFIG.to_string(),
            digest: record.id.clone(),
            size: image.config.len() as u64,
            platform: None,
            annotations: None,
        },
        layers,
    };
    Ok(serde_json::to_vec(&m).expect("a manifest serialises"))
}

fn oci_layer_type(store: &Store, src: &LayerSource) -> Result<String, ArchiveError> {
    if src
        .media_type
        .starts_with("application/vnd.oci.image.layer.")
    {
        return Ok(src.media_type.clone());
    }
    Ok(match src.compression(store)? {
        Compression::None => "application/vnd.oci.image.layer.v1.tar",
        Compression::Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
        Compression::Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
    }
    .to_string())
}

/// What loading the OCI layout indexed in `tar` has to store: every image `index.json`
/// lists (an image index entry contributes the image for this platform).
pub fn plan(tar: &TarIndex) -> Result<Vec<Plan>, ArchiveError> {
    let index: Index = parse_json(INDEX, &tar.read_small(INDEX)?)?;
    if index.manifests.is_empty() {
        return Err(ArchiveError::Invalid(format!("{INDEX} lists no image")));
    }
    index
        .manifests
        .iter()
        .map(|desc| plan_entry(tar, desc))
        .collect()
}

/// Reads a blob of the layout and checks it against its digest.
fn read_blob(tar: &TarIndex, what: &'static str, digest: &Digest) -> Result<Vec<u8>, ArchiveError> {
    let bytes = tar.read_small(&blob_path(digest))?;
    ingest::verify(what, digest, &Digest::of(&bytes))?;
    Ok(bytes)
}

fn plan_entry(tar: &TarIndex, desc: &Descriptor) -> Result<Plan, ArchiveError> {
    let manifest_err = |err| ArchiveError::Manifest {
        member: blob_path(&desc.digest),
        err,
    };
    let mut bytes = read_blob(tar, "manifest", &desc.digest)?;
    let mut media_type = desc.media_type.clone();
    let mut digest = desc.digest.clone();
    let mut extra_blobs = Vec::new();
    if let Document::Index(index) = Document::parse(&bytes, &media_type).map_err(manifest_err)? {
        let chosen = index
            .select(&Platform::host())
            .map_err(manifest_err)?
            .clone();
        extra_blobs.push((digest, bytes));
        bytes = read_blob(tar, "manifest", &chosen.digest)?;
        media_type = chosen.media_type;
        digest = chosen.digest;
    }
    let Document::Image(m) = Document::parse(&bytes, &media_type).map_err(manifest_err)? else {
        return Err(manifest_err(manifest::ManifestError::Unsupported(
            "nested index".into(),
        )));
    };
    let config = read_blob(tar, "config", &m.config.digest)?;
    let facts = ConfigFacts::parse(&config).map_err(|err| ArchiveError::BadJson {
        member: blob_path(&m.config.digest),
        err,
    })?;
    if facts.diff_ids.len() != m.layers.len() {
        return Err(ArchiveError::Invalid(format!(
            "image {}: {} layers but the config lists {} diff_ids",
            digest,
            m.layers.len(),
            facts.diff_ids.len()
        )));
    }
    let layers = m
        .layers
        .iter()
        .zip(&facts.diff_ids)
        .map(|(l, diff_id)| PlannedLayer {
            member: blob_path(&l.digest),
            blob: Some(l.digest.clone()),
            media_type: l.media_type.clone(),
            diff_id: diff_id.clone(),
        })
        .collect();
    if media_type.is_empty() {
        media_type = manifest::OCI_MANIFEST.to_string();
    }
    Ok(Plan {
        names: image_name(desc)?.into_iter().collect(),
        config_digest: m.config.digest.clone(),
        config,
        facts,
        manifest: Some((bytes, media_type, digest)),
        extra_blobs,
        layers,
    })
}

/// The name Podman gives a loaded OCI image: the containerd name or the ref name annotation,
/// qualified with `localhost/` when short (a bare `latest` becomes `localhost/latest:latest`).
fn image_name(desc: &Descriptor) -> Result<Option<String>, ArchiveError> {
    let annotation = |key| {
        desc.annotations
            .as_ref()
            .and_then(|a| a.get(key))
            .and_then(|v| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let Some(name) = annotation(CONTAINERD_NAME).or_else(|| annotation(REF_NAME)) else {
        return Ok(None);
    };
    qualify_local(name)
        .map(Some)
        .map_err(|e| ArchiveError::Invalid(e.to_string()))
}
