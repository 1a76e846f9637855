//! The command line: clap definitions and printing only; the work is done by the engine.
//!
//! One file per command (as Podman's `cmd/podman/<noun>/<verb>.go`); each defines its clap
//! `Args` and a `run` function that calls the engine and prints the result.

pub mod completion;
pub mod container;
pub mod docs;
pub mod examples;
pub mod image;
pub mod logger;
pub mod man_sections;
pub mod progress;
pub mod registry_flags;
pub mod system;
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
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// The flags every command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Path to the image and container store (default: $XDG_DATA_HOME/rpod)
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Log messages at or above this level
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Warn, value_name = "LEVEL")]
    pub log_level: LogLevel,
}

impl Cli {
    /// Parses `args`. `rpod run`, whose start-up is what rpod is measured by, gets a parser of
    /// its own: the global flags and `run` alone. Building the whole tree of commands (forty
    /// odd, each with its name, help and settings) cost it 0.2 ms and eighty page faults at
    /// every start; the two parsers give the same result (see the tests below).
    pub fn parse_args(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
        use clap::{Args as _, FromArgMatches as _};
        if invoked(&args) != Some("run") {
            return Cli::try_parse_from(args);
        }
        let root = clap::Command::new("rpod")
            .version(concat!("version ", env!("CARGO_PKG_VERSION")))
            .max_term_width(100)
            .propagate_version(true);
        let run_cmd = run::RunArgs::augment_args(
            clap::Command::new("run").about("Run a command in a new container"),
        );
        let matches = GlobalArgs::augment_args(root)
            .subcommand(run_cmd)
            .try_get_matches_from(args)?;
        let global = GlobalArgs::from_arg_matches(&matches)?;
        let (_, sub) = matches
            .subcommand()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
        let args = run::RunArgs::from_arg_matches(sub)?;
        Ok(Cli {
            global,
            command: Command::Run(Box::new(args)),
        })
    }
}

/// The subcommand's name: the first argument that is not a global flag or its value; `None`
/// when anything else comes first (the full parser then says what is wrong).
fn invoked(args: &[std::ffi::OsString]) -> Option<&str> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_str()?;
        match a {
            "--root" | "--runroot" | "--log-level" => {
                it.next()?;
            }
            _ if a.starts_with("--root=")
                || a.starts_with("--runroot=")
                || a.starts_with("--log-level=") => {}
            _ if a.starts_with('-') => return None,
            name => return Some(name),
        }
    }
    None
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
    /// Attach to a running container
    Attach(container::attach::AttachArgs),
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
    /// Copy files between a container and the host
    Cp(container::cp::CpArgs),
    /// Show what a container changed of its image
    Diff(container::diff::DiffArgs),
    /// Display the running processes of a container
    Top(container::top::TopArgs),
    /// Fetch the logs of one or more containers
    Logs(container::logs::LogsArgs),
    /// List containers
    Ps(container::ps::PsArgs),
    /// Run a process in a running container
    Exec(container::exec::ExecArgs),
    /// Display the configuration of containers or images
    Inspect(container::inspect::InspectArgs),
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
    /// Display the rpod version information
    Version(system::version::VersionArgs),
    /// Display rpod related system information
    Info(system::info::InfoArgs),
    /// Manage rpod (disk usage, information)
    #[command(subcommand)]
    System(system::SystemCommand),
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
            Command::System(sub) => sub.user_namespace(),
            Command::Run(_)
            | Command::Pull(_)
            | Command::Rmi(_)
            | Command::Unshare(_)
            | Command::Load(_)
            | Command::Create(_)
            | Command::Start(_)
            | Command::Restart(_)
            | Command::Rm(_)
            | Command::Diff(_) => Userns::Enter,
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
            Command::Attach(a) => C::Attach(a),
            Command::Stop(a) => C::Stop(a),
            Command::Kill(a) => C::Kill(a),
            Command::Rm(a) => C::Rm(a),
            Command::Wait(a) => C::Wait(a),
            Command::Restart(a) => C::Restart(a),
            Command::Rename(a) => C::Rename(a),
            Command::Pause(a) => C::Pause(a),
            Command::Unpause(a) => C::Unpause(a),
            Command::Port(a) => C::Port(a),
            Command::Cp(a) => C::Cp(a),
            Command::Diff(a) => C::Diff(a),
            Command::Top(a) => C::Top(a),
            Command::Logs(a) => C::Logs(a),
            Command::Ps(a) => C::Ls(a),
            Command::Exec(a) => C::Exec(a),
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
    let cli = match Cli::parse_args(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    logger::init(cli.global.log_level);
    log::info!(
        "rpod filtering at log level {}",
        format!("{:?}", cli.global.log_level).to_lowercase()
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
    let paths = Paths::resolve(cli.global.root.as_deref(), cli.global.runroot.as_deref())?;
    let session = Session::begin(paths, cli.command.user_namespace())?;
    // `run` prepares while the id maps are being written (see `engine::session`).
    if let Command::Run(args) = cli.command {
        return run::run(*args, session);
    }
    let command = match cli.command.into_container() {
        Dispatch::Container(sub) => return sub.run(session, cli.global.log_level),
        Dispatch::Other(other) => other,
    };
    let (paths, ids) = session.finish()?;
    let ctx = Context {
        paths,
        ids,
        log_level: cli.global.log_level,
    };
    match command {
        Command::Run(_)
        | Command::Create(_)
        | Command::Start(_)
        | Command::Attach(_)
        | Command::Stop(_)
        | Command::Kill(_)
        | Command::Rm(_)
        | Command::Wait(_)
        | Command::Restart(_)
        | Command::Rename(_)
        | Command::Pause(_)
        | Command::Unpause(_)
        | Command::Port(_)
        | Command::Cp(_)
        | Command::Diff(_)
        | Command::Top(_)
        | Command::Logs(_)
        | Command::Ps(_)
        | Command::Exec(_)
        | Command::Container(_) => unreachable!("handled above"),
        Command::Inspect(args) => container::inspect::run(args, &ctx),
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
        Command::Version(args) => system::version::run(args),
        Command::Info(args) => system::info::run(args, &ctx),
        Command::System(sub) => sub.run(&ctx),
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

/// Asks `question` on stdout and reads the answer from stdin, as Podman's prune commands do:
/// an answer starting with `y` or `Y` goes on, any other line does not; stdin ending before a
/// whole line is Podman's `Error: EOF`.
pub(crate) fn confirm(question: &str) -> anyhow::Result<bool> {
    use std::io::{BufRead, Write};
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if !answer.ends_with('\n') {
        anyhow::bail!("EOF");
    }
    Ok(answer.starts_with(['y', 'Y']))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn userns(args: &[&str]) -> Userns {
        let mut argv = vec!["rpod"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv).unwrap().command.user_namespace()
    }

    /// `rpod VERB` and `rpod container VERB` are one command: they enter the user namespace
    /// alike (a top-level alias that stayed outside could not remove or read what it must).
    #[test]
    fn container_verbs_enter_alike_at_both_levels() {
        let cases: &[&[&str]] = &[
            &["create", "alpine"],
            &["start", "c"],
            &["stop", "c"],
            &["kill", "c"],
            &["rm", "c"],
            &["wait", "c"],
            &["restart", "c"],
            &["rename", "c", "d"],
            &["pause", "c"],
            &["unpause", "c"],
            &["port", "c"],
            &["cp", "c:/a", "b"],
            &["diff", "c"],
            &["top", "c"],
            &["logs", "c"],
            &["ps", "-a"],
            &["exec", "c", "true"],
        ];
        for args in cases {
            let mut nested = vec!["container"];
            nested.extend_from_slice(args);
            assert_eq!(userns(args), userns(&nested), "{args:?}");
        }
        assert_eq!(userns(&["rm", "c"]), Userns::Enter);
        assert_eq!(userns(&["stop", "c"]), Userns::Skip);
    }

    /// `rpod run`'s own parser and the whole tree's agree: the same options, the same help,
    /// the same refusals.
    #[test]
    fn runs_parser_agrees_with_the_whole_tree() {
        use clap::CommandFactory;
        let os = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        for argv in [
            &[
                "rpod",
                "run",
                "--rm",
                "--network",
                "none",
                "busybox",
                "true",
            ][..],
            &[
                "rpod",
                "--root",
                "/r",
                "--log-level=debug",
                "run",
                "-d",
                "--name",
                "x",
                "-e",
                "A=1",
                "-v",
                "/a:/b",
                "alpine",
                "id",
                "-u",
            ],
            &[
                "rpod",
                "run",
                "--runroot",
                "/rr",
                "-it",
                "--restart",
                "always",
                "alpine",
                "sh",
            ],
            &[
                "rpod",
                "--runroot=/rr",
                "run",
                "-h",
                "host",
                "--label",
                "k=v",
                "alpine",
            ],
        ] {
            let fast = Cli::parse_args(os(argv)).unwrap();
            let full = Cli::try_parse_from(argv).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{argv:?}");
        }
        for bad in [
            &["rpod", "run"][..],
            &["rpod", "run", "--nope", "alpine"],
            &["rpod", "run", "--pull", "sometimes", "alpine"],
        ] {
            let fast = Cli::parse_args(os(bad)).unwrap_err();
            let full = Cli::try_parse_from(bad).unwrap_err();
            assert_eq!(fast.kind(), full.kind(), "{bad:?}");
        }
        let help = |e: clap::Error| e.render().to_string();
        let fast = help(Cli::parse_args(os(&["rpod", "run", "--help"])).unwrap_err());
        let full = help(Cli::try_parse_from(["rpod", "run", "--help"]).unwrap_err());
        assert_eq!(fast, full);
        // Not `run`: the whole tree.
        assert!(matches!(
            Cli::parse_args(os(&["rpod", "ps", "-a"])).unwrap().command,
            Command::Ps(_)
        ));
        let _ = Cli::command();
    }

    /// Commands that only read must never enter the user namespace: no `newuidmap`, no
    /// helper process, and fast.
    #[test]
    fn reading_commands_skip_the_user_namespace() {
        for argv in [
            &["rpod", "version"][..],
            &["rpod", "info", "--format", "json"],
            &["rpod", "system", "info"],
            &["rpod", "system", "df", "-v"],
        ] {
            let cli = Cli::try_parse_from(argv).unwrap();
            assert_eq!(cli.command.user_namespace(), Userns::Skip, "{argv:?}");
        }
    }

    /// `system prune` and `system reset` delete layers, writable layers and volumes, which
    /// hold files of subordinate owners: they enter the user namespace.
    #[test]
    fn system_prune_and_reset_enter_the_user_namespace() {
        assert_eq!(userns(&["system", "prune", "-a"]), Userns::Enter);
        assert_eq!(userns(&["system", "reset", "-f"]), Userns::Enter);
    }
}
