//! `diff`: what a container changed of its image, read from its overlay's upper directory
//! against the image's layers (lower ones, top first), as Podman reports it: `A` added,
//! `C` changed (a file that was in the image, or a directory something below changed), `D`
//! deleted (an overlay whiteout: a character device 0:0).
//!
//! Runs in rpod's user namespace: the upper directory holds files of subordinate owners,
//! some in directories only they may list.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::LifecycleError;
use crate::config::paths::Paths;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::image::ImageForRun;
use crate::engine::run::RunError;
use crate::image::store::Store;

/// One change, Podman's kind letter and the path in the container.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub path: String,
    pub kind: char,
}

/// The changes of the container in `dir`, sorted by path.
pub fn diff(paths: &Paths, dir: &ContainerDir) -> Result<Vec<Change>, LifecycleError> {
    let state = dir.read_state()?;
    let run = |e: crate::image::store::StoreError| LifecycleError::Run(RunError::from(e));
    let store = Store::open(&paths.root, paths.root_origin).map_err(run)?;
    let index = store.index().map_err(run)?;
    let record = index
        .find(&state.image_id)
        .cloned()
        .ok_or_else(|| LifecycleError::Run(RunError::ImageNotKnown(state.image.clone())))?;
    let image = ImageForRun::from_store(&store, &record).map_err(run)?;
    let mut lower = image.layer_dirs;
    lower.reverse();
    let mut out = Vec::new();
    walk(&dir.upper(), Path::new("/"), &lower, &mut out);
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, at: &Path, lower: &[PathBuf], out: &mut Vec<Change>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = at.join(e.file_name());
        let Ok(meta) = e.path().symlink_metadata() else {
            continue;
        };
        let rel = path.strip_prefix("/").unwrap_or(&path);
        let whiteout = meta.file_type().is_char_device() && meta.rdev() == 0;
        let kind = if whiteout {
            'D'
        } else if in_image(lower, rel) {
            'C'
        } else {
            'A'
        };
        out.push(Change {
            path: path.display().to_string(),
            kind,
        });
        if meta.is_dir() {
            walk(&e.path(), &path, lower, out);
        }
    }
}

/// Whether `rel` is in the image: the topmost layer that says anything of it has it (a
/// whiteout there means it was deleted in the image itself).
fn in_image(lower_top_first: &[PathBuf], rel: &Path) -> bool {
    for layer in lower_top_first {
        if let Ok(meta) = layer.join(rel).symlink_metadata() {
            return !(meta.file_type().is_char_device() && meta.rdev() == 0);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_changed_below_and_in_the_image() {
        let t = tempfile::tempdir().unwrap();
        let (upper, l1, l2) = (t.path().join("u"), t.path().join("l1"), t.path().join("l2"));
        for d in [&upper, &l1, &l2] {
            fs::create_dir_all(d.join("etc")).unwrap();
        }
        fs::write(l1.join("etc/passwd"), "").unwrap();
        fs::write(upper.join("etc/passwd"), "x").unwrap();
        fs::write(upper.join("etc/new"), "x").unwrap();
        let mut out = Vec::new();
        walk(&upper, Path::new("/"), &[l2, l1], &mut out);
        out.sort();
        let got: Vec<(char, &str)> = out.iter().map(|c| (c.kind, c.path.as_str())).collect();
        assert_eq!(
            got,
            [('C', "/etc"), ('A', "/etc/new"), ('C', "/etc/passwd")]
        );
    }
}
