//! `rpod info`: Podman's `define.Info` (host, store, registries, version), lowerCamel keys as
//! Podman's JSON tags spell them. Reads files only: fast, no lock, no user namespace.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::host::{self, Host};
use super::version::{self, Version};
use crate::config::paths::Paths;
use crate::config::registries::{ConfigError, RegistriesConf};
use crate::engine::container::lookup;
use crate::image::store::Store;

#[derive(Clone, Debug, Serialize)]
pub struct Info {
    pub host: Host,
    pub plugins: Plugins,
    pub store: StoreInfo,
    pub registries: Registries,
    pub version: Version,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreInfo {
    pub config_file: String,
    pub container_store: ContainerStore,
    pub graph_driver_name: String,
    /// rpod takes no storage options: always empty.
    pub graph_options: BTreeMap<String, String>,
    pub graph_root: String,
    /// Bytes of the file system holding the store, and those in use (0 when unreadable).
    pub graph_root_allocated: u64,
    pub graph_root_used: u64,
    /// Where pulls and loads stage their downloads.
    pub image_copy_tmp_dir: String,
    pub image_store: ImageStore,
    pub run_root: String,
    pub volume_path: String,
}

/// Containers by state, as Podman counts them: `stopped` is every one not running or paused
/// (created, stopped and exited alike).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct ContainerStore {
    pub number: usize,
    pub paused: usize,
    pub running: usize,
    pub stopped: usize,
}

#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct ImageStore {
    pub number: usize,
}

/// Podman's `registries`: each `[[registry]]` table under its prefix, and the short-name
/// search list under `search`.
#[derive(Clone, Debug, Serialize)]
pub struct Registries {
    #[serde(flatten)]
    pub tables: BTreeMap<String, Registry>,
    pub search: Vec<String>,
}

/// Podman's JSON of a registry table (Go field names: it has no JSON tags).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Registry {
    pub blocked: bool,
    pub insecure: bool,
    pub location: String,
    pub mirror_by_digest_only: bool,
    pub mirrors: Option<Vec<Mirror>>,
    pub prefix: String,
    pub pull_from_mirror: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Mirror {
    pub location: String,
    pub insecure: bool,
    pub pull_from_mirror: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InfoError {
    #[error(transparent)]
    Registries(#[from] ConfigError),
}

pub fn gather(paths: &Paths) -> Result<Info, InfoError> {
    let registries = RegistriesConf::load()?;
    Ok(Info {
        host: host::gather(),
        plugins: Plugins {
            authorization: None,
            log: vec!["k8s-file".into()],
            network: Vec::new(),
            volume: Vec::new(),
        },
        store: store(paths),
        registries: Registries {
            tables: registries
                .registries()
                .into_iter()
                .map(|r| {
                    let table = Registry {
                        blocked: r.blocked,
                        insecure: r.insecure,
                        location: r.location,
                        mirror_by_digest_only: r.mirror_by_digest_only,
                        mirrors: (!r.mirrors.is_empty()).then(|| {
                            r.mirrors
                                .into_iter()
                                .map(|(location, insecure)| Mirror {
                                    location,
                                    insecure,
                                    pull_from_mirror: String::new(),
                                })
                                .collect()
                        }),
                        prefix: r.prefix.clone(),
                        pull_from_mirror: String::new(),
                    };
                    (r.prefix, table)
                })
                .collect(),
            search: registries.search_registries().to_vec(),
        },
        version: version::current(),
    })
}

fn store(paths: &Paths) -> StoreInfo {
    let images = Store::open_existing(&paths.root, paths.root_origin)
        .and_then(|s| s.index().ok())
        .map_or(0, |index| index.images.len());
    let (graph_root_allocated, graph_root_used) = fs_usage(&paths.root);
    StoreInfo {
        config_file: crate::config::storage::config_file()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        container_store: containers(&paths.root, &paths.runroot),
        graph_driver_name: "overlay".into(),
        graph_options: BTreeMap::new(),
        graph_root: paths.root.display().to_string(),
        graph_root_allocated,
        graph_root_used,
        image_copy_tmp_dir: paths.root.join("tmp").display().to_string(),
        image_store: ImageStore { number: images },
        run_root: paths.runroot.display().to_string(),
        volume_path: volume_path(&paths.root).display().to_string(),
    }
}

/// What rpod has of Podman's plugins: its one log driver; no network or volume plugins.
#[derive(Clone, Debug, Serialize)]
pub struct Plugins {
    pub authorization: Option<Vec<String>>,
    pub log: Vec<String>,
    pub network: Vec<String>,
    pub volume: Vec<String>,
}

/// Size and use of the file system holding `path` (or its nearest existing parent: the
/// store may not exist yet).
fn fs_usage(path: &Path) -> (u64, u64) {
    let existing = path
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or(Path::new("/"));
    match nix::sys::statvfs::statvfs(existing) {
        Ok(s) => {
            let frag = s.fragment_size();
            let total = s.blocks() * frag;
            (total, total - s.blocks_free() * frag)
        }
        Err(_) => (0, 0),
    }
}

/// Counts by state; a container whose state cannot be read counts as stopped.
pub fn containers(root: &Path, runroot: &Path) -> ContainerStore {
    let mut count = ContainerStore::default();
    for dir in lookup::all(root, runroot).unwrap_or_default() {
        count.number += 1;
        match dir.read_state().map(|s| s.status) {
            Ok(s) if s.is_running() => count.running += 1,
            _ => count.stopped += 1,
        }
    }
    count
}

/// Where named volumes will live, as Podman's `<graphRoot>/volumes`.
pub fn volume_path(root: &Path) -> PathBuf {
    root.join("volumes")
}
