//! fuse-overlayfs, for when the kernel's overlayfs cannot serve (a kernel older than 5.11
//! refuses it in a user namespace) or cannot shift owners (`--userns=keep-id`).
//!
//! rpod mounts it *itself*, in its own mount namespace, before it starts the container —
//! as Podman does outside conmon — on `<root>/containers/<id>/merged`; the container's mount
//! namespace, a copy of rpod's, then binds that onto its root. Started from inside the
//! container instead, the daemon would be in the container's pid namespace, and `pivot_root`
//! would move the daemon's own root onto its file system: its next path lookup waits on
//! itself, forever.
//!
//! It runs in the foreground (`-f`) as rpod's child with a parent-death signal, so it goes
//! when rpod goes, even killed; rpod unmounts it when the container has exited.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::mount::{umount2, MntFlags};

use crate::runtime::rootfs::overlay::{overlay_options, Layers};

/// The mount program when `storage.conf` names none.
pub const FUSE_OVERLAYFS: &str = "/usr/bin/fuse-overlayfs";

/// How long fuse-overlayfs gets to mount: it reads only its options and the layer roots.
const MOUNT_TIMEOUT: Duration = Duration::from_secs(10);

/// A mounted fuse-overlayfs; unmounted on drop.
pub struct FuseOverlay {
    merged: PathBuf,
    daemon: Child,
}

impl FuseOverlay {
    /// Mounts `layers` on `merged` (created if missing) with `program` (fuse-overlayfs or a
    /// program taking its options). `None` when it is not installed, `/dev/fuse` is closed, or
    /// it fails: the caller falls back to a copy. Must run as root of rpod's user namespace
    /// (the maps written).
    pub fn mount(program: &Path, layers: &Layers, merged: &Path) -> Option<FuseOverlay> {
        if !program.exists() {
            return None;
        }
        match std::fs::create_dir(merged) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => return None,
        }
        let mut opts = overlay_options(layers);
        if let Some(maps) = layers.shift {
            opts.push(',');
            opts.push_str(&maps.fuse_options());
        }
        let parent_dev = std::fs::metadata(merged.parent()?).ok()?.dev();
        let mut cmd = Command::new(program);
        cmd.args(["-f", "-o"])
            .arg(&opts)
            .arg(merged)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // It chatters about options it ignores; a failure shows as no mount below.
            .stderr(Stdio::null());
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGTERM)
                    .map_err(std::io::Error::from)
            });
        }
        let daemon = cmd.spawn().ok()?;
        let mut fuse = FuseOverlay {
            merged: merged.to_path_buf(),
            daemon,
        };
        let start = Instant::now();
        loop {
            if std::fs::metadata(merged).is_ok_and(|m| m.dev() != parent_dev) {
                return Some(fuse);
            }
            if !matches!(fuse.daemon.try_wait(), Ok(None)) || start.elapsed() > MOUNT_TIMEOUT {
                return None; // drop kills what is left
            }
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    pub fn merged(&self) -> &Path {
        &self.merged
    }
}

impl Drop for FuseOverlay {
    fn drop(&mut self) {
        // The container's copy of the mount is gone with its namespace; once rpod's goes too,
        // fuse-overlayfs is told to stop and exits.
        let _ = umount2(&self.merged, MntFlags::MNT_DETACH);
        let start = Instant::now();
        while matches!(self.daemon.try_wait(), Ok(None)) {
            if start.elapsed() > Duration::from_secs(2) {
                let _ = self.daemon.kill();
                let _ = self.daemon.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
