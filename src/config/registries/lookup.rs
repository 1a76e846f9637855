//! Lookups in a loaded [`RegistriesConf`]: a short name's candidates, the endpoints a
//! qualified reference is fetched from, whether a host is insecure.

use super::{
    ConfigError, Endpoint, RegistriesConf, RegistryEntry, ShortNameMode, DOCKER_HUB_ENDPOINT,
};
use crate::oci::digest::Digest;
use crate::oci::reference::{self, Parsed, Reference, DOCKER_HUB};

impl RegistriesConf {
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
