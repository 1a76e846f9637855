//! One container spec, built once from the options ([`super::options`]) and the image's
//! configuration and validated in one place (Podman's `pkg/specgen`): everything after this
//! point takes the spec as settled fact. It is saved with the container (`config.json`), so
//! that a later start takes it as it was settled.

use std::collections::BTreeMap;
use std::path::PathBuf;

use oci_spec::image::ImageConfiguration;
use serde::{Deserialize, Serialize};

use super::caps::{self, CapSet};
use super::command::command;
use super::env;
use super::init_path;
use super::logging::{self, LogDriver};
use super::masks::{self, Masks};
use super::mounts::{self, MountSpec};
use super::options::RunOptions;
use super::resources::{ResourceError, Resources};
use super::restart::{RestartError, RestartPolicy};
use super::seccomp::{self, Seccomp};
use super::security_opt::security_opts;
use super::signal::{parse_signal, SignalError};
use super::userns_mode::{self, KeepId};

/// Everything the runtime needs to start the container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerSpec {
    pub id: String,
    pub name: String,
    pub image: String,
    /// argv of the workload (`entrypoint` then `cmd`); never empty.
    pub args: Vec<String>,
    /// The entrypoint part of `args`, for `inspect` (empty in a spec saved before it was kept).
    #[serde(default)]
    pub entrypoint: Vec<String>,
    /// The command part of `args`, for `inspect`.
    #[serde(default)]
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    /// Absolute working directory in the container.
    pub cwd: String,
    /// `user[:group]` as given (or the image's `User`), resolved in the container's files.
    pub user: String,
    pub hostname: String,
    pub read_only: bool,
    pub mounts: Vec<MountSpec>,
    /// The resource limits (cgroup v2).
    #[serde(default)]
    pub resources: Resources,
    /// `-v ...:U`: the targets of the mounts whose files are given to the container's user
    /// before it starts.
    #[serde(default)]
    pub chown_to_user: Vec<PathBuf>,
    /// `--init`: the host's init binary (catatonit), bound read-only into the container and
    /// run as its PID 1.
    pub init: Option<PathBuf>,
    /// The container process's umask: the caller's own must not leak in (under `umask 077`
    /// the container's `/etc/hosts` would be unreadable to any user but root).
    pub umask: u32,
    pub interactive: bool,
    pub tty: bool,
    pub remove: bool,
    pub privileged: bool,
    pub caps: CapSet,
    pub no_new_privileges: bool,
    pub seccomp: Seccomp,
    /// `--security-opt mask=`/`unmask=`.
    pub masks: Masks,
    /// `--userns=keep-id`: the container runs in a user namespace nested in rpod's.
    pub keep_id: Option<KeepId>,
    /// A FUSE program to mount the layers with (fuse-overlayfs), from `storage.conf`.
    pub mount_program: Option<PathBuf>,
    /// The image's labels with `--label`s over them (Podman's `Config.Labels`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// What `stop` sends first (a signal number).
    #[serde(default = "default_stop_signal")]
    pub stop_signal: i32,
    /// Seconds `stop` waits before SIGKILL.
    #[serde(default = "default_stop_timeout")]
    pub stop_timeout: u64,
    #[serde(default)]
    pub restart: RestartPolicy,
    #[serde(default)]
    pub log: LogDriver,
}

fn default_stop_signal() -> i32 {
    libc::SIGTERM
}

/// Podman's default `--stop-timeout`.
pub const DEFAULT_STOP_TIMEOUT: u64 = 10;

fn default_stop_timeout() -> u64 {
    DEFAULT_STOP_TIMEOUT
}

#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error(transparent)]
    Resources(#[from] ResourceError),
    #[error("invalid volume {0:?}: the U option (files given to the container's user) is not supported with --userns=keep-id yet: your own files need no change of owner there")]
    ChownKeepId(String),
    #[error("no command or entrypoint provided, and no CMD or ENTRYPOINT from image")]
    NoCommand,
    #[error("invalid --entrypoint {0:?}: {1}")]
    Entrypoint(String, serde_json::Error),
    #[error("the working directory {0:?} must be an absolute path")]
    RelativeWorkdir(String),
    #[error("invalid hostname {0:?}")]
    Hostname(String),
    #[error("invalid container name {0:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-]* is allowed")]
    Name(String),
    #[error(transparent)]
    Mount(#[from] mounts::MountError),
    #[error(transparent)]
    Caps(#[from] caps::CapError),
    #[error("reading env file {0}: {1}")]
    EnvFileRead(PathBuf, std::io::Error),
    #[error("env file {0}: {1}")]
    EnvFile(PathBuf, env::EnvError),
    #[error("invalid --security-opt {0:?}")]
    SecurityOpt(String),
    #[error(transparent)]
    SeccompProfile(#[from] seccomp::LoadError),
    #[error("--network {0:?} is not supported yet: only \"none\" is")]
    Network(String),
    #[error(transparent)]
    Userns(#[from] userns_mode::UsernsModeError),
    #[error(transparent)]
    Init(#[from] init_path::InitPathError),
    #[error("invalid --umask {0:?}: give an octal mask from 0000 to 0777, such as 0022")]
    Umask(String),
    #[error(transparent)]
    Masks(#[from] masks::MaskError),
    #[error("invalid {0} {1:?}: give KEY=VALUE")]
    KeyValue(&'static str, String),
    #[error("invalid --stop-signal: {0}")]
    StopSignal(SignalError),
    #[error("the image's StopSignal {0:?} is not a signal rpod knows: give --stop-signal")]
    ImageStopSignal(String),
    #[error(transparent)]
    Restart(#[from] RestartError),
    #[error(
        "the --rm option conflicts with --restart, when the restartPolicy is not \"\" and \"no\""
    )]
    RemoveAndRestart,
    #[error(transparent)]
    Log(#[from] logging::LogError),
}

impl ContainerSpec {
    /// Builds and validates the spec. `host_env` gives the host's variables for `-e FOO`.
    pub fn build(
        opts: &RunOptions,
        image: &ImageConfiguration,
        id: &str,
        host_env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ContainerSpec, SpecError> {
        let cfg = image.config().as_ref();
        let command = command(
            opts,
            cfg.and_then(|c| c.entrypoint().as_deref()),
            cfg.and_then(|c| c.cmd().as_deref()),
        )?;
        let args = command.argv();

        let mut file_env = Vec::new();
        for f in &opts.env_files {
            let text =
                std::fs::read_to_string(f).map_err(|e| SpecError::EnvFileRead(f.clone(), e))?;
            file_env.extend(
                env::parse_file(&text, host_env).map_err(|e| SpecError::EnvFile(f.clone(), e))?,
            );
        }
        let image_env = cfg.and_then(|c| c.env().as_deref()).unwrap_or_default();
        let env = env::merge(image_env, &file_env, &opts.env, host_env);

        let cwd = opts
            .workdir
            .clone()
            .or_else(|| cfg.and_then(|c| c.working_dir().clone()))
            .unwrap_or_default();
        let cwd = if cwd.is_empty() { "/".to_string() } else { cwd };
        if !cwd.starts_with('/') {
            return Err(SpecError::RelativeWorkdir(cwd));
        }
        let keep_id = userns_mode::parse(opts.userns.as_deref(), opts.host_user.as_ref())?;
        // With keep-id the user's own ids are the default user, over the image's (Podman).
        let user = opts
            .user
            .clone()
            .or_else(|| keep_id.as_ref().map(|k| format!("{}:{}", k.uid, k.gid)))
            .or_else(|| cfg.and_then(|c| c.user().clone()))
            .unwrap_or_default();

        let hostname = opts
            .hostname
            .clone()
            .unwrap_or_else(|| id[..12.min(id.len())].to_string());
        if hostname.is_empty() || hostname.len() > 64 || hostname.contains(['/', ' ', '\0']) {
            return Err(SpecError::Hostname(hostname));
        }
        let name = match &opts.name {
            Some(n) => {
                if !valid_name(n) {
                    return Err(SpecError::Name(n.clone()));
                }
                n.clone()
            }
            None => format!("rpod-{}", &id[..12.min(id.len())]),
        };

        // The host's CPUs and memory nodes, read only for the flags that are checked against
        // them (the start-up path of a plain `run` reads nothing more).
        let r = &opts.resources;
        let host = |path: &str, needed: bool| match needed {
            true => host_file(path),
            false => String::new(),
        };
        let resources = Resources::parse(
            r,
            &host(
                "/sys/devices/system/cpu/online",
                r.cpus.is_some() || r.cpuset_cpus.is_some(),
            ),
            &host("/sys/devices/system/node/online", r.cpuset_mems.is_some()),
        )?;
        let mut mounts = Vec::new();
        let mut chown_to_user = Vec::new();
        for v in &opts.volumes {
            let m = mounts::parse_volume(v)?;
            if mounts::volume_chowns(v) {
                if keep_id.is_some() {
                    return Err(SpecError::ChownKeepId(v.clone()));
                }
                chown_to_user.push(m.target().to_path_buf());
            }
            mounts.push(m);
        }
        for m in &opts.mounts {
            mounts.push(mounts::parse_mount(m)?);
        }
        for t in &opts.tmpfs {
            mounts.push(mounts::parse_tmpfs(t)?);
        }
        // The image's `VOLUME`s become anonymous volumes (Podman's `--image-volume=bind`)
        // where the user mounted nothing of their own.
        let image_volumes = cfg.and_then(|c| c.volumes().as_ref());
        for path in image_volumes.into_iter().flatten() {
            let target = std::path::Path::new(path);
            if target.is_absolute() && !mounts.iter().any(|m| m.target() == target) {
                mounts.push(MountSpec::Volume {
                    name: String::new(),
                    source: PathBuf::new(),
                    target: target.to_path_buf(),
                    readonly: false,
                });
            }
        }
        if opts.read_only && opts.read_only_tmpfs {
            for (path, mode) in [("/tmp", "1777"), ("/var/tmp", "1777"), ("/run", "0755")] {
                if !mounts
                    .iter()
                    .any(|m| m.target() == std::path::Path::new(path))
                {
                    mounts.push(mounts::parse_tmpfs(&format!("{path}:rw,exec,mode={mode}"))?);
                }
            }
        }

        let base = if opts.privileged {
            CapSet::ALL
        } else {
            CapSet::podman_default()
        };
        let caps = caps::merge(base, &opts.cap_add, &opts.cap_drop)?;
        let (no_new_privileges, seccomp) = security_opts(&opts.security_opt, opts.privileged)?;
        let masks = masks::from_security_opts(&opts.security_opt)?;

        let init = init_path::resolve(opts.init, opts.init_path.as_deref())?;
        let umask = match opts.umask.as_deref() {
            None => DEFAULT_UMASK,
            Some(m) => parse_umask(m).ok_or_else(|| SpecError::Umask(m.to_string()))?,
        };

        match opts.network.as_deref() {
            None | Some("none") => {}
            Some(other) => return Err(SpecError::Network(other.to_string())),
        }

        let mut labels: BTreeMap<String, String> = cfg
            .and_then(|c| c.labels().clone())
            .unwrap_or_default()
            .into_iter()
            .collect();
        labels.extend(key_values("--label", &opts.labels)?);
        let annotations = key_values("--annotation", &opts.annotations)?;
        let stop_signal = match (&opts.stop_signal, cfg.and_then(|c| c.stop_signal().clone())) {
            (Some(s), _) => parse_signal(s).map_err(SpecError::StopSignal)?,
            (None, Some(s)) => parse_signal(&s).map_err(|_| SpecError::ImageStopSignal(s))?,
            (None, None) => default_stop_signal(),
        };
        let restart = RestartPolicy::parse(opts.restart.as_deref().unwrap_or("no"))?;
        if opts.remove && restart != RestartPolicy::No {
            return Err(SpecError::RemoveAndRestart);
        }
        let log = logging::log_driver(opts.log_driver.as_deref(), &opts.log_opts)?;

        Ok(ContainerSpec {
            id: id.to_string(),
            name,
            image: opts.image.clone(),
            args,
            entrypoint: command.entrypoint,
            cmd: command.cmd,
            env,
            cwd,
            user,
            hostname,
            read_only: opts.read_only,
            mounts,
            init,
            umask,
            interactive: opts.interactive,
            tty: opts.tty,
            remove: opts.remove,
            privileged: opts.privileged,
            caps,
            no_new_privileges,
            seccomp,
            masks,
            keep_id,
            chown_to_user,
            resources,
            mount_program: opts.mount_program.clone(),
            labels,
            annotations,
            stop_signal,
            stop_timeout: opts.stop_timeout.unwrap_or(DEFAULT_STOP_TIMEOUT),
            restart,
            log,
        })
    }
}

/// Whether `n` is a container name as Podman allows them: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub fn valid_name(n: &str) -> bool {
    n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

/// `KEY=VALUE` pairs (`KEY` alone: an empty value, as Podman's `--label`).
fn key_values(flag: &'static str, items: &[String]) -> Result<BTreeMap<String, String>, SpecError> {
    let mut out = BTreeMap::new();
    for item in items {
        let (k, v) = item.split_once('=').unwrap_or((item, ""));
        if k.is_empty() {
            return Err(SpecError::KeyValue(flag, item.clone()));
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// Podman's default `--umask`.
const DEFAULT_UMASK: u32 = 0o022;

/// An octal umask as Podman takes it (`22`, `0022`, `0o077` is not accepted).
fn parse_umask(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    u32::from_str_radix(s, 8).ok().filter(|&m| m <= 0o777)
}

/// A host fact (`/sys/devices/system/cpu/online`); `0` where it cannot be read.
fn host_file(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|_| "0".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::options::RunOptions;

    fn image(json: &str) -> ImageConfiguration {
        ImageConfiguration::from_reader(json.as_bytes()).unwrap()
    }

    fn busybox() -> ImageConfiguration {
        image(
            r#"{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin","A=1"],"Cmd":["sh"]},
                "rootfs":{"type":"layers","diff_ids":[]}}"#,
        )
    }

    fn httpd() -> ImageConfiguration {
        image(
            r#"{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/httpd","-f"],"Cmd":["-p","80"],
                "User":"1000","WorkingDir":"/www"},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        )
    }

    const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn build(o: RunOptions, i: &ImageConfiguration) -> Result<ContainerSpec, SpecError> {
        ContainerSpec::build(&o, i, ID, &|k| (k == "H").then(|| "h".into()))
    }

    #[test]
    fn defaults_from_image() {
        let s = build(RunOptions::default(), &busybox()).unwrap();
        assert_eq!(s.args, ["sh"]);
        assert_eq!(s.env, ["PATH=/bin", "A=1"]);
        assert_eq!(
            (s.cwd.as_str(), s.user.as_str(), s.hostname.as_str()),
            ("/", "", "0123456789ab")
        );
        assert_eq!(s.caps, CapSet::podman_default());
        assert!(s.seccomp == Seccomp::Default && !s.no_new_privileges);
    }

    #[test]
    fn entrypoint_and_cmd() {
        let s = build(RunOptions::default(), &httpd()).unwrap();
        assert_eq!(s.args, ["/httpd", "-f", "-p", "80"]);
        assert_eq!(
            (s.entrypoint.as_slice(), s.cmd.as_slice()),
            (
                &["/httpd".to_string(), "-f".into()][..],
                &["-p".to_string(), "80".into()][..]
            )
        );
        assert_eq!((s.cwd.as_str(), s.user.as_str()), ("/www", "1000"));
        let o = RunOptions {
            command: vec!["-h".into()],
            ..Default::default()
        };
        assert_eq!(build(o, &httpd()).unwrap().args, ["/httpd", "-f", "-h"]);
        let o = RunOptions {
            entrypoint: Some("/bin/sh".into()),
            ..Default::default()
        };
        assert_eq!(build(o, &httpd()).unwrap().args, ["/bin/sh"]);
        let o = RunOptions {
            entrypoint: Some(r#"["/bin/sh","-c"]"#.into()),
            command: vec!["id".into()],
            ..Default::default()
        };
        let s = build(o, &httpd()).unwrap();
        assert_eq!(s.args, ["/bin/sh", "-c", "id"]);
        assert_eq!(
            (s.entrypoint.len(), s.cmd.as_slice()),
            (2, &["id".to_string()][..])
        );
        let o = RunOptions {
            entrypoint: Some(String::new()),
            command: vec!["ls".into()],
            ..Default::default()
        };
        assert_eq!(build(o, &httpd()).unwrap().args, ["ls"]);
        let o = RunOptions {
            entrypoint: Some(String::new()),
            ..Default::default()
        };
        assert!(matches!(build(o, &httpd()), Err(SpecError::NoCommand)));
    }

    #[test]
    fn options_override() {
        let o = RunOptions {
            env: vec!["A=2".into(), "H".into()],
            workdir: Some("/tmp".into()),
            user: Some("app:app".into()),
            hostname: Some("box".into()),
            volumes: vec!["/h:/c:ro".into()],
            tmpfs: vec!["/run".into()],
            cap_drop: vec!["all".into()],
            security_opt: vec!["no-new-privileges".into(), "seccomp=unconfined".into()],
            network: Some("none".into()),
            ..Default::default()
        };
        let s = build(o, &busybox()).unwrap();
        assert_eq!(s.env, ["PATH=/bin", "A=2", "H=h"]);
        assert_eq!(
            (s.cwd.as_str(), s.user.as_str(), s.hostname.as_str()),
            ("/tmp", "app:app", "box")
        );
        assert_eq!(s.mounts.len(), 2);
        assert_eq!(s.caps, CapSet(0));
        assert!(s.no_new_privileges && s.seccomp == Seccomp::Unconfined);
    }

    #[test]
    fn invalid_options() {
        let bad = |o: RunOptions| build(o, &busybox()).is_err();
        assert!(bad(RunOptions {
            workdir: Some("tmp".into()),
            ..Default::default()
        }));
        assert!(bad(RunOptions {
            network: Some("host".into()),
            ..Default::default()
        }));
        assert!(bad(RunOptions {
            security_opt: vec!["bogus".into()],
            ..Default::default()
        }));
        assert!(bad(RunOptions {
            name: Some("-x".into()),
            ..Default::default()
        }));
        assert!(bad(RunOptions {
            cap_add: vec!["nope".into()],
            ..Default::default()
        }));
    }
}
