//! The container's scratch space: a small tmpfs the container process mounts over
//! `<runroot>/containers` in its own mount namespace, holding the `rootfs` mount point and
//! the generated `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf`.
//!
//! Being private to the container's mount namespace, it needs no clean-up (it goes with the
//! namespace) and costs no disk writes — on a slow disk the few directories and files it
//! replaces were a large part of `rpod run`'s start-up.

use nix::mount::{mount, MsFlags};

use super::{Ctx, SysError};
use crate::container::spec::ContainerSpec;
use crate::container::storage::ContainerDir;

/// Mounts the scratch tmpfs and fills in this container's part of it.
pub fn prepare(dir: &ContainerDir, spec: &ContainerSpec) -> Result<(), SysError> {
    let at = dir.scratch_mount_point();
    mount(
        Some("tmpfs"),
        &at,
        Some("tmpfs"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        // Room for keep-id's copies of /etc/passwd and /etc/group, up to
        // `container_etc::MAX_SIZE` each (tmpfs takes memory only for what is written).
        Some("mode=0700,size=10m"),
    )
    .ctx(|| format!("mounting a tmpfs on {}", at.display()))?;
    std::fs::create_dir_all(dir.rootfs()).ctx(|| format!("creating {}", dir.rootfs().display()))?;
    super::rootfs::write_etc_files(&dir.run_dir, spec)
        .ctx(|| format!("writing files in {}", dir.run_dir.display()))
}
