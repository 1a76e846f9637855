//! `rpod volume rm`: volumes removed (`-f`: the containers using them first, as Podman does);
//! prints each name removed.

use clap::Args;

use crate::cli::Context;
use crate::engine::volume::{all, remove::remove, VolumeError};

/// Remove one or more volumes.
#[derive(Args, Debug)]
pub struct RmArgs {
    /// Remove the containers that use the volume first (stopping running ones)
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Remove all volumes
    #[arg(short = 'a', long)]
    pub all: bool,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

pub fn run(args: RmArgs, ctx: &Context) -> anyhow::Result<i32> {
    let names = if args.all {
        all(&ctx.paths.root)?.into_iter().map(|v| v.name).collect()
    } else {
        args.names
    };
    let mut last: Option<VolumeError> = None;
    for name in &names {
        match remove(&ctx.paths.root, &ctx.paths.runroot, name, args.force) {
            Ok(()) => println!("{name}"),
            Err(e) => {
                if let Some(prev) = last.replace(e) {
                    eprintln!("Error: {prev}");
                }
            }
        }
    }
    match last {
        None => Ok(0),
        // Podman's statuses: 1 for a volume that is not there, 2 for one in use.
        Some(e) => {
            let code = match e {
                VolumeError::NotFound(_) => 1,
                VolumeError::InUse { .. } => 2,
                _ => 125,
            };
            eprintln!("Error: {e}");
            Ok(code)
        }
    }
}
