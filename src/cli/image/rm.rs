//! `rpod rmi` / `rpod image rm`: remove names, and images once nothing names them.

use crate::cli::Context;
use crate::engine::container::usage;
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
    let store = Store::open(&ctx.paths.root, ctx.paths.root_origin)?;
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
        let root = ctx.paths.root.clone();
        let force = args.force;
        // Stopped containers keep their image; -f removes them with it, as Podman does.
        let in_use = |img: &crate::image::store::index::ImageRecord| {
            let users = usage::containers_of(&root, img.id.hex());
            if force {
                users.iter().for_each(|c| {
                    let _ = usage::remove_stopped(&root, c);
                });
                return None;
            }
            users
                .first()
                .map(|c| format!("container {} ({})", &c.id[..12], c.name))
        };
        match manage::remove(&store, target, args.force || args.all, &in_use) {
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
    // Podman: 1 when an image was not found, 2 when a container uses it, 125 for other
    // failures, after trying them all.
    use crate::image::store::StoreError;
    Ok(match failed {
        None => 0,
        Some(manage::ManageError::Store(StoreError::UnknownImage(_))) => 1,
        Some(manage::ManageError::Store(StoreError::InUse { .. })) => 2,
        Some(_) => 125,
    })
}
