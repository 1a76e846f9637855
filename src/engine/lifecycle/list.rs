//! The containers of the store as `ps` and `inspect` show them: each one's state (checked
//! against the kernel), its saved spec, and its image's name as the store knows it. Reads
//! files only — no lock, no user namespace — so the cost grows with the containers and
//! nothing else.

use std::path::Path;

use super::LifecycleError;
use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::lookup;
use crate::engine::container::state::State;
use crate::image::store::Store;
use crate::spec::container::ContainerSpec;

/// One container, as the listing commands show it.
pub struct Listed {
    pub dir: ContainerDir,
    pub state: State,
    pub spec: Option<ContainerSpec>,
    /// The image's full name in the store (`docker.io/library/alpine:latest`), else the name
    /// it was created from.
    pub image_name: String,
}

/// Every container of the store (one whose files cannot be read is left out).
pub fn list(
    root: &Path,
    runroot: &Path,
    root_origin: crate::config::paths::RootOrigin,
) -> Result<Vec<Listed>, LifecycleError> {
    let dirs = lookup::all(root, runroot)?;
    let index = match dirs.is_empty() {
        true => None,
        false => Store::open_existing(root, root_origin).and_then(|s| s.index().ok()),
    };
    Ok(dirs
        .into_iter()
        .filter_map(|dir| {
            let state = dir.read_state().ok()?;
            Some(listed(dir, state, index.as_ref()))
        })
        .collect())
}

/// The listing of one container found already.
pub fn one(
    dir: ContainerDir,
    root: &Path,
    root_origin: crate::config::paths::RootOrigin,
) -> Result<Listed, LifecycleError> {
    let state = dir.read_state()?;
    let index = Store::open_existing(root, root_origin).and_then(|s| s.index().ok());
    Ok(listed(dir, state, index.as_ref()))
}

fn listed(
    dir: ContainerDir,
    state: State,
    index: Option<&crate::image::store::index::Index>,
) -> Listed {
    let spec = read_config(&dir.dir).ok();
    let image_name = index
        .and_then(|i| i.find(&state.image_id))
        .and_then(|img| img.names.first().cloned())
        .unwrap_or_else(|| state.image.clone());
    Listed {
        dir,
        state,
        spec,
        image_name,
    }
}
