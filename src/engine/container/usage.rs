//! Which stored (stopped) containers were made from an image, so `rmi` does not pull the
//! layers from under them; running containers announce themselves with a lock instead
//! (`Store::hold_image`).

use super::state::read_state_file;
use std::path::Path;

/// A container that keeps its state in `<root>/containers/<id>/state.json`.
pub struct StoredContainer {
    pub id: String,
    pub name: String,
}

/// The stored containers made from the image with ID `image_id` (64 hex digits).
pub fn containers_of(root: &Path, image_id: &str) -> Vec<StoredContainer> {
    let dir = root.join("containers");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let state = read_state_file(&e.path()).ok()?;
            (state.image_id == image_id).then_some(StoredContainer {
                id: state.id,
                name: state.name,
            })
        })
        .collect()
}

/// Deletes a stopped container's directories and its name (`rmi -f`).
pub fn remove_stopped(root: &Path, c: &StoredContainer) -> std::io::Result<()> {
    let containers = root.join("containers");
    let _ = std::fs::remove_file(containers.join("by-name").join(&c.name));
    crate::util::fs::staging::remove_tree(&containers.join(&c.id))
}
