//! `rpod container exists`: status 0 if the container is there, 1 if not, as Podman's.

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::{find, LookupError};

/// Check if a container exists (exit 0 if it does, 1 if not).
#[derive(Args, Debug)]
pub struct ExistsArgs {
    /// The container (name or ID)
    pub container: String,
}

pub fn run(args: ExistsArgs, ctx: &Context) -> anyhow::Result<i32> {
    match find(&ctx.paths.root, &ctx.paths.runroot, &args.container) {
        Ok(_) => Ok(0),
        Err(LookupError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
