//! `rpod rmi` / `rpod image rm`: remove names, and images once nothing names them.

use crate::cli::Context;
use crate::image::manage::{self, Removal};
use crate::image::store::Store;
use clap::Args;

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove the image even if it has other names
    #[arg(short, long)]
    pub force: bool,
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    pub images: Vec<String>,
}

pub fn run(args: RmArgs, ctx: &Context) -> anyhow::Result<i32> {
    let store = Store::open(&ctx.paths.root)?;
    let targets: Vec<String> = if args.all {
        store
            .index()?
            .images
            .iter()
            .map(|i| i.id.hex().to_string())
            .collect()
    } else {
        args.images.clone()
    };
    let mut failed = None;
    for target in &targets {
        match manage::remove(&store, target, args.force || args.all) {
            Ok(removals) => {
                for r in removals {
                    match r {
                        Removal::Untagged(name) => println!("Untagged: {name}"),
                        Removal::Deleted(img) => println!("Deleted: {}", img.id.hex()),
                    }
                }
            }
            Err(e) => {
                eprintln!("Error: {e}");
                failed = Some(e);
            }
        }
    }
    // Podman: 1 when an image was not found, 125 for other failures, after trying them all.
    Ok(match failed {
        None => 0,
        Some(manage::ManageError::Store(crate::image::store::StoreError::UnknownImage(_))) => 1,
        Some(_) => 125,
    })
}
