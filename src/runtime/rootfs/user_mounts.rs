//! The user's `-v` and `--tmpfs` mounts, and host files bound in the same way (the init):
//! each source opened as the user meant it, each target resolved inside the root.

use std::os::fd::AsFd;
use std::path::Path;

use nix::fcntl::OFlag;
use nix::mount::MsFlags;
use nix::sys::stat::{fstat, Mode};
use nix::sys::statvfs::{fstatvfs, FsFlags};

use crate::spec::mounts::MountSpec;

use crate::runtime::rootfs::mount_at::{self, Expect};
use crate::runtime::rootfs::secure_path::{self, proc_fd_path, Create, InRoot, Root};
use crate::runtime::{Ctx, SysError};

pub fn user_mount(root: &Root, m: &MountSpec) -> Result<(), SysError> {
    let shown = m.target().display();
    match m {
        MountSpec::Bind {
            source, readonly, ..
        }
        | MountSpec::Volume {
            source, readonly, ..
        } => bind_host_path(root, source, m.target(), *readonly)?,
        MountSpec::Tmpfs { flags, data, .. } => {
            let target = mount_point(root, m.target(), Create::Dir)?;
            let flags = MsFlags::from_bits_truncate(*flags);
            let data = (!data.is_empty()).then_some(data.as_str());
            mount_at::filesystem("tmpfs", &target, flags, data)
                .ctx(|| format!("mounting tmpfs on {shown}"))?;
        }
    }
    Ok(())
}

/// Binds the host's `source` (a volume's, the init's: opened as the user meant it) on
/// `target` inside the root, made if missing.
pub fn bind_host_path(
    root: &Root,
    source: &Path,
    target: &Path,
    readonly: bool,
) -> Result<(), SysError> {
    let shown = target.display();
    let src = nix::fcntl::open(source, OFlag::O_PATH | OFlag::O_CLOEXEC, Mode::empty())
        .ctx(|| format!("volume source {}", source.display()))?;
    let src_stat = fstat(&src).ctx(|| format!("volume source {}", source.display()))?;
    let create = if secure_path::is_dir(&src_stat) {
        Create::Dir
    } else {
        Create::File
    };
    let target = mount_point(root, target, create)?;
    mount_at::bind(&proc_fd_path(&src), &target, true)
        .ctx(|| format!("binding {} on {shown}", source.display()))?;
    if readonly {
        mount_at::remount_ro(&target, Expect::Source(&src_stat), locked_flags(&src))
            .ctx(|| format!("making {shown} read-only"))?;
    }
    Ok(())
}

/// The user mount's target inside the root, made if missing; never the root itself.
fn mount_point(root: &Root, path: &Path, create: Create) -> Result<InRoot, SysError> {
    let target = root
        .resolve(path, create)
        .ctx(|| format!("creating mount point {}", path.display()))?;
    if target.is_root() {
        return Err(SysError {
            what: format!(
                "mounting on {}: that is the container's root directory",
                path.display()
            ),
            source: nix::errno::Errno::EINVAL,
        });
    }
    Ok(target)
}

/// The flags of the host mount under `source` that a user namespace may not clear.
fn locked_flags(source: &impl AsFd) -> MsFlags {
    let Ok(st) = fstatvfs(source) else {
        return MsFlags::empty();
    };
    let f = st.flags();
    [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ]
    .into_iter()
    .filter(|(s, _)| f.contains(*s))
    .fold(MsFlags::empty(), |acc, (_, m)| acc | m)
}
