//! `run`'s sequence, as Podman's libpod runs it above the OCI runtime: the image (pulled as
//! the pull policy says), the spec, the container's directory, the launch, and the state
//! transitions `created → running → exited` of a kept container — or, with `--rm`, its
//! removal by the detached cleaner (see [`super::container::removal`]).
//!
//! A kept container also gets its lock (held while this rpod runs it), its spec saved as
//! `config.json`, and, once it runs, its PID 1's pid and start time in `state.json` (the
//! liveness check of `read_state`). A `--rm` container gets none of these: nothing reads
//! them before it is gone, and each is a file write or an open on the path that `bench/run.sh`
//! measures.

use std::path::PathBuf;

use crate::engine::container::dir::ContainerDir;
use crate::engine::container::error::StorageError;
use crate::engine::container::image::ImageForRun;
use crate::engine::container::layout::{init_layer, new_id};
use crate::engine::container::removal::{remove_detached, Cleaner};
use crate::engine::container::state::{Running, State, Status};
use crate::engine::session::Session;
use crate::image::pull::{pull, registry_has_other_image, PullError, PullObserver, PullOptions};
use crate::image::store::{Store, StoreError};
use crate::runtime::process::{launch, LaunchError};
use crate::runtime::userns::UsernsError;
use crate::spec::container::{ContainerSpec, SpecError};
use crate::spec::options::RunOptions;
use crate::util::fs::lock::FileLock;

/// An error of the caller's own, passed through (the CLI's, on its flags).
pub type CallerError = Box<dyn std::error::Error + Send + Sync>;

/// Podman's `--pull` policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PullPolicy {
    /// Pull only when the image is not in the store.
    Missing,
    /// Always pull (a no-op when nothing changed).
    Always,
    /// Never pull; fail when the image is not in the store.
    Never,
    /// Pull when the registry has another image under the name (a different digest); keep
    /// the local one when the registry cannot be asked or the pull fails.
    Newer,
}

/// What `run` asks of its caller (the CLI) along the way, only when it comes to it.
pub trait RunFrontend {
    /// The options of a pull (`--platform`, the registry flags...), asked only when the
    /// policy pulls: a bad value is an error then, not when the image is at hand. `chown`
    /// is the session's (see `PullOptions::chown`).
    fn pull_options(&self, chown: bool) -> Result<PullOptions, CallerError>;
    /// What shows a pull's progress, made only when one starts.
    fn pull_observer(&self) -> Box<dyn PullObserver>;
    /// The container could not start its workload: `message` is Podman's (`Error: ...` on
    /// stderr), and `run` returns the status that goes with it (125, 126, 127).
    fn start_failed(&self, message: &str);
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Caller(CallerError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error("{0}: image not known (and --pull=never)")]
    ImageNotKnown(String),
    #[error("{name}: the image was removed while rpod was starting it (missing {})", .missing.display())]
    ImageRemoved { name: String, missing: PathBuf },
    #[error(transparent)]
    Userns(#[from] UsernsError),
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error("removing the container")]
    Removing(#[source] StorageError),
}

/// Runs the container in the foreground; returns its exit status (Podman's 125/126/127 when
/// it could not start the workload, after telling `frontend`).
///
/// `opts` are the caller's; the engine adds what is not the caller's to say (the invoking
/// user for `--userns`, `storage.conf`'s mount program). The session's namespace may still
/// be in the entering: everything up to the launch runs meanwhile.
pub fn run(
    mut session: Session,
    mut opts: RunOptions,
    policy: PullPolicy,
    frontend: &dyn RunFrontend,
) -> Result<i32, RunError> {
    let (image, _image_hold) = find_image(&mut session, &opts.image, policy, frontend)?;
    let id = new_id();
    // Looked up only when asked for: the name costs a passwd lookup.
    opts.host_user = opts.userns.as_ref().and_then(|_| session.host_user());
    opts.mount_program = crate::config::storage::mount_program();
    let spec = ContainerSpec::build(&opts, &image.config, &id, &|k| std::env::var(k).ok())?;
    let mut layers = image.layer_dirs.clone();
    layers.push(init_layer(&session.paths().root)?);
    let (root, runroot) = (&session.paths().root, &session.paths().runroot);
    let reserve = (opts.name.is_some() || !spec.remove).then_some(spec.name.as_str());
    let dir = ContainerDir::create(root, runroot, &id, reserve)?;
    let tmp = root.join("tmp");
    let kept = if spec.remove {
        None
    } else {
        match keep(&dir, &spec) {
            Ok(lock) => Some(lock),
            Err(e) => {
                let _ = dir.remove();
                return Err(e.into());
            }
        }
    };

    let mut state = State {
        id: spec.id.clone(),
        name: spec.name.clone(),
        image: spec.image.clone(),
        image_id: image.id.clone(),
        command: spec.args.clone(),
        created: now(),
        status: Status::Created,
        started: None,
        exit_code: None,
        finished: None,
        oom_killed: false,
        restart_count: 0,
        stopped_by_user: false,
        running: None,
    };
    let mut state_error = None;
    let mut removal = None;
    let bundle = dir.bundle(layers);
    let (userns, outlive) = session.for_launch();
    let result = launch(&spec, &bundle, userns, outlive, &mut |pid, outlive| {
        log::debug!("started container {} ({}): pid {pid}", spec.id, spec.name);
        if spec.remove {
            let hold = std::mem::take(outlive);
            removal = Cleaner::prepare(&dir, &tmp, Some(pid), hold).ok();
        } else {
            state.status = Status::Running;
            state.started = Some(now());
            state_error = match Running::of(pid.as_raw()) {
                Some(running) => dir.write_running(&running).err(),
                None => None, // gone already: read as stopped until its end is written
            }
            .or_else(|| dir.write_state(&state).err());
        }
    });
    let code = match result {
        Ok(code) => Ok(code),
        Err(LaunchError::Start { status, message }) => {
            frontend.start_failed(&message);
            Ok(status as i32)
        }
        Err(e) => Err(e),
    };
    match &code {
        Ok(status) => log::debug!("container {} exited with status {status}", spec.id),
        Err(e) => log::debug!("container {} failed: {e}", spec.id),
    }
    if spec.remove {
        match removal {
            Some(removal) => removal.commit(dir, &tmp),
            None => remove_detached(dir, &tmp, session.take_outlive()),
        }
        .map_err(RunError::Removing)?;
    } else {
        state.status = Status::Exited;
        state.exit_code = code.as_ref().ok().copied();
        state.finished = Some(now());
        dir.write_state(&state)?;
        dir.clear_running();
    }
    drop(kept);
    if let Some(e) = state_error {
        log::warn!("{e}");
    }
    Ok(code?)
}

/// What a kept container has from its creation on: its lock, held while this rpod runs it,
/// and its spec saved.
fn keep(dir: &ContainerDir, spec: &ContainerSpec) -> Result<FileLock, StorageError> {
    let lock = dir.lock()?;
    dir.write_config(spec)?;
    Ok(lock)
}

/// RFC 3339, as `state.json` records times.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// The image from the store, pulled first as `policy` says; and its hold, which keeps `rmi`
/// from removing it while the container uses it.
fn find_image(
    session: &mut Session,
    name: &str,
    policy: PullPolicy,
    frontend: &dyn RunFrontend,
) -> Result<(ImageForRun, FileLock), RunError> {
    let paths = session.paths();
    let store = Store::open(&paths.root, paths.root_origin)?;
    let present = store.index()?.find(name).cloned();
    match &present {
        Some(img) => log::debug!("found {name} in the store: image {}", img.id.hex()),
        None => log::debug!("{name} is not in the store {}", paths.root.display()),
    }
    let record = match (present, policy) {
        (Some(img), PullPolicy::Missing | PullPolicy::Never) => img,
        (None, PullPolicy::Never) => return Err(RunError::ImageNotKnown(name.to_string())),
        (present, policy) => {
            let opts = frontend
                .pull_options(session.ids().can_chown())
                .map_err(RunError::Caller)?;
            // Unpacking needs the id maps, and the registry client starts threads.
            session.enter()?;
            match present {
                // Podman's `newer`: pull only when the registry has another image, and keep
                // the local one when the registry cannot say or the pull fails.
                Some(local) if policy == PullPolicy::Newer => {
                    match registry_has_other_image(&local, name, &opts) {
                        Ok(true) => {
                            let observer = frontend.pull_observer();
                            pull(&store, name, &opts, observer.as_ref()).unwrap_or(local)
                        }
                        Ok(false) | Err(_) => local,
                    }
                }
                _ => {
                    let observer = frontend.pull_observer();
                    pull(&store, name, &opts, observer.as_ref())?
                }
            }
        }
    };
    // Held for the container's life: `rmi` leaves an image alone while a container uses it.
    let hold = store.hold_image(&record.id)?;
    let image = ImageForRun::from_store(&store, &record)?;
    if let Some(gone) = image.layer_dirs.iter().find(|d| !d.is_dir()) {
        return Err(RunError::ImageRemoved {
            name: name.to_string(),
            missing: gone.clone(),
        });
    }
    Ok((image, hold))
}
