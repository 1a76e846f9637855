//! `rpod system df`: what the store holds and what removing the unused would give back, in
//! Podman's three rows (images, containers, local volumes). An image is active while a kept
//! container was made from it; a container while it runs. Sizes are what the files take:
//! an image's unpacked layers, a container's writable layer.

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::paths::Paths;
use crate::engine::container::lookup;
use crate::image::store::index::ImageRecord;
use crate::image::store::Store;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub total: usize,
    pub active: usize,
    pub size: u64,
    pub reclaimable: u64,
}

#[derive(Clone, Debug)]
pub struct ImageUsage {
    pub record: ImageRecord,
    /// Kept containers made from it.
    pub containers: usize,
    /// Bytes of its layers that other images share.
    pub shared: u64,
}

#[derive(Clone, Debug)]
pub struct ContainerUsage {
    pub id: String,
    pub name: String,
    pub image: String,
    /// 64 hex digits.
    pub image_id: String,
    pub command: String,
    /// RFC 3339.
    pub created: String,
    pub size: u64,
    pub status: String,
}

#[derive(Clone, Debug, Default)]
pub struct DiskUsage {
    pub images: Usage,
    pub containers: Usage,
    /// rpod has no named volumes yet: always zero, as Podman shows a store without any.
    pub volumes: Usage,
    pub image_rows: Vec<ImageUsage>,
    pub container_rows: Vec<ContainerUsage>,
}

pub fn gather(paths: &Paths) -> DiskUsage {
    let images = Store::open_existing(&paths.root, paths.root_origin)
        .and_then(|s| s.index().ok())
        .map(|i| i.images)
        .unwrap_or_default();
    let mut out = DiskUsage::default();
    let mut used = BTreeSet::new();
    for dir in lookup::all(&paths.root, &paths.runroot).unwrap_or_default() {
        let Ok(state) = dir.read_state() else {
            continue;
        };
        used.insert(state.image_id.clone());
        let size = du(&dir.upper());
        out.containers.total += 1;
        out.containers.size += size;
        if state.status.is_running() {
            out.containers.active += 1;
        } else {
            out.containers.reclaimable += size;
        }
        out.container_rows.push(ContainerUsage {
            id: state.id,
            name: state.name,
            image: state.image,
            image_id: state.image_id,
            command: state.command.join(" "),
            created: state.created,
            size,
            status: state.status.as_str().to_string(),
        });
    }
    let mut layer_users: std::collections::BTreeMap<String, usize> = Default::default();
    for layer in images.iter().flat_map(|r| &r.layers) {
        *layer_users.entry(layer.diff_id.to_string()).or_default() += 1;
    }
    for record in images {
        let shared = record
            .layers
            .iter()
            .filter(|l| layer_users[&l.diff_id.to_string()] > 1)
            .map(|l| l.size)
            .sum();
        let containers = out
            .container_rows
            .iter()
            .filter(|c| c.image_id == record.id.hex())
            .count();
        let size = record.size();
        out.images.total += 1;
        out.images.size += size;
        if used.contains(record.id.hex()) {
            out.images.active += 1;
        } else {
            out.images.reclaimable += size;
        }
        out.image_rows.push(ImageUsage {
            record,
            containers,
            shared,
        });
    }
    out
}

/// Bytes the regular files under `dir` take (apparent size, hard links counted once per
/// directory entry as Podman's `du` does); unreadable parts count as empty.
pub fn du(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => du(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn du_adds_up_files_below() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/f"), [0u8; 100]).unwrap();
        std::fs::write(dir.path().join("g"), [0u8; 20]).unwrap();
        assert_eq!(super::du(dir.path()), 120);
        assert_eq!(super::du(&dir.path().join("missing")), 0);
    }
}
