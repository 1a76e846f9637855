//! Image references (`docker.io/library/alpine:3.19@sha256:…`) in the grammar Docker and Podman
//! accept, so that a name typed for `podman pull` means the same thing to rpod.
//!
//! Parsing only splits and validates; it never consults `registries.conf`. A name whose first
//! component is not a registry (`alpine`, `user/app`) comes back as [`Parsed::Short`] and is
//! resolved against the unqualified-search registries by
//! `config::registries::RegistriesConf::resolve_short` (config sits above this leaf).

use crate::oci::digest::Digest;
use std::fmt;

/// Docker Hub's canonical name, the one images are stored under.
pub const DOCKER_HUB: &str = "docker.io";
const DOCKER_HUB_LEGACY: &str = "index.docker.io";
const MAX_NAME_LEN: usize = 255;
const MAX_TAG_LEN: usize = 128;

/// A fully qualified reference: registry, repository and a tag and/or a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub registry: String,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

/// What [`parse`] found: a qualified reference, or a short name still to be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Qualified(Reference),
    Short {
        repository: String,
        tag: Option<String>,
        digest: Option<Digest>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("invalid reference format: empty reference")]
    Empty,
    #[error("invalid reference format: repository name must be lowercase")]
    Uppercase,
    #[error("invalid reference format: {0:?} is not a valid repository name")]
    BadRepository(String),
    #[error("invalid reference format: {0:?} is not a valid registry host")]
    BadRegistry(String),
    #[error("invalid reference format: {0:?} is not a valid tag")]
    BadTag(String),
    #[error("invalid reference format: {0}")]
    BadDigest(String),
    #[error("invalid reference format: repository name must not be longer than {MAX_NAME_LEN} characters")]
    TooLong,
    #[error("invalid repository name ({0}), cannot specify 64-byte hexadecimal strings")]
    HexName(String),
}

impl Reference {
    /// Registry and repository, without tag or digest: `docker.io/library/alpine`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// The tag, or `latest` when there is none.
    pub fn tag_or_latest(&self) -> &str {
        self.tag.as_deref().unwrap_or("latest")
    }

    /// What goes after `/manifests/`: the digest when pinned, else the tag.
    pub fn manifest_ref(&self) -> String {
        match (&self.digest, &self.tag) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.clone(),
            (None, None) => "latest".to_string(),
        }
    }

    /// Builds a qualified reference from a registry and a short repository, adding Docker Hub's
    /// `library/` namespace where Docker would.
    pub fn qualify(
        registry: &str,
        repository: &str,
        tag: Option<String>,
        digest: Option<Digest>,
    ) -> Reference {
        let registry = normalize_registry(registry);
        let repository = if registry == DOCKER_HUB && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository.to_string()
        };
        Reference {
            registry,
            repository,
            tag,
            digest,
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

fn normalize_registry(registry: &str) -> String {
    if registry == DOCKER_HUB_LEGACY {
        DOCKER_HUB.to_string()
    } else {
        registry.to_string()
    }
}

/// Parses a reference the way Docker's `ParseNormalizedNamed` does, without defaulting the
/// registry: `alpine`, `user/app:1`, `quay.io/a/b@sha256:…`, `localhost:5000/x`.
/// A reference with neither tag nor digest gets the tag `latest`.
pub fn parse(s: &str) -> Result<Parsed, ReferenceError> {
    if s.is_empty() {
        return Err(ReferenceError::Empty);
    }
    let (rest, digest) = match s.rsplit_once('@') {
        Some((rest, d)) => {
            let digest = d
                .parse::<Digest>()
                .map_err(|e| ReferenceError::BadDigest(e.to_string()))?;
            (rest, Some(digest))
        }
        None => (s, None),
    };
    // A tag is the part after the last ':' that is not followed by a '/' (a port is).
    let (name, tag) = match rest.rfind(':') {
        Some(i) if !rest[i + 1..].contains('/') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if let Some(t) = tag {
        if !valid_tag(t) {
            return Err(ReferenceError::BadTag(t.to_string()));
        }
    }
    if name.is_empty() {
        return Err(ReferenceError::Empty);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(ReferenceError::TooLong);
    }
    let tag = match (tag, &digest) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(_)) => None,
        (None, None) => Some("latest".to_string()),
    };

    let (registry, repository) = split_registry(name);
    validate_repository(repository)?;
    match registry {
        Some(registry) => {
            validate_registry(registry)?;
            let reference = Reference::qualify(registry, repository, tag, digest);
            if reference.registry == DOCKER_HUB {
                reject_hex_name(&reference.repository)?;
            }
            Ok(Parsed::Qualified(reference))
        }
        None => {
            reject_hex_name(repository)?;
            Ok(Parsed::Short {
                repository: repository.to_string(),
                tag,
                digest,
            })
        }
    }
}

/// The first component is a registry when it looks like a host: it has a `.` or a `:`, is
/// `localhost`, or has upper-case letters (which a repository never has — Docker's rule).
fn split_registry(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

fn valid_tag(t: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = t.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_TAG_LEN
        && word(bytes[0])
        && bytes[1..]
            .iter()
            .all(|&b| word(b) || b == b'.' || b == b'-')
}

/// Repository path components: `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
fn validate_repository(repo: &str) -> Result<(), ReferenceError> {
    let bad = || ReferenceError::BadRepository(repo.to_string());
    if repo.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(ReferenceError::Uppercase);
    }
    for component in repo.split('/') {
        if !valid_path_component(component) {
            return Err(bad());
        }
    }
    Ok(())
}

fn valid_path_component(c: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = c.as_bytes();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        // A separator run: ".", "_", "__" or one or more "-".
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// `host[:port]`, host being DNS labels (letters, digits, inner `-`) or a bracketed IPv6 address.
fn validate_registry(registry: &str) -> Result<(), ReferenceError> {
    let bad = || ReferenceError::BadRegistry(registry.to_string());
    let (host, port) = if let Some(rest) = registry.strip_prefix('[') {
        let (addr, after) = rest.split_once(']').ok_or_else(bad)?;
        if addr.is_empty()
            || !addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(bad());
        }
        match after {
            "" => ("", None),
            p => ("", Some(p.strip_prefix(':').ok_or_else(bad)?)),
        }
    } else {
        match registry.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (registry, None),
        }
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
    }
    if !registry.starts_with('[') {
        let label_ok = |l: &str| {
            let b = l.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
        };
        if !host.split('.').all(label_ok) {
            return Err(bad());
        }
    }
    Ok(())
}

fn reject_hex_name(repo: &str) -> Result<(), ReferenceError> {
    let last = repo.strip_prefix("library/").unwrap_or(repo);
    if last.len() == 64 && last.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(ReferenceError::HexName(last.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
