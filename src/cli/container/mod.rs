//! `rpod container ...` and the top-level container verbs (`create`, `start`, `stop`,
//! `kill`, `rm`, `wait`): Podman's `cmd/podman/containers/`.

pub mod attach;
pub mod attach_flags;
pub mod cp;
pub mod create;
pub mod create_flags;
pub mod diff;
pub mod exec;
pub mod exists;
pub mod inspect;
pub mod kill;
pub mod logs;
pub mod pause;
pub mod port;
pub mod prune;
pub mod ps;
pub mod rename;
pub mod restart;
pub mod rm;
pub mod start;
pub mod stop;
pub mod top;
pub mod view;
pub mod wait;

use super::Context;
use crate::engine::session::{Session, Userns};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ContainerCommand {
    /// Attach to a running container
    Attach(attach::AttachArgs),
    /// Create a container, without starting it
    Create(Box<create::CreateArgs>),
    /// Start one or more containers
    Start(start::StartArgs),
    /// Stop one or more containers
    Stop(stop::StopArgs),
    /// Send a signal to one or more running containers
    Kill(kill::KillArgs),
    /// Remove one or more containers
    Rm(rm::RmArgs),
    /// Wait until one or more containers stop, and print their exit codes
    Wait(wait::WaitArgs),
    /// Restart one or more containers
    Restart(restart::RestartArgs),
    /// Rename a container
    Rename(rename::RenameArgs),
    /// Pause one or more running containers
    Pause(pause::PauseArgs),
    /// Unpause one or more paused containers
    Unpause(pause::PauseArgs),
    /// List the published ports of a container
    Port(port::PortArgs),
    /// Remove all containers that do not run
    Prune(prune::PruneArgs),
    /// Copy files between a container and the host
    Cp(cp::CpArgs),
    /// Show what a container changed of its image
    Diff(diff::DiffArgs),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// Fetch the logs of one or more containers
    Logs(logs::LogsArgs),
    /// List containers
    #[command(name = "ls", visible_aliases = ["list", "ps"])]
    Ls(ps::PsArgs),
    /// Display the configuration of containers
    Inspect(inspect::InspectArgs),
    /// Check if a container exists (exit 0 if it does, 1 if not)
    Exists(exists::ExistsArgs),
    /// Run a process in a running container
    Exec(exec::ExecArgs),
}

impl ContainerCommand {
    /// Whether the command enters rpod's user namespace (see `Command::user_namespace`).
    pub fn user_namespace(&self) -> Userns {
        match self {
            ContainerCommand::Create(_)
            | ContainerCommand::Start(_)
            | ContainerCommand::Restart(_)
            | ContainerCommand::Rm(_)
            | ContainerCommand::Prune(_)
            | ContainerCommand::Diff(_) => Userns::Enter,
            _ => Userns::Skip,
        }
    }

    /// Runs the command in `session`: `create` and `start` keep it (a start hands the
    /// session's descriptors to the monitor); the others need only its paths.
    pub fn run(self, session: Session, log_level: crate::cli::LogLevel) -> anyhow::Result<i32> {
        let keep = match self {
            ContainerCommand::Create(args) => return create::run(*args, session),
            ContainerCommand::Start(args) => return start::run(args, session),
            ContainerCommand::Restart(args) => return restart::run(args, session),
            other => other,
        };
        let (paths, ids) = session.finish()?;
        let ctx = Context {
            paths,
            ids,
            log_level,
        };
        match keep {
            ContainerCommand::Create(_)
            | ContainerCommand::Start(_)
            | ContainerCommand::Restart(_) => unreachable!("run above"),
            ContainerCommand::Attach(args) => attach::run(args, &ctx),
            ContainerCommand::Stop(args) => stop::run(args, &ctx),
            ContainerCommand::Kill(args) => kill::run(args, &ctx),
            ContainerCommand::Rm(args) => rm::run(args, &ctx),
            ContainerCommand::Wait(args) => wait::run(args, &ctx),
            ContainerCommand::Rename(args) => rename::run(args, &ctx),
            ContainerCommand::Pause(args) => pause::run(args, &ctx, true),
            ContainerCommand::Unpause(args) => pause::run(args, &ctx, false),
            ContainerCommand::Port(args) => port::run(args, &ctx),
            ContainerCommand::Prune(args) => prune::run(args, &ctx),
            ContainerCommand::Cp(args) => cp::run(args, &ctx),
            ContainerCommand::Diff(args) => diff::run(args, &ctx),
            ContainerCommand::Top(args) => top::run(args, &ctx),
            ContainerCommand::Logs(args) => logs::run(args, &ctx),
            ContainerCommand::Ls(args) => ps::run(args, &ctx),
            ContainerCommand::Inspect(mut args) => {
                if args.kind == "all" {
                    args.kind = "container".into();
                }
                inspect::run(args, &ctx)
            }
            ContainerCommand::Exists(args) => exists::run(args, &ctx),
            ContainerCommand::Exec(args) => exec::run(args, &ctx),
        }
    }
}

/// Runs `f` on each container named, as Podman's verbs do: an error is printed and the
/// others still go; the last error is the command's. `ignore`: unknown names are skipped.
fn for_each(
    ctx: &Context,
    names: &[String],
    ignore: bool,
    f: impl FnMut(crate::engine::container::dir::ContainerDir, &str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for_each_or(ctx, names, ignore, |_| Ok(false), f)
}

/// [`for_each`], with `missing` asked first about a name no container has: true when it
/// dealt with the name itself.
fn for_each_or(
    ctx: &Context,
    names: &[String],
    ignore: bool,
    mut missing: impl FnMut(&str) -> anyhow::Result<bool>,
    mut f: impl FnMut(crate::engine::container::dir::ContainerDir, &str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use crate::engine::container::lookup::{find, LookupError};
    let mut last = None;
    for name in names {
        let result = match find(&ctx.paths.root, &ctx.paths.runroot, name) {
            Ok(dir) => f(dir, name),
            Err(LookupError::NotFound(e)) => match missing(name) {
                Ok(true) => Ok(()),
                Ok(false) if ignore => Ok(()),
                Ok(false) => Err(LookupError::NotFound(e).into()),
                Err(e) => Err(e),
            },
            Err(e) => Err(e.into()),
        };
        if let Err(e) = result {
            if let Some(prev) = last.replace(e) {
                eprintln!("Error: {}", super::one_line(&prev));
            }
        }
    }
    match last {
        None => Ok(()),
        Some(e) => Err(e),
    }
}

/// The names given, or with `all` the IDs of every container (`running_only`: of those that
/// run).
fn names_or_all(
    ctx: &Context,
    names: &[String],
    all: bool,
    running_only: bool,
) -> anyhow::Result<Vec<String>> {
    if !all {
        return Ok(names.to_vec());
    }
    let dirs = crate::engine::container::lookup::all(&ctx.paths.root, &ctx.paths.runroot)?;
    Ok(dirs
        .into_iter()
        .filter(|d| !running_only || d.read_state().is_ok_and(|s| s.status.is_running()))
        .map(|d| d.id().to_string())
        .collect())
}
