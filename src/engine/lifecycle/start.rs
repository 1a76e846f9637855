//! `start`: a created or exited container's workload started again under a monitor of its
//! own (see `runtime::monitor`), whose [`Hooks`] the engine gives: they record the start
//! and the end, apply the restart policy, and remove a `--rm` container when it is done.
//!
//! The container's lock is held from the check that it is not running until the workload
//! runs: two `start`s of one container never both start it. The monitor, a fork, holds the
//! same lock (the same open file) until it has reported the start, and writes the `running`
//! state under it.

use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Duration;

use nix::unistd::Pid;

use super::attach::{AttachStreams, Attached, Client};
use super::create::Created;
use super::{now, LifecycleError};
use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::image::ImageForRun;
use crate::engine::container::layout::init_layer;
use crate::engine::container::lookup;
use crate::engine::container::state::{Running, Status};
use crate::engine::run::RunError;
use crate::engine::session::Session;
use crate::image::store::Store;
use crate::runtime::attach::socket;
use crate::runtime::monitor::{self, Exit, Hooks, Output};
use crate::spec::container::ContainerSpec;
use crate::util::fs::lock::FileLock;

/// Starts `created` under its monitor; returns once the workload runs. `lock` is the
/// container's, held since its state was checked (a `--rm` container run with `-d` has one
/// too: its state is written like any detached container's). `attached`: the monitor's end
/// of an attached client's socket pair (see [`super::attach`]).
pub fn start_detached(
    session: &mut Session,
    created: Created,
    lock: Option<FileLock>,
    attached: Option<OwnedFd>,
) -> Result<(), RunError> {
    // The monitor forks the container itself: the id maps must be written before (the
    // mappers are rpod's children, not the monitor's).
    session.enter()?;
    let Created {
        spec,
        dir,
        bundle,
        image_hold,
        ..
    } = created;
    let output = Output {
        driver: spec.log,
        path: dir.log_path(),
        attach_socket: dir.monitor_dir.join(super::attach::SOCKET),
    };
    let mut hooks = Recorder {
        dir: dir.clone(),
        spec: spec.clone(),
        first: true,
    };
    let keep = [image_hold.as_raw_fd()];
    let result = monitor::start(
        &spec,
        &bundle,
        &output,
        &keep,
        session.take_outlive(),
        attached,
        &mut hooks,
    );
    drop(lock);
    match result {
        Ok(pid) => {
            log::debug!("started container {} under its monitor: pid {pid}", spec.id);
            Ok(())
        }
        Err(e) => {
            // The start failed before the workload ran: the container stays `created`
            // (`--rm`: it goes).
            if spec.remove {
                let _ = dir.remove();
            }
            Err(e.into())
        }
    }
}

/// `start NAME`: the stored container, started again detached. Starting a running container
/// is an error, as Podman's `start` of a running one is not (Podman prints its name; rpod
/// says it runs: a script that starts what runs has a bug to see).
pub fn start(session: &mut Session, name_or_id: &str) -> Result<String, LifecycleError> {
    let (created, lock) = prepare(session, name_or_id)?;
    let id = created.spec.id.clone();
    start_detached(session, created, Some(lock), None)?;
    Ok(id)
}

/// `start -a NAME`: started as `start` does, with the caller attached from before the
/// workload runs (see [`start_attached_created`]).
pub fn start_attached(
    session: &mut Session,
    name_or_id: &str,
    streams: &AttachStreams,
) -> Result<Attached, LifecycleError> {
    let (created, lock) = prepare(session, name_or_id)?;
    start_attached_created(session, created, Some(lock), streams)
}

/// Starts `created` under its monitor with the caller attached from before the workload
/// runs, so none of its output is missed; relays until it exits or the user detaches. The
/// caller's signals are blocked before the monitor is forked (see `client::Signals`).
pub fn start_attached_created(
    session: &mut Session,
    created: Created,
    lock: Option<FileLock>,
    streams: &AttachStreams,
) -> Result<Attached, LifecycleError> {
    let dir = created.dir.clone();
    let client = Client::prepare(&created.spec, streams)?;
    let (ours, theirs) = socket::pair().map_err(|e| LifecycleError::Attach {
        id: created.spec.id.clone(),
        err: e.to_string(),
    })?;
    start_detached(session, created, lock, Some(theirs))?;
    client.relay(&dir, ours)
}

/// The stored container, ready to start: checked not running, under its lock (held until
/// the workload runs), its image held and its run-time directories made again.
fn prepare(session: &mut Session, name_or_id: &str) -> Result<(Created, FileLock), LifecycleError> {
    let paths = session.paths().clone();
    let dir = lookup::find(&paths.root, &paths.runroot, name_or_id)?;
    let lock = dir.lock()?;
    let state = dir.read_state()?;
    if state.status.is_running() {
        return Err(LifecycleError::AlreadyRunning(name_or_id.to_string()));
    }
    let spec = read_config(&dir.dir)?;
    let store = Store::open(&paths.root, paths.root_origin).map_err(RunError::from)?;
    let index = store.index().map_err(RunError::from)?;
    let record = index
        .find(&state.image_id)
        .cloned()
        .ok_or_else(|| RunError::ImageNotKnown(state.image.clone()))?;
    let image_hold = store.hold_image(&record.id).map_err(RunError::from)?;
    let image = ImageForRun::from_store(&store, &record).map_err(RunError::from)?;
    let mut layers = image.layer_dirs;
    layers.push(init_layer(&paths.root)?);
    dir.ensure_run_dirs()?;
    let bundle = dir.bundle(layers);
    let created = Created {
        spec,
        dir,
        bundle,
        image_hold,
        state,
    };
    Ok((created, lock))
}

/// The engine's side of the monitor: see the module doc.
struct Recorder {
    dir: ContainerDir,
    spec: ContainerSpec,
    /// The first start, whose lock the monitor holds already.
    first: bool,
}

impl Hooks for Recorder {
    fn started(&mut self, pid: Pid) {
        if let Some(running) = Running::of(pid.as_raw()) {
            let _ = self.dir.write_running(&running);
        }
        let mark = |s: &mut crate::engine::container::state::State| {
            s.status = Status::Running;
            s.started = Some(now());
            s.stopped_by_user = false;
            s.exit_code = None;
        };
        let _ = match std::mem::replace(&mut self.first, false) {
            true => self.dir.update_state_locked(mark),
            false => self.dir.update_state(mark),
        };
    }

    fn start_failed(&mut self, status: u8, _message: &str) {
        let _ = self.dir.update_state(|s| {
            s.status = Status::Exited;
            s.exit_code = Some(status as i32);
            s.finished = Some(now());
        });
    }

    fn exited(&mut self, exit: Exit) -> Option<Duration> {
        let restart = &self.spec.restart;
        let mut again = None;
        let recorded = self.dir.update_state(|s| {
            s.status = Status::Exited;
            s.exit_code = Some(exit.code);
            s.finished = Some(now());
            if restart.restarts(exit.code, s.restart_count, s.stopped_by_user) {
                again = Some(backoff(s.restart_count));
                s.restart_count += 1;
            }
        });
        self.dir.clear_running();
        // Gone (`rm -f` removed it): nothing to restart.
        recorded.ok().and(again)
    }

    fn finished(&mut self) {
        if self.spec.remove {
            let _ = self.dir.clone().remove();
            // Podman's `--rm` takes the container's anonymous volumes with it.
            let volumes: Vec<String> = self
                .spec
                .mounts
                .iter()
                .filter_map(|m| m.volume_name().map(str::to_string))
                .collect();
            if let Some(root) = self.dir.dir.parent().and_then(|c| c.parent()) {
                let _ = crate::engine::volume::remove::remove_anonymous(root, &volumes);
            }
        }
    }
}

/// The delay before restart number `n + 1`: 100 ms, doubling, at most a minute (Docker's
/// back-off; it keeps a crashing container from spinning a core).
fn backoff(n: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << n.min(10))).min(Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_minute() {
        assert_eq!(backoff(0), Duration::from_millis(100));
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(9), Duration::from_millis(51200));
        assert_eq!(backoff(30), Duration::from_secs(60));
    }
}
