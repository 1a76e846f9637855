//! One container's directories ([`ContainerDir`]): `<root>/containers/<id>/`,
//! `<runroot>/containers/<id>/` and `<runroot>/monitors/<id>/` (see [`super::layout`]), their
//! name reservation, the files the engine keeps in them (`state.json`, `config.json`,
//! `running.json`, the log) and the container's lock.
//!
//! A container's directory is private (`0700`, as containers/storage makes a layer's): its
//! upper directory holds what the container wrote, owned by the user on the host. The upper
//! directory itself is `0755` whatever the umask: overlayfs gives its mode to the container's `/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::write_config;
use super::error::{io_at, StorageError};
use super::layout::{containers_dir, reserve_name, SPARE, UPPER_MODE};
use super::state::{read_state, Running, State, RUNNING_FILE, STATE_FILE};
use crate::runtime::bundle::Bundle;
use crate::spec::container::ContainerSpec;
use crate::util::fs::lock::FileLock;
use crate::util::fs::staging::remove_tree;
use crate::util::fs::{dirs, replace};

/// How long [`ContainerDir::lock`] waits for a transition of another process to end.
pub const LOCK_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// The container's lock file, in its directory.
pub const LOCK_FILE: &str = "lock";

/// The directories of one container.
#[derive(Clone, Debug)]
pub struct ContainerDir {
    /// `<root>/containers/<id>`.
    pub dir: PathBuf,
    /// `<runroot>/containers/<id>`.
    pub run_dir: PathBuf,
    /// `<runroot>/monitors/<id>`: what runs now (`running.json`), its monitor's sockets.
    pub monitor_dir: PathBuf,
    /// Name reservation symlink, if one was made.
    name_link: Option<PathBuf>,
    /// The container's lock, for a container whose directory is all there is of it (see
    /// [`ContainerDir::hold`]); shared by clones, let go when the last one goes.
    held: Option<Arc<FileLock>>,
}

impl ContainerDir {
    /// Creates `<root>/containers/<id>/{upper,work}` and `<runroot>/containers/<id>/rootfs`,
    /// takes the container's lock and then reserves `name` if given (an auto-named `--rm`
    /// container needs no reservation: its name comes from its random id). Returns the
    /// directories and the lock, held: until the container has its state written (or, for a
    /// foreground `--rm` one that never gets any, until it is gone: see
    /// [`ContainerDir::hold`]) nothing but the lock tells its directory from one that a
    /// killed rpod abandoned (see `super::abandoned`).
    pub fn create(
        root: &Path,
        runroot: &Path,
        id: &str,
        name: Option<&str>,
    ) -> Result<(ContainerDir, FileLock), StorageError> {
        let containers = containers_dir(root);
        dirs::ensure_private(&containers).map_err(io_at(&containers))?;
        let made = ContainerDir::open(root, runroot, id, None);
        let reserved = || -> Result<(FileLock, Option<PathBuf>), StorageError> {
            let lock = made.make_locked(&containers)?;
            // Podman's run root is private too (and so, if rpod makes it, is rpod's).
            let scratch = made.scratch_mount_point();
            dirs::ensure_private(&scratch).map_err(io_at(&scratch))?;
            let link = name.map(|n| reserve_name(&containers, n, id)).transpose()?;
            Ok((lock, link))
        };
        match reserved() {
            Ok((lock, link)) => Ok((
                ContainerDir {
                    name_link: link,
                    ..made
                },
                lock,
            )),
            Err(e) => {
                // Leave no half-made container behind (its name was not reserved).
                let _ = made.remove();
                Err(e)
            }
        }
    }

    /// Makes the container's directory and takes its lock (`<dir>/lock`). The directory is
    /// there a moment before it is locked, without state: a prune or an `rm` may take it then
    /// for an abandoned one and remove it. The lock, once it is ours, says whether that
    /// happened; the directory is then made again.
    fn make_locked(&self, containers: &Path) -> Result<FileLock, StorageError> {
        let path = self.dir.join(LOCK_FILE);
        for _ in 0..3 {
            let lock = self
                .make_dirs(containers)
                .and_then(|()| FileLock::exclusive(&path).map_err(io_at(&path)));
            match lock {
                Ok(lock) if lock.is_at(&path) => return Ok(lock),
                Ok(_) => {}
                Err(StorageError::Io(_, e)) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Err(StorageError::Locked(self.dir.clone()))
    }

    /// `upper` and `work` in the container's directory: a spare left by the cleaner of an
    /// earlier `--rm` container (see `removal::recycle`) has both, empty; taking it is one
    /// rename.
    fn make_dirs(&self, containers: &Path) -> Result<(), StorageError> {
        if fs::rename(containers.join(SPARE), &self.dir).is_ok() {
            return Ok(());
        }
        for (p, mode) in [
            (self.dir.clone(), dirs::PRIVATE),
            (self.upper(), UPPER_MODE),
            (self.work(), dirs::PRIVATE),
        ] {
            dirs::create(&p, mode).map_err(io_at(&p))?;
        }
        Ok(())
    }

    /// The directories of the existing container `id`, named `name` (whose reservation
    /// [`ContainerDir::release_name`] frees).
    pub fn open(root: &Path, runroot: &Path, id: &str, name: Option<&str>) -> ContainerDir {
        let containers = containers_dir(root);
        ContainerDir {
            dir: containers.join(id),
            run_dir: runroot.join("containers").join(id),
            monitor_dir: runroot.join("monitors").join(id),
            name_link: name.map(|n| containers.join("by-name").join(n)),
            held: None,
        }
    }

    /// Keeps the container's `lock` for as long as this value lives: a foreground `--rm`
    /// container gets no state written (see `engine::run`), so its held lock is what tells
    /// the directory of a container that runs from one a killed rpod abandoned, until it has
    /// gone to the trash. (The `--rm` cleaner, a fork, closes its copy.)
    pub fn hold(&mut self, lock: FileLock) {
        self.held = Some(Arc::new(lock));
    }

    /// The container's id (its directory's name).
    pub fn id(&self) -> &str {
        self.dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
    }

    /// The container's output, in Podman's `k8s-file` format.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("ctr.log")
    }

    pub fn upper(&self) -> PathBuf {
        self.dir.join("upper")
    }
    pub fn work(&self) -> PathBuf {
        self.dir.join("work")
    }
    /// Where rpod mounts fuse-overlayfs, when it does.
    pub fn merged(&self) -> PathBuf {
        self.dir.join("merged")
    }
    pub fn rootfs(&self) -> PathBuf {
        self.run_dir.join("rootfs")
    }
    /// The paths the runtime works in, over `layers` (the lower layers, lowest first).
    pub fn bundle(&self, layers: Vec<PathBuf>) -> Bundle {
        Bundle {
            layers,
            upper: self.upper(),
            work: self.work(),
            merged: self.merged(),
            run_dir: self.run_dir.clone(),
            scratch: self.scratch_mount_point(),
        }
    }

    /// `<runroot>/containers`, where the container mounts its private scratch tmpfs.
    pub fn scratch_mount_point(&self) -> PathBuf {
        self.run_dir
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.run_dir.clone())
    }

    /// Makes the run root's directories again (a reboot empties the run root): for a start
    /// of a container made earlier.
    pub fn ensure_run_dirs(&self) -> Result<(), StorageError> {
        let scratch = self.scratch_mount_point();
        dirs::ensure_private(&scratch).map_err(io_at(&scratch))
    }

    /// Frees the container's name (removes its reservation), if it had one.
    pub fn release_name(&self) {
        if let Some(link) = &self.name_link {
            let _ = fs::remove_file(link);
        }
    }

    /// Takes the container's lock (`<dir>/lock`, an `flock`), which the rpod that runs the
    /// container in the foreground holds for as long as it does: the kernel drops it when that
    /// rpod ends, even by SIGKILL. A transition holds it for a moment (the monitor recording an
    /// exit that `stop` already saw): it is waited for a little, [`LOCK_GRACE`], then this
    /// fails rather than waits on.
    pub fn lock(&self) -> Result<FileLock, StorageError> {
        let path = self.dir.join(LOCK_FILE);
        let deadline = std::time::Instant::now() + LOCK_GRACE;
        loop {
            match FileLock::try_exclusive(&path) {
                Ok(Some(lock)) => return Ok(lock),
                Ok(None) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(5))
                }
                Ok(None) => return Err(StorageError::Locked(self.dir.clone())),
                Err(e) => return Err(StorageError::Io(path, e)),
            }
        }
    }

    /// Writes `state.json` atomically (an exclusive temporary file renamed over it).
    pub fn write_state(&self, state: &State) -> Result<(), StorageError> {
        let data = serde_json::to_vec_pretty(state).map_err(StorageError::State)?;
        let dst = self.dir.join(STATE_FILE);
        replace::write(&dst, &data, 0o600, replace::Sync::None).map_err(io_at(&dst))
    }

    /// Changes the state under the container's lock, waiting for it (other holders hold it
    /// only for a transition, or for a start until the workload runs); returns the state
    /// written. `f` sees the state as written, not checked against the kernel.
    pub fn update_state(&self, f: impl FnOnce(&mut State)) -> Result<State, StorageError> {
        let path = self.dir.join(LOCK_FILE);
        let _lock = FileLock::exclusive(&path).map_err(io_at(&path))?;
        self.update_state_locked(f)
    }

    /// [`ContainerDir::update_state`] for a caller that holds the lock already.
    pub fn update_state_locked(&self, f: impl FnOnce(&mut State)) -> Result<State, StorageError> {
        let mut state = super::state::read_state_file(&self.dir)?;
        f(&mut state);
        self.write_state(&state)?;
        Ok(state)
    }

    /// The container's state, checked against the kernel (see [`super::state::read_state`]).
    pub fn read_state(&self) -> Result<State, StorageError> {
        read_state(&self.dir, &self.monitor_dir)
    }

    /// Records what runs now (`running.json` under the run root), atomically.
    pub fn write_running(&self, running: &Running) -> Result<(), StorageError> {
        dirs::ensure_private(&self.monitor_dir).map_err(io_at(&self.monitor_dir))?;
        let data = serde_json::to_vec(running).map_err(StorageError::State)?;
        let dst = self.monitor_dir.join(RUNNING_FILE);
        replace::write(&dst, &data, 0o600, replace::Sync::None).map_err(io_at(&dst))
    }

    /// Forgets what ran (the monitor directory goes, sockets and all).
    pub fn clear_running(&self) {
        let _ = fs::remove_dir_all(&self.monitor_dir);
    }

    /// Saves the container's spec as `config.json` (see [`super::config`]).
    pub fn write_config(&self, spec: &ContainerSpec) -> Result<(), StorageError> {
        write_config(&self.dir, spec)
    }

    /// Removes the container's directory and name. Must run inside the user namespace:
    /// the upper dir holds files owned by subordinate ids.
    pub fn remove(self) -> Result<(), StorageError> {
        self.release_name();
        self.clear_running();
        // overlayfs leaves work/work with mode 000: `remove_tree` makes it removable.
        remove_tree(&self.dir).map_err(|e| StorageError::Io(self.dir, e))
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::new_id;
    use super::super::state::Status;
    use super::*;

    #[test]
    fn create_state_names_and_remove() {
        let root = tempfile::tempdir().unwrap();
        let run = tempfile::tempdir().unwrap();
        let id = new_id();
        let (d, _lock) = ContainerDir::create(root.path(), run.path(), &id, Some("web")).unwrap();
        assert!(d.upper().is_dir() && d.work().is_dir() && d.scratch_mount_point().is_dir());
        let other = new_id();
        assert!(matches!(
            ContainerDir::create(root.path(), run.path(), &other, Some("web")),
            Err(StorageError::NameInUse(_))
        ));
        assert!(
            !root.path().join("containers").join(&other).exists(),
            "a refused name leaves no directory"
        );
        let st = State {
            id: id.clone(),
            name: "web".into(),
            image: "busybox".into(),
            image_id: "ab".repeat(32),
            command: vec!["true".into()],
            created: "2024-01-01T00:00:00Z".into(),
            status: Status::Exited,
            started: None,
            exit_code: Some(0),
            finished: None,
            oom_killed: false,
            restart_count: 0,
            stopped_by_user: false,
            running: None,
        };
        d.write_state(&st).unwrap();
        let back: State =
            serde_json::from_slice(&fs::read(d.dir.join("state.json")).unwrap()).unwrap();
        assert_eq!(back, st);
        assert_eq!(d.read_state().unwrap(), st);
        let r = Running::of(std::process::id() as i32).unwrap();
        d.write_running(&r).unwrap();
        assert!(d.monitor_dir.join(RUNNING_FILE).is_file());
        d.remove().unwrap();
        assert!(!root.path().join("containers").join(&id).exists());
        assert!(!run.path().join("containers").join(&id).exists());
        assert!(ContainerDir::create(root.path(), run.path(), &new_id(), Some("web")).is_ok());
    }

    #[test]
    fn the_lock_is_held_once() {
        let root = tempfile::tempdir().unwrap();
        let run = tempfile::tempdir().unwrap();
        let (d, created) = ContainerDir::create(root.path(), run.path(), &new_id(), None).unwrap();
        assert!(
            matches!(d.lock(), Err(StorageError::Locked(_))),
            "held from its creation"
        );
        drop(created);
        let held = d.lock().unwrap();
        assert!(matches!(d.lock(), Err(StorageError::Locked(_))));
        drop(held);
        assert!(d.lock().is_ok());
    }

    #[test]
    fn a_moment_of_another_holder_is_waited_for() {
        let root = tempfile::tempdir().unwrap();
        let run = tempfile::tempdir().unwrap();
        let (d, created) = ContainerDir::create(root.path(), run.path(), &new_id(), None).unwrap();
        // A transition elsewhere (here: another thread's hold) that ends within the grace.
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(LOCK_GRACE / 5);
            drop(created);
        });
        let start = std::time::Instant::now();
        assert!(d.lock().is_ok(), "taken once the holder let go");
        assert!(start.elapsed() < LOCK_GRACE);
        releaser.join().unwrap();
    }
}
