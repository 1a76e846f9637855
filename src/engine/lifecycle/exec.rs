//! `exec`: a command in a running container, joined from outside (see
//! `runtime::process::join`): the container's environment with `-e`/`--env-file` over it, its
//! user, working directory, capabilities (all with `--privileged`), seccomp filter and
//! `no_new_privs`. The exec'd process is in the container's pid namespace: it goes when the
//! container's PID 1 does.

use std::path::PathBuf;

use super::LifecycleError;
use crate::engine::container::config::read_config;
use crate::engine::container::dir::ContainerDir;
use crate::engine::run::RunError;
use crate::runtime::process::join::{detach, exec_in, supervise_exec, ExecSpec};
use crate::runtime::process::LaunchError;
use crate::spec::caps::CapSet;

/// What the caller asks of `exec`.
pub struct ExecOptions {
    pub command: Vec<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub privileged: bool,
    pub tty: bool,
    pub interactive: bool,
    pub detach: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    /// Podman's wording.
    #[error("can only create exec sessions on running containers: container state improper")]
    NotRunning,
    #[error("reading env file {0}: {1}")]
    EnvFile(PathBuf, String),
    #[error("the working directory {0:?} must be an absolute path")]
    RelativeWorkdir(String),
    #[error(transparent)]
    Launch(#[from] LaunchError),
}

/// Runs the command in the container in `dir`; returns its exit status (0 with `-d`, once it
/// runs).
pub fn exec(dir: &ContainerDir, opts: ExecOptions) -> Result<i32, ExecError> {
    let state = dir.read_state().map_err(LifecycleError::from)?;
    let running = state.running.clone().ok_or(ExecError::NotRunning)?;
    let spec = read_config(&dir.dir).map_err(LifecycleError::from)?;
    let host = |k: &str| std::env::var(k).ok();
    let mut file_env = Vec::new();
    for f in &opts.env_files {
        let text =
            std::fs::read_to_string(f).map_err(|e| ExecError::EnvFile(f.clone(), e.to_string()))?;
        file_env.extend(
            crate::spec::env::parse_file(&text, &host)
                .map_err(|e| ExecError::EnvFile(f.clone(), e.to_string()))?,
        );
    }
    let env = crate::spec::env::merge(&spec.env, &file_env, &opts.env, &host);
    let cwd = opts.workdir.clone().unwrap_or_else(|| spec.cwd.clone());
    if !cwd.starts_with('/') {
        return Err(ExecError::RelativeWorkdir(cwd));
    }
    let exec = ExecSpec {
        args: opts.command,
        env,
        cwd,
        user: opts.user.unwrap_or_else(|| spec.user.clone()),
        hostname: spec.hostname.clone(),
        umask: spec.umask,
        caps: if opts.privileged {
            CapSet::ALL
        } else {
            spec.caps
        },
        seccomp: spec.seccomp.clone(),
        no_new_privileges: spec.no_new_privileges,
        tty: opts.tty,
        interactive: opts.interactive,
        detach: opts.detach,
    };
    let still = || running.is_alive();
    let started = exec_in(running.pid, &still, &exec)?;
    if opts.detach {
        detach(started);
        return Ok(0);
    }
    Ok(supervise_exec(started)?)
}

impl From<RunError> for ExecError {
    fn from(e: RunError) -> Self {
        ExecError::Lifecycle(LifecycleError::Run(e))
    }
}
