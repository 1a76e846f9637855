//! The container's scratch space: a small tmpfs the container process mounts over
//! `<runroot>/containers` in its own mount namespace, holding the `rootfs` mount point and
//! the generated `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf`.
//!
//! Being private to the container's mount namespace, it needs no clean-up (it goes with the
//! namespace) and costs no disk writes — on a slow disk the few directories and files it
//! replaces were a large part of `rpod run`'s start-up.

use nix::mount::{mount, MsFlags};

use crate::runtime::bundle::Bundle;
use crate::runtime::{Ctx, SysError};
use crate::spec::container::ContainerSpec;

/// Mounts the scratch tmpfs and fills in this container's part of it.
pub fn prepare(bundle: &Bundle, spec: &ContainerSpec) -> Result<(), SysError> {
    let at = &bundle.scratch;
    mount(
        Some("tmpfs"),
        at,
        Some("tmpfs"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        // Room for keep-id's copies of /etc/passwd and /etc/group, up to
        // `container_etc::MAX_SIZE` each (tmpfs takes memory only for what is written).
        Some("mode=0700,size=10m"),
    )
    .ctx(|| format!("mounting a tmpfs on {}", at.display()))?;
    let rootfs = bundle.rootfs();
    std::fs::create_dir_all(&rootfs).ctx(|| format!("creating {}", rootfs.display()))?;
    crate::runtime::rootfs::write_etc_files(&bundle.run_dir, spec)
        .ctx(|| format!("writing files in {}", bundle.run_dir.display()))
}
