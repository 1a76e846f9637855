//! Making the rootfs the container's `/`: `pivot_root` of the rootfs onto itself, then a lazy
//! unmount of the old root stacked beneath it (no temporary directory needed).

use std::path::Path;

use nix::mount::{umount2, MntFlags};
use nix::unistd::{chdir, pivot_root};

use crate::runtime::{Ctx, SysError};

pub fn pivot(rootfs: &Path) -> Result<(), SysError> {
    chdir(rootfs).ctx(|| format!("entering {}", rootfs.display()))?;
    pivot_root(".", ".").ctx(|| "pivot_root".to_string())?;
    umount2(".", MntFlags::MNT_DETACH).ctx(|| "detaching the old root".to_string())?;
    chdir("/").ctx(|| "chdir /".to_string())
}
