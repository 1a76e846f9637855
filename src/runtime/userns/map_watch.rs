//! Learning that `newuidmap` and `newgidmap` have written rpod's id maps when they write
//! them, not when they have exited.
//!
//! A mapper's exit (unmapping its six shared libraries, then notifying rpod) takes another
//! 0.1–0.3 ms after its `write`, and `rpod run`'s container waits for the maps doing nothing.
//! The kernel reports a successful `write` to a file as `IN_MODIFY` to inotify watchers,
//! `/proc/<pid>/uid_map` included, and only the mappers can write rpod's maps (once each):
//! both events mean both maps are in place.
//!
//! The watches are set before the mappers are told to go, so no event is missed. Should the
//! events not come (inotify unavailable, or `/proc` handing the mapper another inode for the
//! file), the mappers' exit ends the wait as before: the caller then checks their statuses.

use std::os::fd::{AsFd, BorrowedFd};

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify, WatchDescriptor};

/// Watches on rpod's own `uid_map` and `gid_map`.
pub struct MapWatch {
    inotify: Inotify,
    uid_map: WatchDescriptor,
    gid_map: WatchDescriptor,
}

impl MapWatch {
    /// Watches the maps of rpod's (new, still unmapped) user namespace; `None` if inotify
    /// cannot (the per-user limit of instances reached, say). A half-made instance is closed
    /// here, which may wait as `userns::Exiting::reap` says: a rare cost on a rare path.
    pub fn new() -> Option<MapWatch> {
        let inotify = Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK).ok()?;
        let watch = |file| inotify.add_watch(file, AddWatchFlags::IN_MODIFY).ok();
        let uid_map = watch("/proc/self/uid_map")?;
        let gid_map = watch("/proc/self/gid_map")?;
        Some(MapWatch {
            inotify,
            uid_map,
            gid_map,
        })
    }

    /// The inotify instance, for a process that outlives rpod to close (see
    /// `userns::Exiting::reap`).
    pub fn into_fd(self) -> std::os::fd::OwnedFd {
        self.inotify.into()
    }

    /// Waits until both maps have been written (true), or until `exited` turns readable:
    /// the mappers' shared stderr, which does at their exit or when one complains (false).
    pub fn wait(&self, exited: BorrowedFd) -> bool {
        let (mut uid, mut gid) = (false, false);
        loop {
            let mut fds = [
                PollFd::new(self.inotify.as_fd(), PollFlags::POLLIN),
                PollFd::new(exited, PollFlags::POLLIN),
            ];
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) | Err(Errno::EINTR) => {}
                Err(_) => return false,
            }
            // The events first: both mappers may have written and exited since the last poll.
            let events = match self.inotify.read_events() {
                Ok(events) => events,
                Err(Errno::EAGAIN) => Vec::new(),
                Err(_) => return false,
            };
            for e in events {
                uid |= e.wd == self.uid_map;
                gid |= e.wd == self.gid_map;
            }
            if uid && gid {
                return true;
            }
            let readable = fds[1].revents().unwrap_or(PollFlags::empty());
            if readable.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR) {
                return false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    /// A child that writes its own maps (a single-id map needs no helper) reports both
    /// writes, before the child has exited; the watch is on the child's files.
    #[test]
    fn both_writes_are_seen_before_the_writer_exits() {
        let (uid, gid) = (nix::unistd::getuid(), nix::unistd::getgid());
        // Everything the child writes is made before the fork: the test harness has threads.
        let files = [
            (c"/proc/self/setgroups", "deny".to_string()),
            (c"/proc/self/uid_map", format!("0 {uid} 1")),
            (c"/proc/self/gid_map", format!("0 {gid} 1")),
        ];
        let (exited_r, exited_w) = nix::unistd::pipe().unwrap();
        let (go_r, go_w) = nix::unistd::pipe().unwrap();
        let (ready_r, ready_w) = nix::unistd::pipe().unwrap();
        // SAFETY: the child makes system calls only, on data prepared before the fork.
        match unsafe { nix::unistd::fork() }.unwrap() {
            nix::unistd::ForkResult::Child => unsafe {
                let mut ok = libc::unshare(libc::CLONE_NEWUSER) == 0;
                libc::write(ready_w.as_raw_fd(), c"r".as_ptr().cast(), usize::from(ok));
                let mut b = 0u8;
                libc::read(go_r.as_raw_fd(), (&mut b as *mut u8).cast(), 1);
                for (path, text) in &files {
                    let fd = libc::open(path.as_ptr(), libc::O_WRONLY);
                    ok &= libc::write(fd, text.as_ptr().cast(), text.len()) > 0;
                }
                // Alive, holding `exited_w`, until the parent has seen the events (or for 5 s,
                // should it never).
                libc::alarm(5);
                libc::read(go_r.as_raw_fd(), (&mut b as *mut u8).cast(), 1);
                drop(exited_w);
                libc::_exit(if ok { 0 } else { 1 })
            },
            nix::unistd::ForkResult::Parent { child } => {
                drop(exited_w);
                drop(ready_w);
                let mut b = [0u8; 1];
                if nix::unistd::read(&ready_r, &mut b) != Ok(1) {
                    let _ = nix::sys::wait::waitpid(child, None);
                    eprintln!("skipped: no unprivileged user namespaces here");
                    return;
                }
                let inotify =
                    Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK).unwrap();
                let add = |f: String| inotify.add_watch(f.as_str(), AddWatchFlags::IN_MODIFY);
                let uid_map = add(format!("/proc/{child}/uid_map")).unwrap();
                let gid_map = add(format!("/proc/{child}/gid_map")).unwrap();
                let watch = MapWatch {
                    inotify,
                    uid_map,
                    gid_map,
                };
                nix::unistd::write(&go_w, b"g").unwrap();
                assert!(watch.wait(exited_r.as_fd()), "the writes went unnoticed");
                nix::unistd::write(&go_w, b"x").unwrap();
                let status = nix::sys::wait::waitpid(child, None).unwrap();
                assert_eq!(status, nix::sys::wait::WaitStatus::Exited(child, 0));
            }
        }
    }

    #[test]
    fn the_writers_exit_ends_the_wait_without_the_events() {
        let watch = MapWatch::new().expect("inotify");
        let (exited_r, exited_w) = nix::unistd::pipe().unwrap();
        drop(exited_w);
        assert!(!watch.wait(exited_r.as_fd()));
    }
}
