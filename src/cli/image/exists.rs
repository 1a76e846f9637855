//! `rpod image exists`: a status for scripts — 0 present, 1 absent.

use crate::cli::Context;
use crate::image::store::Store;
use clap::Args;

#[derive(Debug, Args)]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn run(args: ExistsArgs, ctx: &Context) -> anyhow::Result<i32> {
    let found = match Store::open_existing(&ctx.paths.root, ctx.paths.root_origin) {
        Some(store) => store.index()?.find(&args.image).is_some(),
        None => false,
    };
    Ok(if found { 0 } else { 1 })
}
