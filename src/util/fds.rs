//! Closing what a process inherited: a process that outlives rpod (the `--rm` cleaner, a
//! container's monitor) must not keep rpod's caller's pipes open, or whoever reads them waits
//! for it.

use std::os::fd::RawFd;

/// Closes every descriptor above stdio but those in `keep`.
pub fn close_all_but(keep: &[RawFd]) {
    let open: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    for fd in open.into_iter().filter(|fd| *fd > 2 && !keep.contains(fd)) {
        // SAFETY: closing a descriptor of this process that it will not use again.
        unsafe { libc::close(fd) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    #[test]
    fn keeps_only_what_it_is_told() {
        let (a, b) = nix::unistd::pipe().unwrap();
        let (kept, gone) = (a.as_raw_fd(), b.as_raw_fd());
        // In a child: the test process's own descriptors must stay.
        // SAFETY: the child only closes descriptors, checks two and exits.
        match unsafe { nix::unistd::fork() }.unwrap() {
            nix::unistd::ForkResult::Child => {
                close_all_but(&[kept]);
                // SAFETY: F_GETFD only asks whether the descriptor is open.
                let open = |fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1;
                let ok = open(kept) && !open(gone);
                // SAFETY: leaves without the test harness's exit handlers.
                unsafe { libc::_exit(if ok { 0 } else { 1 }) }
            }
            nix::unistd::ForkResult::Parent { child } => {
                let st = nix::sys::wait::waitpid(child, None).unwrap();
                assert_eq!(st, nix::sys::wait::WaitStatus::Exited(child, 0));
            }
        }
    }
}
