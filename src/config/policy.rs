//! `policy.json` (containers-policy.json(5)): which images an administrator or user lets rpod
//! copy in, per transport and scope, so that a policy written for Podman means the same to rpod.
//!
//! Lookup as Podman's: `--signature-policy FILE`, else `$HOME/.config/containers/policy.json`,
//! else `/etc/containers/policy.json`. Parsing is as strict as containers/image's (unknown or
//! duplicated keys, an empty requirement list, an unknown requirement type or an invalid scope
//! reject the whole file), because a typo in a security policy must not be ignored.
//!
//! Requirements: `insecureAcceptAnything` accepts, `reject` refuses. rpod verifies no
//! signatures, so `signedBy`, `sigstoreSigned` and `signedBaseLayer` refuse the image with a
//! message saying so: never silently accepted.
//!
//! When no file exists at all, rpod accepts (Podman refuses every copy): that is what every
//! distribution's default file says (`insecureAcceptAnything`), and rpod is often installed
//! without containers-common. A file that exists but cannot be read or parsed is an error.
//!
//! The policy is read only when an image is copied in (pull, load), as Podman does: `rpod run`
//! of an image already in the store never reads it.

use crate::oci::reference::Reference;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

const SYSTEM_POLICY: &str = "/etc/containers/policy.json";

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("reading the signature policy {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid policy in {}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("Source image rejected: {image} is rejected by policy ({scope} in {})", path.display())]
    Rejected {
        image: String,
        scope: String,
        path: PathBuf,
    },
    #[error(
        "Source image rejected: {image} requires a {kind:?} signature ({scope} in {}), but \
         signature verification is not supported by rpod; pull it with podman or skopeo, which \
         verify, or trust this scope with \"insecureAcceptAnything\"",
        path.display()
    )]
    Unverifiable {
        image: String,
        kind: &'static str,
        scope: String,
        path: PathBuf,
    },
}

/// An image about to be copied in, as a containers-transports(5) reference.
pub enum Source<'a> {
    /// `docker://`: a registry, by its logical name (before mirrors and rewrites).
    Docker(&'a Reference),
    /// `docker-archive:` a file (or stdin). The transport has no scopes but `""`.
    DockerArchive(Option<&'a Path>),
    /// `oci-archive:` a file (or stdin): scopes are the file's absolute path and its parents.
    OciArchive(Option<&'a Path>),
}

impl Source<'_> {
    fn transport(&self) -> &'static str {
        match self {
            Source::Docker(_) => "docker",
            Source::DockerArchive(_) => "docker-archive",
            Source::OciArchive(_) => "oci-archive",
        }
    }

    fn describe(&self) -> String {
        let file =
            |p: &Option<&Path>| p.map_or_else(|| "(stdin)".into(), |p| p.display().to_string());
        match self {
            Source::Docker(r) => format!("docker://{r}"),
            Source::DockerArchive(p) => format!("docker-archive:{}", file(p)),
            Source::OciArchive(p) => format!("oci-archive:{}", file(p)),
        }
    }

    /// The scopes to look up, most specific first (the transport's `""` and the global
    /// default come after them).
    fn scopes(&self) -> Vec<String> {
        match self {
            Source::Docker(r) => docker_scopes(r),
            Source::DockerArchive(_) | Source::OciArchive(None) => Vec::new(),
            Source::OciArchive(Some(p)) => {
                let path = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
                path.ancestors()
                    .filter(|a| a.parent().is_some())
                    .map(|a| a.display().to_string())
                    .collect()
            }
        }
    }
}

/// containers/image's docker scopes: `name:tag` (or `name@digest`), the repository, each
/// parent namespace down to the host, then `*.domain` wildcards of the host without its port.
fn docker_scopes(r: &Reference) -> Vec<String> {
    let name = r.name();
    let mut out = vec![match (&r.digest, &r.tag) {
        (Some(d), _) => format!("{name}@{d}"),
        (None, t) => format!("{name}:{}", t.as_deref().unwrap_or("latest")),
    }];
    let mut current = name.as_str();
    loop {
        out.push(current.to_string());
        match current.rfind('/') {
            Some(i) => current = &current[..i],
            None => break,
        }
    }
    let mut host = current.split(':').next().unwrap_or(current);
    while let Some(i) = host.find('.') {
        host = &host[i + 1..];
        out.push(format!("*.{host}"));
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Requirement {
    InsecureAcceptAnything,
    Reject,
    /// A signature requirement rpod cannot check: its type name.
    Signature(&'static str),
}

/// The requirements of each scope of one transport, in the file's order.
type Scopes = Vec<(String, Vec<Requirement>)>;

/// A parsed policy file.
#[derive(Debug)]
pub struct Policy {
    path: PathBuf,
    default: Vec<Requirement>,
    transports: Vec<(String, Scopes)>,
}

impl Policy {
    /// The policy in effect: `explicit` (`--signature-policy`) if given, else the user's file,
    /// else the system's; `None` when neither exists.
    pub fn load(explicit: Option<&Path>) -> Result<Option<Policy>, PolicyError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let home = std::env::var_os("HOME").map(PathBuf::from);
                let user = home.map(|h| h.join(".config/containers/policy.json"));
                match user.filter(|p| p.exists()) {
                    Some(p) => p,
                    None if Path::new(SYSTEM_POLICY).exists() => PathBuf::from(SYSTEM_POLICY),
                    None => return Ok(None),
                }
            }
        };
        log::debug!("reading the signature policy {}", path.display());
        let text = std::fs::read(&path).map_err(|source| PolicyError::Read {
            path: path.clone(),
            source,
        })?;
        Policy::parse(&text, &path).map(Some)
    }

    /// Parses a policy file's contents (`path` names it in messages).
    pub fn parse(text: &[u8], path: &Path) -> Result<Policy, PolicyError> {
        let invalid = |message: String| PolicyError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let raw: Unique<serde_json::Value> =
            serde_json::from_slice(text).map_err(|e| invalid(e.to_string()))?;
        let mut default = None;
        let mut transports = Vec::new();
        for (key, value) in raw.0 {
            match key.as_str() {
                "default" => default = Some(requirements(value).map_err(invalid)?),
                "transports" => {
                    let map: Unique<Unique<serde_json::Value>> =
                        serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
                    for (transport, scopes) in map.0 {
                        let mut parsed = Vec::new();
                        for (scope, reqs) in scopes.0 {
                            validate_scope(&transport, &scope).map_err(invalid)?;
                            parsed.push((scope, requirements(reqs).map_err(invalid)?));
                        }
                        transports.push((transport, parsed));
                    }
                }
                other => return Err(invalid(format!("Unknown key {other:?}"))),
            }
        }
        Ok(Policy {
            path: path.to_path_buf(),
            default: default.ok_or_else(|| invalid("Default policy is missing".into()))?,
            transports,
        })
    }

    /// Accepts `source` or says which requirement of which scope refuses it.
    pub fn check(&self, source: &Source) -> Result<(), PolicyError> {
        let (scope, requirements) = self.requirements_for(source);
        for r in requirements {
            match r {
                Requirement::InsecureAcceptAnything => {}
                Requirement::Reject => {
                    return Err(PolicyError::Rejected {
                        image: source.describe(),
                        scope,
                        path: self.path.clone(),
                    })
                }
                Requirement::Signature(kind) => {
                    return Err(PolicyError::Unverifiable {
                        image: source.describe(),
                        kind,
                        scope,
                        path: self.path.clone(),
                    })
                }
            }
        }
        Ok(())
    }

    /// The most specific match only: a scope of the transport, its `""`, the global default.
    fn requirements_for(&self, source: &Source) -> (String, &[Requirement]) {
        let transport = source.transport();
        if let Some((_, scopes)) = self.transports.iter().find(|(t, _)| t == transport) {
            let find = |s: &str| scopes.iter().find(|(k, _)| k == s).map(|(_, r)| r);
            for scope in source.scopes() {
                if let Some(r) = find(&scope) {
                    return (format!("scope {scope:?} of transport {transport}"), r);
                }
            }
            if let Some(r) = find("") {
                return (format!("the default (\"\") of transport {transport}"), r);
            }
        }
        ("the global default".to_string(), &self.default)
    }
}

fn requirements(value: serde_json::Value) -> Result<Vec<Requirement>, String> {
    let list = value
        .as_array()
        .ok_or("a list of policy requirements must be a JSON array")?;
    if list.is_empty() {
        return Err("List of verification policy requirements must not be empty".into());
    }
    list.iter().map(requirement).collect()
}

fn requirement(value: &serde_json::Value) -> Result<Requirement, String> {
    let object = value
        .as_object()
        .ok_or("a policy requirement must be a JSON object")?;
    let kind = object.get("type").and_then(|t| t.as_str()).unwrap_or("");
    let simple = |r: Requirement| match object.keys().find(|k| *k != "type") {
        Some(k) => Err(format!("Unknown key {k:?} in a {kind:?} requirement")),
        None => Ok(r),
    };
    match kind {
        "insecureAcceptAnything" => simple(Requirement::InsecureAcceptAnything),
        "reject" => simple(Requirement::Reject),
        "signedBy" => Ok(Requirement::Signature("signedBy")),
        "sigstoreSigned" => Ok(Requirement::Signature("sigstoreSigned")),
        "signedBaseLayer" => Ok(Requirement::Signature("signedBaseLayer")),
        other => Err(format!("Unknown policy requirement type {other:?}")),
    }
}

/// The scopes each transport rpod uses accepts (others, rpod never consults, pass unchecked
/// as containers/image passes transports it does not know).
fn validate_scope(transport: &str, scope: &str) -> Result<(), String> {
    if scope.is_empty() {
        return Ok(());
    }
    match transport {
        "docker-archive" => Err(format!(
            "Unknown key {scope:?}: docker-archive: does not support any scopes except the default \"\" one"
        )),
        "oci-archive" => {
            let p = Path::new(scope);
            let clean = p.is_absolute()
                && scope != "/"
                && !scope.ends_with('/')
                && !p
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir | std::path::Component::CurDir))
                && !scope.contains("//");
            if clean {
                Ok(())
            } else {
                Err(format!(
                    "Unknown key {scope:?}: oci-archive scopes must be clean absolute paths other than \"/\""
                ))
            }
        }
        _ => Ok(()),
    }
}

/// A JSON object read in order, refusing duplicated keys (serde_json keeps the last).
struct Unique<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Unique<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = Unique<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique<V>, A::Error> {
                let mut out: Vec<(String, V)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, V>()? {
                    if out.iter().any(|(seen, _)| *seen == k) {
                        return Err(serde::de::Error::custom(format!("Duplicate key {k:?}")));
                    }
                    out.push((k, v));
                }
                Ok(Unique(out))
            }
        }
        d.deserialize_map(V_(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests;
