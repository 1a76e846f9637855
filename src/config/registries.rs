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

use crate::config::paths::user_config_dir;
use crate::oci::digest::Digest;
use crate::oci::reference::{self, Parsed, Reference, DOCKER_HUB};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

    fn merge_str(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
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

    /// `unqualified-search-registries`, in order.
    pub fn search_registries(&self) -> &[String] {
        &self.search
    }

    /// `short-name-mode`, as the files left it.
    pub fn short_name_mode(&self) -> ShortNameMode {
        self.short_name_mode
    }

    /// The candidates for a short name, in Podman's order: its alias if one is configured (in
    /// every mode), else one per search registry (Docker Hub gets `library/` for
    /// single-component names). With several search registries, `enforcing` is refused:
    /// Podman would prompt on a terminal and fails without one; rpod never prompts, so it
    /// always fails, naming the candidates and the ways out.
    pub fn resolve_short(
        &self,
        repository: &str,
        tag: Option<String>,
        digest: Option<Digest>,
    ) -> Result<Vec<Reference>, ConfigError> {
        if let Some(target) = self.aliases.get(repository) {
            if let Ok(Parsed::Qualified(r)) = reference::parse(target) {
                return Ok(vec![Reference {
                    tag: tag.clone(),
                    digest: digest.clone(),
                    ..r
                }]);
            }
        }
        let shown = short_name(repository, tag.as_deref(), digest.as_ref());
        let origin = self.search_origin.as_ref().map_or_else(
            || "registries.conf".to_string(),
            |p| p.display().to_string(),
        );
        if self.search.is_empty() {
            return Err(ConfigError::ShortName(format!(
                "short-name {shown:?} did not resolve to an alias and no unqualified-search registries are defined in {origin}; use a fully qualified name (host/repository:tag)"
            )));
        }
        let candidates: Vec<Reference> = self
            .search
            .iter()
            .map(|reg| Reference::qualify(reg, repository, tag.clone(), digest.clone()))
            .collect();
        if self.short_name_mode == ShortNameMode::Enforcing && candidates.len() > 1 {
            let names: Vec<String> = candidates.iter().map(ToString::to_string).collect();
            return Err(ConfigError::ShortName(format!(
                "short-name resolution enforced: {shown:?} is ambiguous among the unqualified-search registries of {origin} ({}) and rpod does not prompt; use a fully qualified name, add an alias under [aliases], or set short-name-mode = \"permissive\"",
                names.join(", ")
            )));
        }
        Ok(candidates)
    }

    /// Where to fetch `r` from: the mirrors of the best-matching `[[registry]]` table in order,
    /// then its location (or the reference itself when no table matches).
    pub fn endpoints(&self, r: &Reference) -> Result<Vec<Endpoint>, ConfigError> {
        let full = r.to_string();
        let Some((entry, matched)) = self.best_match(&full, &r.registry) else {
            return Ok(vec![endpoint_for(&r.name(), false)]);
        };
        if entry.blocked {
            return Err(ConfigError::Blocked(r.registry.clone()));
        }
        let name = r.name();
        let rest = name.get(matched..).unwrap_or("");
        let mut out = Vec::new();
        if !entry.mirror_by_digest_only || r.digest.is_some() {
            for m in &entry.mirrors {
                out.push(endpoint_for(&format!("{}{rest}", m.location), m.insecure));
            }
        }
        let location = if entry.prefix.starts_with("*.") {
            name.clone()
        } else {
            format!("{}{rest}", entry.location)
        };
        out.push(endpoint_for(&location, entry.insecure));
        Ok(out)
    }

    /// Whether `host` (`host[:port]`) may be reached over plain HTTP or unverified TLS: its
    /// `[[registry]]` table, or any mirror on that host, says `insecure = true`.
    pub fn is_insecure(&self, host: &str) -> bool {
        if let Some((e, _)) = self.best_match(host, host) {
            if e.insecure {
                return true;
            }
        }
        self.registries.iter().any(|e| {
            (e.insecure && location_host(&e.location) == host)
                || e.mirrors
                    .iter()
                    .any(|m| m.insecure && location_host(&m.location) == host)
        })
    }

    /// The table with the longest matching prefix and how many bytes of the name it consumed.
    fn best_match(&self, full: &str, host: &str) -> Option<(&RegistryEntry, usize)> {
        self.registries
            .iter()
            .filter_map(|e| prefix_match(&e.prefix, full, host).map(|n| (e, n)))
            .max_by_key(|(e, _)| e.prefix.len())
    }
}

/// A short name as the user typed it (`name[:tag][@digest]`).
fn short_name(repository: &str, tag: Option<&str>, digest: Option<&Digest>) -> String {
    let mut s = repository.to_string();
    if let Some(t) = tag {
        s = format!("{s}:{t}");
    }
    if let Some(d) = digest {
        s = format!("{s}@{d}");
    }
    s
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

/// How many bytes of `full` (`host/repo[:tag][@digest]`) `prefix` matches, if it does: the name
/// must start with the prefix and continue with `/`, `:`, `@` or end there. `*.example.com`
/// matches any host below example.com (at any depth), not example.com itself.
fn prefix_match(prefix: &str, full: &str, host: &str) -> Option<usize> {
    if let Some(suffix) = prefix.strip_prefix('*') {
        let bare = host.split(':').next().unwrap_or(host);
        return (bare.len() > suffix.len() && bare.ends_with(suffix)).then_some(host.len());
    }
    let rest = full.strip_prefix(prefix)?;
    match rest.bytes().next() {
        None | Some(b'/' | b':' | b'@') => Some(prefix.len()),
        _ => None,
    }
}

/// `host` of a `host[/path]` location.
fn location_host(location: &str) -> &str {
    location.split('/').next().unwrap_or(location)
}

/// Splits a rewritten `host/repository` (tag and digest already removed) into an endpoint.
fn endpoint_for(name: &str, insecure: bool) -> Endpoint {
    let (host, repository) = name.split_once('/').unwrap_or((name, ""));
    let (host, repository) = if host == DOCKER_HUB || host == "index.docker.io" {
        let repo = if repository.contains('/') || repository.is_empty() {
            repository.to_string()
        } else {
            format!("library/{repository}")
        };
        (DOCKER_HUB_ENDPOINT.to_string(), repo)
    } else {
        (host.to_string(), repository.to_string())
    };
    Endpoint {
        host,
        repository,
        insecure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conf(text: &str) -> RegistriesConf {
        RegistriesConf::parse_str(text, Path::new("test.conf")).unwrap()
    }

    fn qualified(s: &str) -> Reference {
        match reference::parse(s).unwrap() {
            Parsed::Qualified(r) => r,
            Parsed::Short { .. } => panic!("{s} is short"),
        }
    }

    fn hosts(c: &RegistriesConf, r: &str) -> Vec<String> {
        c.endpoints(&qualified(r))
            .unwrap()
            .into_iter()
            .map(|e| {
                format!(
                    "{}/{}{}",
                    e.host,
                    e.repository,
                    if e.insecure { " insecure" } else { "" }
                )
            })
            .collect()
    }

    const EXAMPLE: &str = r#"
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
[[registry]]
prefix = "docker.io"
location = "127.0.0.1:5000"
insecure = true
[[registry]]
location = "127.0.0.1:5000"
insecure = true
[[registry]]
location = "127.0.0.1:5443"
"#;

    #[test]
    fn the_testenv_example_redirects_docker_hub() {
        let c = conf(EXAMPLE);
        assert_eq!(c.search_registries(), ["docker.io"]);
        let short = c
            .resolve_short("alpine", Some("latest".into()), None)
            .unwrap();
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].to_string(), "docker.io/library/alpine:latest");
        let eps = c.endpoints(&short[0]).unwrap();
        assert_eq!(
            eps,
            vec![Endpoint {
                host: "127.0.0.1:5000".into(),
                repository: "library/alpine".into(),
                insecure: true
            }]
        );
        assert_eq!(
            hosts(&c, "127.0.0.1:5000/testenv/layers"),
            ["127.0.0.1:5000/testenv/layers insecure"]
        );
        assert_eq!(
            hosts(&c, "127.0.0.1:5443/library/busybox"),
            ["127.0.0.1:5443/library/busybox"]
        );
        assert!(c.is_insecure("127.0.0.1:5000"));
        assert!(!c.is_insecure("127.0.0.1:5443"));
        assert!(!c.is_insecure("quay.io"));
    }

    #[test]
    fn no_match_uses_the_reference_and_docker_hub_endpoint() {
        let c = conf("");
        assert_eq!(hosts(&c, "quay.io/a/b:1"), ["quay.io/a/b"]);
        assert_eq!(
            hosts(&c, "docker.io/alpine"),
            ["registry-1.docker.io/library/alpine"]
        );
        assert!(c.search_registries().is_empty());
        assert!(c.resolve_short("alpine", None, None).is_err());
    }

    #[test]
    fn longest_prefix_wins_and_locations_rewrite_paths() {
        let c = conf(
            r#"
[[registry]]
prefix = "example.com/foo"
location = "internal.example.net/bar"
[[registry.mirror]]
location = "mirror-0.local/mirror-for-foo"
[[registry.mirror]]
location = "mirror-1.local/mirrors/foo"
insecure = true
[[registry]]
prefix = "example.com"
location = "other.example.net"
[[registry]]
prefix = "example.com/foo/exact:v1"
location = "pinned.example.net/x"
"#,
        );
        assert_eq!(
            hosts(&c, "example.com/foo/image:latest"),
            [
                "mirror-0.local/mirror-for-foo/image",
                "mirror-1.local/mirrors/foo/image insecure",
                "internal.example.net/bar/image",
            ]
        );
        // "foobar" does not continue "foo" with a separator.
        assert_eq!(
            hosts(&c, "example.com/foobar/x"),
            ["other.example.net/foobar/x"]
        );
        assert_eq!(
            hosts(&c, "example.com/foo"),
            [
                "mirror-0.local/mirror-for-foo",
                "mirror-1.local/mirrors/foo insecure",
                "internal.example.net/bar"
            ]
        );
        assert_eq!(
            hosts(&c, "example.com/foo/exact:v1"),
            ["pinned.example.net/x"]
        );
        assert!(c.is_insecure("mirror-1.local"));
    }

    #[test]
    fn wildcard_prefixes_match_subdomains_only() {
        let c = conf(
            r#"
[[registry]]
prefix = "*.example.com"
insecure = true
[[registry.mirror]]
location = "mirror.local/m"
[[registry]]
prefix = "special.example.com"
"#,
        );
        assert_eq!(
            hosts(&c, "a.example.com/x"),
            ["mirror.local/m/x", "a.example.com/x insecure"]
        );
        assert_eq!(
            hosts(&c, "b.a.example.com:5000/x/y"),
            ["mirror.local/m/x/y", "b.a.example.com:5000/x/y insecure"]
        );
        assert_eq!(hosts(&c, "example.com/x"), ["example.com/x"]);
        assert_eq!(hosts(&c, "notexample.com/x"), ["notexample.com/x"]);
        // The longer literal prefix wins over the wildcard.
        assert_eq!(
            hosts(&c, "special.example.com/x"),
            ["special.example.com/x"]
        );
        assert!(c.is_insecure("a.example.com"));
        let bad = RegistriesConf::parse_str(
            "[[registry]]\nprefix = \"*.a.com\"\nlocation = \"b.com\"\n",
            Path::new("x"),
        );
        assert!(bad.is_err());
        let bad = RegistriesConf::parse_str("[[registry]]\nprefix = \"a.*.com\"\n", Path::new("x"));
        assert!(bad.is_err());
    }

    #[test]
    fn blocked_registries_are_refused_by_name() {
        let c = conf("[[registry]]\nlocation = \"evil.example\"\nblocked = true\n");
        let err = c.endpoints(&qualified("evil.example/x")).unwrap_err();
        assert!(err.to_string().contains("evil.example"), "{err}");
        assert!(c.endpoints(&qualified("good.example/x")).is_ok());
    }

    #[test]
    fn mirror_by_digest_only_skips_mirrors_for_tags() {
        let c = conf(
            "[[registry]]\nprefix = \"docker.io\"\nlocation = \"docker.io\"\nmirror-by-digest-only = true\n[[registry.mirror]]\nlocation = \"m.local\"\n",
        );
        assert_eq!(
            hosts(&c, "docker.io/alpine"),
            ["registry-1.docker.io/library/alpine"]
        );
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            hosts(&c, &format!("docker.io/alpine@{d}")),
            [
                "m.local/library/alpine",
                "registry-1.docker.io/library/alpine"
            ]
        );
    }

    #[test]
    fn v1_tables_and_aliases() {
        let c = conf(
            r#"
[registries.search]
registries = ["quay.io", "docker.io"]
[registries.insecure]
registries = ["local.test:5000"]
[registries.block]
registries = ["bad.test"]
[aliases]
"myimg" = "quay.io/team/myimg"
"#,
        );
        let names: Vec<String> = c
            .resolve_short("app", Some("1".into()), None)
            .unwrap()
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(names, ["quay.io/app:1", "docker.io/library/app:1"]);
        assert_eq!(
            c.resolve_short("myimg", Some("2".into()), None).unwrap()[0].to_string(),
            "quay.io/team/myimg:2"
        );
        assert!(c.is_insecure("local.test:5000"));
        assert!(c.endpoints(&qualified("bad.test/x")).is_err());
    }

    #[test]
    fn dropins_merge_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("registries.conf");
        std::fs::write(&main, EXAMPLE).unwrap();
        let d = dir.path().join("registries.conf.d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(
            d.join("10-a.conf"),
            "unqualified-search-registries = [\"quay.io\"]\n[aliases]\nx = \"quay.io/x/x\"\n",
        )
        .unwrap();
        std::fs::write(
            d.join("20-b.conf"),
            "[[registry]]\nprefix = \"docker.io\"\nlocation = \"mirror.local\"\n[aliases]\nx = \"\"\n",
        )
        .unwrap();
        std::fs::write(d.join("ignored.txt"), "not toml [").unwrap();
        let c = RegistriesConf::from_files(&main, Some(&d)).unwrap();
        assert_eq!(c.search_registries(), ["quay.io"]);
        assert_eq!(
            hosts(&c, "docker.io/library/alpine"),
            ["mirror.local/library/alpine"]
        );
        assert_eq!(
            c.resolve_short("x", None, None).unwrap()[0].to_string(),
            "quay.io/x"
        );
        // A missing file is an empty configuration; a broken one is an error naming it.
        assert!(RegistriesConf::from_files(&dir.path().join("nope"), None)
            .unwrap()
            .search_registries()
            .is_empty());
        std::fs::write(&main, "unqualified-search-registries = [").unwrap();
        let err = RegistriesConf::from_files(&main, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("registries.conf"), "{err}");
    }

    #[test]
    fn short_name_modes() {
        let two = |mode: &str| {
            conf(&format!(
                "unqualified-search-registries = [\"a.test\", \"b.test\"]\n{mode}\n[aliases]\n\"al\" = \"c.test/x/al\"\n"
            ))
        };
        let names = |c: &RegistriesConf, n: &str| -> Result<Vec<String>, String> {
            c.resolve_short(n, Some("1".into()), None)
                .map(|v| v.iter().map(ToString::to_string).collect())
                .map_err(|e| e.to_string())
        };
        // Unset means permissive (containers/image's default): every registry, in order.
        for mode in [
            "",
            "short-name-mode = \"\"",
            "short-name-mode = \"permissive\"",
            "short-name-mode = \"disabled\"",
        ] {
            assert_eq!(
                names(&two(mode), "app").unwrap(),
                ["a.test/app:1", "b.test/app:1"],
                "{mode}"
            );
            assert_eq!(
                names(&two(mode), "al").unwrap(),
                ["c.test/x/al:1"],
                "{mode}"
            );
        }
        let enforcing = two("short-name-mode = \"enforcing\"");
        assert_eq!(enforcing.short_name_mode(), ShortNameMode::Enforcing);
        let err = names(&enforcing, "app").unwrap_err();
        assert!(
            err.contains("enforced") && err.contains("a.test/app:1, b.test/app:1"),
            "{err}"
        );
        // An alias is not ambiguous, nor is a single search registry.
        assert_eq!(names(&enforcing, "al").unwrap(), ["c.test/x/al:1"]);
        let one =
            conf("unqualified-search-registries = [\"a.test\"]\nshort-name-mode = \"enforcing\"\n");
        assert_eq!(names(&one, "app").unwrap(), ["a.test/app:1"]);
        let bad = RegistriesConf::parse_str("short-name-mode = \"strict\"\n", Path::new("x.conf"));
        let err = bad.unwrap_err().to_string();
        assert!(err.contains("x.conf") && err.contains("strict"), "{err}");
    }

    #[test]
    fn a_dropin_sets_the_mode_and_an_empty_one_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("registries.conf");
        std::fs::write(&main, "short-name-mode = \"enforcing\"\n").unwrap();
        let d = dir.path().join("registries.conf.d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("10.conf"), "short-name-mode = \"disabled\"\n").unwrap();
        std::fs::write(d.join("20.conf"), "short-name-mode = \"\"\n").unwrap();
        let c = RegistriesConf::from_files(&main, Some(&d)).unwrap();
        assert_eq!(c.short_name_mode(), ShortNameMode::Disabled);
    }
}
