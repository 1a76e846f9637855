//! The HTTP(S) connection to one registry: one reqwest client (connection reuse, HTTP/2 via ALPN)
//! trusting the system roots plus the host's certs.d CAs, going through the environment's proxy
//! as Podman would ([`super::proxy`]), the HTTPS→HTTP fallback for insecure
//! registries (decided once, then cached), and the translation of transport failures into
//! errors a user can act on.

use super::error::RegistryError;
use super::proxy::ProxyEnv;
use super::RegistryOptions;
use crate::config::auth::Credentials;
use crate::config::certs;
use crate::config::registries::Endpoint;
use reqwest::blocking::{Client, RequestBuilder, Response};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

const UNKNOWN: u8 = 0;
const HTTPS: u8 = 1;
const HTTP: u8 = 2;

/// Bound on small requests (manifests, tokens, pings); blob downloads have none.
pub(super) const SMALL_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

pub(super) struct Transport {
    client: Client,
    host: String,
    /// Plain HTTP may be tried when HTTPS fails (insecure registry or `--tls-verify=false`).
    allow_http: bool,
    scheme: AtomicU8,
    /// The environment's proxy settings, to name the proxy when it is what failed.
    proxy: Option<Arc<ProxyEnv>>,
}

impl Transport {
    pub fn new(endpoint: &Endpoint, opts: &RegistryOptions) -> Result<Transport, RegistryError> {
        let host = endpoint.host.clone();
        let setup = |message: String| RegistryError::Setup {
            host: host.clone(),
            message,
        };
        let skip_verify = match opts.tls_verify {
            Some(v) => !v,
            None => endpoint.insecure,
        };
        let mut b = Client::builder()
            .timeout(None::<Duration>)
            .connect_timeout(Duration::from_secs(30))
            .tcp_keepalive(Duration::from_secs(30))
            .pool_max_idle_per_host(16)
            // Parallel layer streams share one HTTP/2 connection: let flow control grow.
            .http2_adaptive_window(true);
        // Replaces reqwest's own reading of the proxy variables, which differs from Podman's;
        // with none set, nothing is proxied (reqwest would still read ALL_PROXY).
        let proxy = ProxyEnv::from_env().map(Arc::new);
        b = match &proxy {
            Some(env) => {
                let env = env.clone();
                b.proxy(reqwest::Proxy::custom(move |url| {
                    env.proxy_for(url).cloned()
                }))
            }
            None => b.no_proxy(),
        };
        if !opts.user_agent.is_empty() {
            b = b.user_agent(opts.user_agent.clone());
        }
        if skip_verify {
            // Nothing is verified, so skip loading the system's CA store (tens of files).
            b = b
                .danger_accept_invalid_certs(true)
                .tls_built_in_root_certs(false);
        } else {
            let files = certs::load(&host, opts.cert_dir.as_deref())?;
            for (path, pem) in &files.cas {
                let certs = reqwest::Certificate::from_pem_bundle(pem)
                    .map_err(|e| setup(format!("{}: {e}", path.display())))?;
                for c in certs {
                    b = b.add_root_certificate(c);
                }
            }
            if let Some((path, pem)) = &files.client_identity {
                let id = reqwest::Identity::from_pem(pem)
                    .map_err(|e| setup(format!("{}: {e}", path.display())))?;
                b = b.identity(id);
            }
        }
        let client = b.build().map_err(|e| setup(error_chain(&e)))?;
        Ok(Transport {
            client,
            host,
            allow_http: skip_verify,
            scheme: AtomicU8::new(UNKNOWN),
            proxy,
        })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// Sends `GET <scheme>://<host><path>` built by `build`. On the first request to a registry
    /// that may use plain HTTP, a failed HTTPS attempt is retried over HTTP; whichever works is
    /// remembered so later requests go straight there.
    pub fn get(
        &self,
        path: &str,
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> Result<Response, RegistryError> {
        let send = |scheme: &str| {
            let url = format!("{scheme}://{}{path}", self.host);
            log::debug!("GET {url}");
            build(self.client.get(url)).send()
        };
        match self.scheme.load(Ordering::Relaxed) {
            HTTPS => send("https").map_err(|e| self.classify(e)),
            HTTP => send("http").map_err(|e| self.classify(e)),
            _ => match send("https") {
                Ok(r) => {
                    self.scheme.store(HTTPS, Ordering::Relaxed);
                    Ok(r)
                }
                Err(e) if self.allow_http && !e.is_status() => {
                    let https_err = self.classify(e);
                    match send("http") {
                        Ok(r) => {
                            self.scheme.store(HTTP, Ordering::Relaxed);
                            Ok(r)
                        }
                        // Both failed: the HTTPS error is the interesting one unless the server
                        // is simply not there.
                        Err(e) => Err(match https_err {
                            RegistryError::ConnectionRefused { .. } => self.classify(e),
                            other => other,
                        }),
                    }
                }
                Err(e) => Err(self.classify(e)),
            },
        }
    }

    /// `GET url?query` on another server (the token realm), with Basic credentials if any.
    pub fn get_absolute(
        &self,
        url: &str,
        query: &[(&str, &str)],
        creds: Option<&Credentials>,
    ) -> Result<Response, RegistryError> {
        log::debug!("GET {url} (token)");
        let mut req = self
            .client
            .get(url)
            .query(query)
            .timeout(SMALL_REQUEST_TIMEOUT);
        if let Some(c) = creds {
            req = req.basic_auth(&c.username, Some(&c.password));
        }
        req.send().map_err(|e| self.classify(e))
    }

    /// Turns a reqwest failure into the one-line error the user should see.
    pub fn classify(&self, e: reqwest::Error) -> RegistryError {
        let host = self.host.clone();
        let chain = error_chain(&e);
        // A connection that fails on the way to a proxy is the proxy's failure: say so.
        let proxy = e
            .url()
            .and_then(|u| self.proxy.as_ref()?.proxy_for(u))
            .map(|p| p.origin().ascii_serialization());
        if find_io_kind(&e) == Some(std::io::ErrorKind::ConnectionRefused) {
            return match proxy {
                Some(proxy) => RegistryError::ProxyUnreachable {
                    host,
                    proxy,
                    message: "connection refused".into(),
                },
                None => RegistryError::ConnectionRefused { host },
            };
        }
        if chain.contains("UnknownIssuer") || chain.contains("unknown issuer") {
            return RegistryError::UnknownAuthority { host };
        }
        if chain.contains("NotValidForName") {
            return RegistryError::Tls {
                host: host.clone(),
                message: format!("x509: certificate is not valid for {host}"),
            };
        }
        if chain.contains("invalid peer certificate")
            || chain.contains("InvalidContentType")
            || chain.contains("corrupt message")
        {
            return RegistryError::Tls {
                host,
                message: chain,
            };
        }
        if e.is_timeout() {
            return RegistryError::Unreachable {
                host,
                message: "timed out".into(),
            };
        }
        if e.is_connect() {
            return match proxy {
                Some(proxy) => RegistryError::ProxyUnreachable {
                    host,
                    proxy,
                    message: chain,
                },
                None => RegistryError::Unreachable {
                    host,
                    message: chain,
                },
            };
        }
        if e.is_body() || e.is_decode() {
            return RegistryError::Io {
                host,
                source: std::io::Error::other(chain),
            };
        }
        RegistryError::Protocol {
            host,
            message: chain,
        }
    }
}

/// The error and its sources, deduplicated, on one line. reqwest errors never contain
/// credentials (URLs carry none; headers are not part of error text).
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let s = err.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = err.source();
    }
    parts.join(": ")
}

fn find_io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        cur = err.source();
    }
    None
}
