//! The container's `/dev`: a small tmpfs with the host's harmless character devices
//! bind-mounted in (a user namespace cannot `mknod` them), its own `devpts` instance, `shm`
//! and `mqueue`, and the usual symlinks.

use std::fs;
use std::path::Path;

use nix::mount::{mount, MsFlags};

use super::{Ctx, SysError};

const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

pub fn setup(rootfs: &Path) -> Result<(), SysError> {
    let dev = rootfs.join("dev");
    fs::create_dir_all(&dev).ctx(|| "creating /dev".into())?;
    mount(
        Some("tmpfs"),
        &dev,
        Some("tmpfs"),
        MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
        Some("mode=755,size=65536k"),
    )
    .ctx(|| "mounting /dev".into())?;
    for d in DEVICES {
        let target = dev.join(d);
        fs::File::create(&target).ctx(|| format!("creating /dev/{d}"))?;
        let host = Path::new("/dev").join(d);
        mount(
            Some(&host),
            &target,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .ctx(|| format!("binding /dev/{d}"))?;
    }

    let pts = dev.join("pts");
    fs::create_dir(&pts).ctx(|| "creating /dev/pts".into())?;
    let pts_flags = MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC;
    // gid=5 (tty) when the namespace maps it, as crun does; without it otherwise.
    mount(
        Some("devpts"),
        &pts,
        Some("devpts"),
        pts_flags,
        Some("newinstance,ptmxmode=0666,mode=0620,gid=5"),
    )
    .or_else(|_| {
        mount(
            Some("devpts"),
            &pts,
            Some("devpts"),
            pts_flags,
            Some("newinstance,ptmxmode=0666,mode=0620"),
        )
    })
    .ctx(|| "mounting /dev/pts".into())?;

    let shm = dev.join("shm");
    fs::create_dir(&shm).ctx(|| "creating /dev/shm".into())?;
    mount(
        Some("shm"),
        &shm,
        Some("tmpfs"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        Some("mode=1777,size=65536k"),
    )
    .ctx(|| "mounting /dev/shm".into())?;

    let mq = dev.join("mqueue");
    fs::create_dir(&mq).ctx(|| "creating /dev/mqueue".into())?;
    mount(
        Some("mqueue"),
        &mq,
        Some("mqueue"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        None::<&str>,
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
        std::os::unix::fs::symlink(target, dev.join(link))
            .ctx(|| format!("creating /dev/{link}"))?;
    }
    Ok(())
}

/// Binds the pty slave as `/dev/console`, as runtimes do for `-t`.
pub fn bind_console(rootfs: &Path, slave_path: &Path) -> Result<(), SysError> {
    let console = rootfs.join("dev/console");
    fs::File::create(&console).ctx(|| "creating /dev/console".into())?;
    mount(
        Some(slave_path),
        &console,
        None::<&str>,
        MsFlags::MS_BIND,
        None::<&str>,
    )
    .ctx(|| "binding /dev/console".into())
}
