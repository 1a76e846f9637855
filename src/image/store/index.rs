//! The image index (`images.json`): which images exist, their names, digests and layers.
//!
//! It is replaced atomically and only after every blob and layer an image needs is in place,
//! so an image is either fully there or not listed at all. Writers hold the store lock.

use crate::oci::digest::Digest;
use serde::{Deserialize, Serialize};

/// One layer of an image, lowest first in [`ImageRecord::layers`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct LayerRef {
    /// Digest of the uncompressed tar: names the unpacked directory, shared by all
    /// compressed forms of the layer.
    pub diff_id: Digest,
    /// Digest of the blob as the registry served it.
    pub blob: Digest,
    pub media_type: String,
    pub compressed_size: u64,
    /// Length of the uncompressed tar.
    pub size: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImageRecord {
    /// The image ID: the digest of its config, as Podman and Docker define it.
    pub id: Digest,
    /// Fully qualified `registry/repository:tag` names.
    pub names: Vec<String>,
    /// Manifest digests the image is known by (the image manifest, and the index it came from).
    pub digests: Vec<Digest>,
    /// The image manifest in the blob store.
    pub manifest: Digest,
    pub manifest_media_type: String,
    pub layers: Vec<LayerRef>,
    pub architecture: String,
    pub os: String,
    /// `created` of the image config (RFC 3339), if any.
    pub created: Option<String>,
    /// When this store got the image (RFC 3339).
    pub added: String,
}

impl ImageRecord {
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }

    /// `registry/repository@digest` for each name's repository and each known digest.
    pub fn repo_digests(&self) -> Vec<String> {
        let mut out = Vec::new();
        for name in &self.names {
            let repo = split_tag(name).0;
            for d in &self.digests {
                let rd = format!("{repo}@{d}");
                if !out.contains(&rd) {
                    out.push(rd);
                }
            }
        }
        out
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Index {
    pub images: Vec<ImageRecord>,
}

/// Splits `registry:port/repo:tag` into (`registry:port/repo`, `tag`); a colon before the
/// last slash belongs to the registry's port.
pub fn split_tag(name: &str) -> (&str, Option<&str>) {
    let name = name.split('@').next().unwrap_or(name);
    match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    }
}

impl Index {
    /// Finds an image the way Podman does: by full or short ID (with or without `sha256:`),
    /// by full name, or by a short name matching the end of a stored repository path
    /// (`alpine` matches `docker.io/library/alpine:latest`). Names without a tag mean `latest`.
    pub fn find(&self, query: &str) -> Option<&ImageRecord> {
        self.position(query).map(|i| &self.images[i])
    }

    pub fn position(&self, query: &str) -> Option<usize> {
        if let Some(i) = self.by_id(query) {
            return Some(i);
        }
        if let Some((repo, digest)) = query.split_once('@') {
            let digest: Digest = digest.parse().ok()?;
            return self.images.iter().position(|img| {
                img.digests.contains(&digest)
                    && img.names.iter().any(|n| repo_matches(split_tag(n).0, repo))
            });
        }
        let (repo, tag) = split_tag(query);
        let tag = tag.unwrap_or("latest");
        let wanted = |n: &String| {
            let (r, t) = split_tag(n);
            t == Some(tag) && repo_matches(r, repo)
        };
        self.images
            .iter()
            .position(|img| img.names.iter().any(wanted))
    }

    fn by_id(&self, query: &str) -> Option<usize> {
        let hex = query.strip_prefix("sha256:").unwrap_or(query);
        if hex.len() < 3 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut hits = self
            .images
            .iter()
            .enumerate()
            .filter(|(_, img)| img.id.hex().starts_with(hex));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// Takes `name` away from whichever image has it (a tag moves to the newest image).
    pub fn untag_everywhere(&mut self, name: &str) {
        for img in &mut self.images {
            img.names.retain(|n| n != name);
        }
    }

    /// Adds or merges `record` (same ID: names and digests are united).
    pub fn insert(&mut self, record: ImageRecord) {
        for name in &record.names {
            self.untag_everywhere(name);
        }
        match self.images.iter_mut().find(|img| img.id == record.id) {
            Some(existing) => {
                for n in record.names {
                    if !existing.names.contains(&n) {
                        existing.names.push(n);
                    }
                }
                for d in record.digests {
                    if !existing.digests.contains(&d) {
                        existing.digests.push(d);
                    }
                }
            }
            None => self.images.push(record),
        }
    }

    /// Whether any image uses the layer.
    pub fn uses_layer(&self, diff_id: &Digest) -> bool {
        self.images
            .iter()
            .any(|img| img.layers.iter().any(|l| &l.diff_id == diff_id))
    }

    /// Whether any image refers to the blob (manifest, config or layer).
    pub fn uses_blob(&self, blob: &Digest) -> bool {
        self.images.iter().any(|img| {
            &img.id == blob
                || &img.manifest == blob
                || img.digests.contains(blob)
                || img.layers.iter().any(|l| &l.blob == blob)
        })
    }
}

/// `stored` is a full repository (`docker.io/library/alpine`); `wanted` matches it whole or
/// as a trailing path (`alpine`, `library/alpine`).
fn repo_matches(stored: &str, wanted: &str) -> bool {
    stored == wanted
        || stored
            .strip_suffix(wanted)
            .is_some_and(|head| head.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(config: &[u8], names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: Digest::of(config),
            names: names.iter().map(|s| s.to_string()).collect(),
            digests: vec![Digest::of(b"manifest")],
            manifest: Digest::of(b"manifest"),
            manifest_media_type: String::new(),
            layers: vec![],
            architecture: "amd64".into(),
            os: "linux".into(),
            created: None,
            added: String::new(),
        }
    }

    #[test]
    fn finds_by_short_name_full_name_and_id() {
        let mut index = Index::default();
        index.insert(record(b"a", &["docker.io/library/alpine:latest"]));
        index.insert(record(b"b", &["127.0.0.1:5000/testenv/busybox:oci"]));
        let a = Digest::of(b"a");
        assert_eq!(index.find("alpine").unwrap().id, a);
        assert_eq!(index.find("library/alpine:latest").unwrap().id, a);
        assert_eq!(index.find("docker.io/library/alpine").unwrap().id, a);
        assert_eq!(index.find(&a.hex()[..12]).unwrap().id, a);
        assert_eq!(index.find(&a.to_string()).unwrap().id, a);
        assert!(index.find("pine").is_none());
        assert!(index.find("alpine:3").is_none());
        assert!(index.find("busybox:oci").is_some());
        assert!(index.find("127.0.0.1:5000/testenv/busybox").is_none());
        let by_digest = format!("alpine@{}", Digest::of(b"manifest"));
        assert_eq!(index.find(&by_digest).unwrap().id, a);
    }

    #[test]
    fn a_tag_moves_to_the_newer_image() {
        let mut index = Index::default();
        index.insert(record(b"old", &["localhost/x:latest"]));
        index.insert(record(b"new", &["localhost/x:latest"]));
        assert_eq!(index.find("localhost/x").unwrap().id, Digest::of(b"new"));
        assert!(index.images[0].names.is_empty());
    }

    #[test]
    fn split_tag_keeps_registry_ports() {
        assert_eq!(
            split_tag("127.0.0.1:5000/a/b"),
            ("127.0.0.1:5000/a/b", None)
        );
        assert_eq!(
            split_tag("127.0.0.1:5000/a/b:v1"),
            ("127.0.0.1:5000/a/b", Some("v1"))
        );
    }
}
