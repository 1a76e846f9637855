//! The flags that make a container, shared by `rpod run` and `rpod create`, and their
//! mapping onto the engine's options.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::cli::registry_flags::RegistryFlags;
use crate::spec::options::RunOptions;

/// The flags that make a container, shared by `run` and `create` (Podman's
/// `ContainerCreateOptions`).
#[derive(Args, Debug, Clone)]
pub struct CreateFlags {
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
    /// Bind mount a volume (`HOST-DIR|NAME:CONTAINER-DIR[:OPTIONS]`; options `ro`, `rw`, `U`:
    /// its files given to the container's user)
    #[arg(short = 'v', long = "volume")]
    pub volume: Vec<String>,
    /// Attach a filesystem mount (`type=bind|volume|tmpfs,src=...,dst=...[,ro]`)
    #[arg(long = "mount", value_name = "MOUNT")]
    pub mount: Vec<String>,
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
    /// Add metadata to the container (`KEY=VALUE`)
    #[arg(short = 'l', long = "label")]
    pub label: Vec<String>,
    /// Add an annotation to the container (`KEY=VALUE`)
    #[arg(long)]
    pub annotation: Vec<String>,
    /// Signal that `stop` sends first (default: the image's StopSignal, else SIGTERM)
    #[arg(long = "stop-signal", value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds `stop` waits before killing the container (default 10)
    #[arg(long = "stop-timeout", value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Restart policy: `no` (default), `on-failure[:MAX]`, `always`, `unless-stopped`
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Where the output goes: `k8s-file` (default; `rpod logs` reads it), `none`, `passthrough`
    #[arg(long = "log-driver", value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Logging option: `max-size=SIZE`
    #[arg(long = "log-opt", value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Write the container's ID to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Memory limit (`b`, `k`, `m`, `g`: powers of 1024), at least 6m
    #[arg(short = 'm', long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory soft limit
    #[arg(long = "memory-reservation", value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap); needs --memory
    #[arg(long = "memory-swap", value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Number of CPUs (e.g. 0.5)
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPU CFS period, in microseconds
    #[arg(long = "cpu-period", value_name = "US")]
    pub cpu_period: Option<u64>,
    /// CPU CFS quota, in microseconds (-1: none)
    #[arg(long = "cpu-quota", value_name = "US", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// CPUs the container may run on (e.g. 0-1,3)
    #[arg(long = "cpuset-cpus", value_name = "LIST")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use (e.g. 0)
    #[arg(long = "cpuset-mems", value_name = "LIST")]
    pub cpuset_mems: Option<String>,
    /// Process limit (-1 or 0: unlimited)
    #[arg(long = "pids-limit", value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
    /// Block I/O weight (10 to 1000)
    #[arg(long = "blkio-weight", value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
    /// Remove a container of the same name first (stopping it)
    #[arg(long)]
    pub replace: bool,
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

impl CreateFlags {
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
    pub fn options(&self) -> RunOptions {
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
            mounts: self.mount.clone(),
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
            labels: self.label.clone(),
            annotations: self.annotation.clone(),
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            restart: self.restart.clone(),
            log_driver: self.log_driver.clone(),
            log_opts: self.log_opt.clone(),
            replace: self.replace,
            resources: crate::spec::resources::ResourceOptions {
                memory: self.memory.clone(),
                memory_reservation: self.memory_reservation.clone(),
                memory_swap: self.memory_swap.clone(),
                cpus: self.cpus.clone(),
                cpu_shares: self.cpu_shares,
                cpu_period: self.cpu_period,
                cpu_quota: self.cpu_quota,
                cpuset_cpus: self.cpuset_cpus.clone(),
                cpuset_mems: self.cpuset_mems.clone(),
                pids_limit: self.pids_limit,
                blkio_weight: self.blkio_weight,
            },
            detach: false,
        }
    }
}

impl CreateFlags {
    /// What rpod cannot do with these flags, refused rather than ignored.
    pub fn refuse_unsupported(&self, detach: bool) -> anyhow::Result<()> {
        if detach {
            return Ok(());
        }
        let needs_detach = |flag: &str| {
            anyhow::anyhow!("{flag} needs -d: a container run in the foreground writes to the terminal, not to a log, and rpod returns when it exits (use rpod run -d, or rpod create and rpod start)")
        };
        if self.restart.as_deref().is_some_and(|r| r != "no") {
            return Err(needs_detach("--restart"));
        }
        if self.log_driver.is_some() || !self.log_opt.is_empty() {
            return Err(needs_detach("--log-driver and --log-opt"));
        }
        Ok(())
    }

    /// `--cidfile`: the container's ID, in a file that must not exist yet (Podman's rule: two
    /// containers never share one).
    pub fn write_cidfile(&self, id: &str) -> anyhow::Result<()> {
        use std::io::Write;
        let Some(path) = &self.cidfile else {
            return Ok(());
        };
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .with_context(|| {
                format!(
                    "container id file {}: exists already or cannot be created (remove it, or give another --cidfile)",
                    path.display()
                )
            })?;
        file.write_all(id.as_bytes())
            .with_context(|| format!("writing {}", path.display()))
    }
}

impl PullPolicy {
    /// The engine's policy.
    pub fn engine(self) -> crate::engine::run::PullPolicy {
        use crate::engine::run::PullPolicy as P;
        match self {
            PullPolicy::Missing => P::Missing,
            PullPolicy::Always => P::Always,
            PullPolicy::Never => P::Never,
            PullPolicy::Newer => P::Newer,
        }
    }
}

/// Podman's `--pull` policies (the engine's `PullPolicy`, as flag values).
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
