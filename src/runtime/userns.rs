//! Entering rpod's user namespace at start-up, before any thread exists.
//!
//! Minimal stand-in written on the `run` branch for testing; the lead's version replaces it.
//! A helper child runs `newuidmap`/`newgidmap` for the parent once the parent has unshared
//! `CLONE_NEWUSER|CLONE_NEWNS`; the parent is then uid 0 in the namespace with a private
//! mount namespace.

use std::process::Command;

use nix::mount::{mount, MsFlags};
use nix::sched::{unshare, CloneFlags};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, getgid, getpid, getuid, pipe, read, write, ForkResult, User};

use super::idmap::{read_subid, IdMapping};

#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    #[error("no subordinate {0} range for user {1} (see /etc/sub{0})")]
    NoSubids(&'static str, String),
    #[error("cannot enter a user namespace: {0}")]
    Sys(#[from] nix::Error),
    #[error("newuidmap/newgidmap failed to set up the user namespace")]
    MapFailed,
}

/// Enters the user namespace (no-op for real root) and returns its mapping.
pub fn enter() -> Result<IdMapping, UsernsError> {
    let (uid, gid) = (getuid(), getgid());
    if uid.is_root() {
        return Ok(IdMapping::default());
    }
    let name = User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string());
    let subuid = read_subid("/etc/subuid".as_ref(), &name, uid.as_raw())
        .ok_or_else(|| UsernsError::NoSubids("uid", name.clone()))?;
    let subgid = read_subid("/etc/subgid".as_ref(), &name, uid.as_raw())
        .ok_or_else(|| UsernsError::NoSubids("gid", name.clone()))?;
    let mapping = IdMapping::rootless(uid.as_raw(), gid.as_raw(), subuid, subgid);

    let (ready_r, ready_w) = pipe()?;
    let parent = getpid();
    // SAFETY: called at start-up, before any thread exists.
    match unsafe { fork() }? {
        ForkResult::Child => {
            drop(ready_w);
            let mut b = [0u8; 1];
            let ok =
                matches!(read(&ready_r, &mut b), Ok(1)) && write_maps(parent.as_raw(), &mapping);
            // SAFETY: _exit skips the parent's atexit handlers and buffers.
            unsafe { nix::libc::_exit(if ok { 0 } else { 1 }) }
        }
        ForkResult::Parent { child } => {
            drop(ready_r);
            let unshared = unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS);
            if unshared.is_ok() {
                write(&ready_w, b"1")?;
            }
            drop(ready_w);
            let status = waitpid(child, None)?;
            unshared?;
            if status != WaitStatus::Exited(child, 0) {
                return Err(UsernsError::MapFailed);
            }
            mount(
                None::<&str>,
                "/",
                None::<&str>,
                MsFlags::MS_REC | MsFlags::MS_PRIVATE,
                None::<&str>,
            )?;
            Ok(mapping)
        }
    }
}

fn write_maps(pid: i32, m: &IdMapping) -> bool {
    let args = |r: &[super::idmap::IdRange]| {
        let mut a = vec![pid.to_string()];
        for x in r {
            a.extend([
                x.container.to_string(),
                x.host.to_string(),
                x.size.to_string(),
            ]);
        }
        a
    };
    let uid = Command::new("newuidmap").args(args(&m.uids)).spawn();
    let gid = Command::new("newgidmap").args(args(&m.gids)).spawn();
    let ok = |c: std::io::Result<std::process::Child>| {
        c.and_then(|mut c| c.wait())
            .map(|s| s.success())
            .unwrap_or(false)
    };
    ok(uid) & ok(gid)
}
