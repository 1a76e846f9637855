//! `rpod run`: the flags, and the sequence spec → storage → launch → state/cleanup.

use std::os::fd::OwnedFd;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::cli::registry_flags::RegistryFlags;
use crate::engine::container::image::ImageForRun;
use crate::engine::container::removal::{remove_detached, Cleaner};
use crate::engine::container::dir::ContainerDir;
use crate::engine::container::layout;
use crate::engine::container::state::{State, Status};
use crate::image::manifest::Platform;
use crate::image::pull::{pull, registry_has_other_image, PullOptions};
use crate::image::store::Store;
use crate::runtime::process::{launch, LaunchError};
use crate::runtime::userns::{Entering, IdMapping};
use crate::spec::container::ContainerSpec;
use crate::spec::options::RunOptions;
use crate::spec::userns_mode::HostUser;
use crate::util::fs::lock::FileLock;

/// Run a command in a new container.
#[derive(Args, Debug, Clone)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Print help (`-h` is `--hostname`, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Overwrite the image's ENTRYPOINT (a string, or a JSON array)
    #[arg(long)]
    pub entrypoint: Option<String>,
    /// Set environment variables (`FOO=bar`, or `FOO` to take the host's value)
    #[arg(short = 'e', long = "env")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long = "env-file")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long = "workdir")]
    pub workdir: Option<String>,
    /// Username or UID, optionally with a group (`user[:group]`)
    #[arg(short = 'u', long = "user")]
    pub user: Option<String>,
    /// Container host name (default: the first 12 hex digits of the container ID)
    #[arg(long, short = 'h')]
    pub hostname: Option<String>,
    /// Name of the container
    #[arg(long)]
    pub name: Option<String>,
    /// Mount the container's root filesystem read-only
    #[arg(long = "read-only")]
    pub read_only: bool,
    /// With --read-only, mount writable tmpfs on /tmp, /var/tmp and /run
    #[arg(long = "read-only-tmpfs", value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    pub read_only_tmpfs: bool,
    /// Bind mount a volume (`HOST-DIR:CONTAINER-DIR[:ro]`)
    #[arg(short = 'v', long = "volume")]
    pub volume: Vec<String>,
    /// Mount a tmpfs (`PATH[:OPTIONS]`)
    #[arg(long)]
    pub tmpfs: Vec<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Path to the container-init binary (default: catatonit)
    #[arg(long = "init-path", value_name = "PATH")]
    pub init_path: Option<PathBuf>,
    /// Set the umask of the container's process (octal; default 0022)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Keep STDIN open
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Give extended privileges to the container
    #[arg(long)]
    pub privileged: bool,
    /// Add capabilities
    #[arg(long = "cap-add")]
    pub cap_add: Vec<String>,
    /// Drop capabilities
    #[arg(long = "cap-drop")]
    pub cap_drop: Vec<String>,
    /// Security options (`no-new-privileges`, `seccomp=unconfined`, `seccomp=PROFILE.json`,
    /// `mask=PATHS`, `unmask=PATHS|ALL`)
    #[arg(long = "security-opt")]
    pub security_opt: Vec<String>,
    /// User namespace: `host` (default: you are root inside) or `keep-id[:uid=N,gid=N]`
    /// (your own uid and gid inside)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Network mode (only `none` for now)
    #[arg(long, alias = "net")]
    pub network: Option<String>,
    /// Pull the image: `missing` (default), `always`, `never`, `newer`
    #[arg(long, value_enum, default_value_t = PullPolicy::Missing, value_name = "POLICY")]
    pub pull: PullPolicy,
    /// Suppress the pull output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Platform of the image to pull (OS/ARCH[/VARIANT])
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json
    #[arg(long, value_name = "FILE")]
    pub signature_policy: Option<PathBuf>,
    /// Image to run, then the command and its arguments
    // One positional, so that everything after the image belongs to the container, as in
    // Podman: once its first value (the image) is seen, `trailing_var_arg` stops the parsing
    // of options, and `rpod run IMAGE id -u` passes `-u` to `id`.
    #[arg(
        value_names = ["IMAGE", "COMMAND"],
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    image_and_command: Vec<String>,
}

impl RunArgs {
    /// The image to run.
    pub fn image(&self) -> &str {
        &self.image_and_command[0]
    }

    /// The command and its arguments after the image (empty: the image's).
    pub fn command(&self) -> &[String] {
        &self.image_and_command[1..]
    }

    fn options(&self, ids: IdMapping) -> RunOptions {
        RunOptions {
            // Looked up only when asked for: the name costs a passwd lookup.
            host_user: self.userns.as_ref().and_then(|_| host_user(ids)),
            mount_program: crate::config::storage::mount_program(),
            image: self.image().to_string(),
            command: self.command().to_vec(),
            entrypoint: self.entrypoint.clone(),
            env: self.env.clone(),
            env_files: self.env_file.clone(),
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            hostname: self.hostname.clone(),
            name: self.name.clone(),
            read_only: self.read_only,
            read_only_tmpfs: self.read_only_tmpfs,
            volumes: self.volume.clone(),
            tmpfs: self.tmpfs.clone(),
            init: self.init,
            init_path: self.init_path.clone(),
            umask: self.umask.clone(),
            interactive: self.interactive,
            tty: self.tty,
            remove: self.rm,
            privileged: self.privileged,
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            security_opt: self.security_opt.clone(),
            userns: self.userns.clone(),
            network: self.network.clone(),
        }
    }
}

/// Runs the container in the foreground; returns its exit status (Podman's 125/126/127 when
/// it could not start the workload).
///
/// `userns` is rpod's user namespace, possibly still being mapped: everything up to the
/// launch runs meanwhile (see `runtime::userns::Entering`).
pub fn run(
    args: RunArgs,
    ctx: &crate::cli::Context,
    mut userns: Option<Entering>,
) -> anyhow::Result<i32> {
    // What only the cleaner should close (see `userns::Exiting::reap`).
    let mut outlive = Vec::new();
    let (image, _image_hold) = find_image(&args, ctx, &mut userns, &mut outlive)?;
    let id = layout::new_id();
    let spec = ContainerSpec::build(&args.options(ctx.ids), &image.config, &id, &|k| {
        std::env::var(k).ok()
    })?;
    let mut layers = image.layer_dirs.clone();
    layers.push(layout::init_layer(&ctx.paths.root)?);
    let reserve = (args.name.is_some() || !spec.remove).then_some(spec.name.as_str());
    let dir = ContainerDir::create(&ctx.paths.root, &ctx.paths.runroot, &id, reserve)?;

    let mut state = State {
        id: spec.id.clone(),
        name: spec.name.clone(),
        image: spec.image.clone(),
        image_id: image.id.clone(),
        command: spec.args.clone(),
        created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        status: Status::Created,
        pid: None,
        pid_start: None,
        exit_code: None,
        finished: None,
    };
    let mut state_error = None;
    let tmp = ctx.paths.root.join("tmp");
    let mut removal = None;
    let bundle = dir.bundle(layers);
    let result = launch(&spec, &bundle, userns, &mut outlive, &mut |pid, outlive| {
        log::debug!("started container {} ({}): pid {pid}", spec.id, spec.name);
        if spec.remove {
            let hold = std::mem::take(outlive);
            removal = Cleaner::prepare(&dir, &tmp, Some(pid), hold).ok();
        } else {
            state.status = Status::Running;
            state.pid = Some(pid.as_raw());
            state_error = dir.write_state(&state).err();
        }
    });
    let code = match result {
        Ok(code) => Ok(code),
        Err(LaunchError::Start { status, message }) => {
            eprintln!("Error: {message}");
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
            None => remove_detached(dir, &tmp, outlive),
        }
        .context("removing the container")?;
    } else {
        state.status = Status::Exited;
        state.pid = None;
        state.exit_code = code.as_ref().ok().copied();
        state.finished =
            Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true));
        dir.write_state(&state)?;
    }
    if let Some(e) = state_error {
        log::warn!("{e}");
    }
    Ok(code?)
}

/// The invoking user, if rpod maps subordinate ids for it (what `--userns=keep-id` spreads).
fn host_user(ids: IdMapping) -> Option<HostUser> {
    let IdMapping::Full {
        uid,
        gid,
        uids,
        gids,
    } = ids
    else {
        return None;
    };
    let name = crate::runtime::userns::idmap::user_name(uid);
    Some(HostUser {
        uid,
        gid,
        name,
        uid_count: uids.count,
        gid_count: gids.count,
    })
}

/// Podman's `--pull` policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PullPolicy {
    /// Pull only when the image is not in the store
    Missing,
    /// Always pull (a no-op when nothing changed)
    Always,
    /// Never pull; fail when the image is not in the store
    Never,
    /// Pull when the registry has another image under the name (a different digest); keep
    /// the local one when the registry cannot be asked
    Newer,
}

/// The image from the store, pulled first according to `--pull`.
fn find_image(
    args: &RunArgs,
    ctx: &crate::cli::Context,
    userns: &mut Option<Entering>,
    outlive: &mut Vec<OwnedFd>,
) -> anyhow::Result<(ImageForRun, FileLock)> {
    let store = Store::open(&ctx.paths.root, ctx.paths.root_origin)?;
    let present = store.index()?.find(args.image()).cloned();
    match &present {
        Some(img) => log::debug!(
            "found {} in the store: image {}",
            args.image(),
            img.id.hex()
        ),
        None => log::debug!(
            "{} is not in the store {}",
            args.image(),
            ctx.paths.root.display()
        ),
    }
    let record = match (present, args.pull) {
        (Some(img), PullPolicy::Missing | PullPolicy::Never) => img,
        (None, PullPolicy::Never) => {
            anyhow::bail!("{}: image not known (and --pull=never)", args.image())
        }
        (present, policy) => {
            let opts = PullOptions {
                platform: match &args.platform {
                    Some(p) => Some(Platform::parse(p).with_context(|| {
                        format!("invalid --platform {p:?}: expected OS/ARCH[/VARIANT]")
                    })?),
                    None => None,
                },
                registry: args.registry.options()?,
                authfile: args.registry.authfile.clone(),
                signature_policy: args.signature_policy.clone(),
                chown: ctx.ids.can_chown(),
            };
            // Unpacking needs the id maps, and the registry client starts threads.
            if let Some(entering) = userns.take() {
                outlive.extend(entering.finish()?.1);
            }
            match present {
                // Podman's `newer`: pull only when the registry has another image, and keep
                // the local one when the registry cannot say or the pull fails.
                Some(local) if policy == PullPolicy::Newer => {
                    match registry_has_other_image(&local, args.image(), &opts) {
                        Ok(true) => {
                            let observer = crate::cli::progress::for_pull(args.quiet);
                            pull(&store, args.image(), &opts, observer.as_ref()).unwrap_or(local)
                        }
                        Ok(false) | Err(_) => local,
                    }
                }
                _ => {
                    let observer = crate::cli::progress::for_pull(args.quiet);
                    pull(&store, args.image(), &opts, observer.as_ref())?
                }
            }
        }
    };
    // Held for the container's life: `rmi` leaves an image alone while a container uses it.
    let hold = store.hold_image(&record.id)?;
    let image = ImageForRun::from_store(&store, &record)?;
    if let Some(gone) = image.layer_dirs.iter().find(|d| !d.is_dir()) {
        anyhow::bail!(
            "{}: the image was removed while rpod was starting it (missing {})",
            args.image(),
            gone.display()
        );
    }
    Ok((image, hold))
}
