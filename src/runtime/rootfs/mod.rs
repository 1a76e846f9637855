//! Assembling the container's filesystem tree under `rootfs` before the pivot: the image
//! layers, the kernel filesystems, `/dev`, the generated `/etc` files, the user's volumes and
//! tmpfs mounts, the masked paths, and finally the read-only root if asked.
//!
//! What is mounted, and in which order, is decided first as data ([`plan`]: no system call,
//! unit-tested), then performed in one place (`apply`).

mod apply;
pub mod chown;
pub mod container_etc;
pub mod dev;
mod etc_files;
pub mod fuse_overlay;
mod keep_id;
pub mod mount_at;
pub mod overlay;
pub mod pivot;
pub mod plan;
pub mod proc_mounts;
pub mod scratch;
pub mod secure_path;
mod user_mounts;

use std::path::{Path, PathBuf};

use nix::mount::MsFlags;

use crate::spec::container::ContainerSpec;

use crate::runtime::network::PendingNetns;
use crate::runtime::userns::nested::NestedMaps;
use crate::runtime::{Ctx, SysError};
use container_etc::UserFiles;
use secure_path::Root;

pub use etc_files::{write_etc_files, ETC_FILES};

/// The paths of one container's tree.
pub struct RootfsPaths<'a> {
    pub layers: &'a [PathBuf],
    pub upper: PathBuf,
    pub work: PathBuf,
    pub rootfs: PathBuf,
    /// The directory holding the generated `/etc` files.
    pub etc_files: &'a Path,
    /// The layers already mounted by rpod (fuse-overlayfs), to bind on `rootfs`.
    pub mounted: Option<&'a Path>,
    /// keep-id: how owners are shifted for the nested user namespace.
    pub shift: Option<&'a NestedMaps>,
}

/// Mounts everything but the workload's terminal; runs in the container's mount namespace.
/// Joins `netns` on the way, before `/sys`. Every target inside the tree is resolved and
/// mounted by descriptor (see `secure_path`). Returns the container's `/etc/passwd` and
/// `/etc/group` for the user lookup, read before `/proc` and `/dev` exist in the root (see
/// `container_etc`), keep-id's entries included, and the root, held open, for the steps that
/// follow.
pub fn prepare(
    spec: &ContainerSpec,
    p: &RootfsPaths,
    netns: PendingNetns,
) -> Result<(Root, UserFiles), SysError> {
    apply::apply(&plan::plan(spec, p), netns)
}

/// Makes the root mount read-only (`--read-only`); done last, after every mount point exists.
pub fn make_root_readonly(rootfs: &Path) -> Result<(), SysError> {
    mount_at::remount_ro_path(rootfs, MsFlags::empty())
        .ctx(|| "making the root filesystem read-only".into())
}
