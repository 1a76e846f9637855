//! The mechanisms that run a container, grouped as the pipeline they form (imports: only
//! `spec`, `oci` and `util`, never the engine):
//!
//! - [`userns`]: entering rpod's user namespace (id maps from `/etc/subuid`, written by
//!   `newuidmap`/`newgidmap` while rpod goes on), and keep-id's nested one.
//! - [`process`]: the fork chain — the container's PID 1 in new namespaces, rpod supervising
//!   it — and the steps PID 1 takes before its exec (session, terminal, descriptors, exec).
//! - [`rootfs`]: the container's file system — overlay, `/proc`, `/dev`, `/sys`, masks,
//!   volumes — mounted by descriptor inside the root, then `pivot_root`.
//! - [`security`]: capabilities and the seccomp filter.
//! - [`monitor`]: the parent of a detached container; [`attach`]: its clients.
//! - [`network`]: the network namespace; [`bundle`]: the paths the engine hands over;
//!   [`helper`]: starting helper programs without copying rpod's memory; [`namespaces`].
//!
//! Nothing on this path starts a thread: `unshare(CLONE_NEWUSER)` refuses multi-threaded
//! processes and `fork` after threads is unsafe, so signals are taken synchronously
//! (`sigwait`, signalfd) and the terminal is relayed with one `poll` loop.

pub mod attach;
pub mod bundle;
pub mod cgroups;
pub mod container_fs;
pub mod helper;
pub mod monitor;
pub mod namespaces;
pub mod network;
pub mod process;
pub mod rootfs;
pub mod security;
pub mod userns;

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
