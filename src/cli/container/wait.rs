//! `rpod wait`: blocks until each container stops (or reaches `--condition`) and prints its
//! exit code, as Podman does.

use clap::Args;

use super::for_each;
use crate::cli::Context;
use crate::engine::lifecycle::wait::{wait, Condition};

/// Wait until one or more containers stop, and print their exit codes.
#[derive(Args, Debug)]
pub struct WaitArgs {
    /// The state to wait for: stopped (default) or exited, running, created, stopping
    #[arg(long, default_value = "stopped", value_name = "STATE")]
    pub condition: String,
    /// Ignore errors when a container does not exist
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Containers to wait for (names or IDs)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: WaitArgs, ctx: &Context) -> anyhow::Result<i32> {
    let condition = Condition::parse(&args.condition).ok_or_else(|| {
        anyhow::anyhow!(
            "invalid --condition {:?}: give stopped, exited, running, created or stopping",
            args.condition
        )
    })?;
    for_each(ctx, &args.containers, args.ignore, |dir, _| {
        println!("{}", wait(&dir, condition)?);
        Ok(())
    })?;
    Ok(0)
}
