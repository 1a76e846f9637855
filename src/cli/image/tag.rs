//! `rpod tag IMAGE TARGET...`: more names for a local image.

use crate::cli::Context;
use crate::image::manage;
use crate::image::store::Store;
use clap::Args;

#[derive(Debug, Args)]
pub struct TagArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
    #[arg(required = true, value_name = "TARGET")]
    pub targets: Vec<String>,
}

pub fn run(args: TagArgs, ctx: &Context) -> anyhow::Result<i32> {
    let Some(store) = Store::open_existing(&ctx.paths.root, ctx.paths.root_origin) else {
        anyhow::bail!("{}: image not known", args.image);
    };
    for target in &args.targets {
        manage::tag(&store, &args.image, target)?;
    }
    Ok(0)
}
