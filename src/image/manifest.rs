//! OCI and Docker schema2 manifests, image indexes / manifest lists, and platform selection.
//!
//! The two manifest formats share one JSON shape and differ only in media types, so one set of
//! types reads both; the image config is kept as raw JSON (inspect shows it as it came) and
//! parsed into `oci_spec` types only where a field is needed.

use crate::oci::digest::Digest;
use serde::{Deserialize, Serialize};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// What rpod asks registries for, best first.
pub const ACCEPT: &[&str] = &[OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST];

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Descriptor {
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    pub digest: Digest,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub platform: Option<Platform>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub annotations: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Platform {
    pub architecture: String,
    pub os: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub variant: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    #[serde(
        rename = "mediaType",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub media_type: String,
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Index {
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    #[serde(
        rename = "mediaType",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub media_type: String,
    pub manifests: Vec<Descriptor>,
}

/// A fetched manifest document, classified.
#[derive(Debug)]
pub enum Document {
    Image(Manifest),
    Index(Index),
}

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("unsupported manifest type {0:?} (rpod reads OCI and Docker schema2 images)")]
    Unsupported(String),
    #[error("invalid manifest: {0}")]
    Invalid(#[from] serde_json::Error),
    #[error("invalid manifest: not a JSON object")]
    NotAnObject,
    #[error("no image for platform {wanted} in the manifest list (available: {available})")]
    NoPlatform { wanted: String, available: String },
    /// containers/image's `validateUnambiguousManifestFormat`: a document that could be read as
    /// two kinds (an image and an index, say) means different things to different clients.
    #[error("rejecting ambiguous manifest: unexpected field{} {} in a {kind}", if fields.len() > 1 { "s" } else { "" }, quoted(fields))]
    Ambiguous {
        kind: &'static str,
        fields: Vec<&'static str>,
    },
    #[error(
        "rejecting ambiguous manifest: it says mediaType {declared:?} but was served as {served:?}"
    )]
    MediaTypeConflict { declared: String, served: String },
}

fn quoted(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| format!("{f:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields that identify a manifest format (schema1's `fsLayers`/`history`, images'
/// `config`/`layers`, indexes' `manifests`); a document may carry only its own kind's.
const IMAGE_ONLY: &[&str] = &["config", "layers"];
const INDEX_ONLY: &[&str] = &["manifests"];
const SCHEMA1_ONLY: &[&str] = &["fsLayers", "history"];

fn is_manifest_type(t: &str) -> bool {
    matches!(t, OCI_INDEX | DOCKER_LIST | OCI_MANIFEST | DOCKER_MANIFEST)
}

/// Content types registries (or CDNs in front of them) send when they do not know better.
fn is_generic_type(t: &str) -> bool {
    t.is_empty() || t.starts_with("text/") || t == "application/json"
}

/// The type of a manifest fetched through a descriptor of an index: the registry's
/// Content-Type when it names a manifest type, which must then agree with the descriptor's
/// `mediaType` (when that is set); else the descriptor's.
pub fn served_type<'a>(descriptor: &'a str, served: &'a str) -> Result<&'a str, ManifestError> {
    if !is_manifest_type(served) {
        return Ok(if descriptor.is_empty() {
            served
        } else {
            descriptor
        });
    }
    if !descriptor.is_empty() && descriptor != served {
        return Err(ManifestError::MediaTypeConflict {
            declared: descriptor.to_string(),
            served: served.to_string(),
        });
    }
    Ok(served)
}

impl Document {
    /// Classifies by the media type the registry sent, else by the document's own `mediaType`
    /// or shape (OCI allows both to be absent), then refuses what another client could read
    /// differently: a `mediaType` that disagrees with the type it was served as, or fields of
    /// another kind of manifest (an index with `layers`, an image with `manifests`), matched
    /// case-insensitively as Go's JSON decoder would.
    pub fn parse(bytes: &[u8], media_type: &str) -> Result<Document, ManifestError> {
        let value: serde_json::Value = serde_json::from_slice(bytes)?;
        let object = value.as_object().ok_or(ManifestError::NotAnObject)?;
        let has = |field: &str| {
            object
                .iter()
                .any(|(k, v)| k.eq_ignore_ascii_case(field) && !v.is_null())
        };
        let declared = object
            .get("mediaType")
            .and_then(|m| m.as_str())
            .unwrap_or("");
        let kind = if is_generic_type(media_type) {
            declared
        } else {
            media_type
        };
        let kind: &'static str = match kind {
            OCI_INDEX => OCI_INDEX,
            DOCKER_LIST => DOCKER_LIST,
            OCI_MANIFEST => OCI_MANIFEST,
            DOCKER_MANIFEST => DOCKER_MANIFEST,
            "" if has("manifests") => OCI_INDEX,
            "" if has("layers") => OCI_MANIFEST,
            other => return Err(ManifestError::Unsupported(other.to_string())),
        };
        if !declared.is_empty() && declared != kind {
            return Err(ManifestError::MediaTypeConflict {
                declared: declared.to_string(),
                served: kind.to_string(),
            });
        }
        let is_index = matches!(kind, OCI_INDEX | DOCKER_LIST);
        let foreign: Vec<&'static str> = SCHEMA1_ONLY
            .iter()
            .chain(if is_index { IMAGE_ONLY } else { INDEX_ONLY })
            .copied()
            .filter(|f| has(f))
            .collect();
        if !foreign.is_empty() {
            return Err(ManifestError::Ambiguous {
                kind,
                fields: foreign,
            });
        }
        if is_index {
            Ok(Document::Index(serde_json::from_value(value)?))
        } else {
            Ok(Document::Image(serde_json::from_value(value)?))
        }
    }
}

impl Platform {
    /// The platform rpod runs on, in Go's naming.
    pub fn host() -> Platform {
        let architecture = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            "x86" => "386",
            "powerpc64" => "ppc64le",
            "s390x" => "s390x",
            "riscv64" => "riscv64",
            other => other,
        };
        Platform {
            architecture: architecture.to_string(),
            os: "linux".to_string(),
            variant: (architecture == "arm64").then(|| "v8".to_string()),
        }
    }

    /// Parses `--platform os/arch[/variant]`.
    pub fn parse(s: &str) -> Option<Platform> {
        let mut parts = s.split('/');
        let os = parts.next().filter(|p| !p.is_empty())?;
        let architecture = parts.next().filter(|p| !p.is_empty())?;
        let variant = parts.next().map(str::to_string);
        if parts.next().is_some() {
            return None;
        }
        Some(Platform {
            architecture: architecture.to_string(),
            os: os.to_string(),
            variant,
        })
    }

    fn matches(&self, candidate: &Platform) -> bool {
        let default_variant = |p: &Platform| match (p.architecture.as_str(), &p.variant) {
            ("arm64", None) => Some("v8".to_string()),
            (_, v) => v.clone(),
        };
        self.os == candidate.os
            && self.architecture == candidate.architecture
            && (self.variant.is_none() && self.architecture != "arm64"
                || default_variant(self) == default_variant(candidate))
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

impl Index {
    /// The manifest for `wanted`; attestation entries (`unknown/unknown`) never match.
    pub fn select(&self, wanted: &Platform) -> Result<&Descriptor, ManifestError> {
        self.manifests
            .iter()
            .filter(|d| matches!(d.media_type.as_str(), OCI_MANIFEST | DOCKER_MANIFEST | ""))
            .filter(|d| !is_attestation(d))
            .find(|d| d.platform.as_ref().is_some_and(|p| wanted.matches(p)))
            .ok_or_else(|| ManifestError::NoPlatform {
                wanted: wanted.to_string(),
                available: self
                    .manifests
                    .iter()
                    .filter_map(|d| d.platform.as_ref())
                    .filter(|p| p.os != "unknown")
                    .map(Platform::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// BuildKit's provenance/SBOM entries: platform `unknown/unknown`, annotated as attestations.
fn is_attestation(d: &Descriptor) -> bool {
    let annotated = d
        .annotations
        .as_ref()
        .and_then(|a| a.get("vnd.docker.reference.type"))
        .is_some_and(|t| t == "attestation-manifest");
    let unknown = d
        .platform
        .as_ref()
        .is_some_and(|p| p.os == "unknown" || p.architecture == "unknown");
    annotated || unknown
}

#[cfg(test)]
mod tests;
