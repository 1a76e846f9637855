//! Working in a container's file system from outside it (`cp`): a forked child that sees the
//! container's `/` as its own, so that every path — and every symbolic link in it, absolute
//! ones too — resolves inside the container, never on the host.
//!
//! - A running container: the child joins its PID 1's user and mount namespaces (`setns`:
//!   the invoking user owns them, so no mapper runs). Joining a mount namespace makes its root
//!   the child's root and working directory: the container's `/` after its `pivot_root`, with
//!   its volumes.
//! - A stopped one: rpod is in a user namespace of its own with the same maps (the caller
//!   entered it); the child unshares a mount namespace, mounts the container's overlay (its
//!   layers and its upper directory) on `mount_point` and `chroot`s there.
//!
//! The job gets one end of a socket pair to stream a tar through; what went wrong comes back
//! as one line on another pipe.

use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;

use nix::sched::{setns, unshare, CloneFlags};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{ForkResult, Pid};

use crate::runtime::rootfs::overlay::{mount_rootfs, Layers};
use crate::runtime::{Ctx, SysError};

/// Whose file system.
pub enum Root<'a> {
    /// A running container's PID 1, checked (start time) after its namespaces are opened.
    Running {
        pid: i32,
        still_it: &'a dyn Fn() -> bool,
    },
    /// A stopped container's layers, mounted on `mount_point` in a mount namespace of the
    /// child's own.
    Stopped {
        layers: Layers<'a>,
        mount_point: &'a Path,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ContainerFsError {
    #[error(transparent)]
    Sys(#[from] SysError),
    #[error("the container is no longer running")]
    Gone,
    /// The job's own error, one line.
    #[error("{0}")]
    Job(String),
}

/// A job running in the container's file system; [`Inside::finish`] waits for it.
pub struct Inside {
    child: Pid,
    errors: OwnedFd,
}

/// Forks the child, enters `root`, and runs `job` with the child's end of `stream` (a
/// `socketpair` the caller made); returns at once. rpod must be single-threaded (a joined user
/// namespace requires it).
pub fn enter(
    root: Root<'_>,
    stream: OwnedFd,
    job: impl FnOnce(OwnedFd) -> Result<(), String>,
) -> Result<Inside, ContainerFsError> {
    let ns = match &root {
        Root::Running { pid, still_it } => {
            let open = |name: &str| {
                std::fs::File::open(format!("/proc/{pid}/ns/{name}"))
                    .map(OwnedFd::from)
                    .map_err(|_| ContainerFsError::Gone)
            };
            let (user, mnt) = (open("user")?, open("mnt")?);
            if !still_it() {
                return Err(ContainerFsError::Gone);
            }
            Some((user, mnt))
        }
        Root::Stopped { .. } => None,
    };
    let (err_r, err_w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating a pipe".into())?;
    // SAFETY: rpod is single-threaded here (see the module doc); the child ends in `_exit`.
    match unsafe { nix::unistd::fork() }.ctx(|| "forking".into())? {
        ForkResult::Child => {
            drop(err_r);
            let result = enter_root(root, ns).and_then(|()| job(stream));
            let code = match result {
                Ok(()) => 0,
                Err(msg) => {
                    let _ = nix::unistd::write(&err_w, msg.as_bytes());
                    1
                }
            };
            // SAFETY: leaves without rpod's exit handlers.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => {
            drop(err_w);
            drop(stream);
            Ok(Inside {
                child,
                errors: err_r,
            })
        }
    }
}

/// In the child: the container's `/` becomes its own.
fn enter_root(root: Root<'_>, ns: Option<(OwnedFd, OwnedFd)>) -> Result<(), String> {
    match (root, ns) {
        (Root::Running { .. }, Some((user, mnt))) => {
            setns(user.as_fd(), CloneFlags::CLONE_NEWUSER)
                .map_err(|e| format!("joining the container's user namespace: {e}"))?;
            setns(mnt.as_fd(), CloneFlags::CLONE_NEWNS)
                .map_err(|e| format!("joining the container's mount namespace: {e}"))?;
        }
        (
            Root::Stopped {
                layers,
                mount_point,
            },
            _,
        ) => {
            unshare(CloneFlags::CLONE_NEWNS)
                .map_err(|e| format!("unsharing a mount namespace: {e}"))?;
            nix::mount::mount(
                None::<&str>,
                "/",
                None::<&str>,
                nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
                None::<&str>,
            )
            .map_err(|e| format!("making the mounts private: {e}"))?;
            std::fs::create_dir_all(mount_point)
                .map_err(|e| format!("{}: {e}", mount_point.display()))?;
            mount_rootfs(&layers, mount_point, None).map_err(|e| e.to_string())?;
            nix::unistd::chroot(mount_point).map_err(|e| format!("chroot: {e}"))?;
        }
        (Root::Running { .. }, None) => return Err("no namespaces to join".into()),
    }
    std::env::set_current_dir("/").map_err(|e| format!("chdir /: {e}"))
}

impl Inside {
    /// Waits for the job; its error, if it failed.
    pub fn finish(self) -> Result<(), ContainerFsError> {
        let mut msg = Vec::new();
        let mut buf = [0u8; 1024];
        while let Ok(n @ 1..) = nix::unistd::read(&self.errors, &mut buf) {
            msg.extend_from_slice(&buf[..n]);
        }
        let status = loop {
            match waitpid(self.child, None) {
                Err(nix::errno::Errno::EINTR) => continue,
                other => break other,
            }
        };
        match status {
            Ok(WaitStatus::Exited(_, 0)) => Ok(()),
            _ if !msg.is_empty() => Err(ContainerFsError::Job(
                String::from_utf8_lossy(&msg).trim().to_string(),
            )),
            other => Err(ContainerFsError::Job(format!("the copy ended: {other:?}"))),
        }
    }
}
