//! Per-container storage, split as Podman splits it between its graph root and run root:
//! `<root>/containers/<id>/` holds what must survive a reboot (the overlay's `upper` and
//! `work`, `state.json`); `<runroot>/containers/<id>/` holds the `rootfs` mount point and the
//! generated `hosts`, `hostname` and `resolv.conf`. That one lives on a small tmpfs that the
//! container's process mounts over `<runroot>/containers` in its own mount namespace (see
//! `runtime::rootfs::scratch`): nothing of it touches the disk, and it vanishes with the container.
//! Names are reserved atomically as symlinks `<root>/containers/by-name/<name>` → `../<id>`.
//! `<root>/containers/.spare/` is an emptied directory of an earlier container, ready to be
//! taken by the next one. `<root>/containers/init-layer/` is the shared top lower layer with
//! the mount points every container needs (`/etc/hosts`...), so that mounting them never
//! copies anything up.
//!
//! A container's directory is private (`0700`, as containers/storage makes a layer's): its
//! upper directory holds what the container wrote, owned by the user on the host. The upper
//! directory itself is `0755` whatever the umask: overlayfs gives its mode to the container's `/`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::runtime::bundle::Bundle;
use crate::util::fs::staging::remove_tree;
use crate::util::fs::{dirs, random, replace};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("the container name {0:?} is already in use")]
    NameInUse(String),
    #[error("{0}: {1}")]
    Io(PathBuf, io::Error),
    #[error("writing container state: {0}")]
    State(serde_json::Error),
}

fn io_at(p: &Path) -> impl FnOnce(io::Error) -> StorageError + '_ {
    move |e| StorageError::Io(p.to_path_buf(), e)
}

/// A new 64-hex-digit container id from the kernel's random pool.
pub fn new_id() -> String {
    let mut buf = [0u8; 32];
    random::fill(&mut buf);
    hex::encode(buf)
}

/// The mode of a container's upper directory, which overlayfs gives the container's `/`:
/// what every image has there (non-root users of the container must be able to enter it).
/// The container's directory around it is private, so no one else reaches it.
pub const UPPER_MODE: u32 = 0o755;

/// `<root>/containers/.spare`: an empty container directory (`upper` and `work`) ready for
/// the next container.
pub const SPARE: &str = ".spare";

/// The directories of one container.
#[derive(Clone, Debug)]
pub struct ContainerDir {
    /// `<root>/containers/<id>`.
    pub dir: PathBuf,
    /// `<runroot>/containers/<id>`.
    pub run_dir: PathBuf,
    /// Name reservation symlink, if one was made.
    name_link: Option<PathBuf>,
}

impl ContainerDir {
    /// Creates `<root>/containers/<id>/{upper,work}` and `<runroot>/containers/<id>/rootfs`,
    /// and reserves `name` if given (an auto-named `--rm` container needs no reservation:
    /// its name comes from its random id).
    pub fn create(
        root: &Path,
        runroot: &Path,
        id: &str,
        name: Option<&str>,
    ) -> Result<ContainerDir, StorageError> {
        let containers = root.join("containers");
        let dir = containers.join(id);
        let link = match name {
            Some(name) => {
                let by_name = containers.join("by-name");
                dirs::ensure_private(&by_name).map_err(io_at(&by_name))?;
                let link = by_name.join(name);
                std::os::unix::fs::symlink(Path::new("..").join(id), &link).map_err(|e| match e
                    .kind()
                {
                    io::ErrorKind::AlreadyExists => StorageError::NameInUse(name.to_string()),
                    _ => StorageError::Io(link.clone(), e),
                })?;
                Some(link)
            }
            None => {
                dirs::ensure_private(&containers).map_err(io_at(&containers))?;
                None
            }
        };
        let run_dir = runroot.join("containers").join(id);
        let made = ContainerDir {
            dir,
            run_dir,
            name_link: link,
        };
        let dirs = || -> Result<(), StorageError> {
            // A spare left by the cleaner of an earlier `--rm` container (see
            // `removal::recycle`) has both, empty; taking it is one rename.
            if fs::rename(containers.join(SPARE), &made.dir).is_err() {
                for (p, mode) in [
                    (made.dir.clone(), dirs::PRIVATE),
                    (made.upper(), UPPER_MODE),
                    (made.work(), dirs::PRIVATE),
                ] {
                    dirs::create(&p, mode).map_err(io_at(&p))?;
                }
            }
            // Podman's run root is private too (and so, if rpod makes it, is rpod's).
            let scratch = made.scratch_mount_point();
            dirs::ensure_private(&scratch).map_err(io_at(&scratch))
        };
        match dirs() {
            Ok(()) => Ok(made),
            Err(e) => {
                // Leave neither a half-made container nor its name behind.
                let _ = made.remove();
                Err(e)
            }
        }
    }

    pub fn upper(&self) -> PathBuf {
        self.dir.join("upper")
    }
    pub fn work(&self) -> PathBuf {
        self.dir.join("work")
    }
    /// Where rpod mounts fuse-overlayfs, when it does.
    pub fn merged(&self) -> PathBuf {
        self.dir.join("merged")
    }
    pub fn rootfs(&self) -> PathBuf {
        self.run_dir.join("rootfs")
    }
    /// The paths the runtime works in, over `layers` (the lower layers, lowest first).
    pub fn bundle(&self, layers: Vec<PathBuf>) -> Bundle {
        Bundle {
            layers,
            upper: self.upper(),
            work: self.work(),
            merged: self.merged(),
            run_dir: self.run_dir.clone(),
            scratch: self.scratch_mount_point(),
        }
    }

    /// `<runroot>/containers`, where the container mounts its private scratch tmpfs.
    pub fn scratch_mount_point(&self) -> PathBuf {
        self.run_dir
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.run_dir.clone())
    }

    /// Frees the container's name (removes its reservation), if it had one.
    pub fn release_name(&self) {
        if let Some(link) = &self.name_link {
            let _ = fs::remove_file(link);
        }
    }

    /// Writes `state.json` atomically (an exclusive temporary file renamed over it).
    pub fn write_state(&self, state: &State) -> Result<(), StorageError> {
        let data = serde_json::to_vec_pretty(state).map_err(StorageError::State)?;
        let dst = self.dir.join("state.json");
        replace::write(&dst, &data, 0o600, replace::Sync::None).map_err(io_at(&dst))
    }

    /// Removes the container's directory and name. Must run inside the user namespace:
    /// the upper dir holds files owned by subordinate ids.
    pub fn remove(self) -> Result<(), StorageError> {
        self.release_name();
        // overlayfs leaves work/work with mode 000: `remove_tree` makes it removable.
        remove_tree(&self.dir).map_err(|e| StorageError::Io(self.dir, e))
    }
}

/// The mount points every container needs, as a shared lower layer on top of the image's.
const INIT_LAYER_DIRS: [&str; 4] = ["dev", "proc", "sys", "etc"];
const INIT_LAYER_FILES: [&str; 3] = ["etc/hosts", "etc/hostname", "etc/resolv.conf"];

/// `<root>/containers/init-layer`, made once (atomically, by rename) and then reused. Its
/// directories are the top lower layer's, whose modes the container sees (its `/etc` is this
/// `etc`): 0755 whatever the umask.
pub fn init_layer(root: &Path) -> Result<PathBuf, StorageError> {
    let containers = root.join("containers");
    let layer = containers.join("init-layer");
    if layer.join(INIT_LAYER_FILES[2]).exists() {
        return Ok(layer);
    }
    dirs::ensure_private(&containers).map_err(io_at(&containers))?;
    let tmp = containers.join(format!(".init-layer.{:016x}", random::u64()));
    dirs::create(&tmp, 0o755).map_err(io_at(&tmp))?;
    let fill = || -> io::Result<()> {
        for d in INIT_LAYER_DIRS {
            dirs::create(&tmp.join(d), 0o755)?;
        }
        for f in INIT_LAYER_FILES {
            replace::create_new(&tmp.join(f), 0o644)?;
        }
        fs::rename(&tmp, &layer)
    };
    match fill() {
        Ok(()) => Ok(layer),
        // Another rpod made it first.
        Err(_) if layer.join(INIT_LAYER_FILES[2]).exists() => {
            let _ = fs::remove_dir_all(&tmp);
            Ok(layer)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            Err(StorageError::Io(layer, e))
        }
    }
}

/// What `state.json` records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub id: String,
    pub name: String,
    pub image: String,
    /// The image's ID (64 hex digits), which `rmi` checks.
    #[serde(default)]
    pub image_id: String,
    pub command: Vec<String>,
    /// RFC 3339.
    pub created: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    Running,
    Exited,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_64_hex() {
        let (a, b) = (new_id(), new_id());
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn create_state_names_and_remove() {
        let root = tempfile::tempdir().unwrap();
        let run = tempfile::tempdir().unwrap();
        let id = new_id();
        let d = ContainerDir::create(root.path(), run.path(), &id, Some("web")).unwrap();
        assert!(d.upper().is_dir() && d.work().is_dir() && d.scratch_mount_point().is_dir());
        assert!(matches!(
            ContainerDir::create(root.path(), run.path(), &new_id(), Some("web")),
            Err(StorageError::NameInUse(_))
        ));
        let st = State {
            id: id.clone(),
            name: "web".into(),
            image: "busybox".into(),
            image_id: "ab".repeat(32),
            command: vec!["true".into()],
            created: "2024-01-01T00:00:00Z".into(),
            status: Status::Exited,
            pid: None,
            exit_code: Some(0),
            finished: None,
        };
        d.write_state(&st).unwrap();
        let back: State =
            serde_json::from_slice(&fs::read(d.dir.join("state.json")).unwrap()).unwrap();
        assert_eq!(back, st);
        d.remove().unwrap();
        assert!(!root.path().join("containers").join(&id).exists());
        assert!(!run.path().join("containers").join(&id).exists());
        assert!(ContainerDir::create(root.path(), run.path(), &new_id(), Some("web")).is_ok());
    }

    #[test]
    fn init_layer_made_once() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("containers")).unwrap();
        let l = init_layer(root.path()).unwrap();
        assert!(l.join("etc/resolv.conf").is_file() && l.join("proc").is_dir());
        assert_eq!(init_layer(root.path()).unwrap(), l);
    }
}
