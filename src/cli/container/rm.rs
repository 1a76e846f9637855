//! `rpod rm`: containers removed (`-f`: stopped first); prints each name as given. A name or
//! ID whose directory a killed rpod abandoned is removed too (see `container::abandoned`).

use clap::Args;

use super::{for_each_or, names_or_all};
use crate::cli::Context;
use crate::engine::container::abandoned;
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
    let (root, runroot) = (&ctx.paths.root, &ctx.paths.runroot);
    if args.all {
        abandoned::sweep(root, runroot)?;
    }
    let names = names_or_all(ctx, &args.containers, args.all, false)?;
    // A name (or ID) left to a directory a killed rpod abandoned: removed as a container.
    let left_behind = |name: &str| -> anyhow::Result<bool> {
        let removed = abandoned::remove_named(root, runroot, name)?;
        if removed {
            println!("{name}");
        }
        Ok(removed)
    };
    for_each_or(ctx, &names, args.ignore, left_behind, |dir, name| {
        match args.volumes {
            true => remove_with_volumes(&ctx.paths.root, dir, args.force, args.time)?,
            false => remove(dir, args.force, args.time)?,
        }
        println!("{name}");
        Ok(())
    })?;
    Ok(0)
}
