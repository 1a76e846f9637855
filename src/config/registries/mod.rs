//! `registries.conf` (containers-registries.conf(5), version 2): where short names are searched
//! and where a logical image name is really fetched from (prefix rewrites, mirrors, `insecure`,
//! `blocked`). Podman users already have this file; reading it is what makes
//! `rpod pull alpine` go where `podman pull alpine` goes.
//!
//! The image keeps its logical name (`docker.io/library/alpine`) in the store; only the
//! [`Endpoint`]s returned here say which host and repository to talk to.
//! Version 1 tables (`[registries.search]`, `.insecure`, `.block`) are translated to their
//! version 2 equivalents. `short-name-mode` is honoured as Podman does without a terminal (rpod
//! never prompts; see [`RegistriesConf::resolve_short`]). Not supported: `credential-helpers`,
//! `pull-from-mirror`, the aliases Podman's prompt records in `short-name-aliases.conf`.
//!
//! Here: the types and where the files are found; `file.rs` reads one file into them,
//! `lookup.rs` answers the questions a pull asks (short-name candidates, endpoints, insecure).

use crate::config::paths::user_config_dir;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod file;
mod lookup;
#[cfg(test)]
mod tests;

/// Where Docker Hub's API really lives; `docker.io` itself only redirects.
pub const DOCKER_HUB_ENDPOINT: &str = "registry-1.docker.io";
const SYSTEM_CONF: &str = "/etc/containers/registries.conf";

/// Errors reading or applying rpod's Podman-compatible configuration files.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("reading {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("writing {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("parsing {}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("registry {0} is blocked in registries.conf")]
    Blocked(String),
    #[error("{0}")]
    ShortName(String),
}

/// `short-name-mode`: what to do with a short name that has no alias and more than one
/// unqualified-search registry to be looked up in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShortNameMode {
    /// Refuse (Podman prompts on a terminal; rpod never prompts).
    Enforcing,
    /// Try every search registry in order (Podman prompts on a terminal first). The default
    /// when the files do not say, as in containers/image.
    #[default]
    Permissive,
    /// Try every search registry in order.
    Disabled,
}

/// One place to fetch a repository from: a mirror or the primary location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// `host[:port]` to connect to, e.g. `127.0.0.1:5000` or `registry-1.docker.io`.
    pub host: String,
    /// The repository on that host after prefix rewriting, e.g. `library/alpine`.
    pub repository: String,
    /// Plain HTTP and unverified TLS are allowed.
    pub insecure: bool,
}

#[derive(Clone, Debug, Default)]
pub struct RegistriesConf {
    search: Vec<String>,
    /// The file that set `search`, for messages.
    search_origin: Option<PathBuf>,
    registries: Vec<RegistryEntry>,
    aliases: BTreeMap<String, String>,
    short_name_mode: ShortNameMode,
}

#[derive(Clone, Debug)]
struct RegistryEntry {
    prefix: String,
    location: String,
    insecure: bool,
    blocked: bool,
    mirror_by_digest_only: bool,
    mirrors: Vec<Mirror>,
}

#[derive(Clone, Debug)]
struct Mirror {
    location: String,
    insecure: bool,
}

impl RegistriesConf {
    /// Podman's lookup: `$CONTAINERS_REGISTRIES_CONF` alone if set; else the user's
    /// `~/.config/containers/registries.conf` with its `registries.conf.d/`, else the system file
    /// with its drop-in directory. A missing file is an empty configuration.
    pub fn load() -> Result<RegistriesConf, ConfigError> {
        if let Some(p) = std::env::var_os("CONTAINERS_REGISTRIES_CONF").filter(|p| !p.is_empty()) {
            return RegistriesConf::from_files(Path::new(&p), None);
        }
        let user = user_config_dir().join("containers/registries.conf");
        if user.exists() {
            return RegistriesConf::from_files(&user, Some(&user.with_extension("conf.d")));
        }
        let system = Path::new(SYSTEM_CONF);
        RegistriesConf::from_files(system, Some(&system.with_extension("conf.d")))
    }

    /// `main` (if it exists) then every `*.conf` in `dropins`, in lexical order. A drop-in's
    /// search list replaces the previous one, its `[[registry]]` tables replace those with the
    /// same prefix, its aliases override (an empty value removes one).
    pub fn from_files(main: &Path, dropins: Option<&Path>) -> Result<RegistriesConf, ConfigError> {
        let mut conf = RegistriesConf::default();
        let mut files = Vec::new();
        if main.exists() {
            files.push(main.to_path_buf());
        }
        if let Some(dir) = dropins {
            if let Ok(entries) = std::fs::read_dir(dir) {
                let mut confs: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "conf"))
                    .collect();
                confs.sort();
                files.extend(confs);
            }
        }
        for path in files {
            log::debug!("reading registries configuration {}", path.display());
            let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            conf.merge_str(&text, &path)?;
        }
        Ok(conf)
    }

    /// Parses one file's text (`origin` names it in errors).
    pub fn parse_str(text: &str, origin: &Path) -> Result<RegistriesConf, ConfigError> {
        let mut conf = RegistriesConf::default();
        conf.merge_str(text, origin)?;
        Ok(conf)
    }

    /// `unqualified-search-registries`, in order.
    pub fn search_registries(&self) -> &[String] {
        &self.search
    }

    /// `short-name-mode`, as the files left it.
    pub fn short_name_mode(&self) -> ShortNameMode {
        self.short_name_mode
    }

    /// The `[[registry]]` tables, as `rpod info` shows them (Podman's `sysregistriesv2.Registry`).
    pub fn registries(&self) -> Vec<RegistryView> {
        self.registries
            .iter()
            .map(|r| RegistryView {
                prefix: r.prefix.clone(),
                location: r.location.clone(),
                insecure: r.insecure,
                blocked: r.blocked,
                mirror_by_digest_only: r.mirror_by_digest_only,
                mirrors: r
                    .mirrors
                    .iter()
                    .map(|m| (m.location.clone(), m.insecure))
                    .collect(),
            })
            .collect()
    }
}

/// One `[[registry]]` table as read, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryView {
    pub prefix: String,
    pub location: String,
    pub insecure: bool,
    pub blocked: bool,
    pub mirror_by_digest_only: bool,
    /// `(location, insecure)` of each mirror, in order.
    pub mirrors: Vec<(String, bool)>,
}
