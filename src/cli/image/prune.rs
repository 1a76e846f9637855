//! `rpod image prune`: remove dangling images (`-a`: all images no container uses), after
//! Podman's question (`-f` skips it).

use crate::cli::Context;
use crate::image::manage;
use crate::image::store::Store;
use clap::Args;

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove all images not in use, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(args: PruneArgs, ctx: &Context) -> anyhow::Result<i32> {
    let what = match args.all {
        true => "all images without at least one container associated with them",
        false => "all dangling images",
    };
    let question =
        format!("WARNING! This command removes {what}.\nAre you sure you want to continue?");
    if !args.force && !crate::cli::confirm(&question)? {
        return Ok(0);
    }
    let Some(store) = Store::open_existing(&ctx.paths.root, ctx.paths.root_origin) else {
        return Ok(0);
    };
    let used = crate::engine::container::usage::image_ids_in_use(&ctx.paths.root);
    let in_use = |img: &crate::image::store::index::ImageRecord| used.contains(img.id.hex());
    for img in manage::prune(&store, args.all, &in_use)? {
        println!("{}", img.id.hex());
    }
    Ok(0)
}
