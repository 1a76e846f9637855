//! Registry credentials in containers-auth.json(5) format, the files `podman login` and
//! `docker login` write, so a user who logged in with either is logged in for rpod too.
//!
//! Lookup order (first file with an entry for the host wins): `--authfile` /
//! `$REGISTRY_AUTH_FILE` alone if given; else `$XDG_RUNTIME_DIR/containers/auth.json`,
//! `~/.config/containers/auth.json`, `~/.docker/config.json`. Credential helpers
//! (`credHelpers`, `credsStore`) are not supported. Secrets never reach `Debug` or error text.

use crate::config::paths::{user_config_dir, user_runtime_dir};
pub use crate::config::registries::ConfigError;
use crate::util::fs::replace::Replacement;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde_json::{Map, Value};
use std::fmt;
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// A username and password (or token) for one registry.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl Credentials {
    /// Parses `--creds USER[:PASS]` (an empty password is allowed, as in Podman).
    pub fn from_creds_flag(s: &str) -> Option<Credentials> {
        let (username, password) = s.split_once(':').unwrap_or((s, ""));
        (!username.is_empty()).then(|| Credentials {
            username: username.to_string(),
            password: password.to_string(),
        })
    }

    fn encode(&self) -> String {
        B64.encode(format!("{}:{}", self.username, self.password))
    }

    fn decode(auth: &str) -> Option<Credentials> {
        let raw = B64.decode(auth.trim()).ok()?;
        let text = String::from_utf8(raw).ok()?;
        let (u, p) = text.split_once(':')?;
        Some(Credentials {
            username: u.to_string(),
            password: p.to_string(),
        })
    }
}

/// The credentials of every auth file that applies, in lookup order.
#[derive(Default)]
pub struct AuthFile {
    sources: Vec<(PathBuf, Vec<Entry>)>,
}

/// One `auths` entry: normalised host, whether the key had a path, the credentials.
type Entry = (String, bool, Credentials);

impl fmt::Debug for AuthFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: Vec<_> = self.sources.iter().map(|(p, e)| (p, e.len())).collect();
        f.debug_struct("AuthFile").field("files", &files).finish()
    }
}

impl AuthFile {
    /// Reads the applicable files; missing files are skipped, unreadable or malformed ones are
    /// errors naming the file.
    pub fn load(explicit: Option<&Path>) -> Result<AuthFile, ConfigError> {
        let env = std::env::var_os("REGISTRY_AUTH_FILE")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let paths = match explicit.map(Path::to_path_buf).or(env) {
            Some(p) => vec![p],
            None => default_read_paths(),
        };
        let mut out = AuthFile::default();
        for path in paths {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => {
                    log::debug!("reading credentials from {}", path.display());
                    t
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(ConfigError::Read { path, source }),
            };
            let entries = parse_entries(&text).map_err(|message| ConfigError::Parse {
                path: path.clone(),
                message,
            })?;
            out.sources.push((path, entries));
        }
        Ok(out)
    }

    /// An auth file holding exactly these credentials (for tests and `--creds`-like callers).
    pub fn from_json(text: &str) -> Result<AuthFile, ConfigError> {
        let entries = parse_entries(text).map_err(|message| ConfigError::Parse {
            path: PathBuf::from("<memory>"),
            message,
        })?;
        Ok(AuthFile {
            sources: vec![(PathBuf::from("<memory>"), entries)],
        })
    }

    /// The credentials stored for `host` (`host[:port]`): an exact host entry
    /// (`quay.io`, `https://quay.io`) wins over one with a path (`index.docker.io/v1/`).
    pub fn credentials(&self, host: &str) -> Option<Credentials> {
        let want = normalize_host(host);
        for (_, entries) in &self.sources {
            let exact = entries.iter().find(|(h, path, _)| *h == want && !path);
            let any = || entries.iter().find(|(h, _, _)| *h == want);
            if let Some((_, _, c)) = exact.or_else(any) {
                return Some(c.clone());
            }
        }
        None
    }

    /// Adds or replaces `host`'s entry in `path`, keeping every other entry and key. The file is
    /// written to a temporary file (mode 0600) in the same directory, then renamed over; the
    /// temporary file is made exclusively under a random name (see [`crate::util::fs::replace`]),
    /// so a symlink planted beside `auth.json` never receives the credentials.
    pub fn store(path: &Path, host: &str, c: &Credentials) -> Result<(), ConfigError> {
        let mut doc = read_document(path)?;
        let auths = auths_mut(&mut doc);
        let want = normalize_host(host);
        auths.retain(|k, _| normalize_key(k) != (want.clone(), false));
        let mut entry = Map::new();
        entry.insert("auth".into(), Value::String(c.encode()));
        auths.insert(host.to_string(), Value::Object(entry));
        write_document(path, &doc)
    }

    /// Removes `host`'s entries (`None`: every entry). Returns whether anything was removed;
    /// a missing file removes nothing.
    pub fn remove(path: &Path, host: Option<&str>) -> Result<bool, ConfigError> {
        if !path.exists() {
            return Ok(false);
        }
        let mut doc = read_document(path)?;
        let auths = auths_mut(&mut doc);
        let before = auths.len();
        match host {
            None => auths.clear(),
            Some(h) => {
                let want = normalize_host(h);
                auths.retain(|k, _| normalize_key(k).0 != want);
            }
        }
        let removed = auths.len() != before;
        if removed {
            write_document(path, &doc)?;
        }
        Ok(removed)
    }

    /// Where `rpod login` writes without `--authfile`: `$REGISTRY_AUTH_FILE`, else
    /// `$XDG_RUNTIME_DIR/containers/auth.json`, else `~/.config/containers/auth.json`.
    pub fn default_write_path() -> PathBuf {
        if let Some(p) = std::env::var_os("REGISTRY_AUTH_FILE").filter(|v| !v.is_empty()) {
            return PathBuf::from(p);
        }
        match user_runtime_dir() {
            Some(run) => run.join("containers/auth.json"),
            None => user_config_dir().join("containers/auth.json"),
        }
    }
}

fn default_read_paths() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(run) = user_runtime_dir() {
        v.push(run.join("containers/auth.json"));
    }
    v.push(user_config_dir().join("containers/auth.json"));
    if let Some(home) = std::env::var_os("HOME") {
        v.push(PathBuf::from(home).join(".docker/config.json"));
    }
    v
}

/// Docker Hub answers to several names; credentials are keyed by `docker.io`.
fn normalize_host(host: &str) -> String {
    match host {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => {
            "docker.io".to_string()
        }
        h => h.to_string(),
    }
}

/// `https://host/v1/` → (`host`, had a path).
fn normalize_key(key: &str) -> (String, bool) {
    let k = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    let (host, rest) = k.split_once('/').unwrap_or((k, ""));
    (normalize_host(host), !rest.is_empty())
}

fn parse_entries(text: &str) -> Result<Vec<Entry>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Some(auths) = doc.get("auths").and_then(Value::as_object) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (key, entry) in auths {
        let Some(c) = entry
            .get("auth")
            .and_then(Value::as_str)
            .and_then(Credentials::decode)
        else {
            continue;
        };
        let (host, has_path) = normalize_key(key);
        out.push((host, has_path, c));
    }
    Ok(out)
}

fn read_document(path: &Path) -> Result<Value, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(t) if t.trim().is_empty() => Ok(Value::Object(Map::new())),
        Ok(t) => serde_json::from_str(&t).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Value::Object(Map::new())),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn auths_mut(doc: &mut Value) -> &mut Map<String, Value> {
    if !doc.is_object() {
        *doc = Value::Object(Map::new());
    }
    let obj = doc.as_object_mut().expect("just made an object");
    let auths = obj
        .entry("auths")
        .or_insert_with(|| Value::Object(Map::new()));
    if !auths.is_object() {
        *auths = Value::Object(Map::new());
    }
    auths.as_object_mut().expect("just made an object")
}

fn write_document(path: &Path, doc: &Value) -> Result<(), ConfigError> {
    let werr = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(werr)?;
    let write = || {
        let mut tmp = Replacement::create(path, 0o600)?;
        let mut text = serde_json::to_vec_pretty(doc).map_err(std::io::Error::other)?;
        text.push(b'\n');
        tmp.file().write_all(&text)?;
        tmp.file().sync_all()?;
        tmp.commit()
    };
    write().map_err(werr)
}

#[cfg(test)]
mod tests;
