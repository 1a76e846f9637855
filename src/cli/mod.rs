//! The command line: clap definitions and printing only; the work is done by the engine.
//!
//! One file per command (as Podman's `cmd/podman/<noun>/<verb>.go`); each defines its clap
//! `Args` and a `run` function that calls the engine and prints the result.

pub mod completion;
pub mod container;
pub mod docs;
pub mod image;
pub mod logger;
pub mod progress;
pub mod registry_flags;
pub mod unshare;
pub mod volume;

use crate::config::paths::Paths;
use crate::engine::session::{Session, Userns};
use crate::runtime::userns::IdMapping;
use clap::{Parser, Subcommand};
pub use logger::LogLevel;
use std::path::PathBuf;

/// What every command gets from the global flags.
#[derive(Clone, Debug)]
pub struct Context {
    pub paths: Paths,
    /// How ids map inside rpod's user namespace (`Host` when none was entered).
    pub ids: IdMapping,
    /// `--log-level`, for the processes rpod starts that should log as it does.
    pub log_level: LogLevel,
}

/// Rootless, daemonless containers: Podman's commands, faster.
#[derive(Debug, Parser)]
#[command(
    name = "rpod",
    version = concat!("version ", env!("CARGO_PKG_VERSION")),
    about,
    max_term_width = 100,
    propagate_version = true
)]
pub struct Cli {
    /// Path to the image and container store (default: $XDG_DATA_HOME/rpod)
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Log messages at or above this level
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Warn, value_name = "LEVEL")]
    pub log_level: LogLevel,
    #[command(subcommand)]
    pub command: Command,
}

/// Each command's arguments are built only when it is the one invoked (`defer`): building all
/// of them cost `rpod run` 0.3 ms at every start.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Run a command in a new container
    Run(Box<run::RunArgs>),
    /// Create a container, without starting it
    Create(Box<container::create::CreateArgs>),
    /// Start one or more containers
    Start(container::start::StartArgs),
    /// Stop one or more containers
    Stop(container::stop::StopArgs),
    /// Send a signal to one or more running containers
    Kill(container::kill::KillArgs),
    /// Remove one or more containers
    Rm(container::rm::RmArgs),
    /// Wait until one or more containers stop, and print their exit codes
    Wait(container::wait::WaitArgs),
    /// Restart one or more containers
    Restart(container::restart::RestartArgs),
    /// Rename a container
    Rename(container::rename::RenameArgs),
    /// Pause one or more running containers
    Pause(container::pause::PauseArgs),
    /// Unpause one or more paused containers
    Unpause(container::pause::PauseArgs),
    /// List the published ports of a container
    Port(container::port::PortArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(container::ContainerCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Pull an image from a registry
    Pull(image::pull::PullArgs),
    /// List images in local storage
    Images(image::list::ListArgs),
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Add a name to a local image
    Tag(image::tag::TagArgs),
    /// Remove one or more images from local storage
    Rmi(image::rm::RmArgs),
    /// Save images to an archive
    Save(image::save::SaveArgs),
    /// Load images from an archive
    Load(image::load::LoadArgs),
    /// Log in to a container registry
    Login(crate::cli::login::LoginArgs),
    /// Log out of a container registry
    Logout(crate::cli::login::LogoutArgs),
    /// Run a command inside rpod's user namespace (e.g. to remove files of the store)
    Unshare(unshare::UnshareArgs),
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
}

impl Command {
    /// Commands that create or delete files owned by subordinate ids enter the user namespace
    /// first, while rpod is still single-threaded. `run --rm` forks a cleaner that outlives
    /// rpod (see `engine::container::removal`), which can hold what rpod should not close
    /// itself (see `userns::begin`).
    fn user_namespace(&self) -> Userns {
        match self {
            Command::Run(args) if args.create.rm && !args.detach => Userns::EnterWatchingMaps,
            Command::Container(sub) => sub.user_namespace(),
            Command::Volume(sub) => sub.user_namespace(),
            Command::Run(_)
            | Command::Pull(_)
            | Command::Rmi(_)
            | Command::Unshare(_)
            | Command::Load(_)
            | Command::Create(_)
            | Command::Start(_)
            | Command::Restart(_)
            | Command::Rm(_) => Userns::Enter,
            Command::Image(sub) if sub.needs_user_namespace() => Userns::Enter,
            _ => Userns::Skip,
        }
    }
}

impl Command {
    /// The container verbs, top-level (`rpod stop`) or not (`rpod container stop`), as one
    /// command; any other command back.
    fn into_container(self) -> Dispatch {
        use container::ContainerCommand as C;
        Dispatch::Container(match self {
            Command::Create(a) => C::Create(a),
            Command::Start(a) => C::Start(a),
            Command::Stop(a) => C::Stop(a),
            Command::Kill(a) => C::Kill(a),
            Command::Rm(a) => C::Rm(a),
            Command::Wait(a) => C::Wait(a),
            Command::Restart(a) => C::Restart(a),
            Command::Rename(a) => C::Rename(a),
            Command::Pause(a) => C::Pause(a),
            Command::Unpause(a) => C::Unpause(a),
            Command::Port(a) => C::Port(a),
            Command::Container(c) => c,
            other => return Dispatch::Other(other),
        })
    }
}

/// A command as `execute` dispatches it.
enum Dispatch {
    Container(container::ContainerCommand),
    Other(Command),
}

/// Parses the command line, enters the user namespace when needed, runs the command and
/// returns the process exit status. Errors are printed as Podman does: `Error: ...`, 125.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    logger::init(cli.log_level);
    log::info!(
        "rpod filtering at log level {}",
        format!("{:?}", cli.log_level).to_lowercase()
    );
    log::debug!("called {}", std::env::args().collect::<Vec<_>>().join(" "));
    match execute(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("Error: {}", one_line(&err));
            125
        }
    }
}

fn execute(cli: Cli) -> anyhow::Result<i32> {
    let paths = Paths::resolve(cli.root.as_deref(), cli.runroot.as_deref())?;
    let session = Session::begin(paths, cli.command.user_namespace())?;
    // `run` prepares while the id maps are being written (see `engine::session`).
    if let Command::Run(args) = cli.command {
        return run::run(*args, session);
    }
    let command = match cli.command.into_container() {
        Dispatch::Container(sub) => return sub.run(session, cli.log_level),
        Dispatch::Other(other) => other,
    };
    let (paths, ids) = session.finish()?;
    let ctx = Context {
        paths,
        ids,
        log_level: cli.log_level,
    };
    match command {
        Command::Run(_)
        | Command::Create(_)
        | Command::Start(_)
        | Command::Stop(_)
        | Command::Kill(_)
        | Command::Rm(_)
        | Command::Wait(_)
        | Command::Restart(_)
        | Command::Rename(_)
        | Command::Pause(_)
        | Command::Unpause(_)
        | Command::Port(_)
        | Command::Container(_) => unreachable!("handled above"),
        Command::Volume(sub) => sub.run(&ctx),
        Command::Pull(args) => image::pull::run(args, &ctx),
        Command::Images(args) => image::list::run(args, &ctx),
        Command::Image(sub) => sub.run(&ctx),
        Command::Tag(args) => image::tag::run(args, &ctx),
        Command::Rmi(args) => image::rm::run(args, &ctx),
        Command::Save(args) => image::save::run(args, &ctx),
        Command::Load(args) => image::load::run(args, &ctx),
        Command::Login(args) => crate::cli::login::login(args, &ctx).map(|()| 0),
        Command::Logout(args) => crate::cli::login::logout(args, &ctx).map(|()| 0),
        Command::Unshare(args) => unshare::run(args, &ctx),
        Command::Completion(args) => completion::run(args),
    }
}

/// `--help` and `--version` print and succeed; a command-line mistake is one line and 125, as
/// every other rpod error (clap's own convention is a usage block and 2).
fn usage_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            125
        }
        _ => {
            let text = e.render().to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.is_empty())
                .collect();
            let message = message.join(" ");
            eprintln!(
                "Error: {} (see --help)",
                message.strip_prefix("error: ").unwrap_or(&message)
            );
            125
        }
    }
}

/// An error and its causes on one line, without repeating a cause its parent already quotes.
pub(crate) fn one_line(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text.replace('\n', " ")
}

pub mod login;
pub mod run;
