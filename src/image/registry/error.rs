//! What can go wrong talking to a registry, phrased so the user knows what to do next:
//! every variant renders as one line that names the registry and, where there is one, the fix.

use crate::config::registries::ConfigError;

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("registry {host} is not reachable: connection refused")]
    ConnectionRefused { host: String },
    #[error("registry {host} is not reachable: {message}")]
    Unreachable { host: String, message: String },
    /// `proxy` is shown without the credentials its URL may hold.
    #[error("registry {host} is not reachable through proxy {proxy}: {message}")]
    ProxyUnreachable {
        host: String,
        proxy: String,
        message: String,
    },
    #[error(
        "x509: certificate signed by unknown authority (registry {host}); put the registry's CA in \
         ~/.config/containers/certs.d/{host}/ca.crt or use --tls-verify=false"
    )]
    UnknownAuthority { host: String },
    #[error("TLS error talking to {host}: {message}")]
    Tls { host: String, message: String },
    #[error("{host}: authentication required; run `rpod login {host}`")]
    AuthRequired { host: String },
    #[error("{host}: invalid username/password")]
    InvalidCredentials { host: String },
    #[error("{host}/{repository}: access denied: {message}")]
    Denied {
        host: String,
        repository: String,
        message: String,
    },
    #[error("{host}/{repository}{}{reference}: manifest unknown", if reference.starts_with("sha256:") { "@" } else { ":" })]
    ManifestUnknown {
        host: String,
        repository: String,
        reference: String,
    },
    #[error("{host}/{repository}: repository not found")]
    RepositoryNotFound { host: String, repository: String },
    #[error("{host}/{repository}@{digest}: blob unknown")]
    BlobUnknown {
        host: String,
        repository: String,
        digest: String,
    },
    #[error("{host}/{repository}: manifest digest mismatch: asked for {expected}, got {actual}")]
    DigestMismatch {
        host: String,
        repository: String,
        expected: String,
        actual: String,
    },
    #[error("{host}: manifest larger than {limit} bytes")]
    ManifestTooLarge { host: String, limit: u64 },
    #[error("{host}: HTTP status {status}{}", if message.is_empty() { String::new() } else { format!(": {message}") })]
    Status {
        host: String,
        status: u16,
        message: String,
    },
    #[error("{host}: invalid response: {message}")]
    Protocol { host: String, message: String },
    #[error("{host}: reading response: {source}")]
    Io {
        host: String,
        source: std::io::Error,
    },
    #[error("setting up TLS for {host}: {message}")]
    Setup { host: String, message: String },
    #[error(transparent)]
    Config(#[from] ConfigError),
}
