//! `create`: the image (pulled as the policy says), the validated spec, the container's
//! directories and name, its spec saved and its state `created`. `run` is `create` then
//! `start` (in the foreground, or detached with `-d`).

use crate::engine::container::abandoned;
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::error::StorageError;
use crate::engine::container::image::ImageForRun;
use crate::engine::container::layout::{init_layer, new_id};
use crate::engine::container::lookup;
use crate::engine::container::state::{State, Status};
use crate::engine::run::{PullPolicy, RunError, RunFrontend};
use crate::engine::session::Session;
use crate::image::pull::{pull, registry_has_other_image};
use crate::image::store::Store;
use crate::runtime::bundle::Bundle;
use crate::runtime::cgroups::delegation::Delegation;
use crate::spec::container::ContainerSpec;
use crate::spec::options::RunOptions;
use crate::util::fs::lock::FileLock;

use super::now;

/// A container made and ready to start.
pub struct Created {
    pub spec: ContainerSpec,
    pub dir: ContainerDir,
    /// The paths the runtime works in.
    pub bundle: Bundle,
    /// The image's hold: `rmi` leaves the image alone while it is held (see
    /// `Store::hold_image`); whoever supervises the container keeps it.
    pub image_hold: FileLock,
    /// The state as written (`created`), for a kept container.
    pub state: State,
}

/// Makes the container of `opts`. A kept container (not `--rm`) gets its spec saved and its
/// state written, under its lock, which is returned held: a `start` that follows at once
/// keeps it until the container runs.
pub fn create(
    session: &mut Session,
    mut opts: RunOptions,
    policy: PullPolicy,
    frontend: &dyn RunFrontend,
) -> Result<(Created, Option<FileLock>), RunError> {
    let (image, image_hold) = find_image(session, &opts.image, policy, frontend)?;
    let id = new_id();
    // Looked up only when asked for: the name costs a passwd lookup.
    opts.host_user = opts.userns.as_ref().and_then(|_| session.host_user());
    opts.mount_program = crate::config::storage::mount_program();
    let mut spec = ContainerSpec::build(&opts, &image.config, &id, &|k| std::env::var(k).ok())?;
    limits_can_apply(&spec)?;
    volumes(session, &mut spec, &image.layer_dirs)?;
    let mut layers = image.layer_dirs.clone();
    layers.push(init_layer(&session.paths().root)?);
    if opts.replace {
        if let Some(name) = &opts.name {
            replace(session, name)?;
        }
    }
    let (root, runroot) = (&session.paths().root, &session.paths().runroot);
    let reserve = (opts.name.is_some() || !spec.remove).then_some(spec.name.as_str());
    let (mut dir, dir_lock) = match ContainerDir::create(root, runroot, &id, reserve) {
        // The name may be held by a container directory a killed rpod abandoned (see
        // `container::abandoned`): it is freed, and the name taken.
        // Its upper layer may hold files of subordinate owners: the id maps must be there.
        Err(StorageError::NameInUse(name)) => {
            let paths = session.paths().clone();
            session.enter()?;
            if !abandoned::remove_named(&paths.root, &paths.runroot, &name)? {
                return Err(StorageError::NameInUse(name).into());
            }
            ContainerDir::create(&paths.root, &paths.runroot, &id, reserve)?
        }
        other => other?,
    };
    let state = State {
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
    // A `--rm` container run in the foreground gets nothing written: nothing reads it
    // before it is gone, and each write is on the path `bench/run.sh` measures. But for its
    // spec when it mounts a volume: `volume rm` must see that it is in use. Its directory
    // keeps its lock until it is gone: that is what tells it from an abandoned one.
    let lock = if spec.remove && !opts.detach {
        if spec.mounts.iter().any(|m| m.volume_name().is_some()) {
            if let Err(e) = dir.write_config(&spec) {
                let _ = dir.clone().remove();
                return Err(e.into());
            }
        }
        dir.hold(dir_lock);
        None
    } else {
        match keep(&dir, &spec, &state, dir_lock) {
            Ok(lock) => Some(lock),
            Err(e) => {
                let _ = dir.clone().remove();
                return Err(e.into());
            }
        }
    };
    if let Err(e) = frontend.created(&spec.id) {
        let _ = dir.remove();
        return Err(RunError::Caller(e));
    }
    let bundle = dir.bundle(layers);
    Ok((
        Created {
            spec,
            dir,
            bundle,
            image_hold,
            state,
        },
        lock,
    ))
}

/// The spec's volumes resolved to their `_data` directories: a named one made on first use,
/// an anonymous one (no name yet) made under a new 64-hex-digit name; a volume not yet used
/// gets the image's content at its mount point (in the user namespace, which the copy of
/// the layers' owners needs).
fn volumes(
    session: &mut Session,
    spec: &mut ContainerSpec,
    layers: &[std::path::PathBuf],
) -> Result<(), RunError> {
    use crate::engine::volume::{copy_up::copy_up, create};
    use crate::spec::mounts::MountSpec;
    let root = session.paths().root.clone();
    for m in &mut spec.mounts {
        let MountSpec::Volume {
            name,
            source,
            target,
            ..
        } = m
        else {
            continue;
        };
        let volume = if name.is_empty() {
            let new = create::NewVolume {
                name: new_id(),
                anonymous: true,
                ..Default::default()
            };
            create::create(&root, &new)?
        } else {
            create::ensure(&root, name)?.0
        };
        if volume.needs_copy_up {
            session.enter()?;
            copy_up(&root, &volume.name, layers, target)?;
        }
        *name = volume.name;
        *source = volume.mountpoint;
    }
    Ok(())
}

/// Limits asked for must hold: the controllers they need delegated to the user's cgroup,
/// else the container is refused, naming what is missing (never run unlimited). Where they
/// are all there, rpod still refuses: it does not give containers cgroups of their own yet.
fn limits_can_apply(spec: &ContainerSpec) -> Result<(), RunError> {
    let needed = spec.resources.controllers();
    if needed.is_empty() {
        return Ok(());
    }
    let flags = spec.resources.flags();
    Delegation::read().check(&needed, &flags)?;
    Err(RunError::LimitsNotApplied(flags))
}

/// `--replace`: the container named `name`, if there is one, stopped and removed (which
/// needs the id maps written).
fn replace(session: &mut Session, name: &str) -> Result<(), RunError> {
    let paths = session.paths().clone();
    let dir = match lookup::find(&paths.root, &paths.runroot, name) {
        Ok(dir) => dir,
        Err(_) => return Ok(()),
    };
    session.enter()?;
    super::remove::remove(dir, true, None)
        .map_err(|e| RunError::Replace(name.to_string(), Box::new(e)))
}

/// A kept container's spec and first state, written under its `lock`, which is returned.
fn keep(
    dir: &ContainerDir,
    spec: &ContainerSpec,
    state: &State,
    lock: FileLock,
) -> Result<FileLock, StorageError> {
    dir.write_config(spec)?;
    dir.write_state(state)?;
    Ok(lock)
}

/// The image from the store, pulled first as `policy` says; and its hold, which keeps `rmi`
/// from removing it while the container uses it.
pub fn find_image(
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
