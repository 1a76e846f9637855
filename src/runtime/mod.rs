//! The process side: entering the user namespace, and launching containers in it.
//!
//! [`process`] is the entry point: it forks the container's PID 1 and supervises it; the
//! other modules are the steps that process goes through, one concern each.
//!
//! Nothing on this path starts a thread: `unshare(CLONE_NEWUSER)` refuses multi-threaded
//! processes and `fork` after threads is unsafe, so signals are taken synchronously
//! (`sigwait`, signalfd) and the terminal is relayed with one `poll` loop.

pub mod capabilities;
pub mod channel;
pub mod container_etc;
pub mod dev;
pub mod exec;
pub mod fds;
pub mod fuse_overlay;
pub mod idmap;
pub mod init;
pub mod keyring;
pub mod map_watch;
pub mod mount_at;
pub mod namespaces;
pub mod nested_userns;
pub mod network;
pub mod overlay;
pub mod pid_ns;
pub mod pivot;
pub mod proc_mounts;
pub mod process;
pub mod rootfs;
pub mod scratch;
pub mod seccomp;
pub mod secure_path;
pub mod session;
pub mod signals;
pub mod spawn;
pub mod tty;
pub mod userns;
pub mod workdir;

use nix::errno::Errno;

/// A failed system call, with what rpod was doing when it failed.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {}", .source.desc())]
pub struct SysError {
    pub what: String,
    #[source]
    pub source: Errno,
}

/// Attaches a description of the step to a failed call.
pub trait Ctx<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T, SysError>;
}

impl<T> Ctx<T> for nix::Result<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T, SysError> {
        self.map_err(|source| SysError {
            what: what(),
            source,
        })
    }
}

impl<T> Ctx<T> for std::io::Result<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T, SysError> {
        self.map_err(|e| SysError {
            what: what(),
            source: Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)),
        })
    }
}
