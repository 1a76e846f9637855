//! `rpod run`: the flags, their mapping onto the engine's options, and what `run` prints
//! (pull progress, a start failure's `Error: ...`); the sequence itself is `engine::run`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::cli::registry_flags::RegistryFlags;
use crate::engine::run::{self as engine, CallerError, RunFrontend};
use crate::engine::session::Session;
use crate::image::manifest::Platform;
use crate::image::pull::{PullObserver, PullOptions};
use crate::spec::options::RunOptions;

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

    /// The options as the engine takes them (it fills in `host_user` and `mount_program`,
    /// which are not the command line's to say).
    fn options(&self) -> RunOptions {
        RunOptions {
            host_user: None,
            mount_program: None,
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
/// `session`'s user namespace may still be in the entering: the engine prepares meanwhile.
pub fn run(args: RunArgs, session: Session) -> anyhow::Result<i32> {
    let opts = args.options();
    let policy = match args.pull {
        PullPolicy::Missing => engine::PullPolicy::Missing,
        PullPolicy::Always => engine::PullPolicy::Always,
        PullPolicy::Never => engine::PullPolicy::Never,
        PullPolicy::Newer => engine::PullPolicy::Newer,
    };
    Ok(engine::run(session, opts, policy, &args)?)
}

/// The flags a pull needs and what `run` prints.
impl RunFrontend for RunArgs {
    fn pull_options(&self, chown: bool) -> Result<PullOptions, CallerError> {
        let opts = || -> anyhow::Result<PullOptions> {
            Ok(PullOptions {
                platform: match &self.platform {
                    Some(p) => Some(Platform::parse(p).with_context(|| {
                        format!("invalid --platform {p:?}: expected OS/ARCH[/VARIANT]")
                    })?),
                    None => None,
                },
                registry: self.registry.options()?,
                authfile: self.registry.authfile.clone(),
                signature_policy: self.signature_policy.clone(),
                chown,
            })
        };
        opts().map_err(Into::into)
    }

    fn pull_observer(&self) -> Box<dyn PullObserver> {
        crate::cli::progress::for_pull(self.quiet)
    }

    fn start_failed(&self, message: &str) {
        eprintln!("Error: {message}");
    }
}

/// Podman's `--pull` policies (the engine's [`engine::PullPolicy`], as flag values).
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
