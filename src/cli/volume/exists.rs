//! `rpod volume exists`: a status for scripts — 0 present, 1 absent.

use clap::Args;

use crate::cli::Context;
use crate::engine::volume::{read, VolumeError};

/// Check if a volume exists.
#[derive(Args, Debug)]
pub struct ExistsArgs {
    #[arg(value_name = "VOLUME")]
    pub name: String,
}

pub fn run(args: ExistsArgs, ctx: &Context) -> anyhow::Result<i32> {
    match read(&ctx.paths.root, &args.name) {
        Ok(_) => Ok(0),
        Err(VolumeError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
