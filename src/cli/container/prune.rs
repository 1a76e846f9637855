//! `rpod container prune`: every container that does not run removed, after a confirmation
//! as Podman asks for it (`-f` skips it); prints the IDs removed.

use clap::Args;

use crate::cli::Context;
use crate::engine::lifecycle::prune::prune;

/// Remove all containers that do not run.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

pub fn run(args: PruneArgs, ctx: &Context) -> anyhow::Result<i32> {
    if !args.force && !crate::cli::confirm("WARNING! This will remove all non running containers.\nAre you sure you want to continue?")? {
        return Ok(0);
    }
    for id in prune(&ctx.paths.root, &ctx.paths.runroot)? {
        println!("{id}");
    }
    Ok(0)
}
