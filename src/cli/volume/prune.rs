//! `rpod volume prune`: every volume no container uses removed, after a confirmation as
//! Podman asks for it (`-f` skips it); prints the names removed.

use clap::Args;

use crate::cli::Context;
use crate::engine::volume::remove::prune;

/// Remove all unused volumes.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

pub fn run(args: PruneArgs, ctx: &Context) -> anyhow::Result<i32> {
    if !args.force && !crate::cli::confirm("WARNING! This will remove all volumes not used by at least one container.\nAre you sure you want to continue?")? {
        return Ok(0);
    }
    for name in prune(&ctx.paths.root)? {
        println!("{name}");
    }
    Ok(0)
}
