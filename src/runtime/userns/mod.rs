//! Entering the user namespace, the first thing rpod does for every command that touches
//! files owned by the user's subordinate ids (pull, load, rmi, run).
//!
//! The rpod process unshares a user and a mount namespace *itself*, while it is still
//! single-threaded (the kernel refuses `unshare(CLONE_NEWUSER)` to a multi-threaded process),
//! and a short-lived helper child asks the setuid `newuidmap`/`newgidmap` to write its maps:
//! container root = the user, 1..=65536 = the user's `/etc/subuid` range. Afterwards rpod is
//! uid 0 in the namespace and may start threads (the registry client does).

pub mod idmap;
pub mod map_watch;
pub mod nested;

use crate::runtime::helper;
use idmap::{read_range, user_name, IdRange};
use map_watch::MapWatch;
use nix::sched::{unshare, CloneFlags};
use nix::sys::wait::WaitStatus;
use nix::unistd::{getgid, getpid, getuid, setresgid, setresuid, Gid, Uid};
use std::ffi::CString;
use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// How ids inside the namespace relate to the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdMapping {
    /// rpod runs as real root: no user namespace is needed.
    Host,
    /// Root is the user; 1..=count map to the subordinate ranges.
    Full {
        uid: u32,
        gid: u32,
        uids: IdRange,
        gids: IdRange,
    },
    /// No subordinate range: only root (= the user) exists; files of other owners keep ours.
    Single { uid: u32, gid: u32 },
}

impl IdMapping {
    /// Whether files can be given owners other than root (unpacking layers with chown).
    pub fn can_chown(&self) -> bool {
        !matches!(self, IdMapping::Single { .. })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    #[error("{0} not found: install it (apt-get install uidmap) to run rootless containers")]
    MissingHelper(&'static str),
    #[error("cannot create a user namespace: {0} (are unprivileged user namespaces disabled? check sysctl kernel.unprivileged_userns_clone / user.max_user_namespaces)")]
    Unshare(nix::Error),
    #[error("cannot set up the user namespace's id map: {0}")]
    Map(String),
    #[error("cannot set up the user namespace: {0}")]
    Sys(#[from] nix::Error),
    #[error("cannot read {path}: {err}")]
    Read { path: String, err: std::io::Error },
}

const SUBUID: &str = "/etc/subuid";
const SUBGID: &str = "/etc/subgid";

/// A user namespace that rpod has entered while `newuidmap`/`newgidmap` may still be writing
/// its id maps. Until [`Entering::finish`], rpod keeps the user's own credentials, so it can
/// already read and create its files (as the user) and create further namespaces (it holds
/// every capability in the new one); what needs ids inside (chown, mounts that create files)
/// must wait. `rpod run` overlaps its preparation with the mappers this way.
#[must_use = "the namespace is usable only after finish()"]
pub struct Entering {
    mapping: IdMapping,
    mappers: Vec<helper::Waiting>,
    errors: Option<OwnedFd>,
    /// Reports the maps' writes (see `map_watch`).
    watch: Option<MapWatch>,
}

impl Entering {
    /// The mapping being set up.
    pub fn mapping(&self) -> IdMapping {
        self.mapping
    }

    /// Waits until the id maps are written and the mappers have exited, then becomes root
    /// of the namespace. Also returns the map watch's descriptor, if [`begin`] was asked for
    /// one: see [`Exiting::reap`].
    pub fn finish(self) -> Result<(IdMapping, Option<OwnedFd>), UsernsError> {
        let (mapping, exiting) = self.finish_early()?;
        Ok((mapping, exiting.reap()))
    }

    /// Like [`Entering::finish`], but returns as soon as both maps are written when they
    /// are watched (see `map_watch`): the mappers may still be exiting, and the caller reaps
    /// them when it has nothing better to do.
    pub fn finish_early(self) -> Result<(IdMapping, Exiting), UsernsError> {
        let Entering {
            mapping,
            mappers,
            errors,
            watch,
        } = self;
        if mapping == IdMapping::Host {
            return Ok((IdMapping::Host, Exiting::default()));
        }
        let written = match (&watch, &errors) {
            (Some(watch), Some(errors)) => watch.wait(errors.as_fd()),
            _ => false,
        };
        let mappers = if written {
            mappers
        } else {
            wait_for_mappers(mappers, errors)?;
            Vec::new()
        };
        setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0))?;
        setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0))?;
        Ok((mapping, Exiting { mappers, watch }))
    }
}

/// Mappers that have written the maps and may not have exited yet, and the map watch.
#[must_use = "reap() them, or they stay zombies while rpod runs"]
#[derive(Default)]
pub struct Exiting {
    mappers: Vec<helper::Waiting>,
    watch: Option<MapWatch>,
}

impl Exiting {
    /// Waits for the mappers to exit (their maps are in place: their status no longer
    /// matters). Returns the map watch's descriptor, if any, which only a process that
    /// outlives rpod should close: the last close of an inotify instance that had watches
    /// waits for an SRCU grace period, 5–20 ms (`fsnotify_destroy_group`).
    pub fn reap(self) -> Option<OwnedFd> {
        for m in self.mappers {
            let _ = m.wait();
        }
        self.watch.map(MapWatch::into_fd)
    }
}

/// Waits for the mappers to exit; an error with what they printed unless both succeeded.
fn wait_for_mappers(
    mappers: Vec<helper::Waiting>,
    errors: Option<OwnedFd>,
) -> Result<(), UsernsError> {
    let mut message = String::new();
    if let Some(errors) = errors {
        let _ = std::fs::File::from(errors).read_to_string(&mut message);
    }
    let mut ok = true;
    for m in mappers {
        let pid = m.pid;
        ok &= m.wait()? == WaitStatus::Exited(pid, 0);
    }
    if ok {
        return Ok(());
    }
    let message = message
        .trim()
        .lines()
        .last()
        .unwrap_or("newuidmap/newgidmap failed")
        .to_string();
    Err(UsernsError::Map(message))
}

/// Unshares the user and mount namespaces and starts the mappers; see [`Entering`].
///
/// `watch_maps`: also watch the maps being written, so that [`Entering::finish_early`]
/// returns before the mappers have exited. Only when a process that outlives rpod will hold
/// the watch's descriptor (see [`Exiting::reap`]): `rpod run --rm`'s cleaner.
pub fn begin(watch_maps: bool) -> Result<Entering, UsernsError> {
    let (uid, gid) = (getuid(), getgid());
    if uid.is_root() {
        return Ok(Entering {
            mapping: IdMapping::Host,
            mappers: Vec::new(),
            errors: None,
            watch: None,
        });
    }
    let name = user_name(uid.as_raw());
    let read = |file: &str, id: u32| {
        read_range(Path::new(file), &name, id).map_err(|err| UsernsError::Read {
            path: file.to_string(),
            err,
        })
    };
    let (uids, gids) = (read(SUBUID, uid.as_raw())?, read(SUBGID, gid.as_raw())?);
    match (uids, gids) {
        (Some(uids), Some(gids)) => start_mappers(
            IdMapping::Full {
                uid: uid.as_raw(),
                gid: gid.as_raw(),
                uids,
                gids,
            },
            watch_maps,
        ),
        _ => {
            enter_single(uid, gid)?;
            Ok(Entering {
                mapping: IdMapping::Single {
                    uid: uid.as_raw(),
                    gid: gid.as_raw(),
                },
                mappers: Vec::new(),
                errors: None,
                watch: None,
            })
        }
    }
}

/// The user has no subordinate ids: map only themselves to root, which needs no helper.
fn enter_single(uid: Uid, gid: Gid) -> Result<(), UsernsError> {
    unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS).map_err(UsernsError::Unshare)?;
    let write = |file: &str, text: String| {
        std::fs::write(file, text).map_err(|e| UsernsError::Map(format!("{file}: {e}")))
    };
    write("/proc/self/setgroups", "deny".into())?;
    write("/proc/self/uid_map", format!("0 {uid} 1\n"))?;
    write("/proc/self/gid_map", format!("0 {gid} 1\n"))?;
    Ok(())
}

/// Unshares, while two children wait to `exec` `newuidmap` and `newgidmap` on us (in parallel,
/// started before: their run time is most of what entering costs). They are started the
/// `posix_spawn` way (see `runtime::helper`), as a `fork` of rpod would copy its memory for nothing.
/// They go as soon as the user namespace exists; the mount namespace is made meanwhile.
fn start_mappers(mapping: IdMapping, watch_maps: bool) -> Result<Entering, UsernsError> {
    let IdMapping::Full {
        uid,
        gid,
        uids,
        gids,
    } = mapping
    else {
        unreachable!("start_mappers takes a full mapping")
    };
    let target = getpid().to_string();
    let uid_cmd = exec_args(&find_helper("newuidmap")?, &map_args(&target, uid, uids));
    let gid_cmd = exec_args(&find_helper("newgidmap")?, &map_args(&target, gid, gids));
    // Close-on-exec like every descriptor of rpod's: the mappers get `err_write` as their
    // stderr by dup2, and the container must not inherit `err_read`.
    let cloexec = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC);
    let (go_read, go_write) = cloexec()?;
    let (err_read, err_write) = cloexec()?;
    let mut mappers = Vec::with_capacity(2);
    for cmd in [uid_cmd, gid_cmd] {
        // SAFETY: rpod is single-threaded here (begin() runs before any thread is started),
        // and the descriptors outlive the call.
        let spawned = unsafe {
            helper::spawn_on_go(cmd, go_read.as_fd(), go_write.as_fd(), err_write.as_fd())
        };
        match spawned {
            Ok(m) => mappers.push(m),
            Err(e) => {
                drop(go_write); // the ones started see EOF and exit
                for m in mappers {
                    let _ = m.wait();
                }
                return Err(e.into());
            }
        }
    }
    drop(go_read);
    drop(err_write);
    let unshared = unshare(CloneFlags::CLONE_NEWUSER);
    // Before the mappers may write (see `map_watch`).
    let watch = (watch_maps && unshared.is_ok())
        .then(MapWatch::new)
        .flatten();
    let mut go = std::fs::File::from(go_write);
    if unshared.is_ok() {
        // One byte per mapper; without them (unshare failed) they see EOF and exit.
        let _ = go.write_all(b"11");
    }
    drop(go);
    // The mount namespace needs no map: made while the mappers start.
    let unshared = unshared.and_then(|()| unshare(CloneFlags::CLONE_NEWNS));
    if let Err(e) = unshared {
        for m in mappers {
            let _ = m.wait();
        }
        return Err(UsernsError::Unshare(e));
    }
    Ok(Entering {
        mapping,
        mappers,
        errors: Some(err_read),
        watch,
    })
}

fn map_args(target: &str, own: u32, range: IdRange) -> Vec<String> {
    [
        target,
        "0",
        &own.to_string(),
        "1",
        "1",
        &range.start.to_string(),
        &range.count.to_string(),
    ]
    .map(String::from)
    .to_vec()
}

/// The program and its argv, ready for `execv` (built before forking).
fn exec_args(program: &Path, args: &[String]) -> Vec<CString> {
    let mut argv = vec![CString::new(program.as_os_str().as_bytes()).unwrap_or_default()];
    argv.extend(args.iter().filter_map(|a| CString::new(a.as_str()).ok()));
    argv
}

/// `newuidmap`/`newgidmap` from PATH, else the usual location.
fn find_helper(name: &'static str) -> Result<PathBuf, UsernsError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .ok_or(UsernsError::MissingHelper(name))
}
