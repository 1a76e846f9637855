//! `rpod rm`: containers removed (`-f`: stopped first); prints each name as given.

use clap::Args;

use super::{for_each, names_or_all};
use crate::cli::Context;
use crate::engine::lifecycle::remove::{remove, remove_with_volumes};

/// Remove one or more containers.
#[derive(Args, Debug)]
pub struct RmArgs {
    /// Stop a running container first (SIGKILL after --time)
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Remove all containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Ignore errors when a container does not exist
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Seconds to wait for a stop before killing the container (default: its --stop-timeout)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Remove the container's anonymous volumes too (its named volumes stay)
    #[arg(short = 'v', long)]
    pub volumes: bool,
    /// Containers to remove (names or IDs)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn run(args: RmArgs, ctx: &Context) -> anyhow::Result<i32> {
    let names = names_or_all(ctx, &args.containers, args.all, false)?;
    for_each(ctx, &names, args.ignore, |dir, name| {
        match args.volumes {
            true => remove_with_volumes(&ctx.paths.root, dir, args.force, args.time)?,
            false => remove(dir, args.force, args.time)?,
        }
        println!("{name}");
        Ok(())
    })?;
    Ok(0)
}
