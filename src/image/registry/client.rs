//! The OCI distribution client for one repository on one endpoint: manifests (verified when
//! asked for by digest), streaming blobs, and the `/v2/` ping used by `login`. Requests go out
//! anonymously first; a 401 teaches [`AuthState`] which scheme the registry wants, and later
//! requests (from any thread) carry the right credentials or cached token from the start.

use super::auth::{AuthState, Sent};
use super::error::RegistryError;
use super::transport::{Transport, SMALL_REQUEST_TIMEOUT};
use super::{Blob, Fetched, RegistryOptions, DEFAULT_MANIFEST_ACCEPT};
use crate::config::auth::AuthFile;
use crate::config::registries::Endpoint;
use crate::oci::digest::Digest;
use reqwest::blocking::Response;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use std::fmt;
use std::io::Read;
use std::sync::Arc;

/// Manifests and indexes larger than this are refused (containers/image uses the same bound).
const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// A handle on `host/repository`; cheap to clone, and clones share the connection pool and
/// the token cache.
#[derive(Clone)]
pub struct Registry {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    auth: AuthState,
    repository: String,
    scope: String,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("host", &self.host())
            .field("repository", &self.repository())
            .field("credentials", &self.inner.auth.has_credentials())
            .finish()
    }
}

/// What a request is for, so an error response can be phrased precisely.
enum What<'a> {
    Ping,
    Manifest(&'a str),
    Blob(&'a Digest),
}

impl Registry {
    /// A client for `endpoint`. Credentials come from `opts.creds`, else from `auth` for the
    /// endpoint's host. Nothing is sent until the first request.
    pub fn new(
        endpoint: &Endpoint,
        opts: &RegistryOptions,
        auth: &AuthFile,
    ) -> Result<Registry, RegistryError> {
        let creds = opts
            .creds
            .clone()
            .or_else(|| auth.credentials(&endpoint.host));
        let transport = Transport::new(endpoint, opts)?;
        Ok(Registry {
            inner: Arc::new(Inner {
                transport,
                auth: AuthState::new(creds),
                repository: endpoint.repository.clone(),
                scope: format!("repository:{}:pull", endpoint.repository),
            }),
        })
    }

    pub fn host(&self) -> &str {
        self.inner.transport.host()
    }

    pub fn repository(&self) -> &str {
        &self.inner.repository
    }

    /// `GET /v2/` with authentication: succeeds when the registry accepts our credentials (or
    /// needs none). `login` uses it to check credentials before storing them.
    pub fn ping(&self) -> Result<(), RegistryError> {
        let resp = self.send("/v2/", "", true, &What::Ping)?;
        drop(resp);
        Ok(())
    }

    /// Fetches a manifest or index by tag or digest. `accept` lists the media types the caller
    /// understands (empty: OCI and Docker manifests and indexes). When `reference` is a digest
    /// the bytes must hash to it.
    pub fn manifest(&self, reference: &str, accept: &[&str]) -> Result<Fetched, RegistryError> {
        let accept = if accept.is_empty() {
            DEFAULT_MANIFEST_ACCEPT
        } else {
            accept
        };
        let path = format!("/v2/{}/manifests/{reference}", self.inner.repository);
        let resp = self.send(&path, &accept.join(", "), true, &What::Manifest(reference))?;
        let header_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().to_string())
            .unwrap_or_default();
        let mut bytes = Vec::new();
        resp.take(MAX_MANIFEST_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| RegistryError::Io {
                host: self.host().to_string(),
                source,
            })?;
        if bytes.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(RegistryError::ManifestTooLarge {
                host: self.host().to_string(),
                limit: MAX_MANIFEST_BYTES,
            });
        }
        let digest = Digest::of(&bytes);
        if let Ok(expected) = reference.parse::<Digest>() {
            if expected != digest {
                return Err(RegistryError::DigestMismatch {
                    host: self.host().to_string(),
                    repository: self.repository().to_string(),
                    expected: expected.to_string(),
                    actual: digest.to_string(),
                });
            }
        }
        let media_type = media_type_of(&header_type, &bytes);
        Ok(Fetched {
            bytes,
            media_type,
            digest,
        })
    }

    /// Starts downloading a blob, following redirects (to storage back ends). The body streams;
    /// the caller verifies the digest as it reads (e.g. with `DigestingReader`).
    pub fn blob(&self, digest: &Digest) -> Result<Blob, RegistryError> {
        let path = format!("/v2/{}/blobs/{digest}", self.inner.repository);
        let resp = self.send(&path, "", false, &What::Blob(digest))?;
        let host = self.host().to_string();
        Ok(Blob {
            size: resp.content_length(),
            body: Box::new(BlobBody { resp, host }),
        })
    }

    /// Sends a GET with the current authorization and handles one round of 401 (learn the
    /// scheme, or renew an expired token), then maps error statuses.
    fn send(
        &self,
        path: &str,
        accept: &str,
        small: bool,
        what: &What<'_>,
    ) -> Result<Response, RegistryError> {
        let inner = &self.inner;
        let t = &inner.transport;
        let scope = match what {
            What::Ping => "",
            _ => inner.scope.as_str(),
        };
        let mut retried = false;
        loop {
            let (authorization, sent) = inner.auth.authorization(t, scope)?;
            let resp = t.get(path, |mut r| {
                if !accept.is_empty() {
                    r = r.header(ACCEPT, accept);
                }
                if let Some(a) = &authorization {
                    r = r.header(AUTHORIZATION, a);
                }
                if small {
                    r = r.timeout(SMALL_REQUEST_TIMEOUT);
                }
                r
            })?;
            let status = resp.status().as_u16();
            if status == 401 {
                if retried {
                    return Err(inner.auth.final_error(t, &sent, &inner.repository));
                }
                let header = resp
                    .headers()
                    .get(WWW_AUTHENTICATE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                if sent == Sent::Nothing && header.is_none() {
                    return Err(RegistryError::AuthRequired {
                        host: t.host().to_string(),
                    });
                }
                inner
                    .auth
                    .on_unauthorized(t, header.as_deref(), &sent, scope)?;
                retried = true;
                continue;
            }
            if (200..300).contains(&status) {
                return Ok(resp);
            }
            return Err(self.status_error(resp, what));
        }
    }

    fn status_error(&self, resp: Response, what: &What<'_>) -> RegistryError {
        let host = self.host().to_string();
        let repository = self.repository().to_string();
        let status = resp.status().as_u16();
        let mut body = Vec::new();
        let _ = resp.take(64 * 1024).read_to_end(&mut body);
        let (code, message) = first_error(&body);
        match (status, code.as_str(), what) {
            (_, "MANIFEST_UNKNOWN", What::Manifest(reference))
            | (404, "", What::Manifest(reference)) => RegistryError::ManifestUnknown {
                host,
                repository,
                reference: reference.to_string(),
            },
            (_, "NAME_UNKNOWN", _) => RegistryError::RepositoryNotFound { host, repository },
            (_, "BLOB_UNKNOWN", What::Blob(d)) | (404, "", What::Blob(d)) => {
                RegistryError::BlobUnknown {
                    host,
                    repository,
                    digest: d.to_string(),
                }
            }
            (403, _, _) | (_, "DENIED", _) => RegistryError::Denied {
                host,
                repository,
                message: if message.is_empty() {
                    "requested access to the resource is denied".into()
                } else {
                    message
                },
            },
            _ => RegistryError::Status {
                host,
                status,
                message: if message.is_empty() {
                    resp_reason(status)
                } else {
                    message
                },
            },
        }
    }
}

fn resp_reason(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
        .to_string()
}

/// The first `{"errors":[{"code","message"}]}` entry of an error body, if it is one.
fn first_error(body: &[u8]) -> (String, String) {
    #[derive(serde::Deserialize)]
    struct Errors {
        #[serde(default)]
        errors: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    match serde_json::from_slice::<Errors>(body) {
        Ok(e) => e
            .errors
            .into_iter()
            .next()
            .map(|e| (e.code, e.message.chars().take(300).collect()))
            .unwrap_or_default(),
        Err(_) => (String::new(), String::new()),
    }
}

/// The manifest's media type: the Content-Type when it is specific, else the document's own
/// `mediaType` field.
fn media_type_of(header: &str, bytes: &[u8]) -> String {
    let generic = header.is_empty() || header == "application/json" || header == "text/plain";
    if !generic {
        return header.to_string();
    }
    #[derive(serde::Deserialize)]
    struct M {
        #[serde(rename = "mediaType")]
        media_type: Option<String>,
    }
    serde_json::from_slice::<M>(bytes)
        .ok()
        .and_then(|m| m.media_type)
        .unwrap_or_else(|| header.to_string())
}

/// The streaming response body, with read errors naming the registry.
struct BlobBody {
    resp: Response,
    host: String,
}

impl Read for BlobBody {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.resp.read(buf).map_err(|e| {
            std::io::Error::new(e.kind(), format!("reading blob from {}: {e}", self.host))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies() {
        let b = br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]}"#;
        assert_eq!(
            first_error(b),
            ("MANIFEST_UNKNOWN".into(), "manifest unknown".into())
        );
        assert_eq!(
            first_error(b"<html>oops</html>"),
            (String::new(), String::new())
        );
        assert_eq!(
            first_error(br#"{"errors":[]}"#),
            (String::new(), String::new())
        );
    }

    #[test]
    fn media_type_prefers_a_specific_header() {
        let oci = br#"{"mediaType":"application/vnd.oci.image.index.v1+json"}"#;
        assert_eq!(
            media_type_of("application/vnd.oci.image.manifest.v1+json", oci),
            "application/vnd.oci.image.manifest.v1+json"
        );
        assert_eq!(
            media_type_of("application/json", oci),
            "application/vnd.oci.image.index.v1+json"
        );
        assert_eq!(media_type_of("", b"{}"), "");
    }
}
