//! `--rm`: removing a container without making `rpod run` wait for the file system.
//!
//! Before rpod returns, the container leaves `containers/` with one rename into the store's
//! `tmp/` (so `ps -a` no longer shows it and its name is free at once). Deleting its files —
//! the overlay's upper layer may be large — is left to a detached cleaner.
//!
//! The cleaner is forked while the container still runs ([`Cleaner::prepare`]), so that the
//! fork costs nothing rpod waits for. It also holds the container's mount namespace open: the
//! container's exit then does not have to unmount its thirty-odd mounts (the overlay among
//! them) before rpod hears of it. Once rpod has exited, the cleaner lets go of the namespace —
//! the kernel unmounts everything then — and deletes the files. Should rpod die before it
//! committed the removal (SIGKILL), the cleaner removes the container itself. It also closes,
//! last, the descriptors rpod hands it because closing them costs a wait nobody should see
//! (see `runtime::userns::Exiting::reap`).

use std::fs;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::unistd::Pid;

use super::dir::{ContainerDir, LOCK_FILE};
use super::error::StorageError;
use super::layout::{SPARE, UPPER_MODE};
use crate::runtime::namespaces;
use crate::util::fs::dirs;
use crate::util::fs::staging::{lock_trash, move_to_trash, remove_tree, sweep};

/// A cleaner waiting for rpod to exit; see the module doc.
pub struct Cleaner {
    /// Written once the container is in the trash; closes when rpod exits.
    committed: OwnedFd,
}

impl Cleaner {
    /// Forks the cleaner for `dir`. If `container` (the pid of its running PID 1) is given,
    /// the cleaner holds its mount namespace until rpod has exited. It closes `outlive` when
    /// done; rpod's copies go now.
    pub fn prepare(
        dir: &ContainerDir,
        tmp: &Path,
        container: Option<Pid>,
        outlive: Vec<OwnedFd>,
    ) -> io::Result<Cleaner> {
        let hold: Vec<OwnedFd> = container
            .and_then(namespaces::open_mount_ns)
            .into_iter()
            .collect();
        let (wait, committed) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        // SAFETY: rpod is single-threaded (see `runtime`); the child only closes descriptors,
        // reads a pipe, deletes files and exits.
        match unsafe { nix::unistd::fork() }? {
            nix::unistd::ForkResult::Child => {
                let mut keep: Vec<RawFd> = hold
                    .iter()
                    .chain(&outlive)
                    .map(AsRawFd::as_raw_fd)
                    .collect();
                keep.push(wait.as_raw_fd());
                detach(&keep);
                clean_up_after_rpod(dir, tmp, wait, hold);
                drop(outlive);
                // SAFETY: _exit skips the parent's exit handlers and buffered output.
                unsafe { libc::_exit(0) }
            }
            nix::unistd::ForkResult::Parent { .. } => Ok(Cleaner { committed }),
        }
    }

    /// Moves the container out of `containers/` and frees its name; the cleaner deletes it
    /// once rpod has exited.
    pub fn commit(self, dir: ContainerDir, tmp: &Path) -> Result<(), StorageError> {
        dir.release_name();
        let trash = move_to_trash(tmp, &dir.dir).map_err(|e| StorageError::Io(dir.dir, e))?;
        let name = trash
            .path
            .file_name()
            .unwrap_or_default()
            .as_encoded_bytes();
        let _ = nix::unistd::write(&self.committed, name);
        // The lock goes with rpod; the cleaner takes it when it starts deleting.
        std::mem::forget(trash);
        Ok(())
    }
}

/// In the cleaner: waits until rpod has exited, lets go of the container's namespaces, then
/// deletes the trash rpod named — or, if rpod died first, the container itself.
fn clean_up_after_rpod(dir: &ContainerDir, tmp: &Path, wait: OwnedFd, hold: Vec<OwnedFd>) {
    let mut name = Vec::new();
    let mut buf = [0u8; 64];
    while let Ok(n @ 1..) = nix::unistd::read(&wait, &mut buf) {
        name.extend_from_slice(&buf[..n]);
    }
    drop(hold);
    let trash = if name.is_empty() {
        dir.release_name();
        match move_to_trash(tmp, &dir.dir) {
            Ok(t) => t,
            Err(_) => return,
        }
    } else {
        let path = tmp.join(std::ffi::OsStr::from_bytes(&name));
        // Waits for rpod's lock to go with it (a descriptor's last close may come after the
        // pipe's); gone meanwhile means a sweep deleted it.
        match lock_trash(&path) {
            Ok(t) => t,
            Err(_) => return,
        }
    };
    // overlayfs leaves work/work with mode 000: `remove_tree` (both ways below) sees to it.
    let spare = dir.dir.with_file_name(SPARE);
    if !recycle(&trash.path, &spare) {
        let _ = trash.delete();
    }
    sweep(tmp);
}

/// A container that wrote nothing (`true`, most short commands) leaves an empty upper layer:
/// its directory, with the overlay's scratch `work/work` removed and a new `upper`, becomes the
/// spare that the next container takes (`ContainerDir::create`). That spares the next
/// `rpod run` creating three directories, and the disk freeing inodes only to allocate them
/// again — which is not free on every file system (see bench/README.md). Anything else in the
/// directory, or a spare already there, and the trash is deleted as usual. The container's
/// lock file goes: a process that still held it (a straggling child of the dead rpod) must
/// not keep the next container waiting for its lock.
fn recycle(trash: &Path, spare: &Path) -> bool {
    let names = |d: &Path| -> Option<Vec<std::ffi::OsString>> {
        let mut v: Vec<_> = fs::read_dir(d)
            .ok()?
            .flatten()
            .map(|e| e.file_name())
            .collect();
        v.sort();
        Some(v)
    };
    let unused = names(trash)
        .is_some_and(|n| n == [LOCK_FILE, "upper", "work"] || n == ["upper", "work"])
        && names(&trash.join("upper")).is_some_and(|n| n.is_empty());
    if !unused || spare.exists() {
        return false;
    }
    match fs::remove_file(trash.join(LOCK_FILE)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return false,
        _ => {}
    }
    let work = trash.join("work");
    let emptied =
        names(&work).is_some_and(|n| n.iter().all(|name| remove_tree(&work.join(name)).is_ok()));
    // The upper directory itself is the container's `/`: a `chmod`, `chown` or `setfattr` of
    // `/` changed it without leaving an entry in it. A new one carries nothing over.
    let upper = trash.join("upper");
    emptied
        && fs::remove_dir(&upper).is_ok()
        && dirs::create(&upper, UPPER_MODE).is_ok()
        && fs::rename(trash, spare).is_ok()
}

/// The removal of a container whose workload never started (no cleaner was prepared while it
/// ran): a cleaner forked now, then the same commit.
pub fn remove_detached(
    dir: ContainerDir,
    tmp: &Path,
    outlive: Vec<OwnedFd>,
) -> Result<(), StorageError> {
    Cleaner::prepare(&dir, tmp, None, outlive)
        .map_err(|e| StorageError::Io(dir.dir.clone(), e))?
        .commit(dir, tmp)
}

/// Leaves rpod's session and standard streams (whoever reads rpod's output or waits for its
/// process group must not wait for the cleaner), closes every inherited descriptor but `keep`,
/// and unblocks the signals rpod blocked.
fn detach(keep: &[RawFd]) {
    let _ = nix::unistd::setsid();
    if let Ok(null) = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        for fd in 0..3 {
            // SAFETY: dup2 onto the standard descriptors of this process.
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
    }
    crate::util::fds::close_all_but(keep);
    // Background work: it must not slow down whatever runs next, a new container first.
    // SAFETY: setpriority on this process only.
    unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 19) };
    let _ = nix::sys::signal::sigprocmask(
        nix::sys::signal::SigmaskHow::SIG_SETMASK,
        Some(&nix::sys::signal::SigSet::empty()),
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A container that wrote nothing becomes the spare, without its lock file; one that
    /// wrote something is not recycled.
    #[test]
    fn an_unused_container_becomes_the_spare() {
        let root = tempfile::tempdir().unwrap();
        let trash = root.path().join("x.trash");
        for d in ["upper", "work/work"] {
            fs::create_dir_all(trash.join(d)).unwrap();
        }
        fs::write(trash.join(LOCK_FILE), "").unwrap();
        let spare = root.path().join(SPARE);
        assert!(recycle(&trash, &spare));
        let mut names: Vec<_> = fs::read_dir(&spare)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["upper", "work"]);

        let used = root.path().join("y.trash");
        fs::create_dir_all(used.join("upper/etc")).unwrap();
        fs::create_dir_all(used.join("work")).unwrap();
        fs::remove_dir_all(&spare).unwrap();
        assert!(!recycle(&used, &spare));
        assert!(!spare.exists());
    }
}
