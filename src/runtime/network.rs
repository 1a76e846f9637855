//! `--network none`: the container gets a new, empty network namespace in which only the
//! loopback interface is brought up (one `SIOCSIFFLAGS`, no netlink needed).
//!
//! A network namespace is the dearest of the container's namespaces to create: 0.5–0.9 ms of
//! CPU on the test VM (`unshare -n true` against `unshare -u true`), as each of the kernel's
//! per-namespace subsystems registers its sysctls and the loopback device its sysfs entries.
//! Created by the container process before its id maps are written, it competed with
//! `newuidmap` and `newgidmap` for the machine's cores, on the path the user waits on. So a helper creates it once the maps are written, while the container
//! mounts its root on the other core, and the container joins it (`setns`) just before it
//! mounts `/sys`, the first step that needs it: sysfs shows the mounter's network namespace.
//!
//! The helper shares the container process's memory and descriptor table
//! (`CLONE_VM | CLONE_FILES`, see [`helper::clone_on_stack`]): nothing is copied, and the
//! namespace descriptor it opens is the container's. It only makes system calls.

use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

use nix::errno::Errno;
use nix::fcntl::{open, OFlag};
use nix::sched::{setns, unshare, CloneFlags};
use nix::sys::socket::{socket, AddressFamily, SockFlag, SockType};
use nix::sys::stat::Mode;
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::Pid;

use crate::runtime::helper;
use crate::runtime::{Ctx, SysError};

nix::ioctl_readwrite_bad!(get_flags, libc::SIOCGIFFLAGS, libc::ifreq);
nix::ioctl_write_ptr_bad!(set_flags, libc::SIOCSIFFLAGS, libc::ifreq);

/// What the helper was doing, by the index it reports when a step fails.
const STEPS: [&str; 5] = [
    "creating the container's network namespace",
    "creating a socket for lo",
    "reading lo's flags",
    "bringing lo up",
    "opening the container's network namespace",
];

/// A network namespace in the making; [`PendingNetns::join`] moves the caller into it.
pub struct PendingNetns {
    pid: Pid,
    report: &'static Report,
}

/// Written by the helper before it exits, read after it has been reaped.
#[derive(Default)]
struct Report {
    fd: AtomicI32,
    errno: AtomicI32,
    step: AtomicUsize,
}

/// Starts the helper that creates the namespace and brings its `lo` up.
///
/// Call it in the container process only, single-threaded: the helper's stack and report stay
/// allocated (the process execs its workload soon, which frees them with the rest).
pub fn start() -> Result<PendingNetns, SysError> {
    let report: &'static Report = Box::leak(Box::default());
    // SAFETY: `create` only makes system calls and writes to `report`, which is never freed;
    // the stack is kept (forgotten) below. The container process is single-threaded.
    let (pid, stack) = unsafe {
        helper::clone_on_stack(
            create,
            (report as *const Report).cast_mut().cast(),
            libc::CLONE_VM | libc::CLONE_FILES,
        )
    }
    .ctx(|| "starting the network namespace helper".into())?;
    std::mem::forget(stack);
    Ok(PendingNetns { pid, report })
}

impl PendingNetns {
    /// Waits for the helper, then enters the namespace it made.
    pub fn join(self) -> Result<(), SysError> {
        let status = waitpid(self.pid, None).ctx(|| "waiting for the network namespace".into())?;
        let report = self.report;
        if status != WaitStatus::Exited(self.pid, 0) {
            let step = report.step.load(Ordering::Acquire).min(STEPS.len() - 1);
            return Err(SysError {
                what: STEPS[step].into(),
                source: Errno::from_raw(report.errno.load(Ordering::Acquire)),
            });
        }
        // SAFETY: the helper opened this descriptor in the table it shared with this process,
        // and nothing else owns it.
        let fd = unsafe { OwnedFd::from_raw_fd(report.fd.load(Ordering::Acquire)) };
        setns(&fd, CloneFlags::CLONE_NEWNET)
            .ctx(|| "entering the container's network namespace".into())
    }
}

/// The helper: records the namespace's descriptor, or the failed step and its errno.
extern "C" fn create(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` is the leaked `Report` that `start` passed.
    let report = unsafe { &*(arg as *const Report) };
    match create_steps() {
        Ok(fd) => {
            report.fd.store(fd, Ordering::Release);
            0
        }
        Err((step, errno)) => {
            report.step.store(step, Ordering::Release);
            report.errno.store(errno as i32, Ordering::Release);
            1
        }
    }
}

/// Allocation-free (the helper shares the allocator's state with its parent).
fn create_steps() -> Result<RawFd, (usize, Errno)> {
    unshare(CloneFlags::CLONE_NEWNET).map_err(|e| (0, e))?;
    loopback_up()?;
    let fd = open(
        "/proc/self/ns/net",
        OFlag::O_RDONLY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| (4, e))?;
    Ok(fd.into_raw_fd())
}

/// Brings `lo` up in the current network namespace; on failure, the index of the step in
/// [`STEPS`].
fn loopback_up() -> Result<(), (usize, Errno)> {
    let sock = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| (1, e))?;
    // SAFETY: ifreq is plain data; all-zero is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *d = *s as libc::c_char;
    }
    // SAFETY: a valid socket and a properly initialised ifreq naming "lo".
    unsafe { get_flags(sock.as_raw_fd(), &mut req) }.map_err(|e| (2, e))?;
    // SAFETY: the flags member is the one SIOCGIFFLAGS filled in.
    unsafe { req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short };
    // SAFETY: as above.
    unsafe { set_flags(sock.as_raw_fd(), &req) }.map_err(|e| (3, e))?;
    Ok(())
}
