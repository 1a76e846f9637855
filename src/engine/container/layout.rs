//! The container store's layout, split as Podman splits it between its graph root and run
//! root: `<root>/containers/<id>/` holds what must survive a reboot (the overlay's `upper`
//! and `work`, `state.json`, `config.json`, the `lock`; see [`super::dir`]);
//! `<runroot>/containers/<id>/` holds the `rootfs` mount point and the generated `hosts`,
//! `hostname` and `resolv.conf`. That one lives on a small tmpfs that the container's process
//! mounts over `<runroot>/containers` in its own mount namespace (see
//! `runtime::rootfs::scratch`): nothing of it touches the disk, and it vanishes with the
//! container.
//!
//! Beside the containers' own directories, `<root>/containers/` holds:
//! - `by-name/<name>` → `../<id>`: names, reserved atomically as symlinks ([`reserve_name`]);
//! - `.spare/`: an emptied directory of an earlier container, ready to be taken by the next
//!   one ([`SPARE`], made by `removal::recycle`);
//! - `init-layer/`: the shared top lower layer with the mount points every container needs
//!   (`/etc/hosts`...), so that mounting them never copies anything up ([`init_layer`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::error::{io_at, StorageError};
use crate::util::fs::{dirs, random, replace};

/// `<root>/containers`.
pub fn containers_dir(root: &Path) -> PathBuf {
    root.join("containers")
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

/// Reserves `name` for the container `id` in `containers` (a symlink `by-name/<name>` →
/// `../<id>`, which only one rpod can create); returns the link.
pub fn reserve_name(containers: &Path, name: &str, id: &str) -> Result<PathBuf, StorageError> {
    let by_name = containers.join("by-name");
    dirs::ensure_private(&by_name).map_err(io_at(&by_name))?;
    let link = by_name.join(name);
    std::os::unix::fs::symlink(Path::new("..").join(id), &link).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => StorageError::NameInUse(name.to_string()),
        _ => StorageError::Io(link.clone(), e),
    })?;
    Ok(link)
}

/// The mount points every container needs, as a shared lower layer on top of the image's.
const INIT_LAYER_DIRS: [&str; 4] = ["dev", "proc", "sys", "etc"];
const INIT_LAYER_FILES: [&str; 3] = ["etc/hosts", "etc/hostname", "etc/resolv.conf"];

/// `<root>/containers/init-layer`, made once (atomically, by rename) and then reused. Its
/// directories are the top lower layer's, whose modes the container sees (its `/etc` is this
/// `etc`): 0755 whatever the umask.
pub fn init_layer(root: &Path) -> Result<PathBuf, StorageError> {
    let containers = containers_dir(root);
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
    fn a_name_is_reserved_once() {
        let root = tempfile::tempdir().unwrap();
        let containers = containers_dir(root.path());
        std::fs::create_dir(&containers).unwrap();
        let link = reserve_name(&containers, "web", "a").unwrap();
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("../a"));
        assert!(matches!(
            reserve_name(&containers, "web", "b"),
            Err(StorageError::NameInUse(n)) if n == "web"
        ));
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
