//! One `registries.conf` file's TOML (version 2, and version 1's tables translated), merged
//! into a [`RegistriesConf`] over what earlier files set.

use super::{ConfigError, Mirror, RegistriesConf, RegistryEntry, ShortNameMode};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

impl ShortNameMode {
    fn parse(s: &str) -> Option<ShortNameMode> {
        match s {
            "enforcing" => Some(ShortNameMode::Enforcing),
            "permissive" => Some(ShortNameMode::Permissive),
            "disabled" => Some(ShortNameMode::Disabled),
            _ => None,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    unqualified_search_registries: Option<Vec<String>>,
    short_name_mode: Option<String>,
    #[serde(default)]
    registry: Vec<RawRegistry>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    registries: Option<RawV1>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawRegistry {
    prefix: Option<String>,
    location: Option<String>,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror_by_digest_only: bool,
    #[serde(default)]
    mirror: Vec<RawMirror>,
}

#[derive(Deserialize)]
struct RawMirror {
    location: String,
    #[serde(default)]
    insecure: bool,
}

#[derive(Deserialize, Default)]
struct RawV1 {
    search: Option<RawV1List>,
    insecure: Option<RawV1List>,
    block: Option<RawV1List>,
}

#[derive(Deserialize, Default)]
struct RawV1List {
    #[serde(default)]
    registries: Vec<String>,
}

impl RegistriesConf {
    pub(super) fn merge_str(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().replace('\n', " "),
        })?;
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let mut entries = Vec::new();
        for r in raw.registry {
            let prefix = r.prefix.filter(|p| !p.is_empty());
            let location = r.location.unwrap_or_default();
            let prefix = match prefix {
                Some(p) => p,
                None if !location.is_empty() => location.clone(),
                None => {
                    return Err(invalid(
                        "a [[registry]] table needs a prefix or a location".into(),
                    ))
                }
            };
            let wildcard = prefix.starts_with("*.");
            if wildcard && (!location.is_empty() && location != prefix) {
                return Err(invalid(format!(
                    "wildcarded prefix {prefix:?} cannot have a location"
                )));
            }
            let valid_wildcard = wildcard && !prefix[2..].contains(['*', '/', ':']);
            if prefix.contains('*') && !valid_wildcard {
                return Err(invalid(format!(
                    "invalid prefix {prefix:?}: a wildcard is only allowed as a leading \"*.\" of a host"
                )));
            }
            let location = if wildcard || location.is_empty() {
                prefix.clone()
            } else {
                location
            };
            entries.push(RegistryEntry {
                prefix,
                location,
                insecure: r.insecure,
                blocked: r.blocked,
                mirror_by_digest_only: r.mirror_by_digest_only,
                mirrors: r
                    .mirror
                    .into_iter()
                    .map(|m| Mirror {
                        location: m.location,
                        insecure: m.insecure,
                    })
                    .collect(),
            });
        }
        let mut search = raw.unqualified_search_registries;
        if let Some(v1) = raw.registries {
            if search.is_none() {
                search = v1.search.map(|s| s.registries);
            }
            for host in v1.insecure.map(|l| l.registries).unwrap_or_default() {
                upsert_flag(&mut entries, &host, |e| e.insecure = true);
            }
            for host in v1.block.map(|l| l.registries).unwrap_or_default() {
                upsert_flag(&mut entries, &host, |e| e.blocked = true);
            }
        }
        if let Some(s) = search {
            self.search = s;
            self.search_origin = Some(path.to_path_buf());
        }
        // An empty value leaves the previous files' choice, as in containers/image.
        if let Some(mode) = raw.short_name_mode.filter(|m| !m.is_empty()) {
            self.short_name_mode = ShortNameMode::parse(&mode).ok_or_else(|| {
                invalid(format!(
                    "invalid short-name-mode {mode:?}: expected \"enforcing\", \"permissive\" or \"disabled\""
                ))
            })?;
        }
        for e in entries {
            match self.registries.iter_mut().find(|x| x.prefix == e.prefix) {
                Some(existing) => *existing = e,
                None => self.registries.push(e),
            }
        }
        for (name, value) in raw.aliases {
            if value.is_empty() {
                self.aliases.remove(&name);
            } else {
                self.aliases.insert(name, value);
            }
        }
        Ok(())
    }
}

fn upsert_flag(entries: &mut Vec<RegistryEntry>, host: &str, set: impl Fn(&mut RegistryEntry)) {
    if let Some(e) = entries.iter_mut().find(|e| e.prefix == host) {
        set(e);
        return;
    }
    let mut e = RegistryEntry {
        prefix: host.to_string(),
        location: host.to_string(),
        insecure: false,
        blocked: false,
        mirror_by_digest_only: false,
        mirrors: Vec::new(),
    };
    set(&mut e);
    entries.push(e);
}
