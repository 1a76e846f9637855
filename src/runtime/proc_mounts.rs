//! The kernel's views: a fresh `/proc` for the new pid namespace, `/sys` read-only, and
//! Podman's masked and read-only paths that keep host details and knobs out of reach.

use std::fs;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::mount::{mount, MsFlags};

use super::{Ctx, SysError};

/// Paths hidden from the container (files get `/dev/null`, dirs an empty read-only tmpfs).
pub const MASKED: [&str; 11] = [
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
];

/// Paths the container may read but not write.
pub const READ_ONLY: [&str; 6] = [
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

const KERNEL_FS: MsFlags = MsFlags::MS_NOSUID
    .union(MsFlags::MS_NODEV)
    .union(MsFlags::MS_NOEXEC);

pub fn mount_proc(rootfs: &Path) -> Result<(), SysError> {
    let target = rootfs.join("proc");
    fs::create_dir_all(&target).ctx(|| "creating /proc".into())?;
    mount(Some("proc"), &target, Some("proc"), KERNEL_FS, None::<&str>)
        .ctx(|| "mounting /proc".into())
}

/// A fresh sysfs (allowed because the container owns its network namespace), else a
/// read-only recursive bind of the host's.
pub fn mount_sys(rootfs: &Path, readonly: bool) -> Result<(), SysError> {
    let target = rootfs.join("sys");
    fs::create_dir_all(&target).ctx(|| "creating /sys".into())?;
    let ro = if readonly {
        MsFlags::MS_RDONLY
    } else {
        MsFlags::empty()
    };
    if mount(
        Some("sysfs"),
        &target,
        Some("sysfs"),
        KERNEL_FS | ro,
        None::<&str>,
    )
    .is_ok()
    {
        return Ok(());
    }
    mount(
        Some("/sys"),
        &target,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )
    .ctx(|| "binding /sys".into())?;
    if readonly {
        remount_ro(&target, KERNEL_FS).ctx(|| "making /sys read-only".into())?;
    }
    Ok(())
}

/// Bind-remounts `target` read-only, keeping `keep` flags (locked ones must be kept).
pub fn remount_ro(target: &Path, keep: MsFlags) -> nix::Result<()> {
    mount(
        None::<&str>,
        target,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | keep,
        None::<&str>,
    )
}

/// `path` (under `/proc` or `/sys`) inside `rootfs`. No `secure_path` walk is needed: rpod
/// has mounted a fresh procfs and sysfs there (on the init layer's directories, which hide
/// whatever the image has at `/proc` and `/sys`), so nothing below comes from the image.
fn in_kernel_fs(rootfs: &Path, path: &str) -> PathBuf {
    debug_assert!(path.starts_with("/proc/") || path.starts_with("/sys/"));
    rootfs.join(path.trim_start_matches('/'))
}

/// Which of the masked and read-only paths [`mask`] applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Masked {
    /// Those under `/proc`.
    Proc,
    /// Those under `/sys`.
    Sys,
    /// All of them.
    All,
}

impl Masked {
    fn covers(self, path: &str) -> bool {
        match self {
            Masked::Proc => path.starts_with("/proc/"),
            Masked::Sys => path.starts_with("/sys/"),
            Masked::All => true,
        }
    }
}

/// Applies the masked and read-only paths (those `which` covers) inside `rootfs`; missing
/// paths are skipped.
pub fn mask(rootfs: &Path, which: Masked) -> Result<(), SysError> {
    // The first masked directory gets an empty read-only tmpfs; the others a bind of it,
    // which is cheaper to make and to tear down than a file system each.
    let mut empty: Option<PathBuf> = None;
    for p in MASKED.into_iter().filter(|p| which.covers(p)) {
        let target = in_kernel_fs(rootfs, p);
        let Ok(meta) = fs::metadata(&target) else {
            continue;
        };
        let r = if meta.is_dir() {
            match &empty {
                Some(source) => mount(
                    Some(source),
                    &target,
                    None::<&str>,
                    MsFlags::MS_BIND,
                    None::<&str>,
                ),
                None => mount(
                    Some("tmpfs"),
                    &target,
                    Some("tmpfs"),
                    MsFlags::MS_RDONLY,
                    Some("size=0k"),
                )
                .inspect(|()| empty = Some(target.clone())),
            }
        } else {
            mount(
                Some("/dev/null"),
                &target,
                None::<&str>,
                MsFlags::MS_BIND,
                None::<&str>,
            )
        };
        ignore_missing(r).ctx(|| format!("masking {p}"))?;
    }
    for p in READ_ONLY.into_iter().filter(|p| which.covers(p)) {
        let target = in_kernel_fs(rootfs, p);
        let r = mount(
            Some(&target),
            &target,
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None::<&str>,
        )
        .and_then(|()| remount_ro(&target, KERNEL_FS));
        // A path this kernel lacks fails the bind with ENOENT: skipped, as Podman does.
        ignore_missing(r).ctx(|| format!("making {p} read-only"))?;
    }
    Ok(())
}

fn ignore_missing(r: nix::Result<()>) -> nix::Result<()> {
    match r {
        Err(Errno::ENOENT) => Ok(()),
        other => other,
    }
}
