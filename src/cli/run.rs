//! `rpod run`: its flags (those of `create`, and `-d`) and what it prints (pull progress, a
//! start failure's `Error: ...`, the ID of a detached container); the sequence itself is
//! `engine::run`.

use anyhow::Context as _;
use clap::Args;

use std::io::IsTerminal as _;

use crate::cli::container::attach_flags::AttachFlags;
use crate::cli::container::create_flags::CreateFlags;
use crate::engine::lifecycle::attach::AttachStreams;
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
    /// Attach to these of the container's streams only: stdin, stdout, stderr (repeatable)
    #[arg(short = 'a', long = "attach", value_name = "STREAM")]
    pub attach: Vec<String>,
    #[command(flatten)]
    pub attach_flags: AttachFlags,
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
    let attach = attach_streams(&args)?;
    match engine::run(session, opts, flags.pull.engine(), attach, flags)? {
        RunOutcome::Exited(code) => Ok(code),
        // As Podman: back to the shell, the container running on (`rpod ps` shows it).
        RunOutcome::UserDetached => Ok(0),
        RunOutcome::Detached { id } => {
            println!("{id}");
            Ok(0)
        }
    }
}

/// Whether the container runs under its monitor with rpod attached (and how), rather than
/// with rpod as its parent: when the user can detach (`-it` on a terminal, detach keys not
/// disabled), picks streams (`-a`), or keeps signals from it (`--sig-proxy=false`: rpod may
/// then die while the container runs on). The plain foreground path stays the fast one.
fn attach_streams(args: &RunArgs) -> anyhow::Result<Option<AttachStreams>> {
    let flags = &args.create;
    if args.detach {
        if !args.attach.is_empty() {
            anyhow::bail!("-a and -d cannot be used together: -d runs the container in the background (follow it with rpod logs -f, or rpod attach)");
        }
        args.attach_flags
            .refuse_when_detached("with -d: rpod returns once the container runs")?;
        return Ok(None);
    }
    let keys = args.attach_flags.keys()?;
    let on_terminal = flags.tty && flags.interactive && std::io::stdin().is_terminal();
    let can_detach = on_terminal && !keys.is_empty();
    if args.attach.is_empty() && args.attach_flags.sig_proxy && !can_detach {
        return Ok(None);
    }
    let mut streams = AttachStreams {
        stdin: args.attach.is_empty(),
        stdout: args.attach.is_empty(),
        stderr: args.attach.is_empty(),
        detach_keys: keys,
        sig_proxy: args.attach_flags.sig_proxy,
        close_stdin_at_eof: true,
    };
    for stream in &args.attach {
        match stream.to_ascii_lowercase().as_str() {
            "stdin" => streams.stdin = true,
            "stdout" => streams.stdout = true,
            "stderr" => streams.stderr = true,
            _ => anyhow::bail!(
                "invalid stream {stream:?} for --attach: must be one of stdin, stdout or stderr"
            ),
        }
    }
    Ok(Some(streams))
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
