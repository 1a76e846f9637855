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
    states(root)
        .filter(|state| state.image_id == image_id)
        .map(|state| StoredContainer {
            id: state.id,
            name: state.name,
        })
        .collect()
}

/// The IDs of the images the stored containers were made from: what `image prune` and
/// `system prune` keep.
pub fn image_ids_in_use(root: &Path) -> std::collections::BTreeSet<String> {
    states(root).map(|state| state.image_id).collect()
}

/// The state of every stored container.
fn states(root: &Path) -> impl Iterator<Item = super::state::State> {
    std::fs::read_dir(root.join("containers"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| read_state_file(&e.path()).ok())
}

/// Deletes a stopped container's directories and its name (`rmi -f`).
pub fn remove_stopped(root: &Path, c: &StoredContainer) -> std::io::Result<()> {
    let containers = root.join("containers");
    let _ = std::fs::remove_file(containers.join("by-name").join(&c.name));
    crate::util::fs::staging::remove_tree(&containers.join(&c.id))
}
