//! The options of `rpod run` as the spec takes them: what the user asked for, not yet
//! checked or combined with the image's configuration (that is [`super::container`]'s job).

use std::path::PathBuf;

use super::userns_mode::HostUser;

/// The options of `rpod run`, free of any command-line library.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub image: String,
    pub command: Vec<String>,
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub name: Option<String>,
    pub read_only: bool,
    /// With `read_only`: writable tmpfs on /tmp, /var/tmp and /run (Podman's default).
    pub read_only_tmpfs: bool,
    pub volumes: Vec<String>,
    /// `--mount type=bind|volume|tmpfs,...`, after the `-v`s.
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    pub init: bool,
    /// `--init-path`: the init binary on the host (default: catatonit).
    pub init_path: Option<PathBuf>,
    /// `--umask`, octal (default: Podman's 0022).
    pub umask: Option<String>,
    pub interactive: bool,
    pub tty: bool,
    pub remove: bool,
    /// The container runs under its monitor (`run -d`, or a `run` attached to it), kept in
    /// the store as every such container is: its state written, its name reserved.
    pub detach: bool,
    /// `--memory`, `--cpus`, `--pids-limit`... as given.
    pub resources: super::resources::ResourceOptions,
    /// `--replace`: a container of the same name is removed first.
    pub replace: bool,
    pub privileged: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    pub userns: Option<String>,
    pub network: Option<String>,
    /// The invoking user, when rpod runs rootless with subordinate ids (for `--userns=keep-id`).
    pub host_user: Option<HostUser>,
    /// `storage.conf`'s `mount_program`: mount the layers with it, not the kernel's overlay.
    pub mount_program: Option<PathBuf>,
    /// `--label KEY=VALUE` (or `KEY`, an empty value).
    pub labels: Vec<String>,
    /// `--annotation KEY=VALUE`.
    pub annotations: Vec<String>,
    /// `--stop-signal` (default: the image's `StopSignal`, else SIGTERM).
    pub stop_signal: Option<String>,
    /// `--stop-timeout` in seconds (default 10).
    pub stop_timeout: Option<u64>,
    /// `--restart`.
    pub restart: Option<String>,
    /// `--log-driver`, `--log-opt`.
    pub log_driver: Option<String>,
    pub log_opts: Vec<String>,
}
