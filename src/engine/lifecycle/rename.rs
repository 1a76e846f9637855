//! `rename`: a container's name moved to a new reservation, atomically against other
//! renames and creations (the new name is reserved first, the old one freed last).

use super::LifecycleError;
use crate::engine::container::config::{read_config, write_config};
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::layout::{containers_dir, reserve_name};
use crate::spec::container::valid_name;

/// Renames the container in `dir` to `new`.
pub fn rename(dir: &ContainerDir, new: &str) -> Result<(), LifecycleError> {
    if !valid_name(new) {
        return Err(LifecycleError::InvalidName(new.to_string()));
    }
    let containers = dir
        .dir
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| containers_dir(&dir.dir));
    let id = dir.id().to_string();
    let mut old = None;
    let link = reserve_name(&containers, new, &id)?;
    let renamed = (|| -> Result<(), LifecycleError> {
        dir.update_state(|s| old = Some(std::mem::replace(&mut s.name, new.to_string())))?;
        let mut spec = read_config(&dir.dir)?;
        spec.name = new.to_string();
        write_config(&dir.dir, &spec)?;
        Ok(())
    })();
    match renamed {
        Ok(()) => {
            if let Some(old) = old.filter(|o| o != new) {
                let _ = std::fs::remove_file(containers.join("by-name").join(old));
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(link);
            Err(e)
        }
    }
}
