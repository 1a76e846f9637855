//! `rpod stop`: each container's stop signal, then SIGKILL after the timeout; prints each
//! name as given.

use clap::Args;

use super::{for_each, names_or_all};
use crate::cli::Context;
use crate::engine::lifecycle::stop::stop;

/// Stop one or more containers.
#[derive(Args, Debug)]
pub struct StopArgs {
    /// Seconds to wait before killing the container (default: its --stop-timeout, 10)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Stop all running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Ignore errors when a container does not exist
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Containers to stop (names or IDs)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn run(args: StopArgs, ctx: &Context) -> anyhow::Result<i32> {
    let names = names_or_all(ctx, &args.containers, args.all, true)?;
    for_each(ctx, &names, args.ignore, |dir, name| {
        stop(&dir, args.time)?;
        println!("{name}");
        Ok(())
    })?;
    Ok(0)
}
