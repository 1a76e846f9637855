//! `rpod pause` and `rpod unpause` (see `engine::lifecycle::pause`).

use clap::Args;

use super::for_each;
use crate::cli::Context;
use crate::engine::lifecycle::pause::pause;

/// Pause or unpause one or more running containers.
#[derive(Args, Debug)]
pub struct PauseArgs {
    /// Containers (names or IDs)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: PauseArgs, ctx: &Context, freeze: bool) -> anyhow::Result<i32> {
    for_each(ctx, &args.containers, false, |dir, name| {
        pause(&dir, freeze)?;
        println!("{name}");
        Ok(())
    })?;
    Ok(0)
}
