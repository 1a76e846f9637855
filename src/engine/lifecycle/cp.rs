//! `cp`: files between the host and a container, running or not, through a tar stream
//! between the two ends (see [`super::cp_tar`] for the naming rules). The container's end runs
//! in its file system (`runtime::container_fs`): its paths and links resolve inside it. Files
//! copied in get the container's user as owner, as `podman cp` does; files copied out get
//! the invoking user.

use std::fs::File;
use std::io::Write;
use std::os::fd::OwnedFd;
use std::path::PathBuf;

use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};

use super::cp_tar::{pack, unpack};
use super::LifecycleError;
use crate::config::paths::Paths;
use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::image::ImageForRun;
use crate::engine::container::layout::init_layer;
use crate::engine::run::RunError;
use crate::engine::session::{Session, Userns};
use crate::image::store::Store;
use crate::runtime::container_fs::{enter, ContainerFsError, Root};
use crate::runtime::rootfs::overlay::Layers;
use crate::spec::user::resolve;
use crate::util::fs::lock::FileLock;

/// The host's end of a copy.
pub enum HostEnd {
    Path(PathBuf),
    /// `-`: a tar on stdin or stdout.
    Stdio,
}

#[derive(Debug, thiserror::Error)]
pub enum CpError {
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    #[error(transparent)]
    Fs(#[from] ContainerFsError),
    #[error("{0}")]
    Host(String),
    #[error(
        "copying a stopped container with --userns=keep-id is not supported yet: start it first"
    )]
    KeepIdStopped,
}

/// Copies `path` of the container out to `to`.
pub fn copy_out(paths: &Paths, dir: &ContainerDir, path: &str, to: HostEnd) -> Result<(), CpError> {
    let (ours, theirs) = pair()?;
    let src = PathBuf::from(path);
    let inside = in_container(paths, dir, theirs, move |fd| pack(&src, File::from(fd)))?;
    let mut stream = File::from(ours);
    let host = match to {
        HostEnd::Stdio => std::io::copy(&mut stream, &mut std::io::stdout().lock())
            .map(drop)
            .map_err(|e| format!("writing to stdout: {e}")),
        HostEnd::Path(dest) => unpack(&dest, &mut stream, None, false),
    };
    drop(stream);
    // The container's end says why first: a missing source leaves the host an empty tar.
    inside.finish()?;
    host.map_err(CpError::Host)
}

/// Copies `from` on the host into `path` of the container.
pub fn copy_in(
    paths: &Paths,
    dir: &ContainerDir,
    from: HostEnd,
    path: &str,
) -> Result<(), CpError> {
    let spec = read_config(&dir.dir).map_err(LifecycleError::from)?;
    let (ours, theirs) = pair()?;
    let dest = PathBuf::from(path);
    let stdin = matches!(from, HostEnd::Stdio);
    let user = spec.user.clone();
    let inside = in_container(paths, dir, theirs, move |fd| {
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
        let owner = resolve(&user, &read("/etc/passwd"), &read("/etc/group"))
            .map(|u| (u.uid, u.gid))
            .map_err(|e| e.to_string())?;
        unpack(&dest, File::from(fd), Some(owner), stdin)
    })?;
    let mut stream = File::from(ours);
    let host = match from {
        HostEnd::Stdio => std::io::copy(&mut std::io::stdin().lock(), &mut stream)
            .map(drop)
            .map_err(|e| format!("reading stdin: {e}")),
        HostEnd::Path(src) => pack(&src, &mut stream),
    };
    let _ = stream.flush();
    drop(stream);
    inside.finish()?;
    host.map_err(CpError::Host)
}

fn pair() -> Result<(OwnedFd, OwnedFd), CpError> {
    socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .map_err(|e| CpError::Host(format!("creating a socket pair: {e}")))
}

/// Starts `job` in the container's file system: its running PID 1's, or its layers mounted.
fn in_container(
    paths: &Paths,
    dir: &ContainerDir,
    stream: OwnedFd,
    job: impl FnOnce(OwnedFd) -> Result<(), String>,
) -> Result<Copying, CpError> {
    let state = dir.read_state().map_err(LifecycleError::from)?;
    if let Some(running) = &state.running {
        let still = || running.is_alive();
        let root = Root::Running {
            pid: running.pid,
            still_it: &still,
        };
        return Ok(Copying {
            inside: enter(root, stream, job)?,
            stopped: None,
        });
    }
    // Stopped: its layers, mounted in rpod's user namespace (entered now) while its lock
    // keeps a `start` from using the same upper directory.
    let spec = read_config(&dir.dir).map_err(LifecycleError::from)?;
    if spec.keep_id.is_some() {
        return Err(CpError::KeepIdStopped);
    }
    let lock = dir.lock().map_err(LifecycleError::from)?;
    let lower = stopped_layers(paths, &state.image_id, &state.image)?;
    Session::begin(paths.clone(), Userns::Enter)
        .and_then(Session::finish)
        .map_err(|e| LifecycleError::Run(RunError::from(e)))?;
    let (upper, work) = (dir.upper(), dir.work());
    let mount_point = dir.dir.join("cp-root");
    let layers = Layers {
        lower: &lower,
        upper: &upper,
        work: &work,
        volatile: false,
        shift: None,
    };
    let inside = enter(
        Root::Stopped {
            layers,
            mount_point: &mount_point,
        },
        stream,
        job,
    )?;
    Ok(Copying {
        inside,
        stopped: Some((lock, mount_point)),
    })
}

/// The child that copies inside the container, and for a stopped one the container's lock
/// and the point its layers are mounted on (in the child's mount namespace).
struct Copying {
    inside: crate::runtime::container_fs::Inside,
    stopped: Option<(FileLock, PathBuf)>,
}

impl Copying {
    /// Waits for the child; the mount went with its namespace, and its point goes now,
    /// under the lock (no other copy is using it).
    fn finish(self) -> Result<(), CpError> {
        let result = self.inside.finish();
        if let Some((lock, mount_point)) = self.stopped {
            let _ = std::fs::remove_dir(&mount_point);
            drop(lock);
        }
        Ok(result?)
    }
}

fn stopped_layers(paths: &Paths, image_id: &str, image: &str) -> Result<Vec<PathBuf>, CpError> {
    let run = |e: crate::image::store::StoreError| LifecycleError::Run(RunError::from(e));
    let store = Store::open(&paths.root, paths.root_origin).map_err(run)?;
    let index = store.index().map_err(run)?;
    let record = index
        .find(image_id)
        .cloned()
        .ok_or_else(|| LifecycleError::Run(RunError::ImageNotKnown(image.to_string())))?;
    let image = ImageForRun::from_store(&store, &record).map_err(run)?;
    let mut lower = image.layer_dirs;
    lower.push(init_layer(&paths.root).map_err(LifecycleError::from)?);
    Ok(lower)
}
