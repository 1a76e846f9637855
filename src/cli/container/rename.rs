//! `rpod rename`: a container's new name.

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::find;
use crate::engine::lifecycle::rename::rename;

/// Rename a container.
#[derive(Args, Debug)]
pub struct RenameArgs {
    /// The container (name or ID)
    pub container: String,
    /// Its new name
    pub name: String,
}

pub fn run(args: RenameArgs, ctx: &Context) -> anyhow::Result<i32> {
    let dir = find(&ctx.paths.root, &ctx.paths.runroot, &args.container)?;
    rename(&dir, &args.name)?;
    Ok(0)
}
