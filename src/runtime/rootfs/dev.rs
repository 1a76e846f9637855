//! The container's `/dev`: a small tmpfs with the host's harmless character devices
//! bind-mounted in (a user namespace cannot `mknod` them), its own `devpts` instance, `shm`
//! and `mqueue`, and the usual symlinks.

use std::os::fd::AsFd;
use std::path::Path;

use nix::mount::MsFlags;
use nix::unistd::symlinkat;

use crate::runtime::rootfs::mount_at::{self, Expect};
use crate::runtime::rootfs::secure_path::{proc_fd_path, Create, InRoot, Root};
use crate::runtime::{Ctx, SysError};

const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

pub fn setup(root: &Root) -> Result<(), SysError> {
    let target = root
        .resolve(Path::new("/dev"), Create::Dir)
        .ctx(|| "creating /dev".into())?;
    mount_at::filesystem(
        "tmpfs",
        &target,
        MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
        Some("mode=755,size=65536k"),
    )
    .ctx(|| "mounting /dev".into())?;
    // Everything below is made in this fresh tmpfs, by its descriptor.
    let dev = mount_at::mounted(&target, Expect::NewFs).ctx(|| "opening /dev".into())?;
    for d in DEVICES {
        let target = child(&dev, d, Create::File)?;
        let host = Path::new("/dev").join(d);
        mount_at::bind(&host, &target, false).ctx(|| format!("binding /dev/{d}"))?;
    }

    let pts = child(&dev, "pts", Create::Dir)?;
    let pts_flags = MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC;
    // gid=5 (tty) when the namespace maps it, as crun does; without it otherwise.
    mount_at::filesystem(
        "devpts",
        &pts,
        pts_flags,
        Some("newinstance,ptmxmode=0666,mode=0620,gid=5"),
    )
    .or_else(|_| {
        mount_at::filesystem(
            "devpts",
            &pts,
            pts_flags,
            Some("newinstance,ptmxmode=0666,mode=0620"),
        )
    })
    .ctx(|| "mounting /dev/pts".into())?;

    let shm = child(&dev, "shm", Create::Dir)?;
    mount_at::filesystem(
        "tmpfs",
        &shm,
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        Some("mode=1777,size=65536k"),
    )
    .ctx(|| "mounting /dev/shm".into())?;

    let mq = child(&dev, "mqueue", Create::Dir)?;
    mount_at::filesystem(
        "mqueue",
        &mq,
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        None,
    )
    .ctx(|| "mounting /dev/mqueue".into())?;

    for (link, target) in [
        ("ptmx", "pts/ptmx"),
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("core", "/proc/kcore"),
    ] {
        symlinkat(target, dev.fd.as_fd(), link).ctx(|| format!("creating /dev/{link}"))?;
    }
    Ok(())
}

fn child(dev: &InRoot, name: &str, create: Create) -> Result<InRoot, SysError> {
    dev.child(name, create)
        .ctx(|| format!("creating /dev/{name}"))
}

/// Binds the pty slave as `/dev/console`, as runtimes do for `-t`.
pub fn bind_console(root: &Root, slave: &impl AsFd) -> Result<(), SysError> {
    let console = root
        .resolve(Path::new("/dev/console"), Create::File)
        .ctx(|| "creating /dev/console".into())?;
    mount_at::bind(&proc_fd_path(slave), &console, false).ctx(|| "binding /dev/console".into())
}
