//! `rpod system prune`: stopped containers, dangling images (`-a`: every image no container
//! uses) and with `--volumes` unused volumes removed, after Podman's question (`-f` skips it);
//! prints what went under Podman's headings and the space given back.

use clap::Args;

use super::df::human_size;
use crate::cli::Context;
use crate::engine::system::prune::prune;

/// Remove unused data.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove every image no container uses, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove the volumes no container uses too
    #[arg(long)]
    pub volumes: bool,
}

pub fn run(args: PruneArgs, ctx: &Context) -> anyhow::Result<i32> {
    if !args.force && !crate::cli::confirm(&question(&args))? {
        return Ok(0);
    }
    let pruned = prune(&ctx.paths, args.all, args.volumes)?;
    for (heading, items) in [
        ("Deleted Containers", &pruned.containers),
        ("Deleted Volumes", &pruned.volumes),
        ("Deleted Images", &pruned.images),
    ] {
        if !items.is_empty() {
            println!("{heading}");
            for item in items {
                println!("{item}");
            }
        }
    }
    println!("Total reclaimed space: {}", human_size(pruned.reclaimed));
    Ok(0)
}

/// Podman's warning, without the networks and build cache rpod does not have.
fn question(args: &PruneArgs) -> String {
    let mut text = String::from("WARNING! This command removes:\n\t- all stopped containers\n");
    if args.volumes {
        text.push_str("\t- all volumes not used by at least one container\n");
    }
    text.push_str(match args.all {
        true => "\t- all images without at least one container associated with them\n",
        false => "\t- all dangling images\n",
    });
    text + "\nAre you sure you want to continue?"
}
