//! Which containers use a volume: read from their saved specs (`config.json`), the one place
//! a container's mounts are settled. Every container with a spec counts, kept or not (a
//! foreground `--rm` container with a volume saves its spec for this alone).

use std::path::Path;

use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::layout::containers_dir;

/// The IDs of the containers of the store whose spec mounts volume `name`, sorted.
pub fn users(root: &Path, name: &str) -> Vec<String> {
    let mut out: Vec<String> = specs(root)
        .filter_map(|(id, spec)| {
            spec.mounts
                .iter()
                .any(|m| m.volume_name() == Some(name))
                .then_some(id)
        })
        .collect();
    out.sort();
    out
}

/// The names of the volumes some container of the store mounts.
pub fn used_names(root: &Path) -> std::collections::BTreeSet<String> {
    specs(root)
        .flat_map(|(_, spec)| {
            spec.mounts
                .into_iter()
                .filter_map(|m| m.volume_name().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// How many running containers mount volume `name` (Podman's `MountCount`).
pub fn mount_count(root: &Path, runroot: &Path, name: &str) -> u32 {
    users(root, name)
        .iter()
        .filter(|id| {
            ContainerDir::open(root, runroot, id, None)
                .read_state()
                .is_ok_and(|s| s.status.is_running())
        })
        .count() as u32
}

/// Every saved spec of the store, with its container's ID.
fn specs(root: &Path) -> impl Iterator<Item = (String, crate::spec::container::ContainerSpec)> {
    let containers = containers_dir(root);
    std::fs::read_dir(&containers)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let id = e.file_name().into_string().ok()?;
            (id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(())?;
            let spec = read_config(&e.path()).ok()?;
            Some((id, spec))
        })
}
