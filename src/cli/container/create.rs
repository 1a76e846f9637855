//! `rpod create`: a container made from its flags (those of `run` but `-d`), not started;
//! prints its ID.

use clap::Args;

use super::create_flags::CreateFlags;
use crate::engine::lifecycle::create::create;
use crate::engine::session::Session;

/// Create a container, without starting it.
#[derive(Args, Debug, Clone)]
#[command(disable_help_flag = true)]
pub struct CreateArgs {
    /// Print help (`-h` is `--hostname`, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    #[command(flatten)]
    pub create: CreateFlags,
}

pub fn run(args: CreateArgs, mut session: Session) -> anyhow::Result<i32> {
    let flags = &args.create;
    // A created container is started by `start`, under its monitor: as `run -d`.
    flags.refuse_unsupported(true)?;
    let mut opts = flags.options();
    // Its state is written even with --rm (`start` reads it).
    opts.detach = true;
    let (created, lock) = create(&mut session, opts, flags.pull.engine(), flags)?;
    drop(lock);
    println!("{}", created.spec.id);
    Ok(0)
}
