//! OCI and Docker schema2 manifests, image indexes / manifest lists, and platform selection.
//!
//! The two manifest formats share one JSON shape and differ only in media types, so one set of
//! types reads both; the image config is kept as raw JSON (inspect shows it as it came) and
//! parsed into `oci_spec` types only where a field is needed.

use super::digest::Digest;
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
    #[error("no image for platform {wanted} in the manifest list (available: {available})")]
    NoPlatform { wanted: String, available: String },
}

impl Document {
    /// Classifies by the media type the registry sent, else by the document's own `mediaType`
    /// or shape (OCI allows both to be absent).
    pub fn parse(bytes: &[u8], media_type: &str) -> Result<Document, ManifestError> {
        let value: serde_json::Value = serde_json::from_slice(bytes)?;
        let declared = value
            .get("mediaType")
            .and_then(|m| m.as_str())
            .unwrap_or("");
        let kind = if media_type.is_empty()
            || media_type.starts_with("text/")
            || media_type == "application/json"
        {
            declared
        } else {
            media_type
        };
        match kind {
            OCI_INDEX | DOCKER_LIST => Ok(Document::Index(serde_json::from_value(value)?)),
            OCI_MANIFEST | DOCKER_MANIFEST => Ok(Document::Image(serde_json::from_value(value)?)),
            "" if value.get("manifests").is_some() => {
                Ok(Document::Index(serde_json::from_value(value)?))
            }
            "" if value.get("layers").is_some() => {
                Ok(Document::Image(serde_json::from_value(value)?))
            }
            other => Err(ManifestError::Unsupported(other.to_string())),
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
mod tests {
    use super::*;

    fn index() -> Index {
        let d = |arch: &str, os: &str, variant: Option<&str>, byte: u8| Descriptor {
            media_type: OCI_MANIFEST.into(),
            digest: Digest::of(&[byte]),
            size: 1,
            platform: Some(Platform {
                architecture: arch.into(),
                os: os.into(),
                variant: variant.map(Into::into),
            }),
            annotations: None,
        };
        Index {
            schema_version: 2,
            media_type: OCI_INDEX.into(),
            manifests: vec![
                d("unknown", "unknown", None, 0),
                d("amd64", "linux", None, 1),
                d("arm64", "linux", Some("v8"), 2),
            ],
        }
    }

    #[test]
    fn selects_host_and_requested_platforms_never_attestations() {
        let i = index();
        let amd = Platform::parse("linux/amd64").unwrap();
        assert_eq!(i.select(&amd).unwrap().digest, Digest::of(&[1]));
        let arm = Platform::parse("linux/arm64").unwrap();
        assert_eq!(i.select(&arm).unwrap().digest, Digest::of(&[2]));
        let unknown = Platform::parse("unknown/unknown").unwrap();
        assert!(i.select(&unknown).is_err());
        let err = i
            .select(&Platform::parse("linux/s390x").unwrap())
            .unwrap_err();
        assert!(
            err.to_string().contains("linux/amd64, linux/arm64/v8"),
            "{err}"
        );
    }

    #[test]
    fn parses_platform_strings() {
        assert!(Platform::parse("linux").is_none());
        assert!(Platform::parse("linux/arm/v7/x").is_none());
        assert_eq!(
            Platform::parse("linux/arm/v7").unwrap().to_string(),
            "linux/arm/v7"
        );
    }

    #[test]
    fn classifies_documents_without_media_type() {
        let body = br#"{"schemaVersion":2,"manifests":[]}"#;
        assert!(matches!(
            Document::parse(body, "").unwrap(),
            Document::Index(_)
        ));
        let body = br#"{"schemaVersion":1,"name":"x"}"#;
        assert!(Document::parse(
            body,
            "application/vnd.docker.distribution.manifest.v1+prettyjws"
        )
        .is_err());
    }
}
