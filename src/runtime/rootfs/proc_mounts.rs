//! The kernel's views: a fresh `/proc` for the new pid namespace, `/sys` read-only, and
//! Podman's masked and read-only paths that keep host details and knobs out of reach.

use std::os::fd::AsFd;
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::mount::MsFlags;

use crate::spec::masks::{glob_match, Masks};

use crate::runtime::rootfs::mount_at::{self, Expect};
use crate::runtime::rootfs::secure_path::{self, Create, InRoot, Root};
use crate::runtime::{Ctx, SysError};

/// Paths hidden from the container (files get `/dev/null`, dirs an empty read-only tmpfs):
/// Podman's list. A `*` stands for the entries of one directory (read once, per pass).
pub const MASKED: [&str; 14] = [
    "/proc/acpi",
    "/proc/interrupts",
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
    "/sys/devices/virtual/powercap",
    "/sys/devices/system/cpu/cpu*/thermal_throttle",
];

/// For a glob of [`MASKED`], a host path that exists whenever any match does: where it is
/// missing, the glob is not expanded.
const GLOB_PROBES: [(&str, &str); 1] = [(
    "/sys/devices/system/cpu/cpu*/thermal_throttle",
    "/sys/devices/system/cpu/cpu0/thermal_throttle",
)];

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

pub fn mount_proc(root: &Root) -> Result<(), SysError> {
    let target = root
        .resolve(Path::new("/proc"), Create::Dir)
        .ctx(|| "creating /proc".into())?;
    mount_at::filesystem("proc", &target, KERNEL_FS, None).ctx(|| "mounting /proc".into())
}

/// A fresh sysfs (allowed because the container owns its network namespace), else a
/// read-only recursive bind of the host's. The masks apply to either (see [`mask`]).
pub fn mount_sys(root: &Root, readonly: bool) -> Result<(), SysError> {
    let target = root
        .resolve(Path::new("/sys"), Create::Dir)
        .ctx(|| "creating /sys".into())?;
    let ro = if readonly {
        MsFlags::MS_RDONLY
    } else {
        MsFlags::empty()
    };
    if mount_at::filesystem("sysfs", &target, KERNEL_FS | ro, None).is_ok() {
        return Ok(());
    }
    let host = Path::new("/sys");
    mount_at::bind(host, &target, true).ctx(|| "binding /sys".into())?;
    if readonly {
        let source = nix::sys::stat::stat(host).ctx(|| "binding /sys".into())?;
        mount_at::remount_ro(&target, Expect::Source(&source), KERNEL_FS)
            .ctx(|| "making /sys read-only".into())?;
    }
    Ok(())
}

/// Which of the default masked and read-only paths [`mask`] applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Masked {
    /// Those under `/proc`.
    Proc,
    /// Those under `/sys`.
    Sys,
    /// All of them.
    All,
    /// None (`--privileged`).
    Nothing,
}

impl Masked {
    /// Whether `path`, one of [`MASKED`] or [`READ_ONLY`], is among these.
    pub fn covers(self, path: &str) -> bool {
        match self {
            Masked::Proc => path.starts_with("/proc/"),
            Masked::Sys => path.starts_with("/sys/"),
            Masked::All => true,
            Masked::Nothing => false,
        }
    }
}

/// Applies the default masked and read-only paths `which` covers and the user's do not
/// unmask, then (`extra`) the user's `mask=` paths, inside `root`; missing paths are skipped.
pub fn mask(root: &Root, which: Masked, user: &Masks, extra: bool) -> Result<(), SysError> {
    let defaults = MASKED
        .into_iter()
        .filter(|p| which.covers(p) && may_match_on_host(p))
        .flat_map(|p| expand(root, p))
        .filter(|p| user.keeps(p));
    let extra = user.extra.iter().filter(|_| extra).cloned();
    // The first masked directory gets an empty read-only tmpfs; the others a bind of it,
    // which is cheaper to make and to tear down than a file system each.
    let mut empty: Option<InRoot> = None;
    for p in defaults.chain(extra) {
        let Some(target) = existing(root, &p).ctx(|| format!("resolving {p}"))? else {
            continue;
        };
        let is_dir = target
            .stat()
            .map(|st| secure_path::is_dir(&st))
            .ctx(|| format!("resolving {p}"))?;
        let r = if !is_dir {
            mount_at::bind(Path::new("/dev/null"), &target, false)
        } else if let Some(source) = &empty {
            mount_at::bind(&source.proc_path(), &target, false)
        } else {
            mount_at::filesystem("tmpfs", &target, MsFlags::MS_RDONLY, Some("size=0k"))
                .and_then(|()| mount_at::mounted(&target, Expect::NewFs))
                .map(|m| empty = Some(m))
        };
        r.ctx(|| format!("masking {p}"))?;
    }
    for p in READ_ONLY
        .into_iter()
        .filter(|p| which.covers(p) && user.keeps(p))
    {
        // A path this kernel lacks is skipped, as Podman does.
        let Some(target) = existing(root, p).ctx(|| format!("resolving {p}"))? else {
            continue;
        };
        let itself = target.stat().ctx(|| format!("resolving {p}"))?;
        mount_at::bind(&target.proc_path(), &target, true)
            .and_then(|()| mount_at::remount_ro(&target, Expect::Source(&itself), KERNEL_FS))
            .ctx(|| format!("making {p} read-only"))?;
    }
    Ok(())
}

/// Whether a glob of [`MASKED`] can match at all. Listing a directory of a fresh sysfs costs
/// more than the rest of a mask pass (~0.15 ms for /sys/devices/system/cpu); the host's sysfs
/// shows the same CPUs, and a host whose first CPU has no thermal_throttle has it for none
/// (one driver makes them all).
fn may_match_on_host(path: &str) -> bool {
    match GLOB_PROBES.iter().find(|(glob, _)| *glob == path) {
        Some((_, probe)) => Path::new(probe).exists(),
        None => true,
    }
}

/// `path` inside `root`, `None` when it is missing.
fn existing(root: &Root, path: &str) -> std::io::Result<Option<InRoot>> {
    match root.resolve(Path::new(path), Create::No) {
        Ok(t) => Ok(Some(t)),
        Err(e)
            if matches!(
                Errno::from_raw(e.raw_os_error().unwrap_or(0)),
                Errno::ENOENT | Errno::ENOTDIR
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// `path`, or with a `*` component, the paths it matches that exist: one listing of the
/// directory above the `*` (in the container's `/sys`, fresh or the host's).
fn expand(root: &Root, path: &'static str) -> Vec<String> {
    let Some(star) = path.find('*') else {
        return vec![path.to_string()];
    };

    let Some(slash) = path[..star].rfind('/') else {
        return Vec::new();
    };
    let (dir, pattern) = (&path[..slash], &path[slash + 1..]);
    let (entry, rest) = pattern.split_once('/').unwrap_or((pattern, ""));
    let Ok(listing) = root
        .resolve(Path::new(dir), Create::No)
        .and_then(|d| d.open(OFlag::O_RDONLY | OFlag::O_DIRECTORY))
    else {
        return Vec::new();
    };
    let Ok(dirfd) = listing.try_clone() else {
        return Vec::new();
    };
    let Ok(mut listing) = nix::dir::Dir::from_fd(listing) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for e in listing.iter().flatten() {
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') || !glob_match(entry, &name) {
            continue;
        }
        let under = format!("{name}/{rest}");
        // A cheap look first: most entries lack it (cpufreq, cpuidle, cpus without it).
        if rest.is_empty()
            || nix::sys::stat::fstatat(
                dirfd.as_fd(),
                under.as_str(),
                nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
            )
            .is_ok()
        {
            found.push(format!("{dir}/{under}").trim_end_matches('/').to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_expand_over_one_listing_to_what_exists() {
        let t = tempfile::tempdir().unwrap();
        let cpu = t.path().join("sys/devices/system/cpu");
        for d in [
            "cpu0/thermal_throttle",
            "cpu1",
            "cpu12/thermal_throttle",
            "cpufreq",
        ] {
            std::fs::create_dir_all(cpu.join(d)).unwrap();
        }
        std::fs::create_dir_all(t.path().join("other/cpu3/thermal_throttle")).unwrap();
        let root = Root::open(t.path()).unwrap();
        let mut got = expand(&root, MASKED[13]);
        got.sort();
        assert_eq!(
            got,
            [
                "/sys/devices/system/cpu/cpu0/thermal_throttle",
                "/sys/devices/system/cpu/cpu12/thermal_throttle"
            ]
        );
        assert_eq!(expand(&root, "/proc/kcore"), ["/proc/kcore"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(expand(&Root::open(empty.path()).unwrap(), MASKED[13]).is_empty());
    }
}
