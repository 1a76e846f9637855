//! `rpod kill`: a signal to each running container's PID 1; prints each name as given.

use clap::Args;

use super::{for_each, names_or_all};
use crate::cli::Context;
use crate::engine::lifecycle::kill::kill;
use crate::spec::signal::parse_signal;

/// Send a signal to one or more running containers.
#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal to send (a name such as SIGTERM or TERM, or a number)
    #[arg(short = 's', long, default_value = "KILL", value_name = "SIGNAL")]
    pub signal: String,
    /// Signal all running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Containers to signal (names or IDs)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn run(args: KillArgs, ctx: &Context) -> anyhow::Result<i32> {
    let signal = parse_signal(&args.signal)?;
    let names = names_or_all(ctx, &args.containers, args.all, true)?;
    for_each(ctx, &names, false, |dir, name| {
        kill(&dir, signal)?;
        println!("{name}");
        Ok(())
    })?;
    Ok(0)
}
