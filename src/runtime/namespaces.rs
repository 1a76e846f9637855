//! Holding a container's namespaces from outside it.

use std::os::fd::OwnedFd;

use nix::fcntl::{open, OFlag};
use nix::sys::stat::Mode;
use nix::unistd::Pid;

/// The mount namespace of `pid`, as a descriptor. While it is open, the namespace outlives its
/// processes: its mounts are torn down when the last descriptor closes instead of in the exit
/// of the last process. None if the process is already gone.
pub fn open_mount_ns(pid: Pid) -> Option<OwnedFd> {
    open(
        format!("/proc/{pid}/ns/mnt").as_str(),
        OFlag::O_RDONLY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .ok()
}
