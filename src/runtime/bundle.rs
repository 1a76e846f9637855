//! The paths one container's runtime works in, handed over by the engine (the OCI runtime's
//! "bundle"): the runtime knows nothing of how the engine lays out its store, only these.

use std::path::{Path, PathBuf};

/// Where a container's file system comes from and goes.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The overlay's lower layers, lowest first (the image's, then the engine's init layer).
    pub layers: Vec<PathBuf>,
    /// The overlay's upper directory: what the container writes.
    pub upper: PathBuf,
    /// The overlay's work directory, on the same file system as `upper`.
    pub work: PathBuf,
    /// Where rpod mounts fuse-overlayfs, when it does.
    pub merged: PathBuf,
    /// The container's own run directory: it holds the `rootfs` mount point and the
    /// generated `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf`.
    pub run_dir: PathBuf,
    /// Where the container mounts its private scratch tmpfs (the run directory's parent; see
    /// `scratch`).
    pub scratch: PathBuf,
}

impl Bundle {
    /// The mount point of the container's root.
    pub fn rootfs(&self) -> PathBuf {
        self.run_dir.join("rootfs")
    }

    /// The directory holding the generated `/etc` files.
    pub fn etc_files(&self) -> &Path {
        &self.run_dir
    }
}
