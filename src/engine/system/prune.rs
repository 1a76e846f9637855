//! `system prune`: Podman's prunes in Podman's order — the containers that do not run first
//! (so that what only they used becomes unused), then with `--volumes` the volumes no
//! container uses, then the dangling images (with `all`, every image no container was made
//! from) — each by the engine's own prune; and the bytes that gave back, measured before they
//! went: a container's writable layer, a volume's data, an image's layers.

use std::collections::BTreeMap;

use super::df::du;
use super::SystemError;
use crate::config::paths::Paths;
use crate::engine::container::{lookup, usage};
use crate::engine::lifecycle::prune::prune as prune_containers;
use crate::engine::volume::{self, remove::prune as prune_volumes, users::used_names};
use crate::image::manage;
use crate::image::store::Store;

/// What `system prune` removed, each kind in the order it went.
#[derive(Debug, Default)]
pub struct Pruned {
    /// Container IDs.
    pub containers: Vec<String>,
    /// Volume names.
    pub volumes: Vec<String>,
    /// Image IDs (64 hex digits).
    pub images: Vec<String>,
    /// Bytes given back.
    pub reclaimed: u64,
}

/// Prunes containers, with `volumes` volumes, and images (dangling ones, or with
/// `all_images` every one no container uses). Runs in rpod's user namespace.
pub fn prune(paths: &Paths, all_images: bool, volumes: bool) -> Result<Pruned, SystemError> {
    let (root, runroot) = (&paths.root, &paths.runroot);
    let mut out = Pruned::default();

    let sizes: BTreeMap<String, u64> = lookup::all(root, runroot)?
        .into_iter()
        .filter(|d| d.read_state().is_ok_and(|s| !s.status.is_running()))
        .map(|d| (d.id().to_string(), du(&d.upper())))
        .collect();
    out.containers = prune_containers(root, runroot)?;
    out.reclaimed += sum(&sizes, &out.containers);

    if volumes {
        let used = used_names(root);
        let sizes: BTreeMap<String, u64> = volume::all(root)?
            .into_iter()
            .filter(|v| !used.contains(&v.name))
            .map(|v| (v.name, du(&v.mountpoint)))
            .collect();
        out.volumes = prune_volumes(root)?;
        out.reclaimed += sum(&sizes, &out.volumes);
    }

    if let Some(store) = Store::open_existing(root, paths.root_origin) {
        let used = usage::image_ids_in_use(root);
        let in_use = |img: &crate::image::store::index::ImageRecord| used.contains(img.id.hex());
        for img in manage::prune(&store, all_images, &in_use)? {
            out.reclaimed += img.size();
            out.images.push(img.id.hex().to_string());
        }
    }
    Ok(out)
}

/// The sizes measured of those `removed` (one removed meanwhile by another rpod counts 0).
fn sum(sizes: &BTreeMap<String, u64>, removed: &[String]) -> u64 {
    removed.iter().filter_map(|k| sizes.get(k)).sum()
}
