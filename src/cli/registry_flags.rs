//! The flags every command that talks to a registry shares (`--tls-verify`, `--creds`,
//! `--cert-dir`, `--authfile`), as Podman spells them.

use crate::config::auth::Credentials;
use crate::image::registry::RegistryOptions;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct RegistryFlags {
    /// Require HTTPS and verify certificates (default: true, unless registries.conf marks the registry insecure)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Credentials (USERNAME:PASSWORD) for the registry
    #[arg(long, value_name = "USER:PASS")]
    pub creds: Option<String>,
    /// Directory with certificates (*.crt) for the registry
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    /// Path of the authentication file (default: $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(
        long,
        value_name = "FILE",
        env = "REGISTRY_AUTH_FILE",
        hide_env_values = true
    )]
    pub authfile: Option<PathBuf>,
}

impl RegistryFlags {
    pub fn options(&self) -> anyhow::Result<RegistryOptions> {
        let creds = match &self.creds {
            None => None,
            Some(text) => {
                let (username, password) = text
                    .split_once(':')
                    .ok_or_else(|| anyhow::anyhow!("--creds must be USERNAME:PASSWORD"))?;
                Some(Credentials {
                    username: username.to_string(),
                    password: password.to_string(),
                })
            }
        };
        Ok(RegistryOptions {
            tls_verify: self.tls_verify,
            creds,
            cert_dir: self.cert_dir.clone(),
            user_agent: format!("rpod/{}", env!("CARGO_PKG_VERSION")),
        })
    }
}
