//! `rpod run`: its flags (those of `create`, and `-d`) and what it prints (pull progress, a
//! start failure's `Error: ...`, the ID of a detached container); the sequence itself is
//! `engine::run`.

use anyhow::Context as _;
use clap::Args;

use crate::cli::container::create_flags::CreateFlags;
use crate::engine::run::{self as engine, CallerError, RunFrontend, RunOutcome};
use crate::engine::session::Session;
use crate::image::manifest::Platform;
use crate::image::pull::{PullObserver, PullOptions};

/// Run a command in a new container.
#[derive(Args, Debug, Clone)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Print help (`-h` is `--hostname`, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Run the container in the background and print its ID
    #[arg(short = 'd', long)]
    pub detach: bool,
    #[command(flatten)]
    pub create: CreateFlags,
}

/// Runs the container in the foreground; returns its exit status (Podman's 125/126/127 when
/// it could not start the workload).
///
/// `session`'s user namespace may still be in the entering: the engine prepares meanwhile.
pub fn run(args: RunArgs, session: Session) -> anyhow::Result<i32> {
    let flags = &args.create;
    let mut opts = flags.options();
    opts.detach = args.detach;
    flags.refuse_unsupported(args.detach)?;
    match engine::run(session, opts, flags.pull.engine(), flags)? {
        RunOutcome::Exited(code) => Ok(code),
        RunOutcome::Detached { id } => {
            println!("{id}");
            Ok(0)
        }
    }
}

/// The flags a pull needs and what `run` and `create` print.
impl RunFrontend for CreateFlags {
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

    fn created(&self, id: &str) -> Result<(), CallerError> {
        self.write_cidfile(id).map_err(Into::into)
    }

    fn start_failed(&self, message: &str) {
        eprintln!("Error: {message}");
    }
}
