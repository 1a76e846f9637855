//! `run` is `create` then `start` ([`super::lifecycle`]): with `-d` under the container's
//! monitor, rpod returning once the workload runs; attached (the caller's choice: detach
//! keys, `-a`, `--sig-proxy=false`) under the monitor too, rpod its client until the workload
//! exits or the user detaches (see [`super::lifecycle::attach`]); otherwise in the
//! foreground, rpod itself the container's parent, recording `running → exited` for a kept
//! container — or, with `--rm`, handing its removal to the detached cleaner (see
//! [`super::container::removal`]).
//!
//! A foreground `--rm` container gets no state written: nothing reads it before it is gone,
//! and each write is on the path that `bench/run.sh` measures.

use std::path::PathBuf;

use crate::engine::container::state::{Running, Status};
use crate::engine::lifecycle::attach::{AttachStreams, Attached};
use crate::engine::lifecycle::create::{create, Created};
use crate::engine::lifecycle::LifecycleError;
use crate::engine::lifecycle::{now, start};
use crate::image::pull::{PullError, PullObserver, PullOptions};
use crate::image::store::StoreError;
use crate::spec::container::SpecError;
use crate::spec::options::RunOptions;

use crate::engine::container::error::StorageError;
use crate::engine::container::removal::{remove_detached, Cleaner};
use crate::engine::session::Session;
use crate::runtime::process::{launch, LaunchError};
use crate::runtime::userns::UsernsError;

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
    /// The container is made (its ID is known), before it starts: `--cidfile` is written now.
    /// An error removes the container again.
    fn created(&self, id: &str) -> Result<(), CallerError>;
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
    #[error("--replace: removing the container {0:?}: {1}")]
    Replace(String, Box<crate::engine::lifecycle::LifecycleError>),
    #[error(transparent)]
    Volume(#[from] crate::engine::volume::VolumeError),
    #[error(transparent)]
    Attach(Box<crate::engine::lifecycle::LifecycleError>),
    #[error(transparent)]
    Cgroup(#[from] crate::runtime::cgroups::delegation::DelegationError),
    #[error("{0}: this rpod cannot apply cgroup limits yet, though your cgroup offers the controllers they need: run without them")]
    LimitsNotApplied(String),
}

/// What `run` did.
pub enum RunOutcome {
    /// In the foreground: the container's exit status (Podman's 125/126/127 when it could not
    /// start the workload, after telling the frontend).
    Exited(i32),
    /// `-d`: the container runs under its monitor.
    Detached { id: String },
    /// The user typed the detach keys: the container runs on under its monitor.
    UserDetached,
}

/// Runs the container: in the foreground, with `opts.detach` under its monitor, or with
/// `attach` under its monitor with the caller attached.
///
/// `opts` are the caller's; the engine adds what is not the caller's to say (the invoking
/// user for `--userns`, `storage.conf`'s mount program). The session's namespace may still
/// be in the entering: everything up to the launch runs meanwhile.
pub fn run(
    mut session: Session,
    mut opts: RunOptions,
    policy: PullPolicy,
    attach: Option<AttachStreams>,
    frontend: &dyn RunFrontend,
) -> Result<RunOutcome, RunError> {
    // Attached, the container may outlive rpod (the user detaches): it is kept as a detached
    // one is.
    opts.detach |= attach.is_some();
    let detach = opts.detach;
    let (created, lock) = create(&mut session, opts, policy, frontend)?;
    // The workload could not start: Podman's status, after the frontend said why.
    let start_failed = |status: u8, message: &str| {
        frontend.start_failed(message);
        Ok(RunOutcome::Exited(status as i32))
    };
    if let Some(streams) = attach {
        return match start::start_attached_created(&mut session, created, lock, &streams) {
            Ok(Attached::Exited(code)) => Ok(RunOutcome::Exited(code)),
            Ok(Attached::Detached) => Ok(RunOutcome::UserDetached),
            Err(LifecycleError::Run(RunError::Launch(LaunchError::Start { status, message }))) => {
                start_failed(status, &message)
            }
            Err(e) => Err(RunError::Attach(Box::new(e))),
        };
    }
    if detach {
        let id = created.spec.id.clone();
        return match start::start_detached(&mut session, created, lock, None) {
            Ok(()) => Ok(RunOutcome::Detached { id }),
            Err(RunError::Launch(LaunchError::Start { status, message })) => {
                start_failed(status, &message)
            }
            Err(e) => Err(e),
        };
    }
    drop(lock);
    foreground(session, created, frontend).map(RunOutcome::Exited)
}

/// The container with rpod as its parent until it exits; returns its exit status.
fn foreground(
    mut session: Session,
    created: Created,
    frontend: &dyn RunFrontend,
) -> Result<i32, RunError> {
    let Created {
        spec,
        dir,
        bundle,
        image_hold: _image_hold,
        ..
    } = created;
    let tmp = session.paths().root.join("tmp");
    let mut state_error = None;
    let mut removal = None;
    let (userns, outlive) = session.for_launch();
    let result = launch(&spec, &bundle, userns, outlive, &mut |pid, outlive| {
        log::debug!("started container {} ({}): pid {pid}", spec.id, spec.name);
        if spec.remove {
            let hold = std::mem::take(outlive);
            removal = Cleaner::prepare(&dir, &tmp, Some(pid), hold).ok();
        } else {
            state_error = match Running::of(pid.as_raw()) {
                Some(running) => dir.write_running(&running).err(),
                None => None, // gone already: read as stopped until its end is written
            }
            .or_else(|| {
                dir.update_state(|s| {
                    s.status = Status::Running;
                    s.started = Some(now());
                    s.stopped_by_user = false;
                })
                .err()
            });
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
        // Podman's `--rm` takes the container's anonymous volumes with it.
        let volumes: Vec<String> = spec
            .mounts
            .iter()
            .filter_map(|m| m.volume_name().map(str::to_string))
            .collect();
        if !volumes.is_empty() {
            let root = &session.paths().root;
            crate::engine::volume::remove::remove_anonymous(root, &volumes)?;
        }
    } else if dir.dir.is_dir() {
        // (`rm -f` may have removed it meanwhile.)
        let exit = code.as_ref().ok().copied();
        dir.update_state(|s| {
            s.status = Status::Exited;
            s.exit_code = exit;
            s.finished = Some(now());
        })?;
        dir.clear_running();
    }
    if let Some(e) = state_error {
        log::warn!("{e}");
    }
    Ok(code?)
}
