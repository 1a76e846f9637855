//! docker-archive, the `docker save` format: `manifest.json` lists each image's config file,
//! names (`RepoTags`) and uncompressed layer tars; [`super::legacy`] adds the older metadata.
//! Written as containers/image writes it (layers named `<diff_id>.tar`, the config
//! `<id>.json`); read from any producer, following the links older `docker save` uses.

use super::load::{Plan, PlannedLayer};
use super::save::SaveItem;
use super::tar_index::TarIndex;
use super::tar_out::TarOut;
use super::{legacy, parse_json, ArchiveError};
use crate::image::config_facts::ConfigFacts;
use crate::image::layer::Compression;
use crate::image::manifest::{self, Descriptor, Manifest};
use crate::image::store::index::split_tag;
use crate::image::store::Store;
use crate::oci::digest::Digest;
use crate::oci::reference::{self, Parsed, Reference};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};

pub const MANIFEST: &str = "manifest.json";
const LAYER_TAR: &str = "application/vnd.docker.image.rootfs.diff.tar";
const LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
const LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";

/// One image in `manifest.json`.
#[derive(Debug, Serialize, Deserialize)]
struct ManifestItem {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers")]
    layers: Vec<String>,
}

/// Writes `images` as a docker-archive (layers shared between them are written once).
pub fn write<W: Write>(store: &Store, images: &[SaveItem], out: W) -> Result<W, ArchiveError> {
    let mut tar = TarOut::new(out);
    let mut written = HashSet::new();
    let mut items = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for image in images {
        let mut layers = Vec::new();
        for src in &image.sources {
            let path = format!("{}.tar", src.diff_id.hex());
            if written.insert(path.clone()) {
                let size = src.tar_size(store)?;
                tar.stream(&path, size, &src.diff_id, src.open_tar(store)?)?;
            }
            layers.push(path);
        }
        let config = format!("{}.json", image.record.id.hex());
        if written.insert(config.clone()) {
            tar.bytes(&config, &image.config)?;
        }
        let diff_ids: Vec<Digest> = image.sources.iter().map(|s| s.diff_id.clone()).collect();
        let chain = legacy::layers(&image.config, &diff_ids)?;
        for (l, diff_id) in chain.iter().zip(&diff_ids) {
            if written.insert(l.id.clone()) {
                tar.symlink(
                    &format!("{}/layer.tar", l.id),
                    &format!("../{}.tar", diff_id.hex()),
                )?;
                tar.bytes(&format!("{}/VERSION", l.id), b"1.0")?;
                tar.bytes(&format!("{}/json", l.id), &l.json)?;
            }
        }
        if let Some(top) = chain.last() {
            for name in &image.tags {
                let (repo, tag) = split_tag(name);
                repositories
                    .entry(repo.to_string())
                    .or_default()
                    .insert(tag.unwrap_or("latest").to_string(), top.id.clone());
            }
        }
        items.push(ManifestItem {
            config,
            repo_tags: Some(image.tags.clone()),
            layers,
        });
    }
    let manifest = serde_json::to_vec(&items).expect("manifest.json serialises");
    tar.bytes(MANIFEST, &manifest)?;
    let repositories = serde_json::to_vec(&repositories).expect("repositories serialises");
    tar.bytes("repositories", &repositories)?;
    tar.finish()
}

/// What loading the docker-archive indexed in `tar` has to store.
pub fn plan(tar: &TarIndex) -> Result<Vec<Plan>, ArchiveError> {
    let items: Vec<ManifestItem> = parse_json(MANIFEST, &tar.read_small(MANIFEST)?)?;
    if items.is_empty() {
        return Err(ArchiveError::Invalid(format!("{MANIFEST} lists no image")));
    }
    items.iter().map(|item| plan_item(tar, item)).collect()
}

fn plan_item(tar: &TarIndex, item: &ManifestItem) -> Result<Plan, ArchiveError> {
    let config = tar.read_small(&item.config)?;
    let facts = ConfigFacts::parse(&config).map_err(|err| ArchiveError::BadJson {
        member: item.config.clone(),
        err,
    })?;
    if facts.diff_ids.len() != item.layers.len() {
        return Err(ArchiveError::Invalid(format!(
            "{}: {} layers but the config lists {} diff_ids",
            item.config,
            item.layers.len(),
            facts.diff_ids.len()
        )));
    }
    let mut layers = Vec::new();
    for (member, diff_id) in item.layers.iter().zip(&facts.diff_ids) {
        let mut head = Vec::with_capacity(4);
        tar.open(member)?
            .reader
            .take(4)
            .read_to_end(&mut head)
            .map_err(ArchiveError::Read)?;
        let compression = Compression::sniff(&head);
        layers.push(PlannedLayer {
            member: member.clone(),
            // An uncompressed layer is its own blob; a compressed one's digest is learnt
            // while it is stored (the diff_id is what the config vouches for).
            blob: (compression == Compression::None).then(|| diff_id.clone()),
            media_type: match compression {
                Compression::None => LAYER_TAR,
                Compression::Gzip => LAYER_GZIP,
                Compression::Zstd => LAYER_ZSTD,
            }
            .to_string(),
            diff_id: diff_id.clone(),
        });
    }
    let names = item
        .repo_tags
        .iter()
        .flatten()
        .map(|t| docker_name(t))
        .collect::<Result<_, _>>()?;
    Ok(Plan {
        names,
        config_digest: Digest::of(&config),
        config,
        facts,
        manifest: None,
        extra_blobs: Vec::new(),
        layers,
    })
}

/// A `RepoTags` entry as Docker reads it: short names are Docker Hub's.
fn docker_name(tag: &str) -> Result<String, ArchiveError> {
    let bad =
        |e: reference::ReferenceError| ArchiveError::Invalid(format!("RepoTags {tag:?}: {e}"));
    let r = match reference::parse(tag).map_err(bad)? {
        Parsed::Qualified(r) => r,
        Parsed::Short {
            repository, tag, ..
        } => Reference::qualify(reference::DOCKER_HUB, &repository, tag, None),
    };
    Ok(format!("{}:{}", r.name(), r.tag_or_latest()))
}

/// The Docker schema2 manifest for a loaded docker-archive image (the archive has none).
pub fn synthesize_manifest(config: &[u8], layers: &[Descriptor]) -> Vec<u8> {
    let m = Manifest {
        schema_version: 2,
        media_type: manifest::DOCKER_MANIFEST.to_string(),
        config: Descriptor {
            media_type: manifest::DOCKER_CONFIG.to_string(),
            digest: Digest::of(config),
            size: config.len() as u64,
            platform: None,
            annotations: None,
        },
        layers: layers.to_vec(),
    };
    serde_json::to_vec(&m).expect("a manifest serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_tags_are_normalised_like_docker() {
        assert_eq!(
            docker_name("busybox").unwrap(),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(
            docker_name("localhost/testenv/x:v1").unwrap(),
            "localhost/testenv/x:v1"
        );
        assert!(docker_name("UPPER").is_err());
    }
}
